import { Redis, type RedisOptions } from 'ioredis';
import { Counter, register as libraryRegistry } from 'prom-client';
import type { Logger } from './logger.js';

/** Connection and command errors of every Redis client, by what the client is for. */
export const redisClientErrors = new Counter({
  name: 'redis_client_errors_total',
  help: 'Errors reported by Redis clients (connection lost, refused, timed out), by client',
  labelNames: ['client'] as const,
  registers: [libraryRegistry],
});

/** How often one client's errors are logged at most, however many arrive while Redis is away. */
const LOG_INTERVAL_MS = 30_000;

/**
 * Reports a Redis client's errors: each one counted in `redis_client_errors_total{client}`, a warning
 * logged at most every 30 s while they last, and a line when the connection is back. Commands still
 * fail (or queue) as the client's options say; this only makes an outage visible instead of silent.
 */
export function watchRedis(redis: Redis, client: string, logger: Logger | undefined): Redis {
  let loggedAt = 0;
  let failing = false;
  redis.on('error', (error: Error) => {
    redisClientErrors.inc({ client });
    failing = true;
    const now = Date.now();
    if (now - loggedAt < LOG_INTERVAL_MS) return;
    loggedAt = now;
    logger?.warn({ err: error, client }, 'Redis is unreachable; this client fails or falls back until it reconnects');
  });
  redis.on('ready', () => {
    if (!failing) return;
    failing = false;
    loggedAt = 0;
    logger?.info({ client }, 'Redis is reachable again');
  });
  return redis;
}

/**
 * The one way services open a Redis connection: named `client` (in `CLIENT LIST`, the metrics and
 * the logs), a 2 s connect timeout unless `options` say otherwise, and its errors reported by
 * {@link watchRedis}.
 */
export function createRedis(url: string, client: string, logger: Logger | undefined, options: RedisOptions = {}): Redis {
  return watchRedis(new Redis(url, { connectionName: client, connectTimeout: 2000, ...options }), client, logger);
}
