import { z } from 'zod';
import { commonSettings, parseSettings, port, resolveSecrets } from '@nusa/shared';

/** The memory service's validated settings. */
export interface MemoryConfig {
  port: number;
  databaseUrl: string;
  redisUrl: string | undefined;
  crmUrl: string;
  logLevel: string;
  internalSecret: string;
}

export function loadMemoryConfig(env: NodeJS.ProcessEnv = process.env): MemoryConfig {
  const settings = parseSettings(
    {
      ...commonSettings,
      MEMORY_PORT: port(4002),
      DATABASE_URL: z.string({ error: 'is required (a postgres:// URL)' }).regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
      REDIS_URL: z
        .string()
        .regex(/^rediss?:\/\//, 'must be a redis:// URL')
        .optional(),
      CRM_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:4001/graphql'),
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
  };
}
