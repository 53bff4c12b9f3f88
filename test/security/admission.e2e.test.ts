import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLFormattedError } from 'graphql';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { postGraphQL, TEST_SECRETS, eventually } from '@nusa/platform/testing';
import { startGateway, type GatewayHarness } from '../../gateway/src/testing';
import { startChatPlatform, type ChatPlatform } from '../platform';
import { redisUrl, sessionToken, SUPERGRAPH } from './harness';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'operations.json'), 'utf8')) as {
  operations: { id: string; name: string; body: string }[];
};
const registered = (name: string) => {
  const operation = manifest.operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`${name} is not in the manifest`);
  return operation;
};
const STREAM = 'subscription($id: ID!, $after: Int) { messageStream(messageId: $id, afterSeq: $after) { seq done } }';

let platform: ChatPlatform;
const gateways: GatewayHarness[] = [];
const clients: Client[] = [];
const redis = new Redis(redisUrl);
/** The gateway every refusal of the table goes through: tight limits, introspection off. */
let strict: GatewayHarness;
/** An answer nobody writes: a subscription to it stays open until it is ended. */
let silentAnswer: string;
let conversationId: string;
const keys: Record<'registeredOnly' | 'crmOnly', string> = { registeredOnly: '', crmOnly: '' };

async function gatewayWith(settings: Partial<Parameters<typeof startGateway>[0]> = {}): Promise<GatewayHarness> {
  const subgraphUrls = { ...platform.urls, chat: platform.chat.url };
  const gateway = await startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls, ...TEST_SECRETS, ...settings });
  gateways.push(gateway);
  return gateway;
}

async function newKey(scopes: string[], maxSubscriptions?: number): Promise<string> {
  const result = await platform.memory.crm.as(platform.memory.crm.admin)<{ createApiKey: { key: string } }>(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
    { input: { name: `Partner ${scopes.join(' ')}`, scopes, maxSubscriptions } },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createApiKey.key;
}

async function openAnswer(): Promise<string> {
  const turn = await platform.memory.internal<{ assistantMessage: { id: string } }>('/internal/turns', {
    conversationId,
    content: 'Waiting for an answer',
  });
  return turn.body.assistantMessage.id;
}

/** A graphql-ws client of `gateway`; `closes` counts how often its socket closed. */
function wsClient(gateway: GatewayHarness, authorization?: string): Client & { closes: () => number } {
  let closes = 0;
  const client = createClient({
    url: gateway.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: authorization ? { authorization } : {},
    on: { closed: () => (closes += 1) },
  });
  clients.push(client);
  return Object.assign(client, { closes: () => closes });
}

/** The errors of an operation over graphql-ws: from an `error` message, or from the results before `complete`. */
function overWs(client: Client, payload: SubscribePayload): Promise<readonly GraphQLFormattedError[]> {
  return new Promise((resolve) => {
    const errors: GraphQLFormattedError[] = [];
    client.subscribe(payload, {
      next: (result) => errors.push(...(result.errors ?? [])),
      error: (error) => resolve(Array.isArray(error) ? (error as GraphQLFormattedError[]) : [{ message: String(error) }]),
      complete: () => resolve(errors),
    });
  });
}

/** A subscription left open; `refused` settles with its errors if it is refused, `end` unsubscribes. */
function subscription(client: Client, payload: SubscribePayload): { refused: Promise<readonly GraphQLFormattedError[]>; end: () => void } {
  let end: () => void = () => undefined;
  const refused = new Promise<readonly GraphQLFormattedError[]>((resolve) => {
    end = client.subscribe(payload, {
      next: () => undefined,
      error: (error) => resolve(error as GraphQLFormattedError[]),
      complete: () => undefined,
    });
  });
  return { refused, end };
}

async function overHttp(gateway: GatewayHarness, payload: SubscribePayload, authorization?: string) {
  const result = await postGraphQL(
    gateway.url,
    payload.query,
    (payload.variables as Record<string, unknown>) ?? {},
    authorization ? { authorization } : {},
  );
  return result.errors ?? [];
}

async function overHttpData<T>(
  gateway: GatewayHarness,
  query: string,
  variables: Record<string, unknown>,
  authorization: string,
): Promise<T> {
  const result = await postGraphQL<T>(gateway.url, query, variables, { authorization });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

async function overHttpBody(gateway: GatewayHarness, body: Record<string, unknown>, authorization: string) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
  });
  return ((await response.json()) as { errors?: GraphQLFormattedError[] }).errors ?? [];
}

