import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis, type Caller, type Logger } from '@nusa/platform';

/** Gives a slot back; a second call does nothing. */
export type Release = () => void;

/**
 * Open subscriptions per holder (a member's session, an API key, an address), capped. With Redis
 * the count is shared by every gateway instance.
 */
export interface OpenSubscriptions {
  /** Takes a slot for `holder` while fewer than `limit` are open; its release, or undefined when the cap is reached. */
  acquire(holder: string, kind: Caller['kind'], limit: number): Promise<Release | undefined>;
  /** Subscriptions open through this instance, by caller kind (for metrics). */
  openByKind(): Record<Caller['kind'], number>;
  close(): Promise<void>;
}

/** A slot taken by a gateway that stops renewing it (it crashed) expires after this long. */
export const SLOT_LEASE_MS = 60_000;

/** Counts kept by this instance: open slots per holder, and per caller kind for metrics. */
class LocalCounts {
  readonly byHolder = new Map<string, number>();
  readonly byKind: Record<Caller['kind'], number> = { anonymous: 0, member: 0, apiKey: 0, service: 0 };

  take(holder: string, kind: Caller['kind']): void {
    this.byHolder.set(holder, (this.byHolder.get(holder) ?? 0) + 1);
    this.byKind[kind] += 1;
  }

  give(holder: string, kind: Caller['kind']): void {
    const left = (this.byHolder.get(holder) ?? 1) - 1;
    if (left > 0) this.byHolder.set(holder, left);
    else this.byHolder.delete(holder);
    this.byKind[kind] -= 1;
  }
}

function once(release: () => void): Release {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
  };
}

/** Per process: for one gateway without Redis, and the fallback while Redis is unreachable. */
export class InProcessOpenSubscriptions implements OpenSubscriptions {
  private readonly counts = new LocalCounts();

  acquire(holder: string, kind: Caller['kind'], limit: number): Promise<Release | undefined> {
    if ((this.counts.byHolder.get(holder) ?? 0) >= limit) return Promise.resolve(undefined);
    this.counts.take(holder, kind);
    return Promise.resolve(once(() => this.counts.give(holder, kind)));
  }

  openByKind(): Record<Caller['kind'], number> {
    return { ...this.counts.byKind };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * KEYS[1]: the holder's sorted set of slot ids scored by expiry. ARGV: now, the new slot's expiry,
 * the limit, its id, the set's own expiry. Drops expired slots, then adds the new one under the
 * limit: the open count, or -1 when full.
 */
const ACQUIRE_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local open = redis.call('ZCARD', KEYS[1])
if open >= tonumber(ARGV[3]) then return -1 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return open + 1
`;

type SlotRedis = Redis & { acquireSlot(numberOfKeys: number, ...keysAndArguments: (string | number)[]): Promise<number> };

const slotsKey = (holder: string) => `subs:open:${holder}`;

/**
 * Open subscriptions in Redis, shared by every gateway instance: each slot is a member of its
 * holder's sorted set, scored by a lease this instance renews while the subscription lives, so the
 * slots of a gateway that dies free themselves within {@link SLOT_LEASE_MS}. While Redis cannot be
 * reached, slots are counted in process (per-instance caps, not none and not a refusal of everyone).
 */
export class RedisOpenSubscriptions implements OpenSubscriptions {
  private readonly redis: SlotRedis;
  private readonly fallback = new InProcessOpenSubscriptions();
  private readonly counts = new LocalCounts();
  /** The slots this instance holds in Redis: id → holder. */
  private readonly held = new Map<string, string>();
  private readonly renewal: NodeJS.Timeout;
  private warnedAt = 0;

  constructor(
    redis: Redis,
    private readonly logger: Logger,
    private readonly leaseMs = SLOT_LEASE_MS,
  ) {
    redis.defineCommand('acquireSlot', { lua: ACQUIRE_SCRIPT });
    this.redis = redis as SlotRedis;
    this.renewal = setInterval(() => void this.renew(), leaseMs / 3);
    this.renewal.unref();
  }

  async acquire(holder: string, kind: Caller['kind'], limit: number): Promise<Release | undefined> {
    const id = randomUUID();
    const now = Date.now();
    let open: number;
    try {
      open = await this.redis.acquireSlot(1, slotsKey(holder), now, now + this.leaseMs, limit, id, this.leaseMs * 2);
    } catch (error) {
      this.warn(error);
      const local = await this.fallback.acquire(holder, kind, limit);
      if (!local) return undefined;
      this.counts.take(holder, kind);
      return once(() => {
        local();
        this.counts.give(holder, kind);
      });
    }
    if (open < 0) return undefined;
    this.held.set(id, holder);
    this.counts.take(holder, kind);
    return once(() => {
      this.held.delete(id);
      this.counts.give(holder, kind);
      this.redis.zrem(slotsKey(holder), id).catch((error: unknown) => this.warn(error));
    });
  }

  openByKind(): Record<Caller['kind'], number> {
    return { ...this.counts.byKind };
  }

  close(): Promise<void> {
    clearInterval(this.renewal);
    this.redis.disconnect();
    return Promise.resolve();
  }

  /** Extends the lease of every slot this instance holds (`XX`: a slot already given back stays gone). */
  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const expiry = Date.now() + this.leaseMs;
    const pipeline = this.redis.pipeline();
    for (const [id, holder] of this.held) pipeline.zadd(slotsKey(holder), 'XX', expiry, id).pexpire(slotsKey(holder), this.leaseMs * 2);
    try {
      await pipeline.exec();
    } catch (error) {
      this.warn(error);
    }
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.warnedAt < 60_000) return;
    this.warnedAt = now;
    this.logger.warn({ err: error }, 'open subscriptions are counted per instance while Redis is unreachable');
  }
}

/** Shared through Redis with `redisUrl`, else per process. */
export function createOpenSubscriptions(redisUrl: string | undefined, logger: Logger): OpenSubscriptions {
  if (!redisUrl) return new InProcessOpenSubscriptions();
  const redis = createRedis(redisUrl, 'gateway-open-subscriptions', logger, {
    commandTimeout: 250,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  });
  return new RedisOpenSubscriptions(redis, logger);
}
