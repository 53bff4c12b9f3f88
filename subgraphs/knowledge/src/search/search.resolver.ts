import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { KnowledgeContext } from '../context.js';
import { searchRequest } from './search.request.js';
import { searchKnowledge, SearchMode } from './search.service.js';
import { KnowledgeFilter, KnowledgeHit } from './search.type.js';

@Resolver()
export class SearchResolver {
  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  @Authorized()
  @Query(() => [KnowledgeHit], { description: 'Passages that answer a question, best first, each with its citation.' })
  async searchKnowledge(
    @Ctx() context: KnowledgeContext,
    @Arg('filter', () => KnowledgeFilter, { nullable: true }) filter: KnowledgeFilter | null,
    @Arg('mode', () => SearchMode, { nullable: true }) mode: SearchMode | null,
    @Arg('limit', () => Int, { nullable: true, description: '1 to 50. Default 5.' }) limit: number | null,
    @Arg('collections', () => [String], { nullable: true, description: 'Default: every collection.' }) collections: string[] | null,
    @Arg('query', () => String) query: string,
  ): Promise<KnowledgeHit[]> {
    const request = await searchRequest(context, { query, collections, limit, mode, filter });
    const outcome = await context.searches.outcome(request, context.index.chromaCollection, () => searchKnowledge(context, request));
    context.warnings.push(...outcome.warnings);
    return outcome.hits;
  }
}
