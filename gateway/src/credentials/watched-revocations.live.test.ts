import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisRevocations, revocationKeys } from '@nusa/platform';
import { WatchedRevocations } from './watched-revocations';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let redis: Redis;
let crm: RedisRevocations;
let watched: WatchedRevocations;

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  redis = new Redis(redisUrl);
  crm = new RedisRevocations(redisUrl, 'test-crm-revocations', undefined);
  watched = new WatchedRevocations(redisUrl);
  await until(() => watched.watching, 'the gateway listens');
});

afterEach(async () => {
  await watched.close();
  await crm.close();
  redis.disconnect();
});

describe('the watched deny-list', () => {
  it('trusts a "not revoked" answer until a revocation notice arrives, then refuses at once', async () => {
    const jti = randomUUID();
    expect(await watched.isSessionRevoked(jti)).toBe(false);
    // A marker written without its notice is not read again: the earlier answer is trusted ...
    await redis.set(revocationKeys.session(jti), '1', 'EX', 60);
    expect(await watched.isSessionRevoked(jti)).toBe(false);
    // ... until the CRM's revocation (marker and notice in one transaction) is heard.
    await crm.revokeSession(jti, 60);
    await until(() => watched.isSessionRevoked(jti), 'the revocation is heard');
    expect(await watched.isSessionRevoked(jti)).toBe(true);
  });

  it('hears API key revocations the same way', async () => {
    const id = randomUUID();
    expect(await watched.isApiKeyRevoked(id)).toBe(false);
    await crm.revokeApiKey(id, 60);
    await until(() => watched.isApiKeyRevoked(id), 'the key revocation is heard');
  });

  it('forgets what it trusted when its listening connection drops, and reads the markers until it listens again', async () => {
    const jti = randomUUID();
    expect(await watched.isSessionRevoked(jti)).toBe(false);
    // Revoked while the notice cannot be heard: marker only, then the listener is cut off.
    await redis.set(revocationKeys.session(jti), '1', 'EX', 60);
    const clients = (await redis.client('LIST')) as string;
    const listener = clients.split('\n').find((line) => line.includes(` name=${watched.connectionName} `));
    const id = /(?:^| )id=(\d+)/.exec(listener ?? '')?.[1];
    if (!id) throw new Error('the listening connection is not in CLIENT LIST');
    await redis.client('KILL', 'ID', id);
    await until(() => !watched.watching, 'the gateway notices it is deaf');
    expect(await watched.isSessionRevoked(jti)).toBe(true);
    await until(() => watched.watching, 'the gateway listens again');
    expect(await watched.isSessionRevoked(jti)).toBe(true);
  });
});
