import type { Embedder } from '../embedding/embedder.js';
import type { VectorIndex } from '../vector-index/vector-index.js';
import type { VectorStore } from '../vector-index/vector-store.js';
import type { KeywordScope } from './keyword-ranking.js';

/** What the vector side reads from. */
export interface VectorSearchDependencies {
  vectors: VectorStore;
  index: VectorIndex;
  embedder: Embedder;
}

/** The vector side's ranking, or what the caller is told when it cannot be had. */
export type VectorRanking = { ids: string[] } | { unavailable: string; error: unknown };

/**
 * Chunk ids ranked by the similarity of their vectors (Chroma) to the question's, best first, within
 * `scope`. A failure of the embedding provider or of Chroma is returned, not thrown: the search then
 * serves keyword results and says why.
 */
export async function vectorRanking(
  { vectors, index, embedder }: VectorSearchDependencies,
  query: string,
  scope: KeywordScope,
  limit: number,
): Promise<VectorRanking> {
  let embedding: number[];
  try {
    [embedding = []] = await embedder.embed([query], 'query');
  } catch (error) {
    return { unavailable: 'The embedding provider is unavailable; these are keyword results only.', error };
  }
  try {
    const hits = await vectors.query(index.chromaCollection, embedding, limit, {
      collections: scope.collections,
      metadata: scope.metadata,
    });
    return { ids: hits.map((hit) => hit.id) };
  } catch (error) {
    return { unavailable: 'The vector index is unavailable; these are keyword results only.', error };
  }
}
