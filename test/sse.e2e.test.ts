import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-sse';
import { eventually, TEST_SECRETS } from '@nusa/platform/testing';
import { startGateway, type GatewayHarness } from '../gateway/src/testing';
import { startChatPlatform, SUPERGRAPH, type ChatPlatform } from './platform';
import { expectWholeAnswer, openSubscriptionsOf, readUntil, STREAM, type StreamEvent } from './subscription-http';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'operations.json'), 'utf8')) as {
  operations: { id: string; name: string; body: string }[];
};
const DEEP =
  'subscription($id: ID!) { messageStream(messageId: $id) { message { conversation { messages(first: 1) { edges { node { id } } } } } } }';
const INTROSPECTING = 'subscription($id: ID!) { messageStream(messageId: $id) { seq __type: __schema { queryType { name } } } }';
const registeredStream = manifest.operations.find((operation) => operation.name === 'MessageStream');

let platform: ChatPlatform;
/** A gateway with heartbeats every 50 ms, introspection off and a low depth limit. */
let gateway: GatewayHarness;
const clients: Client[] = [];

beforeAll(async () => {
  platform = await startChatPlatform('sse_e2e', { offlineTokenDelayMs: 5 });
  gateway = await startGateway({
    supergraphPath: SUPERGRAPH,
    subgraphUrls: { ...platform.urls, chat: platform.chat.url },
    ...TEST_SECRETS,
    introspection: false,
    limits: { maxDepth: 6 },
    heartbeatMs: { sse: 50 },
  });
}, 180_000);

afterAll(async () => {
  for (const client of clients) client.dispose();
  await gateway.stop();
  await platform.stop();
});

const admin = () => `Bearer ${platform.token}`;

function sseClient(options: Partial<ClientOptions> = {}, authorization = admin()): Client {
  const client = createClient({ url: gateway.url, headers: { authorization }, retryAttempts: 0, ...options });
  clients.push(client);
  return client;
}

/** Every result of one operation over SSE, until `complete`. */
async function results<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<ExecutionResult<T>[]> {
  const seen: ExecutionResult<T>[] = [];
  for await (const result of client.iterate<T>({ query, variables })) seen.push(result as ExecutionResult<T>);
  return seen;
}

async function answer(question: string): Promise<string> {
  const sent = await platform.query<{ sendMessage: { assistantMessage: { id: string } } }>(
    'mutation($input: SendMessageInput!) { sendMessage(input: $input) { assistantMessage { id } } }',
    { input: { conversationId: await platform.conversation(), content: question } },
  );
  const id = sent.data?.sendMessage.assistantMessage.id;
  if (!id) throw new Error(JSON.stringify(sent.errors));
  return id;
}

/** An answer nobody writes: a subscription to it stays open until it is ended. */
async function silentAnswer(): Promise<string> {
  const turn = await platform.memory.internal<{ assistantMessage: { id: string } }>('/internal/turns', {
    conversationId: await platform.conversation(),
    content: 'Waiting for an answer',
  });
  return turn.body.assistantMessage.id;
}

async function newKey(scopes: string[], maxSubscriptions?: number): Promise<string> {
  const result = await platform.memory.crm.as(platform.memory.crm.admin)<{ createApiKey: { key: string } }>(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
    { input: { name: `SSE partner ${scopes.join(' ')}`, scopes, maxSubscriptions } },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createApiKey.key;
}

const sse = (body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(gateway.url, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: admin(), ...headers },
    body: JSON.stringify(body),
    signal,
  });

