import { eventually } from '@nusa/platform/testing';
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { collect, startChatPlatform, type ChatPlatform } from './platform';

interface StreamEvent {
  seq: number;
  delta: string;
  done: boolean;
  error: string | null;
  status: string;
  message: { id: string; status: string; content: string; conversation: { client: { fullName: string } | null } };
}

const STREAM = `subscription($id: ID!, $after: Int) {
  messageStream(messageId: $id, afterSeq: $after) {
    seq delta done error status
    message { id status content conversation { client { fullName } } }
  }
}`;
const SEND = `mutation($input: SendMessageInput!) {
  sendMessage(input: $input) {
    offline
    userMessage { id role content status }
    assistantMessage { id role status }
  }
}`;

let platform: ChatPlatform;

beforeAll(async () => {
  platform = await startChatPlatform('chat_e2e', { knowledge: true, offlineTokenDelayMs: 3 });
  await platform.knowledge?.documents.ingest(platform.knowledge.orm.em.fork(), {
    collection: 'visa_oracle',
    title: 'KITAS for remote workers (E33G)',
    source: 'https://example.org/e33g',
    text: '# Remote worker KITAS\n\nThe E33G remote worker KITAS lets a foreigner live in Bali for one year while working for a company abroad. The applicant needs proof of an annual income of at least USD 60,000.\n\n## Documents\n\n- A passport valid for at least 12 months\n- Bank statements for three months',
  });
}, 180_000);

afterAll(async () => {
  await platform.stop();
});

type SendResult = {
  sendMessage: { offline: boolean; userMessage: { id: string; content: string }; assistantMessage: { id: string; status: string } };
};

async function send(conversationId: string, content: string, idempotencyKey?: string) {
  return platform.query<SendResult>(SEND, { input: { conversationId, content, idempotencyKey } });
}

