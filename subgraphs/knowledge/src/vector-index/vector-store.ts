import { ChromaClient, ChromaNotFoundError, type Collection, type Where } from 'chromadb';

/** A vector found for a query: the chunk id and its cosine distance. */
export interface VectorHit {
  id: string;
  distance: number;
}

/** A chunk's vector, with what a search may filter it by. */
export interface VectorRecord {
  id: string;
  embedding: number[];
  documentId: string;
  collection: string;
  /** The document's metadata, filterable as `meta.<key>`. */
  metadata: Record<string, string>;
}

/** What a vector search is restricted to: the same scope as the keyword side. */
export interface VectorFilter {
  /** Collections to search; undefined: all of them. */
  collections: string[] | undefined;
  /** Document metadata every hit must carry; empty: no restriction. */
  metadata: Record<string, string>;
}

/** Document metadata keys are prefixed so that none can shadow `collection` or `documentId`. */
const META = 'meta.';

function whereOf(filter: VectorFilter): Where | undefined {
  const conditions: Where[] = [];
  if (filter.collections)
    conditions.push({ collection: filter.collections.length === 1 ? filter.collections[0] : { $in: filter.collections } } as Where);
  for (const [key, value] of Object.entries(filter.metadata)) conditions.push({ [`${META}${key}`]: value });
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { $and: conditions };
}

/**
 * Chroma, through its HTTP client. Every knowledge collection's vectors live in one Chroma
 * collection (an "index"), each vector tagged with its knowledge collection and its document's
 * metadata: a search over every collection is one Chroma query, where six took four times as long.
 */
export class VectorStore {
  private readonly client: ChromaClient;
  private readonly handles = new Map<string, Promise<Collection>>();

  constructor(url: string) {
    const { hostname, port, protocol } = new URL(url);
    this.client = new ChromaClient({
      host: hostname,
      port: Number(port || (protocol === 'https:' ? 443 : 80)),
      ssl: protocol === 'https:',
    });
  }

  private collection(index: string): Promise<Collection> {
    let handle = this.handles.get(index);
    if (!handle) {
      // We pass our own embeddings, so Chroma needs no embedding function of its own.
      handle = this.client.getOrCreateCollection({ name: index, embeddingFunction: null, configuration: { hnsw: { space: 'cosine' } } });
      handle.catch(() => this.handles.delete(index));
      this.handles.set(index, handle);
    }
    return handle;
  }

  async upsert(index: string, records: VectorRecord[]): Promise<void> {
    if (records.length === 0) return;
    await (
      await this.collection(index)
    ).upsert({
      ids: records.map((record) => record.id),
      embeddings: records.map((record) => record.embedding),
      metadatas: records.map((record) => ({
        documentId: record.documentId,
        collection: record.collection,
        ...Object.fromEntries(Object.entries(record.metadata).map(([key, value]) => [`${META}${key}`, value])),
      })),
    });
  }

  async delete(index: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await (await this.collection(index)).delete({ ids });
  }

  async query(index: string, embedding: number[], limit: number, filter: VectorFilter): Promise<VectorHit[]> {
    const where = whereOf(filter);
    const result = await (
      await this.collection(index)
    ).query({ queryEmbeddings: [embedding], nResults: limit, include: ['distances'] as never, ...(where ? { where } : {}) });
    const ids = result.ids[0] ?? [];
    const distances = result.distances?.[0] ?? [];
    return ids.map((id, i) => ({ id, distance: distances[i] ?? 1 }));
  }

  /** The ids of the vectors in `index`, for the re-embed's final reconciliation. */
  async ids(index: string): Promise<string[]> {
    const collection = await this.collection(index);
    const ids: string[] = [];
    for (let offset = 0; ; offset += 5000) {
      const page = await collection.get({ limit: 5000, offset, include: [] as never });
      ids.push(...page.ids);
      if (page.ids.length < 5000) return ids;
    }
  }

  /** Removes a whole index; one that does not exist is already removed. */
  async drop(index: string): Promise<void> {
    this.handles.delete(index);
    await this.client.deleteCollection({ name: index }).catch((error: unknown) => {
      if (!(error instanceof ChromaNotFoundError || (error instanceof Error && /does not exist|not found/i.test(error.message))))
        throw error;
    });
  }

  async heartbeat(): Promise<void> {
    await this.client.heartbeat();
  }
}
