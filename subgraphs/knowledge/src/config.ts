import { join } from 'node:path';
import { z } from 'zod';
import { commonSettings, httpUrl, idempotencySettings, parseSettings, port, postgresUrl, redisUrl, resolveSecrets } from '@nusa/platform';
import { DEFAULT_REVIEW_AFTER_DAYS } from './document/freshness.js';
import { embeddingConfig, embeddingSettings, type EmbeddingConfig } from './embedding/embedding-config.js';

/** The knowledge service's validated settings. */
export interface KnowledgeConfig {
  port: number;
  databaseUrl: string;
  redisUrl: string | undefined;
  /** A Chroma server to use; unset: start one from the chromadb package with its data under `dataDir`. */
  chromaUrl: string | undefined;
  chromaPort: number;
  dataDir: string;
  /** Where a private glibc for Chroma is kept on machines whose own is too old. */
  glibcDir: string;
  embedding: EmbeddingConfig;
  seedDir: string;
  /** A document not checked for this many days needs review (`KNOWLEDGE_REVIEW_AFTER_DAYS`, default 365). */
  reviewAfterDays: number;
  logLevel: string;
  internalSecret: string;
  /** How long an Idempotency-Key's stored response answers retries (`IDEMPOTENCY_TTL_HOURS`, default 24). */
  idempotencyTtlMs: number;
}

export function loadKnowledgeConfig(env: NodeJS.ProcessEnv = process.env): KnowledgeConfig {
  const settings = parseSettings(
    {
      ...commonSettings,
      ...idempotencySettings,
      KNOWLEDGE_PORT: port(4003),
      DATABASE_URL: postgresUrl(),
      REDIS_URL: redisUrl(),
      CHROMA_URL: httpUrl().optional(),
      CHROMA_PORT: port(8000),
      DATA_DIR: z
        .string()
        .min(1)
        .default(join(__dirname, '..', '..', '..', '.data')),
      GLIBC_DIR: z.string().min(1).optional(),
      KNOWLEDGE_REVIEW_AFTER_DAYS: z.coerce.number().int().min(1).max(36_500).default(DEFAULT_REVIEW_AFTER_DAYS),
      ...embeddingSettings,
    },
    env,
  );
  return {
    port: settings.KNOWLEDGE_PORT,
    databaseUrl: settings.DATABASE_URL,
    redisUrl: settings.REDIS_URL,
    chromaUrl: settings.CHROMA_URL,
    chromaPort: settings.CHROMA_PORT,
    dataDir: settings.DATA_DIR,
    glibcDir: settings.GLIBC_DIR ?? join(settings.DATA_DIR, 'glibc'),
    embedding: embeddingConfig(settings),
    seedDir: join(__dirname, '..', 'seed'),
    reviewAfterDays: settings.KNOWLEDGE_REVIEW_AFTER_DAYS,
    logLevel: settings.LOG_LEVEL,
    internalSecret: resolveSecrets(settings).internalSecret,
    idempotencyTtlMs: settings.IDEMPOTENCY_TTL_HOURS * 3_600_000,
  };
}
