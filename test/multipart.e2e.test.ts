import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';
import { eventually, TEST_SECRETS } from '@nusa/platform/testing';
import { startGateway, type GatewayHarness } from '../gateway/src/testing';
import { startChatPlatform, SUPERGRAPH, type ChatPlatform } from './platform';
import { expectWholeAnswer, openSubscriptionsOf, readUntil, STREAM, type StreamEvent } from './subscription-http';

let platform: ChatPlatform;
/** A gateway with multipart heartbeats every 50 ms. */
let gateway: GatewayHarness;

beforeAll(async () => {
  platform = await startChatPlatform('multipart_e2e', { offlineTokenDelayMs: 5 });
  gateway = await startGateway({
    supergraphPath: SUPERGRAPH,
    subgraphUrls: { ...platform.urls, chat: platform.chat.url },
    ...TEST_SECRETS,
    heartbeatMs: { multipart: 50 },
  });
}, 180_000);

afterAll(async () => {
  await gateway.stop();
  await platform.stop();
});

const admin = () => `Bearer ${platform.token}`;
const ACCEPT = 'multipart/mixed;subscriptionSpec="1.0", application/json';

/** Apollo Client with only its HTTP link: no WebSocket link anywhere. */
function apolloClient(authorization = admin()): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([new HttpLink({ uri: gateway.url, headers: { authorization } })]),
    cache: new InMemoryCache(),
  });
}

/** What Apollo Client's subscription delivers until it completes or fails. */
interface Followed<T> {
  data: T[];
  errors: readonly GraphQLFormattedError[];
  failure?: unknown;
}

function follow<T>(client: ApolloClient, query: string, variables: Record<string, unknown>): Promise<Followed<T>> {
  const followed: Followed<T> = { data: [], errors: [] };
  return new Promise((resolve) => {
    client.subscribe<T>({ query: gql(query), variables, fetchPolicy: 'no-cache' }).subscribe({
      next: (result) => {
        if (result.data) followed.data.push(result.data);
        const errors = (result.error as { errors?: readonly GraphQLFormattedError[] } | undefined)?.errors;
        if (errors) followed.errors = [...followed.errors, ...errors];
      },
      error: (failure: unknown) => resolve({ ...followed, failure }),
      complete: () => resolve(followed),
    });
  });
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

async function silentAnswer(): Promise<string> {
  const turn = await platform.memory.internal<{ assistantMessage: { id: string } }>('/internal/turns', {
    conversationId: await platform.conversation(),
    content: 'Waiting for an answer',
  });
  return turn.body.assistantMessage.id;
}

describe("subscriptions over Apollo's multipart HTTP protocol", () => {
  it('streams an answer token by token to Apollo Client with its HTTP link alone, each event resolved across subgraphs', async () => {
    const id = await answer('What income do I need for the E33G remote worker KITAS?');
    const followed = await follow<{ messageStream: StreamEvent }>(apolloClient(), STREAM, { id });
    expect(followed.failure).toBeUndefined();
    expect(followed.errors).toEqual([]);
    expectWholeAnswer(
      followed.data.map((data) => data.messageStream),
      id,
    );
  });

  it('frames events as Apollo Router does: boundary graphql, JSON parts under payload, {} heartbeats, the final boundary', async () => {
    const id = await answer('Which documents does the remote worker KITAS need?');
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { accept: ACCEPT, 'content-type': 'application/json', authorization: admin() },
      body: JSON.stringify({ query: STREAM, variables: { id } }),
    });
    expect(response.headers.get('content-type')).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
    const text = await response.text();
    expect(text.endsWith('\r\n--graphql--\r\n')).toBe(true);
    const parts = text
      .split('\r\n--graphql')
      .slice(1, -1)
      .map((part) => {
        const [headers, body] = part.split('\r\n\r\n');
        expect(headers?.trim()).toBe('content-type: application/json');
        return JSON.parse(body ?? '') as { payload?: { data: { messageStream: StreamEvent } } };
      });
    const events = parts.filter((part) => part.payload).map((part) => part.payload?.data.messageStream as StreamEvent);
    expectWholeAnswer(events, id);
    expect(parts.filter((part) => !part.payload).every((part) => Object.keys(part).length === 0)).toBe(true);
  });

  it('sends {} heartbeats while no event comes, and releases the slot, the upstream and the reader when the client goes', async () => {
    const id = await silentAnswer();
    const controller = new AbortController();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { accept: ACCEPT, 'content-type': 'application/json', authorization: admin() },
      body: JSON.stringify({ query: STREAM, variables: { id } }),
      signal: controller.signal,
    });
    await eventually(async () => (await openSubscriptionsOf(gateway, 'member')) === 1);
    const read = await readUntil(response, (text) => text.split('\r\n\r\n{}').length > 4, controller);
    expect(read.ended).toBe(false);
    expect(read.text).not.toContain('payload');
    await eventually(
      async () =>
        (await openSubscriptionsOf(gateway, 'member')) === 0 &&
        gateway.subscriptions.upstreams() === 0 &&
        platform.chat.log.readers() === 0,
    );
  });

  it('releases everything when Apollo Client unsubscribes', async () => {
    const id = await silentAnswer();
    const subscription = apolloClient()
      .subscribe({ query: gql(STREAM), variables: { id }, fetchPolicy: 'no-cache' })
      .subscribe({ next: () => undefined });
    await eventually(async () => (await openSubscriptionsOf(gateway, 'member')) === 1 && gateway.subscriptions.upstreams() === 1);
    subscription.unsubscribe();
    await eventually(async () => (await openSubscriptionsOf(gateway, 'member')) === 0 && gateway.subscriptions.upstreams() === 0);
  });

  it('hands Apollo Client a refusal as GraphQL errors with the code graphql-ws gives', async () => {
    const id = await silentAnswer();
    const unregistered = await platform.memory.crm.as(platform.memory.crm.admin)<{ createApiKey: { key: string } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
      { input: { name: 'Multipart partner', scopes: ['CHAT', 'REGISTERED_OPERATIONS_ONLY'] } },
    );
    const key = unregistered.data?.createApiKey.key ?? '';
    const followed = await follow(apolloClient(`Bearer ${key}`), STREAM, { id });
    expect(followed.data).toEqual([]);
    expect(followed.errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UNREGISTERED_OPERATION' });
  });
});
