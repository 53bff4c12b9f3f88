/** Whether texts are passages to store or a question to search with (some providers embed them differently). */
export type EmbeddingPurpose = 'document' | 'query';

/** Turns texts into vectors. One implementation per provider; the name and dimension are stored with the vector index. */
export interface Embedder {
  /** Identifies the model and its settings, for example `local-hash-v1-1024`; vectors of different names never mix. */
  readonly name: string;
  readonly dimension: number;
  /** One vector per text, in order. Default purpose: `document`. */
  embed(texts: string[], purpose?: EmbeddingPurpose): Promise<number[][]>;
}

/** What is embedded for a chunk: its document's title and headings give a short passage its context. */
export function passageForEmbedding(passage: { title: string; headingPath: string[]; text: string }): string {
  return [passage.title, ...passage.headingPath, passage.text].join('\n');
}
