import { createHash } from 'node:crypto';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, notFound, Role } from '@nusa/platform';
import { parseId } from '@nusa/subgraph';
import { ChunkEntity } from '../document/chunk.entity.js';
import { DocumentEntity } from '../document/document.entity.js';
import { searchKnowledge, SearchMode, type SearchOutcome } from '../search/search.js';
import type { KnowledgeContext } from './context.js';
import {
  IngestDocumentInput,
  KnowledgeChunk,
  KnowledgeCollection,
  KnowledgeDocument,
  KnowledgeFilter,
  KnowledgeHit,
  MetadataEntry,
} from './knowledge.type.js';

const MAX_QUERY_CHARS = 1000;
const MAX_LIMIT = 50;
const MAX_FILTER_ENTRIES = 10;
const CACHE_TTL_SECONDS = 600;
const VERSION_KEY = 'kb:version';

async function cacheVersion(context: KnowledgeContext): Promise<string> {
  return (await context.cache.get(VERSION_KEY)) ?? '0';
}

/** Every ingest and delete moves the version on, so no cached search outlives a change. */
async function invalidateSearches(context: KnowledgeContext): Promise<void> {
  await context.cache.set(VERSION_KEY, `${Date.now()}-${Math.random().toString(36).slice(2)}`, 30 * 24 * 3600);
}

/**
 * The collections a search is scoped to, all known; undefined (every collection) when none or all
 * of them are named. An unknown name is looked up again before it is refused: another process may
 * have created it.
 */
async function checkedScope(context: KnowledgeContext, scope: string[] | undefined): Promise<string[] | undefined> {
  if (!scope) return undefined;
  let known = await context.collectionNames.list(context.em);
  if (scope.some((name) => !known.includes(name))) known = await context.collectionNames.list(context.em, { refresh: true });
  const unknown = scope.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw badUserInput('collections', `unknown collection ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return scope.length === known.length ? undefined : scope;
}

/** The metadata a filter asks for, as one object with its keys in order (the cache key depends on it). */
function checkedMetadata(filter: KnowledgeFilter | null): Record<string, string> {
  const entries = filter?.metadata ?? [];
  if (entries.length > MAX_FILTER_ENTRIES)
    throw badUserInput('filter.metadata', `at most ${MAX_FILTER_ENTRIES} entries, got ${entries.length}`);
  const metadata: Record<string, string> = {};
  for (const { key, value } of [...entries].sort((a, b) => a.key.localeCompare(b.key))) {
    if (!/^[\w.-]{1,64}$/.test(key))
      throw badUserInput(
        'filter.metadata.key',
        `must be 1 to 64 letters, digits, dots, dashes or underscores, got ${JSON.stringify(key.slice(0, 80))}`,
      );
    if (value.length > 500) throw badUserInput('filter.metadata.value', `must be at most 500 characters, got ${value.length}`);
    if (key in metadata && metadata[key] !== value) throw badUserInput('filter.metadata', `${key} is given two different values`);
    metadata[key] = value;
  }
  return metadata;
}

@Resolver(() => KnowledgeDocument)
export class KnowledgeResolver {
  @Authorized()
  @Query(() => [KnowledgeCollection])
  async knowledgeCollections(@Ctx() { em }: KnowledgeContext): Promise<KnowledgeCollection[]> {
    const rows = await em
      .getConnection()
      .execute<{ name: string; description: string; embedder: string; documents: string; chunks: string }[]>(
        `select c.name, c.description, coalesce((select embedder from knowledge_vector_index), 'none') as embedder,
              (select count(*) from knowledge_document d where d.collection_name = c.name) as documents,
              (select count(*) from knowledge_chunk k where k.collection = c.name) as chunks
         from knowledge_collection c order by c.name`,
      );
    return rows.map((row) => ({
      name: row.name,
      description: row.description,
      embedder: row.embedder,
      documentCount: Number(row.documents),
      chunkCount: Number(row.chunks),
    }));
  }

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
    const text = query.trim();
    if (!text) throw badUserInput('query', 'must not be empty');
    if (text.length > MAX_QUERY_CHARS) throw badUserInput('query', `must be at most ${MAX_QUERY_CHARS} characters, got ${text.length}`);
    const size = limit ?? 5;
    if (!Number.isInteger(size) || size < 1 || size > MAX_LIMIT)
      throw badUserInput('limit', `must be between 1 and ${MAX_LIMIT}, got ${size}`);
    const scope = collections && collections.length > 0 ? [...new Set(collections)].sort() : undefined;
    const request = {
      query: text,
      collections: await checkedScope(context, scope),
      metadata: checkedMetadata(filter),
      limit: size,
      mode: mode ?? SearchMode.HYBRID,
    };
    // A new vector index (after kb:reembed) ranks differently: its name is part of the key.
    const digest = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const key = `kb:search:${await cacheVersion(context)}:${context.index.chromaCollection}:${digest}`;
    const cached = await context.cache.get(key);
    if (cached) return (JSON.parse(cached) as SearchOutcome).hits;
    const outcome = await searchKnowledge(context, request);
    context.warnings.push(...outcome.warnings);
    // A degraded answer is not cached: the next search should try the vectors again.
    if (outcome.warnings.length === 0) await context.cache.set(key, JSON.stringify(outcome), CACHE_TTL_SECONDS);
    return outcome.hits;
  }

  @Authorized()
  @Query(() => KnowledgeDocument, { nullable: true })
  async knowledgeDocument(@Arg('id', () => ID) id: string, @Ctx() { em }: KnowledgeContext): Promise<DocumentEntity | null> {
    return em.findOne(DocumentEntity, { id: parseId(id) });
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => KnowledgeDocument, { description: 'Chunks, embeds and indexes a document; the same source again replaces it.' })
  async ingestDocument(
    @Arg('input', () => IngestDocumentInput) input: IngestDocumentInput,
    @Ctx() context: KnowledgeContext,
  ): Promise<DocumentEntity> {
    const metadata = Object.fromEntries((input.metadata ?? []).map((entry) => [entry.key, entry.value]));
    const document = await context.documents.ingest(context.em, {
      collection: input.collection,
      title: input.title,
      text: input.text,
      source: input.source ?? null,
      metadata,
    });
    await invalidateSearches(context);
    return document;
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => Boolean)
  async deleteDocument(@Arg('id', () => ID) id: string, @Ctx() context: KnowledgeContext): Promise<boolean> {
    await context.documents.delete(context.em, parseId(id));
    await invalidateSearches(context);
    return true;
  }

  @FieldResolver(() => String)
  collection(@Root() document: DocumentEntity): string {
    return document.collection.unwrap().name;
  }

  @FieldResolver(() => [MetadataEntry])
  metadata(@Root() document: DocumentEntity): MetadataEntry[] {
    return Object.entries(document.metadata).map(([key, value]) => ({ key, value }));
  }

  @FieldResolver(() => [KnowledgeChunk], { description: 'In order.' })
  chunks(@Root() document: DocumentEntity, @Ctx() { em }: KnowledgeContext): Promise<ChunkEntity[]> {
    return em.find(ChunkEntity, { document: document.id }, { orderBy: { chunkIndex: 'asc' } });
  }
}

export async function resolveKnowledgeDocumentReference(reference: { id: string }, context: KnowledgeContext): Promise<DocumentEntity> {
  const document = await context.em.findOne(DocumentEntity, { id: parseId(reference.id) });
  if (!document) throw notFound('KnowledgeDocument', reference.id);
  return document;
}
