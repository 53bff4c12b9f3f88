import type { Embedder } from './embedder.js';
import type { EmbeddingConfig } from './embedding-config.js';
import { HostedEmbedder } from './hosted-embedder.js';
import { LocalEmbedder } from './local-embedder.js';

/** The embedder the settings choose: the offline one, or a hosted provider when its key is set. */
export function createEmbedder(config: EmbeddingConfig): Embedder {
  return config.provider === 'local' ? new LocalEmbedder(config.dimension) : new HostedEmbedder(config);
}
