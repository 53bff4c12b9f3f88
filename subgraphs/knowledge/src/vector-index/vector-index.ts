import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfigError } from '@nusa/platform';
import { ChunkEntity } from '../document/chunk.entity.js';
import type { Embedder } from '../embedding/embedder.js';
import { VectorIndexEntity } from './vector-index.entity.js';
import type { VectorStore } from './vector-store.js';

/** The vector index a service searches: its Chroma collection, and the embedder that made its vectors. */
export interface VectorIndex {
  chromaCollection: string;
  embedder: string;
  dimension: number;
}

/** A new, unique Chroma collection name for `embedder`'s vectors (Chroma allows letters, digits, `.`, `_`, `-`). */
export function newIndexName(embedder: Embedder): string {
  const slug = embedder.name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `kb_${slug.slice(0, 160)}_${Date.now().toString(36)}`;
}

/**
 * The index this service may use with `embedder`, checked once at start. A knowledge base whose
 * vectors were made by another embedder (or another dimension) is refused with the command that
 * fixes it, never mixed; an empty one is simply bound to `embedder`.
 */
export async function openVectorIndex(em: EntityManager, embedder: Embedder, vectors: VectorStore): Promise<VectorIndex> {
  const current = await em.findOne(VectorIndexEntity, { id: 1 });
  if (current?.embedder === embedder.name && current.dimension === embedder.dimension) return current;
  const chunks = await em.count(ChunkEntity, {});
  if (chunks > 0) {
    throw new ConfigError(
      current
        ? `The knowledge base's ${chunks} chunks were embedded by ${current.embedder} (${current.dimension} dimensions), ` +
            `but EMBEDDING_PROVIDER gives ${embedder.name} (${embedder.dimension}): run npm run kb:reembed -w @nusa/knowledge to re-embed them, ` +
            'or set EMBEDDING_PROVIDER back.'
        : `The knowledge base's ${chunks} chunks have vectors from before the single vector index: run npm run kb:reembed -w @nusa/knowledge once.`,
    );
  }
  const previous = current?.chromaCollection;
  const index = { chromaCollection: newIndexName(embedder), embedder: embedder.name, dimension: embedder.dimension };
  await em.upsert(VectorIndexEntity, { id: 1, ...index, createdAt: new Date() });
  // The previous index holds no chunk's vector; if Chroma cannot drop it now, an empty leftover is harmless.
  if (previous) await vectors.drop(previous).catch(() => undefined);
  return index;
}
