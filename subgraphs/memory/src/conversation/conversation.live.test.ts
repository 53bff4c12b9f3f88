import { Role, type Caller } from '@nusa/platform';
import type { GraphQLResult } from '@nusa/platform/testing';
import type { MessageView } from '../message/message.view';
import { startMemory, type MemoryHarness } from '../../../../test/platform';

let memory: MemoryHarness;
let agentB: Caller;
beforeAll(async () => {
  memory = await startMemory('conversation');
  agentB = { kind: 'member', id: '00000000-0000-4000-8000-00000000000b', role: Role.AGENT, name: 'Ketut', email: 'ketut@example.com' };
});
afterAll(() => memory.stop());

const START = 'mutation($input: StartConversationInput!) { startConversation(input: $input) { id title client { id } } }';
const PAGE = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  conversation(id: $id) { messageCount messages(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { seq role content status } } } } }`;

interface Page {
  conversation: {
    messages: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
      edges: { node: { seq: number } }[];
    };
  };
}

async function start(caller: Caller, input: Record<string, unknown>): Promise<string> {
  const result = await memory.as(caller)<{ startConversation: { id: string } }>(START, { input });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.startConversation.id;
}

async function turn(conversationId: string, content: string, idempotencyKey?: string) {
  return memory.internal<{ userMessage: MessageView; assistantMessage: MessageView }>('/internal/turns', {
    conversationId,
    content,
    idempotencyKey,
  });
}

describe('conversations and their messages', () => {
  it('starts a conversation about a CRM client and refuses an unknown client with NOT_FOUND', async () => {
    const result = await memory.as(memory.crm.agent)(START, { input: { clientId: memory.clientIds[0], title: 'KITAS renewal' } });
    expect(result.data?.startConversation).toMatchObject({ title: 'KITAS renewal', client: { id: memory.clientIds[0] } });
    const unknown = await memory.as(memory.crm.agent)(START, { input: { clientId: '00000000-0000-4000-8000-0000000000ff' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for an unknown conversation', async () => {
    const result = await memory.as(memory.crm.agent)(PAGE, { id: '00000000-0000-4000-8000-0000000000fe' });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('pages messages forwards and backwards over the same sequence', async () => {
    const id = await start(memory.crm.agent, { clientId: memory.clientIds[1] });
    for (let i = 1; i <= 6; i += 1)
      await memory.internal('/internal/messages', { conversationId: id, role: 'USER', content: `message ${i}` });
    const forward: number[] = [];
    let after: string | null = null;
    do {
      const page: GraphQLResult<Page> = await memory.as(memory.crm.agent)<Page>(PAGE, { id, first: 4, after });
      const messages = page.data?.conversation.messages;
      if (!messages) throw new Error(JSON.stringify(page.errors));
      forward.push(...messages.edges.map((edge) => edge.node.seq));
      after = messages.pageInfo.hasNextPage ? messages.pageInfo.endCursor : null;
    } while (after);
    const backward: number[] = [];
    let before: string | null = null;
    do {
      const page: GraphQLResult<Page> = await memory.as(memory.crm.agent)<Page>(PAGE, { id, last: 4, before });
      const messages = page.data?.conversation.messages;
      if (!messages) throw new Error(JSON.stringify(page.errors));
      backward.unshift(...messages.edges.map((edge) => edge.node.seq));
      before = messages.pageInfo.hasPreviousPage ? messages.pageInfo.startCursor : null;
    } while (before);
    expect(forward).toEqual([1, 2, 3, 4, 5, 6]);
    expect(backward).toEqual(forward);
  });

  it('refuses a cursor of another conversation, and first with last', async () => {
    const a = await start(memory.crm.agent, { clientId: memory.clientIds[2] });
    const b = await start(memory.crm.agent, { clientId: memory.clientIds[2] });
    await memory.internal('/internal/messages', { conversationId: a, role: 'USER', content: 'x' });
    const page = await memory.as(memory.crm.agent)<Page>(PAGE, { id: a, first: 1 });
    const cursor = page.data?.conversation.messages.pageInfo.endCursor;
    const foreign = await memory.as(memory.crm.agent)(PAGE, { id: b, after: cursor });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const both = await memory.as(memory.crm.agent)(PAGE, { id: a, first: 1, last: 1 });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
  });
});

describe('the internal API for the chat service', () => {
  it('appends a user message and opens a STREAMING assistant message, once per idempotency key', async () => {
    const id = await start(memory.crm.agent, { clientId: memory.clientIds[3] });
    const first = await turn(id, 'How long does an E33G take?', 'key-1');
    const again = await turn(id, 'How long does an E33G take?', 'key-1');
    expect(first.status).toBe(200);
    expect(first.body.assistantMessage).toMatchObject({ role: 'ASSISTANT', status: 'STREAMING', seq: 2 });
    expect(again.body).toEqual(first.body);
    const count = await memory.as(memory.crm.agent)<{ conversation: { messageCount: number } }>(
      'query($id: ID!) { conversation(id: $id) { messageCount } }',
      { id },
    );
    expect(count.data?.conversation.messageCount).toBe(2);
  });

  it('finishes a message once: a second finish changes nothing', async () => {
    const id = await start(memory.crm.agent, { clientId: memory.clientIds[3] });
    const { body } = await turn(id, 'Hi');
    const messageId = body.assistantMessage.id;
    const done = await memory.internal<{ message: MessageView }>('/internal/messages/finish', {
      messageId,
      status: 'COMPLETE',
      content: 'Hello.',
      model: 'claude-haiku',
      outputTokens: 3,
    });
    const late = await memory.internal<{ message: MessageView }>('/internal/messages/finish', {
      messageId,
      status: 'FAILED',
      content: 'x',
      error: 'late',
    });
    expect(done.body.message).toMatchObject({ status: 'COMPLETE', content: 'Hello.', model: 'claude-haiku', outputTokens: 3 });
    expect(late.body.message).toMatchObject({ status: 'COMPLETE', content: 'Hello.', error: null });
  });

  it('keeps how fresh each cited document was when it was cited', async () => {
    const id = await start(memory.crm.agent, { clientId: memory.clientIds[3] });
    const { body } = await turn(id, 'Can I retire in Bali at 58?');
    const cited = { documentId: 'd1', title: 'Retirement KITAS', source: null, collection: 'visa_oracle', chunkIndex: 0 };
    await memory.internal('/internal/messages/finish', {
      messageId: body.assistantMessage.id,
      status: 'COMPLETE',
      content: 'The retirement KITAS needs the applicant to be 60 or over.',
      citations: [
        { ...cited, lastCheckedAt: '2024-03-05T00:00:00.000Z', stale: true },
        { ...cited, documentId: 'd2', chunkIndex: 1 },
      ],
    });
    const read = await memory.as(memory.crm.agent)<{
      conversation: {
        messages: { edges: { node: { citations: { documentId: string; stale: boolean | null; lastCheckedAt: string | null }[] } }[] };
      };
    }>(
      'query($id: ID!) { conversation(id: $id) { messages(first: 2) { edges { node { citations { documentId stale lastCheckedAt } } } } } }',
      {
        id,
      },
    );
    const citations = read.data?.conversation.messages.edges.flatMap((edge) => edge.node.citations);
    expect(citations).toEqual([
      { documentId: 'd1', stale: true, lastCheckedAt: '2024-03-05T00:00:00.000Z' },
      { documentId: 'd2', stale: null, lastCheckedAt: null },
    ]);
  });

  it('refuses a message over 32 kB and an unknown conversation, writing nothing', async () => {
    const id = await start(memory.crm.agent, { clientId: memory.clientIds[4] });
    const big = await turn(id, 'x'.repeat(32 * 1024 + 1));
    expect(big).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    const unknown = await turn('00000000-0000-4000-8000-0000000000fd', 'hello');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const count = await memory.as(memory.crm.agent)<{ conversation: { messageCount: number } }>(
      'query($id: ID!) { conversation(id: $id) { messageCount } }',
      { id },
    );
    expect(count.data?.conversation.messageCount).toBe(0);
  });

  it('keeps concurrent appends in order with unique, gapless sequence numbers', async () => {
    const id = await start(memory.crm.agent, { clientId: memory.clientIds[5] });
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        memory.internal<{ message: MessageView }>('/internal/messages', { conversationId: id, role: 'USER', content: `m${i}` }),
      ),
    );
    const seqs = results.map((result) => result.body.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const rows = await memory.orm.em
      .getConnection()
      .execute<{ seq: number; created_at: Date }[]>('select seq, created_at from message where conversation_id = ? order by seq', [id]);
    expect(rows.map((row) => row.seq)).toEqual(seqs);
  });

  it('turns away callers that are not a platform service', async () => {
    const response = await fetch(`${memory.origin}/internal/messages`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
  });
});

describe('who sees a conversation', () => {
  it('shares client conversations with the team but keeps a private one to its author', async () => {
    const shared = await start(memory.crm.agent, { clientId: memory.clientIds[6] });
    const mine = await start(memory.crm.agent, { title: 'notes to self' });
    const query = 'query($id: ID!) { conversation(id: $id) { id } }';
    expect((await memory.as(agentB)(query, { id: shared })).data).toEqual({ conversation: { id: shared } });
    expect((await memory.as(agentB)(query, { id: mine })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await memory.as(memory.crm.admin)(query, { id: mine })).data).toEqual({ conversation: { id: mine } });
    const partner: Caller = { kind: 'apiKey', id: 'k', role: Role.PARTNER, name: 'p', scopes: [] };
    expect((await memory.as(partner)(query, { id: shared })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
