import { createServer as createHttpServer } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { eventually, identityHeaders, TEST_SECRETS } from '@nusa/platform/testing';
import { startMemory, type MemoryHarness } from '../../../../test/platform';
import { startMemoryService, type MemoryService } from '../testing';

const FAST = { pollIntervalMs: 20, retryInitialMs: 50, retryMaxMs: 200 };

interface Turn {
  assistantMessage: { id: string };
}

async function openAnswer(memory: MemoryService, conversationId: string): Promise<string> {
  const turn = await memory.internal<Turn>('/internal/turns', { conversationId, content: 'Which visa fits a remote worker?' });
  if (turn.status !== 200) throw new Error(JSON.stringify(turn.body));
  return turn.body.assistantMessage.id;
}

async function finish(memory: MemoryService, messageId: string, status: string): Promise<void> {
  const done = await memory.internal('/internal/messages/finish', {
    messageId,
    status,
    content: 'The remote worker visa.',
    model: 'claude-test',
    citations: [{ documentId: 'doc-1', title: 'Remote worker visa', source: null, collection: 'kb', chunkIndex: 0, headingPath: [] }],
  });
  if (done.status !== 200) throw new Error(JSON.stringify(done.body));
}

interface OutboxRow {
  id: string;
  type: string;
  entity_id: string;
  payload: Record<string, unknown>;
  relayed_at: Date | null;
}

const outbox = (memory: MemoryService, messageId: string) =>
  memory.orm.em.getConnection().execute<OutboxRow[]>('select * from outbox_event where entity_id = ?', [messageId]);

const crmEvents = (memory: MemoryHarness, messageId: string) =>
  memory.crm.orm.em
    .getConnection()
    .execute<{ id: string; type: string; entity_type: string; payload: Record<string, unknown> }[]>(
      'select id, type, entity_type, payload from webhook_event where entity_id = ?',
      [messageId],
    );

describe('answer.completed through the outbox', () => {
  let memory: MemoryHarness;
  let conversationId: string;
  let clientId: string;
  beforeAll(async () => {
    memory = await startMemory('answer_outbox', {
      outboxRelay: FAST,
      crm: { webhooks: { pollIntervalMs: 20, allowPrivateAddresses: true } },
    });
    clientId = memory.clientIds[0] ?? '';
    const started = await memory.as(memory.crm.agent)<{ startConversation: { id: string } }>(
      'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
      { c: clientId },
    );
    conversationId = started.data?.startConversation.id ?? '';
  });
  afterAll(() => memory.stop());

  it('writes one outbox row when an assistant answer completes, and the crm records it once', async () => {
    const messageId = await openAnswer(memory, conversationId);
    await finish(memory, messageId, 'COMPLETE');
    await finish(memory, messageId, 'COMPLETE');
    const rows = await outbox(memory, messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.type).toBe('ANSWER_COMPLETED');
    expect(rows[0]?.payload).toEqual({
      id: messageId,
      conversationId,
      clientId,
      content: 'The remote worker visa.',
      citations: [{ documentId: 'doc-1', title: 'Remote worker visa' }],
      offline: false,
      model: 'claude-test',
      completedAt: expect.any(String) as string,
    });
    await eventually(async () => (await outbox(memory, messageId))[0]?.relayed_at != null, { what: 'the row relayed' });
    const events = await crmEvents(memory, messageId);
    expect(events).toEqual([{ id: rows[0]?.id, type: 'ANSWER_COMPLETED', entity_type: 'message', payload: rows[0]?.payload }]);
  });

  it('is delivered to a partner subscribed to ANSWER_COMPLETED as answer.completed', async () => {
    const received: { type: string; data: Record<string, unknown> }[] = [];
    const partner = createHttpServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      request.on('end', () => {
        received.push(JSON.parse(raw) as (typeof received)[number]);
        response.writeHead(200).end('thanks');
      });
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = partner.address() as AddressInfo;
      const registered = await memory.crm.as(memory.crm.admin)(
        'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }',
        { input: { url: `http://127.0.0.1:${port}/hooks`, eventTypes: ['ANSWER_COMPLETED'] } },
      );
      expect(registered.errors).toBeUndefined();
      const messageId = await openAnswer(memory, conversationId);
      await finish(memory, messageId, 'COMPLETE');
      await eventually(() => Promise.resolve(received.length > 0), { what: 'the delivery received' });
      expect(received).toHaveLength(1);
      expect(received[0]?.type).toBe('answer.completed');
      expect(received[0]?.data).toMatchObject({ id: messageId, conversationId, clientId, content: 'The remote worker visa.' });
    } finally {
      await new Promise((resolve) => partner.close(resolve));
    }
  });

  it('records an event relayed twice once', async () => {
    const messageId = await openAnswer(memory, conversationId);
    await finish(memory, messageId, 'COMPLETE');
    await eventually(async () => (await outbox(memory, messageId))[0]?.relayed_at != null, { what: 'the row relayed' });
    // As if the crm's answer had been lost: the row goes again.
    await memory.orm.em.getConnection().execute('update outbox_event set relayed_at = null where entity_id = ?', [messageId]);
    await eventually(async () => (await outbox(memory, messageId))[0]?.relayed_at != null, { what: 'the row relayed again' });
    expect(await crmEvents(memory, messageId)).toHaveLength(1);
  });

  it('writes nothing for an answer that failed or was cancelled', async () => {
    for (const status of ['FAILED', 'CANCELLED']) {
      const messageId = await openAnswer(memory, conversationId);
      await finish(memory, messageId, status);
      await finish(memory, messageId, 'COMPLETE');
      expect(await outbox(memory, messageId)).toEqual([]);
    }
  });

  it('refuses the crm route to a service other than memory', async () => {
    const response = await fetch(new URL('/internal/webhook-events', memory.crm.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...identityHeaders({ kind: 'service', name: 'chat' }, TEST_SECRETS.internalSecret, 'crm'),
      },
      body: JSON.stringify({ events: [] }),
    });
    expect(response.status).toBe(403);
  });
});

