import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { KnowledgeContext } from '../context.js';
import { collectionSummaries } from './collection.store.js';
import { KnowledgeCollection } from './collection.type.js';

@Resolver(() => KnowledgeCollection)
export class CollectionResolver {
  @Authorized()
  @Query(() => [KnowledgeCollection])
  knowledgeCollections(@Ctx() { em, reviewAfterDays }: KnowledgeContext): Promise<KnowledgeCollection[]> {
    return collectionSummaries(em, reviewAfterDays);
  }
}