/** The errors of an operation sent with a streaming `Accept` (SSE or multipart): the one result the stream carries. */
async function overStream(
  gateway: GatewayHarness,
  payload: SubscribePayload,
  accept: 'text/event-stream' | 'multipart/mixed;subscriptionSpec="1.0"',
  authorization?: string,
): Promise<readonly GraphQLFormattedError[]> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { accept, 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  const json = accept === 'text/event-stream' ? /^data: (\{.*\})$/m.exec(text)?.[1] : /\{"payload".*\}/.exec(text)?.[0];
  const result = JSON.parse(json ?? '{}') as { errors?: GraphQLFormattedError[]; payload?: { errors?: GraphQLFormattedError[] } };
  return (accept === 'text/event-stream' ? result.errors : result.payload?.errors) ?? [];
}

/** Open subscriptions of one kind of caller through `gateway`, from its metrics. */
async function openSubscriptionsOf(gateway: GatewayHarness, kind: string): Promise<number> {
  const metrics = await (await fetch(`${gateway.origin}/metrics`)).text();
  const line = new RegExp(`^gateway_open_client_subscriptions\\{[^}]*caller_kind="${kind}"[^}]*\\} (\\d+)$`, 'm').exec(metrics);
  return Number(line?.[1] ?? 0);
}

const openMemberSubscriptions = (gateway: GatewayHarness) => openSubscriptionsOf(gateway, 'member');

beforeAll(async () => {
  platform = await startChatPlatform('security_admission', { crm: { redisUrl } });
  strict = await gatewayWith({ introspection: false, limits: { maxDepth: 6, maxAliases: 3, maxCost: 300 } });
  keys.registeredOnly = await newKey(['CHAT', 'CRM_READ', 'REGISTERED_OPERATIONS_ONLY']);
  keys.crmOnly = await newKey(['CRM_READ']);
  conversationId = await platform.conversation();
  silentAnswer = await openAnswer();
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map(async (client) => client.dispose()));
  for (const gateway of gateways) await gateway.stop();
  await platform.stop();
  redis.disconnect();
});

const member = () => `Bearer ${platform.token}`;
let deep = 'id';
for (let level = 0; level < 4; level += 1) deep = `conversation { messages(first: 1) { edges { node { ${deep} } } } }`;

