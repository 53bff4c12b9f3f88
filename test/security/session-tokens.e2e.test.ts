import { startGateway, type GatewayHarness } from '../../gateway/src/testing';
import { startCrm, type CrmHarness } from '../../subgraphs/crm/src/testing';
import { TEST_SECRETS, eventually } from '@nusa/platform/testing';
import { bearer, connectionVerdict, openSocket, redisUrl, sessionToken, SUPERGRAPH, within } from './harness';

const ME = '{ me { email role } }';
const LOGOUT = 'mutation { logout }';

let crm: CrmHarness;
const gateways: GatewayHarness[] = [];

async function gateway(settings: Partial<Parameters<typeof startGateway>[0]> = {}): Promise<GatewayHarness> {
  const started = await startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls: { crm: crm.url }, ...TEST_SECRETS, ...settings });
  gateways.push(started);
  return started;
}

/** Bad session tokens of every kind, each refused before anything runs. */
function badTokens(): [string, string, string][] {
  const valid = sessionToken(crm.admin);
  const [head, , signature] = valid.split('.');
  const claims = JSON.parse(Buffer.from(valid.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const agentClaims = { ...claims, sub: crm.agent.kind === 'member' ? crm.agent.id : '', role: 'ADMIN' };
  const unsigned = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  return [
    [
      'a forged token (claims changed under a valid signature)',
      `${head}.${Buffer.from(JSON.stringify(agentClaims)).toString('base64url')}.${signature}`,
      'bad-signature',
    ],
    ['a token signed with another secret', sessionToken(crm.admin, {}, 'an-attacker-secret-an-attacker-secret-xx'), 'bad-signature'],
    ['an unsigned token (alg none)', `${unsigned}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`, 'malformed'],
    ['an expired token', sessionToken(crm.admin, { iat: 1_700_000_000, exp: 1_700_003_600 }), 'expired'],
    ['garbage', 'not-a-token', 'malformed'],
  ];
}

beforeAll(async () => {
  crm = await startCrm('security_sessions', { redisUrl });
});

afterAll(async () => {
  for (const started of gateways) await started.stop();
  await crm.stop();
});

describe('session tokens at the gateway', () => {
  let withRedis: GatewayHarness;
  beforeAll(async () => {
    withRedis = await gateway({ redisUrl });
  });

  it('serves a valid token', async () => {
    const result = await bearer(withRedis.url, sessionToken(crm.admin))(ME);
    expect(result.data).toEqual({ me: { email: 'admin@example.com', role: 'ADMIN' } });
  });

  it('closes an open graphql-ws connection with 4403 once its session is signed out or its token expires, and no other', async () => {
    const checking = await gateway({ redisUrl, socketRecheckMs: 200 });
    const [signedOut, other] = [sessionToken(crm.admin), sessionToken(crm.admin)];
    const [socket, bystander] = [await openSocket(checking.url, `Bearer ${signedOut}`), await openSocket(checking.url, `Bearer ${other}`)];
    expect((await bearer(checking.url, signedOut)(LOGOUT)).data).toEqual({ logout: true });
    expect(await within(socket.closed, 5000)).toBe(4403);
    expect(await within(bystander.closed, 500)).toBe('still open');
    bystander.close();

    const shortLived = sessionToken(crm.admin, { exp: Math.floor(Date.now() / 1000) + 2 });
    const expiring = await openSocket(checking.url, `Bearer ${shortLived}`);
    expect(await within(expiring.closed, 5000)).toBe(4403);
  });

  it('refuses every bad token over HTTP with 401 UNAUTHENTICATED and no data', async () => {
    for (const [what, token, reason] of badTokens()) {
      const result = await bearer(withRedis.url, token)(ME);
      expect({ what, status: result.status, data: result.data, code: result.errors?.[0]?.extensions?.code }).toEqual({
        what,
        status: 401,
        data: undefined,
        code: 'UNAUTHENTICATED',
      });
      expect({ what, reason: result.errors?.[0]?.extensions?.reason }).toEqual({ what, reason });
    }
  });

  it('closes a graphql-ws connection with 4403 for every bad token, and acknowledges a valid one', async () => {
    for (const [what, token] of badTokens()) {
      expect({ what, verdict: await connectionVerdict(withRedis.url, `Bearer ${token}`) }).toEqual({ what, verdict: 4403 });
    }
    expect(await connectionVerdict(withRedis.url, `Bearer ${sessionToken(crm.admin)}`)).toBe('acked');
  });

  it('refuses a signed-out token from the very next request, over HTTP and graphql-ws, on every gateway sharing the Redis', async () => {
    const other = await gateway({ redisUrl });
    const token = sessionToken(crm.agent);
    expect((await bearer(other.url, token)(ME)).data).toEqual({ me: { email: 'agent@example.com', role: 'AGENT' } });
    expect((await bearer(withRedis.url, token)(LOGOUT)).data).toEqual({ logout: true });
    for (const target of [withRedis, other]) {
      const after = await bearer(target.url, token)(ME);
      expect(after.status).toBe(401);
      expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revoked' });
      expect(await connectionVerdict(target.url, `Bearer ${token}`)).toBe(4403);
    }
    expect((await bearer(withRedis.url, sessionToken(crm.agent))(ME)).errors).toBeUndefined();
  });
});

describe('session revocation without Redis', () => {
  it('refuses a signed-out token once the gateway’s short cache of the CRM’s answer has expired', async () => {
    const single = await gateway({ credentials: { cacheSeconds: 1 } });
    const token = sessionToken(crm.admin);
    expect((await bearer(single.url, token)(ME)).errors).toBeUndefined();
    const loggedOutAt = Date.now();
    expect((await bearer(single.url, token)(LOGOUT)).data).toEqual({ logout: true });
    await eventually(async () => (await bearer(single.url, token)(ME)).status === 401, { timeoutMs: 5000 });
    expect(Date.now() - loggedOutAt).toBeLessThan(3000);
    expect(await connectionVerdict(single.url, `Bearer ${token}`)).toBe(4403);
  });
});

describe('when revocations cannot be checked at all', () => {
  const deadCrm = { crm: 'http://127.0.0.1:9/graphql' };

  it('fails open by default: a valid token still works while the CRM and Redis are out of reach', async () => {
    const open = await startGateway({
      supergraphPath: SUPERGRAPH,
      subgraphUrls: deadCrm,
      ...TEST_SECRETS,
      redisUrl: 'redis://127.0.0.1:9',
    });
    gateways.push(open);
    const result = await bearer(open.url, sessionToken(crm.admin))('{ __typename }');
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ __typename: 'Query' });
  });

  it('fails closed when REVOCATION_FAIL_MODE=closed: 401 naming why', async () => {
    const closed = await startGateway({
      supergraphPath: SUPERGRAPH,
      subgraphUrls: deadCrm,
      ...TEST_SECRETS,
      credentials: { revocationFailMode: 'closed' },
    });
    gateways.push(closed);
    const result = await bearer(closed.url, sessionToken(crm.admin))('{ __typename }');
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revocation-unavailable' });
  });
});
