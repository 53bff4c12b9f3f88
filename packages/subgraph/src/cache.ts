import type { Redis } from 'ioredis';
import { cacheLookups, createRedis, type Logger } from '@nusa/platform';

/**
 * A string cache. Every method degrades instead of failing: an outage reads as a miss and a write
 * that cannot be made is logged, so callers fall back to their database without an error.
 */
export interface Cache {
  get(key: string): Promise<string | undefined>;
  /** The values of `keys`, in their order, in one round trip. */
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Throws when the cache cannot be reached; for `/ready`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A bounded in-process LRU cache with expiry, for a single instance without Redis. */
export class InProcessCache implements Cache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  /** @param maxEntries - entries kept before the least recently used is evicted. Default: 10,000. */
  constructor(private readonly maxEntries = 10_000) {}

  get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    if (!entry || entry.expiresAt <= Date.now()) {
      cacheLookups.inc({ cache: 'in-process', result: 'miss' });
      return Promise.resolve(undefined);
    }
    this.entries.set(key, entry);
    cacheLookups.inc({ cache: 'in-process', result: 'hit' });
    return Promise.resolve(entry.value);
  }

  getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    return Promise.all(keys.map((key) => this.get(key)));
  }

  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return Promise.resolve();
  }

  delete(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
    return Promise.resolve();
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }
}

/** A Redis cache that never waits long: commands time out after 500 ms and nothing queues while offline. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.redis = createRedis(url, 'cache', logger, { commandTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const value = (await this.redis.get(key)) ?? undefined;
      cacheLookups.inc({ cache: 'redis', result: value === undefined ? 'miss' : 'hit' });
      return value;
    } catch (error) {
      cacheLookups.inc({ cache: 'redis', result: 'error' });
      this.logger.warn({ err: error, key }, 'cache read failed; reading from the database');
      return undefined;
    }
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    try {
      const values = (await this.redis.mget(...keys)).map((value) => value ?? undefined);
      for (const value of values) cacheLookups.inc({ cache: 'redis', result: value === undefined ? 'miss' : 'hit' });
      return values;
    } catch (error) {
      cacheLookups.inc({ cache: 'redis', result: 'error' }, keys.length);
      this.logger.warn({ err: error, keys }, 'cache read failed; reading from the database');
      return keys.map(() => undefined);
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(key, value, 'EX', ttlSeconds);
    } catch (error) {
      this.logger.warn({ err: error, key }, 'cache write failed');
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.redis.del(...keys);
    } catch (error) {
      // A stale entry would outlive the write; its short expiry bounds how long.
      this.logger.error({ err: error, keys }, 'cache invalidation failed');
    }
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}

/** Redis when `redisUrl` is set, otherwise an in-process cache (single instance only). */
export function createCache(redisUrl: string | undefined, logger: Logger): Cache {
  return redisUrl ? new RedisCache(redisUrl, logger) : new InProcessCache();
}
