import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { credentialRoutes, IDENTITY_HEADER, revocationKeys, Role, signIdentity, type Caller } from '@nusa/platform';
import { startCrm, type CrmHarness } from '../testing';
import { TEST_SECRETS } from '@nusa/platform/testing';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOGOUT = 'mutation { logout }';

let crm: CrmHarness;
let redis: Redis;
beforeAll(async () => {
  crm = await startCrm('logout', { redisUrl });
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  redis.disconnect();
  await crm.stop();
});

function withSession(caller: Caller, lifetimeSeconds = 3600): Caller & { session: { jti: string; exp: number } } {
  if (caller.kind !== 'member') throw new Error('a member is needed');
  return { ...caller, session: { jti: randomUUID(), exp: Math.floor(Date.now() / 1000) + lifetimeSeconds } };
}

async function revokedByCrm(jti: string): Promise<boolean> {
  const response = await fetch(new URL(credentialRoutes.sessionRevoked, crm.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: signIdentity({ kind: 'service', name: 'gateway' }, TEST_SECRETS.internalSecret, 'crm'),
    },
    body: JSON.stringify({ jti }),
  });
  return ((await response.json()) as { revoked: boolean }).revoked;
}

describe('logout', () => {
  it('revokes the session token the request carried, in PostgreSQL and in the Redis deny-list until it expires', async () => {
    const caller = withSession(crm.agent, 600);
    expect(await revokedByCrm(caller.session.jti)).toBe(false);
    const result = await crm.as(caller)(LOGOUT);
    expect(result.data).toEqual({ logout: true });
    expect(await revokedByCrm(caller.session.jti)).toBe(true);
    const ttl = await redis.ttl(revocationKeys.session(caller.session.jti));
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it('can be repeated', async () => {
    const caller = withSession(crm.admin);
    expect((await crm.as(caller)(LOGOUT)).data).toEqual({ logout: true });
    expect((await crm.as(caller)(LOGOUT)).data).toEqual({ logout: true });
  });

  it('forgets revocations of tokens that have expired anyway', async () => {
    await crm.orm.em
      .getConnection()
      .execute(`insert into revoked_session (jti, member_id, expires_at, revoked_at) values ('old', ?, now() - interval '1 hour', now())`, [
        crm.admin.kind === 'member' ? crm.admin.id : '',
      ]);
    await crm.as(withSession(crm.admin))(LOGOUT);
    expect(await revokedByCrm('old')).toBe(false);
  });

  it('refuses an API key, which has no session, with FORBIDDEN', async () => {
    const key: Caller = { kind: 'apiKey', id: randomUUID(), role: Role.PARTNER, name: 'Partner', scopes: ['crm:write'] };
    const result = await crm.as(key)(LOGOUT);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toContain('revokeApiKey');
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const result = await crm.as({ kind: 'anonymous' })(LOGOUT);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('revoking an API key', () => {
  it('leaves a marker in Redis so gateways refuse the key at once', async () => {
    const created = await crm.as(crm.admin)<{ createApiKey: { apiKey: { id: string } } }>(
      'mutation { createApiKey(input: { name: "Marked", scopes: [CRM_READ] }) { apiKey { id } } }',
    );
    const id = created.data?.createApiKey.apiKey.id ?? '';
    expect(await redis.exists(revocationKeys.apiKey(id))).toBe(0);
    await crm.as(crm.admin)('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id });
    expect(await redis.exists(revocationKeys.apiKey(id))).toBe(1);
  });
});
