import { createLogger } from '@nusa/platform';
import { eventually, testRedisUrl } from '@nusa/platform/testing';
import Redis from 'ioredis';
import { InProcessEventBus, RedisEventBus, type EventBus } from './events';

const logger = createLogger('events-test', 'silent');

async function first<T>(iterator: AsyncIterableIterator<T>): Promise<T> {
  const result: IteratorResult<T> = await iterator.next();
  if (result.done) throw new Error('the iterator ended');
  return result.value;
}

describe('event buses', () => {
  const buses: EventBus[] = [];
  const redis = new Redis(testRedisUrl);
  const numsub = async (topic: string) => Number(((await redis.pubsub('NUMSUB', `nusa:events:${topic}`)) as [string, number])[1]);

  afterAll(async () => {
    for (const bus of buses) await bus.close();
    redis.disconnect();
  });

  it('carries an event published by one instance to the subscribers of another, in order, and lets go of Redis when the last one returns', async () => {
    const [one, two] = [new RedisEventBus(testRedisUrl, logger), new RedisEventBus(testRedisUrl, logger)];
    buses.push(one, two);
    const topic = `test:${Date.now()}`;
    const a = two.subscribe<{ n: number }>(topic);
    const b = two.subscribe<{ n: number }>(topic);
    await eventually(async () => (await numsub(topic)) === 1, { what: 'one Redis subscription for both subscribers' });
    for (let n = 1; n <= 3; n += 1) await one.publish(topic, { n });
    expect([await first(a), await first(a), await first(a)]).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await first(b)).toEqual({ n: 1 });
    await a.return?.();
    expect(await numsub(topic)).toBe(1);
    await b.return?.();
    await eventually(async () => (await numsub(topic)) === 0, { what: 'the Redis subscription released' });
    expect(await a.next()).toEqual({ value: undefined, done: true });
  });

  it('in process: delivers to subscribers of the topic only, and a returned iterator ends a waiting read', async () => {
    const bus = new InProcessEventBus();
    buses.push(bus);
    const watched = bus.subscribe<{ n: number }>('a');
    const other = bus.subscribe<{ n: number }>('b');
    await bus.publish('a', { n: 1 });
    expect(await first(watched)).toEqual({ n: 1 });
    const waiting = other.next();
    await other.return?.();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('a publish while Redis cannot be reached is logged, never thrown to the write that made it', async () => {
    const away = new RedisEventBus('redis://127.0.0.1:9', logger);
    buses.push(away);
    await expect(away.publish('t', { n: 1 })).resolves.toBeUndefined();
  });
});
