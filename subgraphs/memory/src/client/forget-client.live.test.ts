import type { MessageView } from '../message/message.view';
import { recentKey } from '../message/message.store';
import { startMemory, type MemoryHarness } from '../../../../test/platform';

let memory: MemoryHarness;
beforeAll(async () => {
  memory = await startMemory('forget', { cache: 'redis' });
});
afterAll(() => memory.stop());

describe("forgetting a client's memory", () => {
  it('removes every conversation, message, fact and cached copy of that client, and nothing else', async () => {
    const [forgotten, kept] = memory.clientIds as [string, string];
    const ids: string[] = [];
    for (const clientId of [forgotten, forgotten, kept]) {
      const started = await memory.as(memory.crm.agent)<{ startConversation: { id: string } }>(
        'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
        { c: clientId },
      );
      const id = started.data?.startConversation.id ?? '';
      ids.push(id);
      const { body } = await memory.internal<{ assistantMessage: MessageView }>('/internal/turns', {
        conversationId: id,
        content: "I'm Dutch and we want to open a cafe in Ubud.",
      });
      await memory.internal('/internal/messages/finish', { messageId: body.assistantMessage.id, status: 'COMPLETE', content: 'Noted.' });
      await memory.as(memory.crm.agent)('query($id: ID!) { conversation(id: $id) { messages(last: 10) { totalCount } } }', { id });
    }
    await memory.as(memory.crm.admin)(
      'mutation($c: ID!) { rememberFact(input: { clientId: $c, content: "Allergic to paperwork" }) { id } }',
      { c: forgotten },
    );
    expect(await memory.cache.get(recentKey(ids[0] ?? ''))).toBeDefined();

    const denied = await memory.as(memory.crm.agent)('mutation($c: ID!) { forgetClient(clientId: $c) }', { c: forgotten });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const done = await memory.as(memory.crm.admin)('mutation($c: ID!) { forgetClient(clientId: $c) }', { c: forgotten });
    expect(done.data).toEqual({ forgetClient: true });

    const sql = memory.orm.em.getConnection();
    const count = async (query: string, params: unknown[]) => Number((await sql.execute<{ n: string }[]>(query, params))[0]?.n);
    expect(await count('select count(*) as n from conversation where client_id = ?', [forgotten])).toBe(0);
    expect(await count('select count(*) as n from message where conversation_id in (?)', [ids.slice(0, 2)])).toBe(0);
    expect(await count('select count(*) as n from memory_fact where client_id = ?', [forgotten])).toBe(0);
    expect(await memory.cache.get(recentKey(ids[0] ?? ''))).toBeUndefined();
    expect(await memory.cache.get(recentKey(ids[1] ?? ''))).toBeUndefined();
    expect(await count('select count(*) as n from conversation where client_id = ?', [kept])).toBe(1);
    expect(await count('select count(*) as n from memory_fact where client_id = ?', [kept])).toBeGreaterThan(0);
    expect(await memory.cache.get(recentKey(ids[2] ?? ''))).toBeDefined();
  });
});
