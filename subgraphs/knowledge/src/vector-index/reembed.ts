import type { EntityManager } from '@mikro-orm/postgresql';
import { COLLECTIONS } from '../collection/collection.store.js';
import { passageForEmbedding, type Embedder } from '../embedding/embedder.js';
import { VectorIndexEntity } from './vector-index.entity.js';
import { newIndexName, type VectorIndex } from './vector-index.js';
import type { VectorRecord, VectorStore } from './vector-store.js';

/** Progress of a re-embed, reported after every batch. */
export interface ReembedProgress {
  done: number;
  total: number;
}

export interface ReembedSummary {
  chunks: number;
  previous: string | undefined;
  index: VectorIndex;
  /** Old Chroma collections that could not be dropped (the switch is made; they only take space). */
  leftovers: string[];
}

interface ChunkRow {
  id: string;
  title: string;
  headingPath: string[];
  text: string;
  collection: string;
  documentId: string;
  metadata: Record<string, string>;
}

const CHUNK_COLUMNS = `c.id, c.title, c.heading_path as "headingPath", c.text, c.collection, c.document_id as "documentId", d.metadata
   from knowledge_chunk c join knowledge_document d on d.id = c.document_id`;

async function embedInto(vectors: VectorStore, embedder: Embedder, index: string, rows: ChunkRow[]): Promise<void> {
  const embeddings = await embedder.embed(rows.map(passageForEmbedding), 'document');
  const records: VectorRecord[] = rows.map((row, i) => ({ ...row, embedding: embeddings[i] ?? [] }));
  await vectors.upsert(index, records);
}

/**
 * Rebuilds every chunk's vector with `embedder` into a new Chroma collection, then switches the
 * knowledge base to it and drops the old one. Searches keep using the old index until the switch;
 * the switch waits for ingests in flight (they hold the index row) and embeds the chunks they added,
 * so no chunk is left without a vector and no two embedders' vectors ever share an index. If
 * anything fails before the switch, the new collection is dropped and nothing has changed.
 */
export async function reembed(
  em: EntityManager,
  vectors: VectorStore,
  embedder: Embedder,
  options: { batchSize?: number; onProgress?: (progress: ReembedProgress) => void | Promise<void> } = {},
): Promise<ReembedSummary> {
  const batchSize = options.batchSize ?? 128;
  const connection = em.getConnection();
  const index: VectorIndex = { chromaCollection: newIndexName(embedder), embedder: embedder.name, dimension: embedder.dimension };
  const [{ total } = { total: 0 }] = await connection.execute<{ total: number }[]>('select count(*)::int as total from knowledge_chunk');
  const embedded = new Set<string>();
  let switched: { previous: string | undefined; chunks: number };
  try {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await connection.execute<ChunkRow[]>(`select ${CHUNK_COLUMNS} where c.id > ? order by c.id limit ?`, [after, batchSize]);
      if (rows.length === 0) break;
      await embedInto(vectors, embedder, index.chromaCollection, rows);
      for (const row of rows) embedded.add(row.id);
      after = rows[rows.length - 1]?.id ?? after;
      await options.onProgress?.({ done: embedded.size, total: Math.max(total, embedded.size) });
    }
    switched = await em.transactional(async (tx) => {
      // Waits for ingests in flight, and holds new ones until the switch is made.
      await tx.execute('lock table knowledge_vector_index in exclusive mode');
      const current = new Set((await tx.execute<{ id: string }[]>('select id from knowledge_chunk')).map((row) => row.id));
      const added = [...current].filter((id) => !embedded.has(id));
      for (let i = 0; i < added.length; i += batchSize) {
        const rows = await tx.execute<ChunkRow[]>(`select ${CHUNK_COLUMNS} where c.id in (?)`, [added.slice(i, i + batchSize)]);
        await embedInto(vectors, embedder, index.chromaCollection, rows);
      }
      await vectors.delete(
        index.chromaCollection,
        [...embedded].filter((id) => !current.has(id)),
      );
      // Read before the upsert, which updates the same managed entity.
      const previous = (await tx.findOne(VectorIndexEntity, { id: 1 }))?.chromaCollection;
      await tx.upsert(VectorIndexEntity, { id: 1, ...index, createdAt: new Date() });
      return { previous, chunks: current.size };
    });
  } catch (error) {
    await vectors.drop(index.chromaCollection).catch(() => undefined);
    throw error;
  }
  // The old index, and the per-collection layout of earlier versions, hold nothing searched any more.
  const leftovers = [switched.previous, ...COLLECTIONS.map((collection) => `kb_${collection.name}`)];
  const kept: string[] = [];
  for (const name of leftovers.filter((name) => name !== undefined)) {
    await vectors.drop(name).catch(() => kept.push(name));
  }
  return { ...switched, index, leftovers: kept };
}