/** Refusals every transport must give alike: the operation, who sends it, and the code (and reason, limit, scope) expected. */
const queryRefusals: [string, () => { payload: SubscribePayload; authorization?: string }, Record<string, unknown>][] = [
  [
    'an operation outside the manifest from a registered-only key',
    () => ({ payload: { query: '{ serviceCatalog { code } }' }, authorization: `Bearer ${keys.registeredOnly}` }),
    { code: 'FORBIDDEN', reason: 'UNREGISTERED_OPERATION' },
  ],
  [
    'a query deeper than the depth limit',
    () => ({
      payload: { query: `{ conversation(id: "${conversationId}") { messages(first: 1) { edges { node { ${deep} } } } } }` },
      authorization: member(),
    }),
    { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' },
  ],
  [
    'more aliases than the limit',
    () => ({ payload: { query: '{ a: __typename b: __typename c: __typename d: __typename }' }, authorization: member() }),
    { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxAliases' },
  ],
  [
    'a cost over the ceiling',
    () => ({
      payload: {
        query: 'query($n: Int) { clients(first: $n) { edges { node { practices { interactions { summary } } } } } }',
        variables: { n: 100 },
      },
      authorization: member(),
    }),
    { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost' },
  ],
  [
    'introspection where it is off',
    () => ({ payload: { query: '{ __schema { types { name } } }' }, authorization: member() }),
    { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'INTROSPECTION_DISABLED' },
  ],
  [
    'a key without the scope the field needs',
    () => ({ payload: { query: `{ conversation(id: "${conversationId}") { id } }` }, authorization: `Bearer ${keys.crmOnly}` }),
    { code: 'FORBIDDEN', scope: 'chat' },
  ],
  ['an anonymous caller', () => ({ payload: { query: '{ clients(first: 1) { totalCount } }' } }), { code: 'UNAUTHENTICATED' }],
  ['a syntax error', () => ({ payload: { query: '{ clients(first: 1) {' }, authorization: member() }), { code: 'GRAPHQL_PARSE_FAILED' }],
];

describe('one admission for HTTP, graphql-ws, SSE and multipart', () => {
  it.each(queryRefusals)('refuses %s with the same code over HTTP, graphql-ws, SSE and multipart', async (_name, request, expected) => {
    const { payload, authorization } = request();
    const http = await overHttp(strict, payload, authorization);
    const ws = await overWs(wsClient(strict, authorization), payload);
    const sse = await overStream(strict, payload, 'text/event-stream', authorization);
    const multipart = await overStream(strict, payload, 'multipart/mixed;subscriptionSpec="1.0"', authorization);
    expect(http[0]?.extensions).toMatchObject(expected);
    for (const errors of [ws, sse, multipart]) {
      expect(errors[0]?.extensions).toMatchObject(expected);
      expect(errors[0]?.message).toBe(http[0]?.message);
      expect(errors[0]?.extensions?.http).toBeUndefined();
    }
  });

  it('hides field suggestions on both transports where introspection is off', async () => {
    const payload = { query: '{ serviceCatalogue { code } }' };
    const http = await overHttp(strict, payload, member());
    const ws = await overWs(wsClient(strict, member()), payload);
    for (const errors of [http, ws]) {
      expect(errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(errors[0]?.message).not.toContain('Did you mean');
    }
    expect(ws[0]?.message).toBe(http[0]?.message);
  });

  it('refuses a persisted-query hash it does not know alike', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } };
    const http = await overHttpBody(strict, { extensions }, member());
    const ws = await overWs(wsClient(strict, member()), { query: '', extensions });
    expect(http[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(ws[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('subscriptions pass the same admission', () => {
  it('refuses a registered-only key an unregistered subscription, as a GraphQL error on it, and keeps the socket open', async () => {
    const client = wsClient(strict, `Bearer ${keys.registeredOnly}`);
    const errors = await overWs(client, { query: STREAM, variables: { id: silentAnswer } });
    expect(errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UNREGISTERED_OPERATION' });
    expect(await overWs(client, { query: registered('ServiceCatalog').body })).toEqual([]);
    expect(client.closes()).toBe(0);
  });

  it('lets a registered-only key ask and follow an answer with the manifest operations, by their text or a hash alone', async () => {
    const key = `Bearer ${keys.registeredOnly}`;
    const started = await overHttpData<{ startConversation: { id: string } }>(
      strict,
      registered('StartConversation').body,
      { input: { title: 'Partner' } },
      key,
    );
    const sent = await overHttpData<{ sendMessage: { assistantMessage: { id: string } } }>(
      strict,
      registered('SendMessage').body,
      { input: { conversationId: started.startConversation.id, content: 'Which visa lets me retire in Bali?' } },
      key,
    );
    const messageId = sent.sendMessage.assistantMessage.id;
    const stream = registered('MessageStream');
    for (const payload of [
      { query: stream.body, variables: { messageId } },
      { query: '', variables: { messageId }, extensions: { persistedQuery: { version: 1, sha256Hash: stream.id } } },
    ]) {
      const events: { seq: number; done: boolean }[] = [];
      await new Promise<void>((resolve, reject) =>
        wsClient(strict, key).subscribe<{ messageStream: { seq: number; done: boolean } }>(payload, {
          next: (result) => (result.data ? events.push(result.data.messageStream) : reject(new Error(JSON.stringify(result.errors)))),
          error: (error: unknown) => reject(new Error(JSON.stringify(error))),
          complete: resolve,
        }),
      );
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events[events.length - 1]?.done).toBe(true);
    }
  });

  it.each([
    [
      'a subscription deeper than the depth limit',
      () => `subscription { messageStream(messageId: "${silentAnswer}") { message { ${deep} } } }`,
      { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' },
    ],
    [
      'introspection inside a subscription where it is off',
      () => `subscription { messageStream(messageId: "${silentAnswer}") { seq __type: __schema { queryType { name } } } }`,
      { code: 'GRAPHQL_VALIDATION_FAILED' },
    ],
  ] as const)('refuses %s', async (_name, query, expected) => {
    const errors = await overWs(wsClient(strict, member()), { query: query() });
    expect(errors[0]?.extensions).toMatchObject(expected);
  });

  it("refuses a key without the chat scope the answer's stream", async () => {
    const errors = await overWs(wsClient(strict, `Bearer ${keys.crmOnly}`), { query: STREAM, variables: { id: silentAnswer } });
    expect(errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'chat' });
  });

  it('counts subscribe attempts and queries over the socket against the same API budget as HTTP', async () => {
    const gateway = await gatewayWith({ limits: { apiPerMinute: 4 } });
    const token = `Bearer ${sessionToken(platform.memory.crm.admin)}`;
    expect(await overHttp(gateway, { query: '{ __typename }' }, token)).toEqual([]);
    const client = wsClient(gateway, token);
    expect(await overWs(client, { query: '{ __typename }' })).toEqual([]);
    const open = subscription(client, { query: STREAM, variables: { id: silentAnswer } });
    await eventually(async () => (await openMemberSubscriptions(gateway)) === 1);
    expect(await overHttp(gateway, { query: '{ __typename }' }, token)).toEqual([]);
    const refused = await overWs(client, { query: STREAM, variables: { id: silentAnswer, after: 1 } });
    expect(refused[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'api', limit: 4 });
    const refusedOverHttp = await overHttp(gateway, { query: '{ __typename }' }, token);
    expect(refusedOverHttp[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'api' });
    open.end();
  });

  it('limits subscribe attempts per minute', async () => {
    const gateway = await gatewayWith({ limits: { subscribeAttemptsPerMinute: 2 } });
    const client = wsClient(gateway, `Bearer ${sessionToken(platform.memory.crm.admin)}`);
    const first = subscription(client, { query: STREAM, variables: { id: silentAnswer } });
    await eventually(async () => (await openMemberSubscriptions(gateway)) === 1);
    first.end();
    await eventually(async () => (await openMemberSubscriptions(gateway)) === 0);
    const second = subscription(client, { query: STREAM, variables: { id: silentAnswer } });
    await eventually(async () => (await openMemberSubscriptions(gateway)) === 1);
    const third = await overWs(client, { query: STREAM, variables: { id: silentAnswer } });
    expect(third[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'subscribe', limit: 2 });
    second.end();
  });
});

describe('the cap on open subscriptions', () => {
  it('refuses the 51st open subscription of one session by default, and leaves no upstream or reader behind for the refused', async () => {
    const gateway = await gatewayWith();
    const client = wsClient(gateway, `Bearer ${sessionToken(platform.memory.crm.admin)}`);
    const opened = Array.from({ length: 60 }, (_, index) =>
      subscription(client, { query: STREAM, variables: { id: silentAnswer, after: index } }),
    );
    const refusals = await Promise.all(
      opened.map((open) => Promise.race([open.refused, new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000))])),
    );
    const refused = refusals.filter((errors) => errors !== null);
    expect(refused).toHaveLength(10);
    for (const errors of refused)
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'open-subscriptions', limit: 50 });
    expect(await openMemberSubscriptions(gateway)).toBe(50);
    await eventually(() => Promise.resolve(gateway.subscriptions.upstreams() === 50));
    expect(client.closes()).toBe(0);
    for (const open of opened) open.end();
    await eventually(
      async () =>
        gateway.subscriptions.upstreams() === 0 && platform.chat.log.readers() === 0 && (await openMemberSubscriptions(gateway)) === 0,
    );
  }, 60_000);

  it('holds across two gateways sharing Redis, frees a slot when a subscription ends, and leaves no slot in Redis', async () => {
    const [first, second] = [
      await gatewayWith({ redisUrl, limits: { maxOpenSubscriptions: 3 } }),
      await gatewayWith({ redisUrl, limits: { maxOpenSubscriptions: 3 } }),
    ];
    const admin = platform.memory.crm.admin;
    const token = sessionToken(admin);
    const jti = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { jti: string };
    const slots = () => redis.zcard(`subs:open:session:${jti.jti}`);
    const onFirst = wsClient(first, `Bearer ${token}`);
    const onSecond = wsClient(second, `Bearer ${token}`);
    const held = [subscription(onFirst, { query: STREAM, variables: { id: silentAnswer, after: 1 } })];
    await eventually(async () => (await slots()) === 1);
    held.push(subscription(onFirst, { query: STREAM, variables: { id: silentAnswer, after: 2 } }));
    await eventually(async () => (await slots()) === 2);
    held.push(subscription(onSecond, { query: STREAM, variables: { id: silentAnswer, after: 3 } }));
    await eventually(async () => (await slots()) === 3);
    const refused = await overWs(onSecond, { query: STREAM, variables: { id: silentAnswer, after: 4 } });
    expect(refused[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'open-subscriptions', limit: 3 });
    held[0]?.end();
    await eventually(async () => (await slots()) === 2);
    held.push(subscription(onSecond, { query: STREAM, variables: { id: silentAnswer, after: 5 } }));
    await eventually(async () => (await slots()) === 3);
    for (const open of held) open.end();
    await eventually(async () => (await slots()) === 0);
    expect(onFirst.closes() + onSecond.closes()).toBe(0);
  });

  it("applies a key's own cap instead of the default", async () => {
    const key = await newKey(['CHAT'], 1);
    const client = wsClient(strict, `Bearer ${key}`);
    const open = subscription(client, { query: STREAM, variables: { id: silentAnswer } });
    await eventually(async () => (await openSubscriptionsOf(strict, 'apiKey')) === 1);
    const refused = await overWs(client, { query: STREAM, variables: { id: silentAnswer, after: 1 } });
    expect(refused[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'open-subscriptions', limit: 1 });
    open.end();
  });
});
