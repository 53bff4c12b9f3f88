import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { requireCaller, Role } from '@nusa/platform';
import { auditActor, Idempotent, parseId } from '@nusa/subgraph';
import { afterTransaction } from '../after-commit.js';
import type { KnowledgeContext } from '../context.js';
import { IngestDocumentInput } from './document.input.js';
import type { ChunkRecord } from './document.loaders.js';
import { deleteDocument } from './document.service.js';
import { KnowledgeChunk, KnowledgeDocument, MetadataEntry } from './document.type.js';
import { documentFromEntity, documentResult, type DocumentView } from './document.view.js';

@Resolver(() => KnowledgeDocument)
export class DocumentResolver {
  @Authorized()
  @Query(() => KnowledgeDocument, { nullable: true })
  async knowledgeDocument(@Arg('id', () => ID) id: string, @Ctx() { loaders }: KnowledgeContext): Promise<DocumentView | null> {
    return (await loaders.documentById.load(parseId(id))) ?? null;
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => KnowledgeDocument, { description: 'Chunks, embeds and indexes a document; the same source again replaces it.' })
  @UseMiddleware(Idempotent(documentResult))
  async ingestDocument(
    @Arg('input', () => IngestDocumentInput) input: IngestDocumentInput,
    @Ctx() context: KnowledgeContext,
  ): Promise<DocumentView> {
    const document = await context.ingest.ingest(context.em, {
      collection: input.collection,
      title: input.title,
      text: input.text,
      source: input.source ?? null,
      metadata: Object.fromEntries((input.metadata ?? []).map((entry) => [entry.key, entry.value])),
      actor: auditActor(requireCaller(context)),
      lastCheckedAt: input.checkedAt ?? undefined,
      validUntil: input.validUntil,
    });
    await afterTransaction(context.em, { committed: () => context.searches.invalidate() });
    return documentFromEntity(document);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => Boolean)
  @UseMiddleware(Idempotent())
  async deleteDocument(@Arg('id', () => ID) id: string, @Ctx() context: KnowledgeContext): Promise<boolean> {
    await deleteDocument(context.em, context.vectors, parseId(id), auditActor(requireCaller(context)));
    await afterTransaction(context.em, { committed: () => context.searches.invalidate() });
    return true;
  }

  @FieldResolver(() => [MetadataEntry])
  metadata(@Root() document: DocumentView): MetadataEntry[] {
    return Object.entries(document.metadata).map(([key, value]) => ({ key, value }));
  }

  @FieldResolver(() => [KnowledgeChunk], { description: 'In order.' })
  chunks(@Root() document: DocumentView, @Ctx() { loaders }: KnowledgeContext): Promise<ChunkRecord[]> {
    return loaders.chunksByDocument.load(document.id);
  }
}
