import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { postGraphQL, TEST_SECRETS } from '@nusa/platform/testing';
import { startGateway, type GatewayHarness } from '../gateway/src/testing';
import { startCrm, TEST_ADMIN, type CrmHarness } from '../subgraphs/crm/src/testing';

const SUPERGRAPH = join(__dirname, '..', 'schema', 'supergraph.graphql');
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let crm: CrmHarness;
const gateways: GatewayHarness[] = [];

async function gateway(settings: Partial<Parameters<typeof startGateway>[0]> = {}): Promise<GatewayHarness> {
  const started = await startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls: { crm: crm.url }, ...TEST_SECRETS, ...settings });
  gateways.push(started);
  return started;
}

async function login(target: GatewayHarness, password = TEST_ADMIN.password) {
  return postGraphQL<{ login: { token: string } }>(
    target.url,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
    {
      e: TEST_ADMIN.email,
      p: password,
    },
  );
}

beforeAll(async () => {
  crm = await startCrm('limits_e2e', { demoData: true });
});

afterAll(async () => {
  for (const started of gateways) await started.stop();
  await crm.stop();
});

describe('query limits at the gateway', () => {
  let open: GatewayHarness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    open = await gateway({ limits: { maxDepth: 12, maxAliases: 30, maxCost: 2000, maxBatch: 10 } });
    auth = { authorization: `Bearer ${(await login(open)).data?.login.token}` };
  });

  it('refuses a query 30 levels deep, naming the limit', async () => {
    let selection = 'id';
    for (let level = 0; level < 14; level += 1) selection = `practices { client { ${selection} } }`;
    const result = await postGraphQL(open.url, `{ clients(first: 1) { edges { node { ${selection} } } } }`, {}, auth);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth', value: 12 });
    expect(result.errors?.[0]?.message).toContain('limit (maxDepth) is 12');
  });

  it('refuses a 1,000-alias query', async () => {
    const aliases = Array.from({ length: 1000 }, (_, index) => `a${index}: serviceCatalog { code }`).join(' ');
    const result = await postGraphQL(open.url, `{ ${aliases} }`, {}, auth);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'maxAliases',
      value: 30,
      actual: 1000,
    });
  });

  it('refuses a query whose cost exceeds the ceiling, counting page sizes from variables', async () => {
    const query = 'query($n: Int) { clients(first: $n) { edges { node { fullName practices { type interactions { summary } } } } } }';
    const cheap = await postGraphQL(open.url, query, { n: 2 }, auth);
    expect(cheap.errors).toBeUndefined();
    const costly = await postGraphQL(open.url, query, { n: 100 }, auth);
    expect(costly.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost', value: 2000 });
  });

  it('answers a small batch and refuses a batch of 100 operations with 400', async () => {
    const body = (count: number) => JSON.stringify(Array.from({ length: count }, () => ({ query: '{ serviceCatalog { code } }' })));
    const small = await fetch(open.url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: body(3) });
    expect(small.status).toBe(200);
    expect((await small.json()) as unknown[]).toHaveLength(3);
    const large = await fetch(open.url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: body(100) });
    expect(large.status).toBe(400);
    const refused = (await large.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(refused.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxBatch', value: 10, actual: 100 });
  });

  it('refuses a 10 MB body with 413', async () => {
    const response = await fetch(open.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ serviceCatalog { code } } # ${'x'.repeat(10 * 1024 * 1024)}` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('sends security headers and answers CORS preflights only for allowed origins', async () => {
    const withCors = await gateway({ corsOrigins: ['https://app.example.com'] });
    const response = await fetch(withCors.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
    const allowed = await fetch(withCors.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const denied = await fetch(withCors.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('blocks a cross-site simple request (CSRF prevention)', async () => {
    const response = await fetch(`${open.url}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expect(response.status).toBe(400);
  });
});

describe('automatic persisted queries', () => {
  it('answers a known hash without the query text, and asks for the text once', async () => {
    const target = await gateway();
    const query = '{ serviceCatalog { code priceIdr } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const token = (await login(target)).data?.login.token ?? '';
    const post = (body: Record<string, unknown>) =>
      fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }).then(
        async (response) =>
          (await response.json()) as { data?: { serviceCatalog: unknown[] }; errors?: { extensions?: { code?: string } }[] },
      );
    const unknown = await post({ extensions });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post({ query, extensions });
    expect(registered.errors?.[0]?.extensions?.code).not.toBe('PERSISTED_QUERY_NOT_FOUND');
    const byHash = await post({ extensions });
    expect(byHash.errors?.[0]?.extensions?.code).not.toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(JSON.stringify(byHash)).toBe(JSON.stringify(registered));
  });
});

describe('production mode', () => {
  it('refuses introspection and does not suggest field names', async () => {
    const production = await gateway({ production: true });
    const introspection = await postGraphQL(production.url, '{ __schema { types { name } } }');
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.errors?.[0]?.message).toContain('introspection');
    const typo = await postGraphQL(production.url, '{ serviceCatalogue { code } }');
    expect(typo.errors?.[0]?.message).not.toContain('Did you mean');
  });
});

describe('rate limits', () => {
  it('stops a sign-in brute force against an account: RATE_LIMITED, HTTP 429 and Retry-After, even for the right password', async () => {
    const limited = await gateway({ limits: { loginFailuresPerAccount: 3 } });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const wrong = await login(limited, `wrong-${attempt}`);
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await login(limited);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'login-failures-account' });
    expect(blocked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.data?.login).toBeUndefined();
  });

  it('shares a caller budget across gateway instances through Redis', async () => {
    const name = `shared-${randomUUID()}`;
    void name;
    const settings = { redisUrl, limits: { apiPerMinute: 4 } };
    const [first, second] = [await gateway(settings), await gateway(settings)];
    const token = (await login(first)).data?.login.token;
    const auth = { authorization: `Bearer ${token}` };
    const codes: (string | undefined)[] = [];
    for (let index = 0; index < 6; index += 1) {
      const result = await postGraphQL((index % 2 ? second : first).url, '{ serviceCatalog { code } }', {}, auth);
      codes.push(result.errors?.[0]?.extensions?.code as string | undefined);
    }
    // The login counted once on the first gateway; the budget of 4 is shared by both.
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(2);
    expect(codes.slice(0, 3)).toEqual([undefined, undefined, undefined]);
  });

  it('counts each request once against the global budget and each operation once against the API budget', async () => {
    // A database of its own, so no other test's requests from this address count here.
    const url = new URL(redisUrl);
    url.pathname = '/13';
    const redis = new Redis(url.toString());
    try {
      const counted = async (pattern: string) => {
        let sum = 0;
        for (const key of await redis.keys(pattern)) sum += Number(await redis.get(key));
        return sum;
      };
      const limited = await gateway({ redisUrl: url.toString() });
      const token = (await login(limited)).data?.login.token ?? '';
      const member = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }).sub;
      const totals = async () => ({ global: await counted('rl:global:*'), api: await counted(`rl:api:member:${member}:*`) });
      const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

      let before = await totals();
      expect(
        (await postGraphQL(limited.url, '{ serviceCatalog { code } }', {}, { authorization: `Bearer ${token}` })).errors,
      ).toBeUndefined();
      expect(await totals()).toEqual({ global: before.global + 1, api: before.api + 1 });

      before = await totals();
      const batch = await fetch(limited.url, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify([1, 2, 3].map(() => ({ query: '{ serviceCatalog { code } }' }))),
      });
      expect(batch.status).toBe(200);
      expect(await totals()).toEqual({ global: before.global + 1, api: before.api + 3 });

      before = await totals();
      const forged = await postGraphQL(limited.url, '{ serviceCatalog { code } }', {}, { authorization: `Bearer ${token}x` });
      expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await totals()).toEqual({ global: before.global + 1, api: before.api });
    } finally {
      redis.disconnect();
    }
  });
});
