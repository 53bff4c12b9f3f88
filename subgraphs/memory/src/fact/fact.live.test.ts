import type { MessageView } from '../message/message.view';
import { startMemory, type MemoryHarness } from '../../../../test/platform';

let memory: MemoryHarness;
let clientId: string;
beforeAll(async () => {
  memory = await startMemory('fact');
  clientId = memory.clientIds[0] ?? '';
});
afterAll(() => memory.stop());

const FACTS = `query($id: ID!) { _entities(representations: [{ __typename: "Client", id: $id }]) { ... on Client {
  memoryFacts(includeHistory: true) { id kind content source validTo supersededBy { id } sourceMessage { id content } } } } }`;

interface Fact {
  id: string;
  kind: string;
  content: string;
  source: string;
  validTo: string | null;
  supersededBy: { id: string } | null;
  sourceMessage: { id: string; content: string } | null;
}

async function facts(): Promise<Fact[]> {
  const result = await memory.as(memory.crm.agent)<{ _entities: { memoryFacts: Fact[] }[] }>(FACTS, { id: clientId });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data._entities[0]?.memoryFacts ?? [];
}

async function completedTurn(conversationId: string, question: string): Promise<MessageView> {
  const { body } = await memory.internal<{ userMessage: MessageView; assistantMessage: MessageView }>('/internal/turns', {
    conversationId,
    content: question,
  });
  await memory.internal('/internal/messages/finish', { messageId: body.assistantMessage.id, status: 'COMPLETE', content: 'Noted.' });
  return body.userMessage;
}

describe('long-term facts', () => {
  let conversationId: string;
  beforeAll(async () => {
    const started = await memory.as(memory.crm.agent)<{ startConversation: { id: string } }>(
      'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
      { c: clientId },
    );
    conversationId = started.data?.startConversation.id ?? '';
  });

  it('learns facts from a completed turn, each with its source message', async () => {
    const question = await completedTurn(conversationId, "I'm British and my KITAS expires on 2027-05-01.");
    const found = await facts();
    expect(found.map((fact) => fact.content).sort()).toEqual(['KITAS expires 2027-05-01', 'Nationality: British']);
    for (const fact of found) expect(fact).toMatchObject({ source: 'MESSAGE', validTo: null, sourceMessage: { id: question.id } });
  });

  it('refreshes a restated fact instead of storing it twice', async () => {
    const before = await facts();
    await completedTurn(conversationId, 'As I said, I am British.');
    const after = await facts();
    expect(after).toHaveLength(before.length);
    expect(after.find((fact) => fact.content === 'Nationality: British')?.id).toBe(
      before.find((fact) => fact.content === 'Nationality: British')?.id,
    );
  });

  it('lets a contradicting fact supersede the old one, which keeps its history', async () => {
    await completedTurn(conversationId, 'Update: my KITAS expires on 2028-05-01 after the extension.');
    const all = await facts();
    const current = all.find((fact) => fact.content === 'KITAS expires 2028-05-01');
    const old = all.find((fact) => fact.content === 'KITAS expires 2027-05-01');
    expect(current?.validTo).toBeNull();
    expect(old?.validTo).not.toBeNull();
    expect(old?.supersededBy?.id).toBe(current?.id);
  });

  it('does not learn from a turn that failed', async () => {
    const before = await facts();
    const { body } = await memory.internal<{ assistantMessage: MessageView }>('/internal/turns', {
      conversationId,
      content: 'We want to open a restaurant in Ubud.',
    });
    await memory.internal('/internal/messages/finish', {
      messageId: body.assistantMessage.id,
      status: 'FAILED',
      content: '',
      error: 'overloaded',
    });
    expect(await facts()).toHaveLength(before.length);
  });

  it('remembers, ranks and forgets what it is told', async () => {
    const told = await memory.as(memory.crm.agent)<{ rememberFact: { id: string; kind: string; source: string } }>(
      'mutation($c: ID!) { rememberFact(input: { clientId: $c, content: "Prefers to be contacted on WhatsApp in the morning" }) { id kind source } }',
      { c: clientId },
    );
    expect(told.data?.rememberFact).toMatchObject({ kind: 'PREFERENCE', source: 'MANUAL' });
    const ranked = await memory.as(memory.crm.agent)<{ searchMemory: { content: string }[] }>(
      'query($c: ID!) { searchMemory(clientId: $c, query: "when does the kitas expire?", limit: 3) { content } }',
      { c: clientId },
    );
    expect(ranked.data?.searchMemory[0]?.content).toBe('KITAS expires 2028-05-01');
    const forgot = await memory.as(memory.crm.agent)('mutation($id: ID!) { forgetFact(id: $id) }', { id: told.data?.rememberFact.id });
    expect(forgot.data).toEqual({ forgetFact: true });
    expect((await facts()).map((fact) => fact.content)).not.toContain('Prefers to be contacted on WhatsApp in the morning');
  });

  it('refuses a fact about an unknown client and a limit over 50', async () => {
    const unknown = await memory.as(memory.crm.agent)(
      'mutation { rememberFact(input: { clientId: "00000000-0000-4000-8000-0000000000aa", content: "x" }) { id } }',
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const limit = await memory.as(memory.crm.agent)('query($c: ID!) { searchMemory(clientId: $c, query: "visa", limit: 51) { id } }', {
      c: clientId,
    });
    expect(limit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
  });
});
