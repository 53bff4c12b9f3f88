/** Turns texts into vectors. One implementation per provider; the name and dimension are stored with every collection. */
export interface Embedder {
  /** Identifies the model and its settings, for example `local-hash-v1`; vectors of different names never mix. */
  readonly name: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<number[][]>;
}
