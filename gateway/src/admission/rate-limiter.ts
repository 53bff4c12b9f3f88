import type { Redis } from 'ioredis';
import { createRedis, type Logger } from '@nusa/platform';

/** One budget: at most `limit` hits per `windowSeconds`, per key. */
export interface Budget {
  name: string;
  limit: number;
  windowSeconds: number;
}

/** The verdict on one hit. */
export interface Verdict {
  allowed: boolean;
  /** Hits counted in the sliding window, this one included. */
  count: number;
  /** When refused: seconds until a hit would be allowed again. */
  retryAfterSeconds: number;
}

/**
 * A sliding-window rate limiter: each window's hits are counted in a fixed bucket, and the
 * previous bucket counts in proportion to how much of it the sliding window still overlaps (the
 * approximation Cloudflare's and Redis' own guides use). One round trip per hit.
 */
export interface RateLimiter {
  hit(budget: Budget, key: string, weight?: number): Promise<Verdict>;
  /** Counts one hit of each budget (in Redis: in one command) and returns their verdicts in order. */
  hitEach(hits: readonly { budget: Budget; key: string }[]): Promise<Verdict[]>;
  /** The count so far, without counting a hit. */
  peek(budget: Budget, key: string): Promise<Verdict>;
  /** Whether the shared store answers (in process: always). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The verdict from a window's two buckets at time `now`. */
export function verdictOf(budget: Budget, current: number, previous: number, now: number): Verdict {
  const windowMs = budget.windowSeconds * 1000;
  const elapsed = (now % windowMs) / windowMs;
  const count = current + previous * (1 - elapsed);
  if (count <= budget.limit) return { allowed: true, count: Math.ceil(count), retryAfterSeconds: 0 };
  const untilNextWindow = windowMs - (now % windowMs);
  // Within the current bucket's allowance, the previous bucket's share decays as the window slides.
  const waitMs =
    current > budget.limit || previous === 0 ? untilNextWindow : Math.min(((count - budget.limit) / previous) * windowMs, untilNextWindow);
  return { allowed: false, count: Math.ceil(count), retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

const windowOf = (budget: Budget, now: number) => Math.floor(now / (budget.windowSeconds * 1000));

/** Per process: for one gateway without Redis, and the fallback while Redis is unreachable. */
export class InProcessRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { count: number; expiresAt: number }>();
  private sweptAt = 0;

  /** @param now - the clock, in ms. Default: `Date.now`. */
  constructor(private readonly now: () => number = Date.now) {}

  hit(budget: Budget, key: string, weight = 1): Promise<Verdict> {
    return Promise.resolve(this.count(budget, key, weight));
  }

  hitEach(hits: readonly { budget: Budget; key: string }[]): Promise<Verdict[]> {
    return Promise.resolve(hits.map(({ budget, key }) => this.count(budget, key, 1)));
  }

  peek(budget: Budget, key: string): Promise<Verdict> {
    return Promise.resolve(this.count(budget, key, 0));
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.buckets.clear();
    return Promise.resolve();
  }

  private count(budget: Budget, key: string, weight: number): Verdict {
    const now = this.now();
    const window = windowOf(budget, now);
    const currentKey = `${budget.name}:${key}:${window}`;
    const bucket = this.buckets.get(currentKey) ?? { count: 0, expiresAt: (window + 2) * budget.windowSeconds * 1000 };
    bucket.count += weight;
    if (weight > 0) this.buckets.set(currentKey, bucket);
    const previous = this.buckets.get(`${budget.name}:${key}:${window - 1}`)?.count ?? 0;
    this.sweep(now);
    return verdictOf(budget, bucket.count, previous, now);
  }

  /** Drops buckets no window can overlap any more, at most once a second. */
  private sweep(now: number): void {
    if (now - this.sweptAt < 1000) return;
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) if (bucket.expiresAt <= now) this.buckets.delete(key);
  }
}

/**
 * For each budget i (keys 2i-1 and 2i: its current and previous bucket; ARGV 2i-1 and 2i: weight
 * and expiry), adds the weight to the current bucket (setting its expiry when this creates it) and
 * returns the current and previous counts: one command however many budgets and whatever the weight.
 */
const HIT_SCRIPT = `
local counts = {}
for i = 1, #KEYS / 2 do
  local weight = tonumber(ARGV[2 * i - 1])
  local current
  if weight > 0 then
    current = redis.call('INCRBY', KEYS[2 * i - 1], weight)
    if current == weight then redis.call('PEXPIRE', KEYS[2 * i - 1], ARGV[2 * i]) end
  else
    current = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  end
  counts[2 * i - 1] = current
  counts[2 * i] = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
end
return counts
`;

type RateRedis = Redis & { rateHit(numberOfKeys: number, ...keysAndArguments: (string | number)[]): Promise<number[]> };

/**
 * Counts in Redis, shared by every gateway instance. While Redis cannot be reached, each hit is
 * counted in process instead: limits degrade to per-instance budgets rather than failing open
 * (no limit) or closed (refusing everyone), and go back to shared counts on reconnect.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: RateRedis;
  private readonly fallback = new InProcessRateLimiter();
  private warnedAt = 0;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    // Auto-pipelining sends the hits of concurrent requests in one write.
    const redis = createRedis(url, 'gateway-rate-limits', logger, {
      commandTimeout: 250,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      enableAutoPipelining: true,
    });
    redis.defineCommand('rateHit', { lua: HIT_SCRIPT });
    this.redis = redis as RateRedis;
  }

  async hit(budget: Budget, key: string, weight = 1): Promise<Verdict> {
    return (await this.count([{ budget, key, weight }]))[0] as Verdict;
  }

  hitEach(hits: readonly { budget: Budget; key: string }[]): Promise<Verdict[]> {
    return this.count(hits.map((hit) => ({ ...hit, weight: 1 })));
  }

  async peek(budget: Budget, key: string): Promise<Verdict> {
    return (await this.count([{ budget, key, weight: 0 }]))[0] as Verdict;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.fallback.close();
  }

  private async count(hits: readonly { budget: Budget; key: string; weight: number }[]): Promise<Verdict[]> {
    const now = Date.now();
    const keys = hits.flatMap(({ budget, key }) => {
      const window = windowOf(budget, now);
      return [`rl:${budget.name}:${key}:${window}`, `rl:${budget.name}:${key}:${window - 1}`];
    });
    const args = hits.flatMap(({ budget, weight }) => [weight, budget.windowSeconds * 2000]);
    try {
      const counts = await this.redis.rateHit(keys.length, ...keys, ...args);
      return hits.map(({ budget }, index) => verdictOf(budget, counts[2 * index] ?? 0, counts[2 * index + 1] ?? 0, now));
    } catch (error) {
      if (now - this.warnedAt > 60_000) {
        this.warnedAt = now;
        this.logger.warn({ err: error }, 'rate limits are counted per instance while Redis is unreachable');
      }
      return Promise.all(
        hits.map(({ budget, key, weight }) => (weight > 0 ? this.fallback.hit(budget, key, weight) : this.fallback.peek(budget, key))),
      );
    }
  }
}

export function createRateLimiter(redisUrl: string | undefined, logger: Logger): RateLimiter {
  return redisUrl ? new RedisRateLimiter(redisUrl, logger) : new InProcessRateLimiter();
}
