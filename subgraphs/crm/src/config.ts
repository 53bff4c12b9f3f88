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
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhook/webhook.dispatcher.js';

const DEV_ADMIN = { email: 'admin@localhost', password: 'admin' };

const booleanish = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const positiveInteger = (max: number) => z.coerce.number().int().positive().max(max);
const HOUR_SECONDS = 3600;

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
  /** How partner webhooks are sent (`WEBHOOK_*`). */
  webhooks: WebhookSettings;
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
      WEBHOOK_DELIVERY: booleanish.optional(),
      WEBHOOK_POLL_INTERVAL_MS: positiveInteger(60_000).optional(),
      WEBHOOK_TIMEOUT_MS: positiveInteger(60_000).optional(),
      WEBHOOK_RETRY_INITIAL_SECONDS: positiveInteger(HOUR_SECONDS).optional(),
      WEBHOOK_RETRY_MAX_SECONDS: positiveInteger(24 * HOUR_SECONDS).optional(),
      WEBHOOK_RETRY_HOURS: z.coerce
        .number()
        .positive()
        .max(24 * 7)
        .optional(),
      WEBHOOK_DISABLE_AFTER_FAILURES: positiveInteger(10_000).optional(),
      WEBHOOK_CONCURRENCY: positiveInteger(64).optional(),
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: booleanish.optional(),
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
    webhooks: webhookSettings(settings),
  };
}

function webhookSettings(settings: {
  WEBHOOK_DELIVERY?: boolean | undefined;
  WEBHOOK_POLL_INTERVAL_MS?: number | undefined;
  WEBHOOK_TIMEOUT_MS?: number | undefined;
  WEBHOOK_RETRY_INITIAL_SECONDS?: number | undefined;
  WEBHOOK_RETRY_MAX_SECONDS?: number | undefined;
  WEBHOOK_RETRY_HOURS?: number | undefined;
  WEBHOOK_DISABLE_AFTER_FAILURES?: number | undefined;
  WEBHOOK_CONCURRENCY?: number | undefined;
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES?: boolean | undefined;
}): WebhookSettings {
  const defaults = DEFAULT_WEBHOOK_SETTINGS;
  const ms = (seconds: number | undefined, fallback: number) => (seconds === undefined ? fallback : Math.round(seconds * 1000));
  const webhooks: WebhookSettings = {
    deliver: settings.WEBHOOK_DELIVERY ?? defaults.deliver,
    pollIntervalMs: settings.WEBHOOK_POLL_INTERVAL_MS ?? defaults.pollIntervalMs,
    timeoutMs: settings.WEBHOOK_TIMEOUT_MS ?? defaults.timeoutMs,
    retryInitialMs: ms(settings.WEBHOOK_RETRY_INITIAL_SECONDS, defaults.retryInitialMs),
    retryMaxMs: ms(settings.WEBHOOK_RETRY_MAX_SECONDS, defaults.retryMaxMs),
    retryWindowMs: ms(
      settings.WEBHOOK_RETRY_HOURS === undefined ? undefined : settings.WEBHOOK_RETRY_HOURS * HOUR_SECONDS,
      defaults.retryWindowMs,
    ),
    disableAfterFailures: settings.WEBHOOK_DISABLE_AFTER_FAILURES ?? defaults.disableAfterFailures,
    concurrency: settings.WEBHOOK_CONCURRENCY ?? defaults.concurrency,
    allowPrivateAddresses: settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? defaults.allowPrivateAddresses,
  };
  if (webhooks.retryMaxMs < webhooks.retryInitialMs) {
    throw new ConfigError('WEBHOOK_RETRY_MAX_SECONDS must be at least WEBHOOK_RETRY_INITIAL_SECONDS');
  }
  return webhooks;
}
