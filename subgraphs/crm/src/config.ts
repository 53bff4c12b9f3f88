import { z } from 'zod';
import {
  commonSettings,
  ConfigError,
  idempotencySettings,
  parseSettings,
  port,
  postgresUrl,
  redisUrl,
  resolveSecrets,
} from '@nusa/platform';

const DEV_ADMIN = { email: 'admin@localhost', password: 'admin' };

const booleanish = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** The CRM service's validated settings. */
export interface CrmConfig {
  port: number;
  databaseUrl: string;
  production: boolean;
  logLevel: string;
  jwtSecret: string;
  internalSecret: string;
  sessionTtlSeconds: number;
  /** Redis for revocation markers the gateway checks per request; unset: revocations live in PostgreSQL only. */
  redisUrl: string | undefined;
  /** The first admin, created when the database has no team member yet; none in production unless configured. */
  initialAdmin: { email: string; password: string } | null;
  seedDemoData: boolean;
  /** How long an Idempotency-Key's stored response answers retries (`IDEMPOTENCY_TTL_HOURS`, default 24). */
  idempotencyTtlMs: number;
}

export function loadCrmConfig(env: NodeJS.ProcessEnv = process.env): CrmConfig {
  const settings = parseSettings(
    {
      ...commonSettings,
      ...idempotencySettings,
      CRM_PORT: port(4001),
      DATABASE_URL: postgresUrl(),
      SESSION_TTL_HOURS: z.coerce
        .number()
        .positive()
        .max(24 * 30)
        .default(12),
      ADMIN_EMAIL: z
        .string()
        .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address')
        .optional(),
      ADMIN_PASSWORD: z.string().min(1).optional(),
      SEED_DEMO_DATA: booleanish.optional(),
      REDIS_URL: redisUrl(),
    },
    env,
  );
  const production = settings.NODE_ENV === 'production';
  const secrets = resolveSecrets(settings);
  let initialAdmin: CrmConfig['initialAdmin'] = null;
  if (settings.ADMIN_EMAIL && settings.ADMIN_PASSWORD) {
    initialAdmin = { email: settings.ADMIN_EMAIL.toLowerCase(), password: settings.ADMIN_PASSWORD };
  } else if (!production) {
    initialAdmin = DEV_ADMIN;
  }
  if (production && initialAdmin && initialAdmin.password.length < 12) {
    throw new ConfigError('ADMIN_PASSWORD must be at least 12 characters when NODE_ENV=production');
  }
  return {
    port: settings.CRM_PORT,
    databaseUrl: settings.DATABASE_URL,
    production,
    logLevel: settings.LOG_LEVEL,
    ...secrets,
    sessionTtlSeconds: Math.round(settings.SESSION_TTL_HOURS * 3600),
    redisUrl: settings.REDIS_URL,
    initialAdmin,
    seedDemoData: settings.SEED_DEMO_DATA ?? !production,
    idempotencyTtlMs: settings.IDEMPOTENCY_TTL_HOURS * 3_600_000,
  };
}