/** A TCP hop to the crm that can be cut (every connection refused and dropped) and restored. */
async function startSwitch(target: string): Promise<{ url: string; up: boolean; close: () => Promise<void> }> {
  const { hostname, port: targetPort, pathname } = new URL(target);
  const sockets = new Set<Socket>();
  const state = { up: true };
  const server: Server = createServer((socket) => {
    if (!state.up) return socket.destroy();
    const upstream = connect(Number(targetPort), hostname);
    for (const end of [socket, upstream]) {
      sockets.add(end);
      end.on('close', () => sockets.delete(end));
      end.on('error', () => end.destroy());
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${pathname}`,
    get up() {
      return state.up;
    },
    set up(value: boolean) {
      state.up = value;
      if (!value) for (const socket of sockets) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a crm that is down', () => {
  it('leaves the row unrelayed, and it goes once the crm is back', async () => {
    const platform = await startMemory('answer_outbox_down');
    const hop = await startSwitch(platform.crm.url);
    const memory = await startMemoryService('answer_outbox_down_memory', { crmUrl: hop.url, outboxRelay: FAST });
    try {
      const started = await memory.as(platform.crm.agent)<{ startConversation: { id: string } }>(
        'mutation { startConversation(input: {}) { id } }',
      );
      const messageId = await openAnswer(memory, started.data?.startConversation.id ?? '');
      hop.up = false;
      await finish(memory, messageId, 'COMPLETE');
      // Several relay attempts fail meanwhile (backoff 50 ms doubling to 200 ms).
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await outbox(memory, messageId))[0]?.relayed_at).toBeNull();
      expect(await crmEvents(platform, messageId)).toEqual([]);
      hop.up = true;
      await eventually(async () => (await outbox(memory, messageId))[0]?.relayed_at != null, { what: 'the row relayed' });
      expect(await crmEvents(platform, messageId)).toHaveLength(1);
    } finally {
      await memory.stop();
      await hop.close();
      await platform.stop();
    }
  });
});
