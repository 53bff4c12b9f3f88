import { createLogger } from '@nusa/platform';
import { RedisCache } from '@nusa/subgraph';
import { freePort } from '@nusa/platform/testing';
import { recentKey } from './message.store';
import type { MessageView } from './message.view';
import { startMemory, type MemoryHarness } from '../../../../test/platform';

const LAST = 'query($id: ID!) { conversation(id: $id) { messages(last: 50) { edges { node { seq content } } } } }';

async function conversationWith(memory: MemoryHarness, count: number): Promise<string> {
  const started = await memory.as(memory.crm.agent)<{ startConversation: { id: string } }>(
    'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
    { c: memory.clientIds[0] },
  );
  const id = started.data?.startConversation.id ?? '';
  for (let i = 1; i <= count; i += 1) await memory.internal('/internal/messages', { conversationId: id, role: 'USER', content: `m${i}` });
  return id;
}

async function contents(memory: MemoryHarness, id: string): Promise<string[]> {
  const result = await memory.as(memory.crm.agent)<{ conversation: { messages: { edges: { node: { content: string } }[] } } }>(LAST, {
    id,
  });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.conversation.messages.edges.map((edge) => edge.node.content);
}

describe('the recent-messages cache in Redis', () => {
  let memory: MemoryHarness;
  beforeAll(async () => {
    memory = await startMemory('cache', { cache: 'redis' });
  });
  afterAll(() => memory.stop());

  it('serves the last 50 from Redis and stays in step with writes', async () => {
    const id = await conversationWith(memory, 55);
    expect(await contents(memory, id)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 6}`));
    expect(await memory.cache.get(recentKey(id))).toBeDefined();
    // A change made behind the service's back is not seen: the read came from the cache ...
    await memory.orm.em.getConnection().execute("update message set content = 'edited' where conversation_id = ? and seq = 55", [id]);
    expect((await contents(memory, id)).at(-1)).toBe('m55');
    // ... and a write through the service invalidates it.
    const { body } = await memory.internal<{ message: MessageView }>('/internal/messages', {
      conversationId: id,
      role: 'USER',
      content: 'm56',
    });
    expect(body.message.seq).toBe(56);
    expect((await contents(memory, id)).slice(-2)).toEqual(['edited', 'm56']);
  });
});

describe('a cache outage', () => {
  let memory: MemoryHarness;
  beforeAll(async () => {
    const deadRedis = new RedisCache(`redis://127.0.0.1:${await freePort()}`, createLogger('test', 'silent'));
    memory = await startMemory('cache_outage', { cache: deadRedis });
  });
  afterAll(() => memory.stop());

  it('falls back to PostgreSQL for reads and writes without an error', async () => {
    const id = await conversationWith(memory, 3);
    expect(await contents(memory, id)).toEqual(['m1', 'm2', 'm3']);
    const ready = await fetch(`${memory.origin}/ready`);
    expect(ready.status).toBe(200);
  });
});