describe('subscriptions over Server-Sent Events', () => {
  it('streams an answer token by token to the graphql-sse client, each event resolved across memory and the CRM', async () => {
    const id = await answer('What income do I need for the E33G remote worker KITAS?');
    const seen = await results<{ messageStream: StreamEvent }>(sseClient(), STREAM, { id });
    expect(seen.flatMap((result) => result.errors ?? [])).toEqual([]);
    expectWholeAnswer(
      seen.map((result) => result.data?.messageStream as StreamEvent),
      id,
    );
  });

  it('gives every next event its seq as the event id, and ends with complete (as curl -N shows it)', async () => {
    const id = await answer('Which documents does the remote worker KITAS need?');
    const response = await fetch(
      `${gateway.url}?query=${encodeURIComponent(STREAM)}&variables=${encodeURIComponent(JSON.stringify({ id }))}`,
      {
        headers: { accept: 'text/event-stream', authorization: admin() },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await response.text();
    const events = text.split('\n\n').filter((block) => block.includes('event: next'));
    const ids = events.map((block) => Number(/^id: (\d+)$/m.exec(block)?.[1]));
    expect(ids).toEqual(ids.map((_, index) => index + 1));
    const data = events.map((block) => JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as { data: { messageStream: StreamEvent } });
    expect(data.map((result) => result.data.messageStream.seq)).toEqual(ids);
    expect(text.trimEnd().endsWith('event: complete\ndata:')).toBe(true);
  });

  it('resumes with Last-Event-ID after a dropped connection: no event twice, none missing', async () => {
    const id = await answer('How long may I stay on a retirement KITAS?');
    const seqs: number[] = [];
    const sentLastEventIds: (string | null)[] = [];
    let connections = 0;
    // The first connection drops after three events, as a proxy cutting it would; the client reconnects.
    const droppingFetch: typeof fetch = async (input, init) => {
      connections += 1;
      sentLastEventIds.push(new Headers(init?.headers).get('last-event-id'));
      const response = await fetch(input, init);
      return connections === 1 ? cutAfterEvents(response, 3) : response;
    };
    const client = sseClient({
      fetchFn: droppingFetch,
      retryAttempts: 2,
      retry: () => Promise.resolve(),
      headers: () => ({ authorization: admin(), ...(seqs.length > 0 ? { 'last-event-id': String(seqs[seqs.length - 1]) } : {}) }),
    });
    const seen: StreamEvent[] = [];
    for await (const result of client.iterate<{ messageStream: StreamEvent }>({ query: STREAM, variables: { id } })) {
      expect(result.errors).toBeUndefined();
      const event = result.data?.messageStream as StreamEvent;
      seqs.push(event.seq);
      seen.push(event);
    }
    expect(connections).toBe(2);
    expect(sentLastEventIds[0]).toBeNull();
    expect(Number(sentLastEventIds[1])).toBeGreaterThanOrEqual(1);
    expectWholeAnswer(seen, id);
    await eventually(async () => (await openSubscriptionsOf(gateway, 'member')) === 0);
  });

  it('sends heartbeats while no event comes, and releases the open slot, the upstream and the reader when the client goes', async () => {
    const id = await silentAnswer();
    const controller = new AbortController();
    const response = await sse({ query: STREAM, variables: { id } }, {}, controller.signal);
    await eventually(async () => (await openSubscriptionsOf(gateway, 'member')) === 1);
    const read = await readUntil(response, (text) => text.split(':\n\n').length > 4, controller);
    expect(read.ended).toBe(false);
    expect(read.text).not.toContain('event:');
    await eventually(
      async () =>
        (await openSubscriptionsOf(gateway, 'member')) === 0 &&
        gateway.subscriptions.upstreams() === 0 &&
        platform.chat.log.readers() === 0,
    );
  });

  it('answers a query sent to it as one next event, then complete', async () => {
    const seen = await results<{ clients: { totalCount: number } }>(sseClient(), '{ clients(first: 1) { totalCount } }');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.data?.clients.totalCount).toBeGreaterThan(0);
  });
});

/** The errors of a refused operation over SSE, as the graphql-sse client hands them over: one `next`, then `complete`. */
async function refusalOverSse(
  query: string,
  variables: Record<string, unknown>,
  authorization?: string,
): Promise<readonly GraphQLFormattedError[]> {
  const seen = await results(sseClient({}, authorization), query, variables);
  expect(seen).toHaveLength(1);
  return seen[0]?.errors ?? [];
}

describe('the same admission over SSE', () => {
  it('refuses a registered-only key an unregistered subscription, and lets it follow the manifest one by its hash', async () => {
    const key = `Bearer ${await newKey(['CHAT', 'REGISTERED_OPERATIONS_ONLY'])}`;
    const id = await silentAnswer();
    const errors = await refusalOverSse(STREAM, { id }, key);
    expect(errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UNREGISTERED_OPERATION' });

    const messageId = await answer('Which visa lets me retire in Bali?');
    const client = sseClient({}, key);
    const seen: { seq: number }[] = [];
    const body = { query: '', variables: { messageId }, extensions: { persistedQuery: { version: 1, sha256Hash: registeredStream?.id } } };
    for await (const result of client.iterate<{ messageStream: { seq: number } }>(body)) {
      expect(result.errors).toBeUndefined();
      seen.push(result.data?.messageStream as { seq: number });
    }
    expect(seen.map((event) => event.seq)).toEqual(seen.map((_, index) => index + 1));
  });

  const refusals: [string, string, string | string[] | undefined, Record<string, unknown>][] = [
    ['a subscription deeper than the depth limit', DEEP, undefined, { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' }],
    ['introspection where it is off', INTROSPECTING, undefined, { code: 'GRAPHQL_VALIDATION_FAILED' }],
    ['a key without the chat scope', STREAM, ['CRM_READ'], { code: 'FORBIDDEN', scope: 'chat' }],
    ['a bad credential', STREAM, 'Bearer nonsense', { code: 'UNAUTHENTICATED' }],
  ];
  it.each(refusals)('refuses %s with the code graphql-ws gives', async (_name, query, who, expected) => {
    const id = await silentAnswer();
    const authorization = who === undefined ? admin() : typeof who === 'string' ? who : `Bearer ${await newKey(who)}`;
    const errors = await refusalOverSse(query, { id }, authorization);
    expect(errors[0]?.extensions).toMatchObject(expected);
  });

  it("holds a key to its cap on open subscriptions, and frees the slot when the stream's client goes", async () => {
    const key = `Bearer ${await newKey(['CHAT'], 1)}`;
    const id = await silentAnswer();
    const controller = new AbortController();
    const open = await sse({ query: STREAM, variables: { id } }, { authorization: key }, controller.signal);
    await eventually(async () => (await openSubscriptionsOf(gateway, 'apiKey')) === 1);
    const refused = await refusalOverSse(STREAM, { id }, key);
    expect(refused[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'open-subscriptions', limit: 1 });
    controller.abort();
    await open.body?.cancel().catch(() => undefined);
    await eventually(async () => (await openSubscriptionsOf(gateway, 'apiKey')) === 0);
    const again = await refusalOverSse('{ __typename }', {}, key);
    expect(again).toEqual([]);
  });
});

describe('a subscription sent as a plain JSON request', () => {
  it('answers 400 SUBSCRIPTION_TRANSPORT_REQUIRED naming the three transports, over POST and GET, and holds no slot', async () => {
    const id = await silentAnswer();
    const post = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: admin() },
      body: JSON.stringify({ query: STREAM, variables: { id } }),
    });
    const get = await fetch(`${gateway.url}?query=${encodeURIComponent(STREAM)}&variables=${encodeURIComponent(JSON.stringify({ id }))}`, {
      headers: { accept: 'application/json', authorization: admin() },
    });
    for (const response of [post, get]) {
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: GraphQLFormattedError[] };
      expect(body.errors[0]?.extensions?.code).toBe('SUBSCRIPTION_TRANSPORT_REQUIRED');
      expect(body.errors[0]?.message).toMatch(/graphql-ws.*text\/event-stream.*multipart\/mixed/s);
    }
    expect(await openSubscriptionsOf(gateway, 'member')).toBe(0);
  });
});

/** `response` with its body cut (an error, as a dropped connection gives) once `count` next events have passed. */
function cutAfterEvents(response: Response, count: number): Response {
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = response.body?.getReader();
  if (!reader) return response;
  const decoder = new TextDecoder();
  let events = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller): Promise<void> {
      if (events >= count) {
        await reader.cancel();
        // Let the client take what it has been given before the connection fails under it.
        await new Promise((resolve) => setImmediate(resolve));
        controller.error(new TypeError('terminated'));
        return;
      }
      const { value, done } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      events += decoder.decode(value, { stream: true }).split('event: next').length - 1;
      controller.enqueue(value);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
