import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { createRedis, type Logger } from '@nusa/platform';

/**
 * Notifications of changes, by topic (`conversation:<id>`, say), to every subscriber on any
 * instance: through Redis pub/sub when `REDIS_URL` is set, else within this process. An event says
 * what changed; its subscribers read the entity itself, so one missed while Redis was away costs a
 * reload, never a wrong value. Publishing never fails the write that caused it.
 */
export interface EventBus {
  publish(topic: string, event: object): Promise<void>;
  /** The topic's events from now on, until the iterator is returned. */
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  close(): Promise<void>;
}

const CHANNEL_PREFIX = 'nusa:events:';

/** An async iterator over pushed values that unsubscribes when the consumer returns it. */
function pushIterator<T>(unsubscribe: () => void): { push: (value: T) => void; iterator: AsyncIterableIterator<T> } {
  const queued: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let done = false;
  const finish = (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      unsubscribe();
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      if (queued.length > 0) return Promise.resolve({ value: queued.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: (error: unknown) => finish().then(() => Promise.reject(error instanceof Error ? error : new Error(String(error)))),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  const push = (value: T) => {
    if (done) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value, done: false });
    } else queued.push(value);
  };
  return { push, iterator };
}

/** Within one process: for a single instance, and for tests of one. */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(topic: string, event: object): Promise<void> {
    this.emitter.emit(topic, event);
    return Promise.resolve();
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    const listener = (event: T) => push(event);
    const { push, iterator } = pushIterator<T>(() => this.emitter.off(topic, listener));
    this.emitter.on(topic, listener);
    return iterator;
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}

/** Across instances through Redis pub/sub: one publishing and one subscribing connection per process. */
export class RedisEventBus implements EventBus {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {
    // Fails at once while Redis is away rather than holding the write that publishes.
    this.publisher = createRedis(url, 'events-publish', logger, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  }

  async publish(topic: string, event: object): Promise<void> {
    try {
      await this.publisher.publish(CHANNEL_PREFIX + topic, JSON.stringify(event));
    } catch (error) {
      this.logger.warn({ err: error, topic }, 'could not publish an event');
    }
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    const subscriber = this.subscriberConnection();
    const channel = CHANNEL_PREFIX + topic;
    const listener = (event: T) => push(event);
    const { push, iterator } = pushIterator<T>(() => {
      this.local.off(channel, listener);
      if (this.local.listenerCount(channel) === 0) void subscriber.unsubscribe(channel).catch(() => undefined);
    });
    if (this.local.listenerCount(channel) === 0) {
      subscriber.subscribe(channel).catch((error: unknown) => this.logger.warn({ err: error, topic }, 'could not subscribe to events'));
    }
    this.local.on(channel, listener);
    return iterator;
  }

  private subscriberConnection(): Redis {
    if (!this.subscriber) {
      // ioredis subscribes again to every channel after a reconnect.
      this.subscriber = createRedis(this.url, 'events-subscribe', this.logger);
      this.subscriber.on('message', (channel: string, message: string) => {
        try {
          this.local.emit(channel, JSON.parse(message) as unknown);
        } catch (error) {
          this.logger.warn({ err: error, channel }, 'an event that is not JSON');
        }
      });
    }
    return this.subscriber;
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    const connections = [this.publisher, ...(this.subscriber ? [this.subscriber] : [])];
    // One that cannot say goodbye (Redis away) stops reconnecting all the same.
    await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }
}

export function createEventBus(redisUrl: string | undefined, logger: Logger): EventBus {
  return redisUrl ? new RedisEventBus(redisUrl, logger) : new InProcessEventBus();
}
