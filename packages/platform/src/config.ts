import { z } from 'zod';

/** Raised when a setting is missing or invalid; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEV_JWT_SECRET = 'development-only-jwt-secret-do-not-use-in-production';
const DEV_INTERNAL_SECRET = 'development-only-internal-secret-do-not-use-in-production';

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** A required `postgres://` URL (`DATABASE_URL`). */
export const postgresUrl = () =>
  z.string({ error: 'is required (a postgres:// URL)' }).regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

/** An optional `redis://` or `rediss://` URL (`REDIS_URL`); unset means "in process". */
export const redisUrl = () =>
  z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional();

/** An http(s) URL: a service's GraphQL endpoint, an API's base URL. */
export const httpUrl = () => z.url({ protocol: /^https?$/ });

/** Claude's settings every service that calls it reads: key (none: offline), endpoint, model. */
export const anthropicSettings = {
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: httpUrl().optional(),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-haiku-4-5'),
};

/** Settings every service reads. */
export const commonSettings = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** One secret, or while keys are rolled the next and the current separated by a comma (the first signs). */
  INTERNAL_SECRET: z
    .string()
    .refine(
      (value) => value.split(',').every((secret) => secret.trim().length >= 32),
      'must be at least 32 characters (each, when several are separated by commas)',
    )
    .optional(),
};

/**
 * Parses `env` against `shape`. The first problem becomes a one-line {@link ConfigError} such as
 * `DATABASE_URL: Invalid URL`, so start-up stops with something a person can act on.
 */
export function parseSettings<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid setting ${name}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

export interface Secrets {
  jwtSecret: string;
  internalSecret: string;
}

/**
 * The token and gateway-trust secrets. Required in production; in development and tests a fixed,
 * loudly named default lets every local process agree without setup.
 */
export function resolveSecrets(settings: {
  NODE_ENV: string;
  JWT_SECRET?: string | undefined;
  INTERNAL_SECRET?: string | undefined;
}): Secrets {
  const production = settings.NODE_ENV === 'production';
  if (production && !settings.JWT_SECRET) throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  if (production && !settings.INTERNAL_SECRET) {
    throw new ConfigError('INTERNAL_SECRET is required when NODE_ENV=production');
  }
  return {
    jwtSecret: settings.JWT_SECRET ?? DEV_JWT_SECRET,
    internalSecret: settings.INTERNAL_SECRET ?? DEV_INTERNAL_SECRET,
  };
}

/** Runs a service's `main`, turning a {@link ConfigError} into one clear line and exit code 1. */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });
}
