import { randomBytes, randomUUID } from 'node:crypto';
import { formatApiKey, IDENTITY_HEADER, parseApiKey, signIdentity } from '@nusa/platform';
import { postGraphQL, TEST_SECRETS, eventually } from '@nusa/platform/testing';
import { startGateway, type GatewayHarness } from '../../gateway/src/testing';
import { collect, startChatPlatform, type ChatPlatform } from '../platform';
import { bearer, connectionVerdict, openSocket, redisUrl, SUPERGRAPH, within } from './harness';

const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id name scopes } } }';
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { status } }';
const CLIENTS = '{ clients(first: 2) { totalCount } }';
const CREATE_CLIENT = 'mutation { createClient(input: { fullName: "Via Partner" }) { id } }';
const SEARCH = '{ searchKnowledge(query: "KITAS", limit: 1) { score } }';
const INGEST = 'mutation { ingestDocument(input: { collection: "visa_oracle", title: "Partner note", text: "A short note." }) { id } }';
const START = 'mutation($c: ID) { startConversation(input: { clientId: $c, title: "Partner questions" }) { id } }';
const SEND =
  'mutation($id: ID!) { sendMessage(input: { conversationId: $id, content: "Which KITAS fits a retiree?" }) { assistantMessage { id } } }';
const STREAM = 'subscription($id: ID!) { messageStream(messageId: $id) { seq done status } }';

let platform: ChatPlatform;
/** In front of the platform, with the Redis the CRM writes revocation markers to. */
let gateway: GatewayHarness;
const extraGateways: GatewayHarness[] = [];
let asAdmin: ReturnType<typeof bearer>;

beforeAll(async () => {
  platform = await startChatPlatform('security_keys', { knowledge: true, crm: { redisUrl } });
  gateway = await gatewayWith({ redisUrl });
  asAdmin = bearer(gateway.url, platform.token);
}, 180_000);

afterAll(async () => {
  for (const started of [gateway, ...extraGateways]) await started.stop();
  await platform.stop();
});

function gatewayWith(settings: Partial<Parameters<typeof startGateway>[0]>): Promise<GatewayHarness> {
  const subgraphUrls = { ...platform.urls, chat: platform.chat.url };
  return startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls, ...TEST_SECRETS, ...settings });
}

/** A key made by the admin in the CRM itself, so the suite spends no sign-in or key-creation rate limit. */
async function newKey(scopes: string[], expiresAt?: Date): Promise<{ key: string; id: string }> {
  const result = await platform.memory.crm.as(platform.memory.crm.admin)<{ createApiKey: { key: string; apiKey: { id: string } } }>(
    CREATE,
    { input: { name: `Partner ${scopes.join(' ')}`, scopes, expiresAt } },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return { key: result.data.createApiKey.key, id: result.data.createApiKey.apiKey.id };
}

function expectForbidden(result: { errors?: { extensions?: Record<string, unknown> }[] }, scope: string): void {
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope });
}

function expectRefused(
  result: { status: number; data?: unknown; errors?: { extensions?: Record<string, unknown> }[] },
  reason: string,
): void {
  expect(result.status).toBe(401);
  expect(result.data).toBeUndefined();
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
}