describe('chat through the gateway, offline', () => {
  it('streams an answer token by token over graphql-ws, each event resolved across memory and CRM, equal to the stored message', async () => {
    const conversationId = await platform.conversation();
    const sent = await send(conversationId, 'What income do I need for the E33G remote worker KITAS?');
    expect(sent.errors).toBeUndefined();
    const payload = sent.data?.sendMessage;
    expect(payload?.offline).toBe(true);
    expect(payload?.userMessage.content).toContain('E33G');
    expect(payload?.assistantMessage.status).toBe('STREAMING');

    const stream = collect<StreamEvent>(platform.ws(), STREAM, { id: payload?.assistantMessage.id });
    await stream.done;
    expect(stream.errors).toEqual([]);
    const { events } = stream;
    expect(events.length).toBeGreaterThan(10);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const last = events[events.length - 1];
    expect(last?.done).toBe(true);
    expect(last?.status).toBe('COMPLETE');
    expect(events.slice(0, -1).every((event) => !event.done && event.status === 'STREAMING')).toBe(true);
    // Every event carries the message as memory has it and its client as the CRM has it.
    expect(events.every((event) => event.message.id === payload?.assistantMessage.id)).toBe(true);
    expect(events[0]?.message.conversation.client?.fullName).toEqual(expect.any(String));
    expect(last?.message.status).toBe('COMPLETE');
    const streamed = events.map((event) => event.delta).join('');
    expect(last?.message.content).toBe(streamed);
    expect(streamed).toContain('60,000');
    expect(streamed).toMatch(/\[1\]/);

    const stored = await platform.query<{
      conversation: { messages: { edges: { node: { role: string; offline: boolean; citations: { title: string }[] } }[] } };
    }>('query($id: ID!) { conversation(id: $id) { messages(first: 10) { edges { node { role offline citations { title } } } } } }', {
      id: conversationId,
    });
    const answer = stored.data?.conversation.messages.edges.find(({ node }) => node.role === 'ASSISTANT')?.node;
    expect(answer?.offline).toBe(true);
    expect(answer?.citations.map((citation) => citation.title)).toContain('KITAS for remote workers (E28A)'.replace('E28A', 'E33G'));
  });

  it('resumes after afterSeq with exactly the rest, and joins a live stream mid-answer without a gap', async () => {
    const conversationId = await platform.conversation();
    const sent = await send(conversationId, 'Which documents does the remote worker KITAS need?');
    const id = sent.data?.sendMessage.assistantMessage.id;
    const client = platform.ws();
    const live = collect<StreamEvent>(client, STREAM, { id });
    await eventually(() => live.events.length > 0, { intervalMs: 2 });
    const resumed = collect<StreamEvent>(client, STREAM, { id, after: 5 });
    await Promise.all([live.done, resumed.done]);
    const all = live.events.map((event) => event.seq);
    expect(all).toEqual(all.map((_, index) => index + 1));
    expect(resumed.events.map((event) => event.seq)).toEqual(all.slice(5));
    expect(resumed.events.map((event) => event.delta).join('')).toBe(
      live.events
        .slice(5)
        .map((event) => event.delta)
        .join(''),
    );
  });

  it('answers a repeated idempotency key with the first messages and starts nothing', async () => {
    const conversationId = await platform.conversation();
    const first = await send(conversationId, 'How long is a VOA valid?', 'key-voa-1');
    const second = await send(conversationId, 'How long is a VOA valid?', 'key-voa-1');
    expect(second.data?.sendMessage.assistantMessage.id).toBe(first.data?.sendMessage.assistantMessage.id);
    expect(second.data?.sendMessage.userMessage.id).toBe(first.data?.sendMessage.userMessage.id);
    const stream = collect<StreamEvent>(platform.ws(), STREAM, { id: first.data?.sendMessage.assistantMessage.id });
    await stream.done;
    const seqs = stream.events.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    expect(stream.events.filter((event) => event.done)).toHaveLength(1);
    const count = await platform.query<{ conversation: { messageCount: number; messages: { totalCount: number } } }>(
      'query($id: ID!) { conversation(id: $id) { messages(first: 1) { totalCount } } }',
      { id: conversationId },
    );
    expect(count.data?.conversation.messages.totalCount).toBe(2);
  });

  it('refuses bad input with clear codes', async () => {
    const conversationId = await platform.conversation();
    const empty = await send(conversationId, '   ');
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const huge = await send(conversationId, 'x'.repeat(33 * 1024));
    expect(huge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(huge.errors?.[0]?.message).toContain('limit');
    const unknown = await send('6f1c1f0e-0000-4000-8000-000000000000', 'Hello?');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badId = await send('not-an-id', 'Hello?');
    expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const missing = collect<StreamEvent>(platform.ws(), STREAM, { id: '6f1c1f0e-0000-4000-8000-000000000000' });
    await missing.done;
    expect(missing.events).toEqual([]);
    expect(JSON.stringify(missing.errors)).toContain('NOT_FOUND');

    const anonymous = collect<StreamEvent>(platform.ws({ authorization: null }), STREAM, { id: '6f1c1f0e-0000-4000-8000-000000000000' });
    await anonymous.done;
    expect(JSON.stringify(anonymous.errors)).toContain('UNAUTHENTICATED');
  });

  it('says plainly that the knowledge base has no answer to an out-of-domain question, and stores no citation', async () => {
    const conversationId = await platform.conversation();
    const sent = await send(conversationId, 'What is the best recipe for Italian lasagna?');
    const stream = collect<StreamEvent>(platform.ws(), STREAM, { id: sent.data?.sendMessage.assistantMessage.id });
    await stream.done;
    const last = stream.events[stream.events.length - 1];
    expect(last?.status).toBe('COMPLETE');
    const streamed = stream.events.map((event) => event.delta).join('');
    expect(streamed).toMatch(/^The knowledge base has no answer to this question/);
    expect(streamed).not.toMatch(/\[\d+\]|60,000|remote worker/i);
    const stored = await platform.query<{
      conversation: { messages: { edges: { node: { role: string; content: string; citations: { title: string }[] } }[] } };
    }>('query($id: ID!) { conversation(id: $id) { messages(first: 10) { edges { node { role content citations { title } } } } } }', {
      id: conversationId,
    });
    const answer = stored.data?.conversation.messages.edges.find(({ node }) => node.role === 'ASSISTANT')?.node;
    expect(answer?.content).toBe(streamed);
    expect(answer?.citations).toEqual([]);
  });

  it('cancels an answer mid-stream: CANCELLED, with what was streamed so far', async () => {
    const conversationId = await platform.conversation();
    const sent = await send(conversationId, 'Tell me everything about the remote worker KITAS documents and income');
    const id = sent.data?.sendMessage.assistantMessage.id;
    const stream = collect<StreamEvent>(platform.ws(), STREAM, { id });
    while (stream.events.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const cancelled = await platform.query<{ cancelGeneration: boolean }>('mutation($id: ID!) { cancelGeneration(messageId: $id) }', {
      id,
    });
    expect(cancelled.data?.cancelGeneration).toBe(true);
    await stream.done;
    const last = stream.events[stream.events.length - 1];
    expect(last?.done).toBe(true);
    expect(last?.status).toBe('CANCELLED');
    expect(last?.message.status).toBe('CANCELLED');
    expect(last?.message.content).toBe(stream.events.map((event) => event.delta).join(''));
    const again = await platform.query<{ cancelGeneration: boolean }>('mutation($id: ID!) { cancelGeneration(messageId: $id) }', { id });
    expect(again.data?.cancelGeneration).toBe(false);
  });
});

describe('subscriptions at the gateway', () => {
  it('shares one upstream subscription among identical ones and releases it, and the log reader, when they end', async () => {
    const conversationId = await platform.conversation();
    const id = (await send(conversationId, 'What income does the remote worker KITAS need, and which documents?')).data?.sendMessage
      .assistantMessage.id;
    const client = platform.ws();
    const streams = Array.from({ length: 5 }, () => collect<StreamEvent>(client, STREAM, { id }));
    await eventually(() => streams.every((stream) => stream.events.length > 0));
    expect(platform.gateway.subscriptions.upstreams()).toBe(1);
    expect(platform.chat.log.readers()).toBe(1);
    await Promise.all(streams.map((stream) => stream.done));
    const first = streams[0]?.events.map((event) => `${event.seq}:${event.delta}`);
    for (const stream of streams) expect(stream.events.map((event) => `${event.seq}:${event.delta}`)).toEqual(first);
    await eventually(() => platform.gateway.subscriptions.upstreams() === 0 && platform.chat.log.readers() === 0);
  });

  it('releases the upstream subscription and the log reader when the last subscriber leaves mid-answer', async () => {
    const conversationId = await platform.conversation();
    const id = (await send(conversationId, 'Explain the remote worker KITAS income rule in detail')).data?.sendMessage.assistantMessage.id;
    const stream = collect<StreamEvent>(platform.ws(), STREAM, { id });
    await eventually(() => stream.events.length >= 2);
    expect(platform.chat.log.readers()).toBe(1);
    stream.unsubscribe();
    await eventually(() => platform.gateway.subscriptions.upstreams() === 0 && platform.chat.log.readers() === 0);
    // The generation itself goes on to its end: a socket closing does not end an answer.
    const settled = async () =>
      (await platform.query<{ generation: { done: boolean } }>('query($id: ID!) { generation(messageId: $id) { done } }', { id })).data
        ?.generation.done;
    const deadline = Date.now() + 10_000;
    while (!(await settled())) {
      if (Date.now() > deadline) throw new Error('the answer did not finish');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('ends open subscriptions with SCHEMA_RELOADED when the supergraph changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nusa-reload-'));
    const supergraphPath = join(dir, 'supergraph.graphql');
    copyFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), supergraphPath);
    try {
      const gateway = await platform.addGateway(platform.chat, supergraphPath);
      // An answer nobody writes yet (opened through memory directly): the subscription stays open until the reload.
      const turn = await platform.memory.internal<{ assistantMessage: { id: string } }>('/internal/turns', {
        conversationId: await platform.conversation(),
        content: 'Waiting for an answer',
      });
      const stream = collect<StreamEvent>(platform.ws({ gateway }), STREAM, { id: turn.body.assistantMessage.id });
      await eventually(() => gateway.subscriptions.upstreams() === 1);
      appendFileSync(supergraphPath, '\n# reloaded\n');
      await stream.done;
      expect(stream.events[stream.events.length - 1]?.done).not.toBe(true);
      expect(JSON.stringify(stream.errors)).toContain('SCHEMA_RELOADED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('operations', () => {
  it('exposes generations, tokens, open streams, subgraph fetches and subscriptions on /metrics', async () => {
    const conversationId = await platform.conversation();
    const id = (await send(conversationId, 'What does the remote worker KITAS cost?')).data?.sendMessage.assistantMessage.id;
    await collect<StreamEvent>(platform.ws(), STREAM, { id }).done;
    const chatMetrics = await (await fetch(platform.chat.url.replace('/graphql', '/metrics'))).text();
    expect(chatMetrics).toMatch(/chat_generations_total\{[^}]*status="COMPLETE"[^}]*responder="offline"[^}]*\} [1-9]/);
    expect(chatMetrics).toMatch(/chat_tokens_streamed_total\{[^}]*\} [1-9]/);
    expect(chatMetrics).toContain('chat_generation_duration_seconds_bucket');
    expect(chatMetrics).toContain('chat_open_streams');
    expect(chatMetrics).toMatch(/graphql_operations_total\{[^}]*outcome="ok"/);
    const gatewayMetrics = await (await fetch(`${platform.gateway.origin}/metrics`)).text();
    expect(gatewayMetrics).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="memory"[^}]*outcome="ok"[^}]*\} [1-9]/);
    expect(gatewayMetrics).toContain('gateway_open_subscriptions{side="client_connections"');
    expect(gatewayMetrics).toContain('graphql_operation_duration_seconds_bucket');
    expect(gatewayMetrics).toContain('cache_lookups_total');
  });
});

