import { z } from 'zod';
import { ConfigError, httpUrl } from '@nusa/platform';

/** Which embedder makes the vectors, and how to reach it. */
export type EmbeddingConfig =
  | { provider: 'local'; dimension: number }
  | {
      provider: 'openai' | 'voyage';
      model: string;
      dimension: number;
      /** Whether to ask the API for `dimension` (set only when EMBEDDING_DIMENSION was given: older models refuse the parameter). */
      requestDimension: boolean;
      apiKey: string;
      baseUrl: string;
    };

/** Each provider's API, default model and the dimensions of the models we know. */
const PROVIDERS = {
  openai: {
    keyVariable: 'OPENAI_API_KEY',
    baseUrl: 'https://api.openai.com/v1',
    model: 'text-embedding-3-small',
    dimensions: { 'text-embedding-3-small': 1536, 'text-embedding-3-large': 3072, 'text-embedding-ada-002': 1536 } as Record<
      string,
      number
    >,
  },
  voyage: {
    keyVariable: 'VOYAGE_API_KEY',
    baseUrl: 'https://api.voyageai.com/v1',
    model: 'voyage-3.5',
    dimensions: { 'voyage-3.5': 1024, 'voyage-3.5-lite': 1024, 'voyage-3-large': 1024, 'voyage-3': 1024, 'voyage-3-lite': 512 } as Record<
      string,
      number
    >,
  },
} as const;

/** The settings {@link embeddingConfig} reads. */
export const embeddingSettings = {
  EMBEDDING_PROVIDER: z.enum(['local', 'openai', 'voyage'], { error: 'must be local, openai or voyage' }).default('local'),
  EMBEDDING_MODEL: z.string().min(1).max(80).optional(),
  EMBEDDING_DIMENSION: z.coerce.number().int().min(8).max(8192).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: httpUrl().optional(),
  VOYAGE_API_KEY: z.string().min(1).optional(),
  VOYAGE_BASE_URL: httpUrl().optional(),
};

type EmbeddingSettings = z.infer<z.ZodObject<typeof embeddingSettings>>;

/** The embedder settings, or a one-line {@link ConfigError} naming what is missing. */
export function embeddingConfig(settings: EmbeddingSettings): EmbeddingConfig {
  const provider = settings.EMBEDDING_PROVIDER;
  if (provider === 'local') return { provider, dimension: settings.EMBEDDING_DIMENSION ?? 1024 };
  const known = PROVIDERS[provider];
  const apiKey = provider === 'openai' ? settings.OPENAI_API_KEY : settings.VOYAGE_API_KEY;
  if (!apiKey)
    throw new ConfigError(`EMBEDDING_PROVIDER=${provider} needs ${known.keyVariable}; unset EMBEDDING_PROVIDER for the offline embedder`);
  const model = settings.EMBEDDING_MODEL ?? known.model;
  const dimension = settings.EMBEDDING_DIMENSION ?? known.dimensions[model];
  if (!dimension)
    throw new ConfigError(`EMBEDDING_DIMENSION is required for ${provider} model ${model} (its vector length is not known here)`);
  const baseUrl = (provider === 'openai' ? settings.OPENAI_BASE_URL : settings.VOYAGE_BASE_URL) ?? known.baseUrl;
  return {
    provider,
    model,
    dimension,
    requestDimension: settings.EMBEDDING_DIMENSION !== undefined,
    apiKey,
    baseUrl: baseUrl.replace(/\/+$/, ''),
  };
}
