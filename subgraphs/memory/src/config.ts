import {
  anthropicSettings,
  commonSettings,
  httpUrl,
  idempotencySettings,
  parseSettings,
  port,
  postgresUrl,
  redisUrl,
  resolveSecrets,
} from '@nusa/platform';

/** The memory service's validated settings. */
export interface MemoryConfig {
  port: number;
  databaseUrl: string;
  redisUrl: string | undefined;
  crmUrl: string;
  logLevel: string;
  internalSecret: string;
  /** Claude for fact extraction; null: the offline rules. */
  anthropic: { apiKey: string; baseUrl: string | undefined; model: string } | null;
  /** How long an Idempotency-Key's stored response answers retries (`IDEMPOTENCY_TTL_HOURS`, default 24). */
  idempotencyTtlMs: number;
}

export function loadMemoryConfig(env: NodeJS.ProcessEnv = process.env): MemoryConfig {
  const settings = parseSettings(
    {
      ...commonSettings,
      ...idempotencySettings,
      MEMORY_PORT: port(4002),
      DATABASE_URL: postgresUrl(),
      REDIS_URL: redisUrl(),
      CRM_URL: httpUrl().default('http://localhost:4001/graphql'),
      ...anthropicSettings,
    },
    env,
  );
  return {
    port: settings.MEMORY_PORT,
    databaseUrl: settings.DATABASE_URL,
    redisUrl: settings.REDIS_URL,
    crmUrl: settings.CRM_URL,
    logLevel: settings.LOG_LEVEL,
    internalSecret: resolveSecrets(settings).internalSecret,
    idempotencyTtlMs: settings.IDEMPOTENCY_TTL_HOURS * 3_600_000,
    anthropic: settings.ANTHROPIC_API_KEY
      ? { apiKey: settings.ANTHROPIC_API_KEY, baseUrl: settings.ANTHROPIC_BASE_URL, model: settings.ANTHROPIC_MODEL }
      : null,
  };
}