/** Opens a raw graphql-transport-ws socket to the gateway and resolves with its close code. */
function rawSocket(platformUrl: string, script: (socket: WebSocket) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(platformUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    socket.on('open', () => script(socket));
    socket.on('close', (code) => resolve(code));
    socket.on('error', reject);
  });
}

describe('the graphql-ws protocol at the gateway', () => {
  const init = (socket: WebSocket, payload: Record<string, unknown> = {}) =>
    socket.send(JSON.stringify({ type: 'connection_init', payload }));
  const subscribe = (socket: WebSocket, id: string) =>
    socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { messageStream(messageId: "x") { seq } }' } }));

  it('closes with 4403 on bad credentials', async () => {
    expect(await rawSocket(platform.gateway.url, (socket) => init(socket, { authorization: 'Bearer not-a-token' }))).toBe(4403);
  });

  it('closes with 4401 on subscribe before ack, 4400 on an invalid message, 4429 on a second init', async () => {
    expect(await rawSocket(platform.gateway.url, (socket) => subscribe(socket, '1'))).toBe(4401);
    expect(await rawSocket(platform.gateway.url, (socket) => socket.send('{"type":"nonsense"}'))).toBe(4400);
    const auth = { authorization: `Bearer ${platform.token}` };
    expect(
      await rawSocket(platform.gateway.url, (socket) => {
        init(socket, auth);
        socket.once('message', () => init(socket, auth));
      }),
    ).toBe(4429);
  });

  it('closes with 4409 on a duplicate subscription id', async () => {
    const code = await rawSocket(platform.gateway.url, (socket) => {
      init(socket, { authorization: `Bearer ${platform.token}` });
      socket.once('message', () => {
        const live = JSON.stringify({
          id: 'same',
          type: 'subscribe',
          payload: {
            query: 'subscription($id: ID!) { messageStream(messageId: $id) { seq } }',
            variables: { id: platform.memory.clientIds[0] },
          },
        });
        socket.send(live);
        socket.send(live);
      });
    });
    expect(code).toBe(4409);
  });

  it('closes with 4408 when connection_init never comes', async () => {
    expect(await rawSocket(platform.gateway.url, () => undefined)).toBe(4408);
  }, 10_000);
});
