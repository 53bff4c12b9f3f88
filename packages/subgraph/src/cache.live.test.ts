import { randomUUID } from 'node:crypto';
import { createLogger } from '@nusa/platform';
import { eventually, freePort, testRedisUrl } from '@nusa/platform/testing';
import { InProcessCache, RedisCache, type Cache } from './cache';

const logger = createLogger('test', 'silent');

describe.each([
  ['Redis', () => new RedisCache(testRedisUrl, logger)],
  ['in process', () => new InProcessCache()],
] as [string, () => Cache][])('the %s cache', (_name, open) => {
  let cache: Cache;
  beforeAll(async () => {
    cache = open();
    // Nothing queues while Redis is still connecting: wait until it answers.
    await eventually(
      () =>
        cache.ping().then(
          () => true,
          () => false,
        ),
      { what: 'the cache answering' },
    );
  });
  afterAll(() => cache.close());

  it('reads several keys at once, in their order, a missing one as undefined', async () => {
    const [a, b, missing] = [randomUUID(), randomUUID(), randomUUID()];
    await cache.set(a, 'first', 60);
    await cache.set(b, 'second', 60);
    expect(await cache.getMany([b, missing, a])).toEqual(['second', undefined, 'first']);
    await cache.delete([a]);
    expect(await cache.getMany([a, b])).toEqual([undefined, 'second']);
  });
});

describe('a Redis cache that cannot be reached', () => {
  it('reads every key as missing instead of failing', async () => {
    const cache = new RedisCache(`redis://127.0.0.1:${await freePort()}`, logger);
    expect(await cache.getMany(['a', 'b'])).toEqual([undefined, undefined]);
    await cache.close();
  });
});
