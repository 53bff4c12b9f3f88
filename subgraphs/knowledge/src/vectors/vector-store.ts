import { ChromaClient, type Collection } from 'chromadb';

/** A vector found for a query: the chunk id and its cosine distance. */
export interface VectorHit {
  id: string;
  distance: number;
}

/** The vectors of every knowledge collection, one Chroma collection each (`kb_<name>`). */
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

  private collection(name: string): Promise<Collection> {
    let handle = this.handles.get(name);
    if (!handle) {
      // We pass our own embeddings, so Chroma needs no embedding function of its own.
      handle = this.client.getOrCreateCollection({
        name: `kb_${name}`,
        embeddingFunction: null,
        configuration: { hnsw: { space: 'cosine' } },
      });
      handle.catch(() => this.handles.delete(name));
      this.handles.set(name, handle);
    }
    return handle;
  }

  async upsert(collection: string, records: { id: string; embedding: number[]; documentId: string }[]): Promise<void> {
    if (records.length === 0) return;
    await (
      await this.collection(collection)
    ).upsert({
      ids: records.map((record) => record.id),
      embeddings: records.map((record) => record.embedding),
      metadatas: records.map((record) => ({ documentId: record.documentId })),
    });
  }

  async delete(collection: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await (await this.collection(collection)).delete({ ids });
  }

  async query(collection: string, embedding: number[], limit: number): Promise<VectorHit[]> {
    const result = await (
      await this.collection(collection)
    ).query({ queryEmbeddings: [embedding], nResults: limit, include: ['distances'] as never });
    const ids = result.ids[0] ?? [];
    const distances = result.distances?.[0] ?? [];
    return ids.map((id, i) => ({ id, distance: distances[i] ?? 1 }));
  }

  async heartbeat(): Promise<void> {
    await this.client.heartbeat();
  }
}