describe('API keys through the gateway', () => {
  it('are created by an admin, the secret shown once', async () => {
    const created = await asAdmin<{ createApiKey: { key: string; apiKey: { id: string; name: string; scopes: string[] } } }>(CREATE, {
      input: { name: 'Bali Villas integration', scopes: ['CRM_READ', 'KNOWLEDGE_READ'] },
    });
    expect(created.data?.createApiKey.apiKey).toMatchObject({ name: 'Bali Villas integration', scopes: ['CRM_READ', 'KNOWLEDGE_READ'] });
    expect(parseApiKey(created.data?.createApiKey.key ?? '')?.id).toBe(created.data?.createApiKey.apiKey.id);
    const listed = await asAdmin('{ apiKeys { id prefix } }');
    expect(JSON.stringify(listed.data)).not.toContain(parseApiKey(created.data?.createApiKey.key ?? '')?.secret);
  });

  it('read what their scopes allow, and get FORBIDDEN naming the scope anywhere else', async () => {
    const crmReader = bearer(gateway.url, (await newKey(['CRM_READ'])).key);
    expect((await crmReader<{ clients: { totalCount: number } }>(CLIENTS)).data?.clients.totalCount).toBeGreaterThan(0);
    expectForbidden(await crmReader(CREATE_CLIENT), 'crm:write');
    expectForbidden(await crmReader(SEARCH), 'knowledge:read');
    expectForbidden(await crmReader(START, { c: platform.memory.clientIds[0] }), 'chat');
    expect((await crmReader(CREATE, { input: { name: 'Escalation', scopes: ['CRM_WRITE'] } })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );

    const knowledgeReader = bearer(gateway.url, (await newKey(['KNOWLEDGE_READ'])).key);
    expect((await knowledgeReader(SEARCH)).errors).toBeUndefined();
    expectForbidden(await knowledgeReader(INGEST), 'knowledge:write');
    expectForbidden(await knowledgeReader(CLIENTS), 'crm:read');

    const writer = bearer(gateway.url, (await newKey(['CRM_WRITE', 'KNOWLEDGE_WRITE'])).key);
    expect((await writer(CREATE_CLIENT)).errors).toBeUndefined();
    expect((await writer(INGEST)).errors).toBeUndefined();
  });

  it('with the chat scope, talk to the assistant about a client and follow the answer over graphql-ws', async () => {
    const { key } = await newKey(['CHAT']);
    const asKey = bearer(gateway.url, key);
    const started = await asKey<{ startConversation: { id: string } }>(START, { c: platform.memory.clientIds[0] });
    const conversationId = started.data?.startConversation.id ?? '';
    const sent = await asKey<{ sendMessage: { assistantMessage: { id: string } } }>(SEND, { id: conversationId });
    expect(sent.errors).toBeUndefined();
    const stream = collect<{ seq: number; done: boolean; status: string }>(
      platform.ws({ gateway, authorization: `Bearer ${key}` }),
      STREAM,
      {
        id: sent.data?.sendMessage.assistantMessage.id,
      },
    );
    await stream.done;
    expect(stream.errors).toEqual([]);
    expect(stream.events.at(-1)).toMatchObject({ done: true, status: 'COMPLETE' });
    // Like an agent, the key sees the team's conversations about clients, not a member's private ones.
    const shared = await platform.query<{ startConversation: { id: string } }>(START, { c: platform.memory.clientIds[1] });
    const mine = await platform.query<{ startConversation: { id: string } }>(START, { c: null });
    const read = 'query($id: ID!) { conversation(id: $id) { id } }';
    expect((await asKey(read, { id: shared.data?.startConversation.id })).errors).toBeUndefined();
    expect((await asKey(read, { id: mine.data?.startConversation.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('record when they were last used', async () => {
    const { key, id } = await newKey(['CRM_READ']);
    const lastUsed = async () =>
      (await asAdmin<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>('{ apiKeys { id lastUsedAt } }')).data?.apiKeys.find(
        (apiKey) => apiKey.id === id,
      )?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    const usedAfter = Date.now() - 1000;
    expect((await bearer(gateway.url, key)(CLIENTS)).errors).toBeUndefined();
    await eventually(async () => (await lastUsed()) !== null);
    expect(Date.parse((await lastUsed()) ?? '')).toBeGreaterThanOrEqual(usedAfter);
  });
});

describe('refused API keys', () => {
  it('a revoked key: from the very next request with Redis, over HTTP and graphql-ws', async () => {
    const { key, id } = await newKey(['CRM_READ']);
    expect((await bearer(gateway.url, key)(CLIENTS)).errors).toBeUndefined();
    expect((await asAdmin<{ revokeApiKey: { status: string } }>(REVOKE, { id })).data?.revokeApiKey.status).toBe('REVOKED');
    expectRefused(await bearer(gateway.url, key)(CLIENTS), 'revoked');
    expect(await connectionVerdict(gateway.url, `Bearer ${key}`)).toBe(4403);
  });

  it('a key revoked while its graphql-ws connection is open: the socket closes with 4403', async () => {
    const checking = await gatewayWith({ redisUrl, socketRecheckMs: 200 });
    extraGateways.push(checking);
    const { key, id } = await newKey(['CHAT']);
    const socket = await openSocket(checking.url, `Bearer ${key}`);
    expect(await within(socket.closed, 500)).toBe('still open');
    expect((await asAdmin<{ revokeApiKey: { status: string } }>(REVOKE, { id })).data?.revokeApiKey.status).toBe('REVOKED');
    expect(await within(socket.closed, 5000)).toBe(4403);
  });

  it('a revoked key: within the cache time on a gateway without Redis', async () => {
    const single = await gatewayWith({ credentials: { cacheSeconds: 1 } });
    extraGateways.push(single);
    const { key, id } = await newKey(['CRM_READ']);
    expect((await bearer(single.url, key)(CLIENTS)).errors).toBeUndefined();
    await asAdmin(REVOKE, { id });
    const revokedAt = Date.now();
    await eventually(async () => (await bearer(single.url, key)(CLIENTS)).status === 401, { timeoutMs: 5000 });
    expect(Date.now() - revokedAt).toBeLessThan(3000);
    expect(await connectionVerdict(single.url, `Bearer ${key}`)).toBe(4403);
  });

  it('an expired key', async () => {
    const expiresAt = new Date(Date.now() + 1500);
    const { key } = await newKey(['CRM_READ'], expiresAt);
    // The key's own expiry is the condition; its answer may be cached for a moment past it.
    await eventually(async () => Date.now() > expiresAt.getTime() && (await bearer(gateway.url, key)(CLIENTS)).status === 401, {
      timeoutMs: 10_000,
    });
    expectRefused(await bearer(gateway.url, key)(CLIENTS), 'expired');
    expect(await connectionVerdict(gateway.url, `Bearer ${key}`)).toBe(4403);
  });

  it('an unknown key, a wrong secret and a malformed key, all alike', async () => {
    const { key } = await newKey(['CRM_READ']);
    const parts = parseApiKey(key);
    const wrongSecret = formatApiKey(parts?.id ?? '', randomBytes(32).toString('base64url'));
    const unknown = formatApiKey(randomUUID(), randomBytes(32).toString('base64url'));
    for (const candidate of [wrongSecret, unknown]) {
      const result = await bearer(gateway.url, candidate)(CLIENTS);
      expectRefused(result, result.errors?.[0]?.extensions?.reason as string);
      expect(result.errors?.[0]?.message).toBe('The API key is not valid');
      expect(await connectionVerdict(gateway.url, `Bearer ${candidate}`)).toBe(4403);
    }
    expectRefused(await bearer(gateway.url, 'nk_not-a-key')(CLIENTS), 'malformed');
  });
});

describe('every subgraph called directly, around the gateway', () => {
  const subgraphs = () => ({ ...platform.urls, chat: platform.chat.url });

  it.each(['crm', 'memory', 'knowledge', 'chat'] as const)('%s answers 401 without an identity and with a forged one', async (name) => {
    const url = subgraphs()[name];
    const bare = await postGraphQL(url, '{ __typename }');
    expect(bare.status).toBe(401);
    expect(bare.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = signIdentity(platform.memory.crm.admin, 'an-attacker-guess-an-attacker-guess-xx', name);
    const result = await postGraphQL(url, '{ __typename }', {}, { [IDENTITY_HEADER]: forged });
    expect(result.status).toBe(401);
    expect(result.data).toBeUndefined();
  });

  it.each(['crm', 'memory', 'knowledge', 'chat'] as const)(
    '%s refuses a genuine identity the gateway issued for another subgraph (a replay)',
    async (name) => {
      const url = subgraphs()[name];
      const admin = platform.memory.crm.admin;
      const own = await postGraphQL(
        url,
        '{ __typename }',
        {},
        { [IDENTITY_HEADER]: signIdentity(admin, TEST_SECRETS.internalSecret, name) },
      );
      expect(own.status).toBe(200);
      for (const other of (['crm', 'memory', 'knowledge', 'chat'] as const).filter((candidate) => candidate !== name)) {
        const replayed = signIdentity(admin, TEST_SECRETS.internalSecret, other);
        const result = await postGraphQL(url, '{ __typename }', {}, { [IDENTITY_HEADER]: replayed });
        expect(result.status).toBe(401);
        expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(result.data).toBeUndefined();
      }
    },
  );

  it('the CRM answers its credential routes to platform services only', async () => {
    const response = await fetch(new URL('/internal/api-keys/resolve', platform.urls.crm), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: signIdentity(platform.memory.crm.admin, TEST_SECRETS.internalSecret, 'crm'),
      },
      body: JSON.stringify({ id: randomUUID() }),
    });
    expect(response.status).toBe(401);
  });
});
