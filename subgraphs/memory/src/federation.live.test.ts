import { startMemory, type MemoryHarness } from '../../../test/platform';

let memory: MemoryHarness;
beforeAll(async () => {
  // The outbox relay's idle poll (one query a second) would be counted with the resolvers' queries.
  memory = await startMemory('memory_federation', { outboxRelay: { pollIntervalMs: 3_600_000 } });
  for (const clientId of memory.clientIds) {
    await memory.as(memory.crm.agent)('mutation($c: ID!) { rememberFact(input: { clientId: $c, content: "Speaks Indonesian" }) { id } }', {
      c: clientId,
    });
    await memory.as(memory.crm.agent)('mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }', { c: clientId });
  }
  // One client with more conversations than the page holds: its totalCount counts them all.
  for (let more = 0; more < 5; more += 1) {
    await memory.as(memory.crm.agent)('mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }', {
      c: memory.clientIds[0],
    });
  }
});
afterAll(() => memory.stop());

const CLIENTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Client {
  id memoryFacts { content } conversations(first: 5) { totalCount edges { node { id title messageCount } } } } } }`;

describe('memory in the federated graph', () => {
  it('adds facts and conversations to 50 clients in a constant number of queries', async () => {
    const representations = memory.clientIds.map((id) => ({ __typename: 'Client', id }));
    memory.resetQueryCount();
    const few = await memory.as(memory.crm.agent)<{ _entities: unknown[] }>(CLIENTS, { r: representations.slice(0, 2) });
    const forFew = memory.queryCount();
    memory.resetQueryCount();
    const all = await memory.as(memory.crm.agent)<{
      _entities: { memoryFacts: unknown[]; conversations: { totalCount: number; edges: unknown[] } }[];
    }>(CLIENTS, { r: representations });
    const forAll = memory.queryCount();
    expect(few.errors).toBeUndefined();
    expect(all.data?._entities).toHaveLength(50);
    const [crowded, ...rest] = all.data?._entities ?? [];
    expect(crowded?.conversations.totalCount).toBe(6);
    expect(crowded?.conversations.edges).toHaveLength(5);
    expect(rest.every((client) => client.memoryFacts.length === 1 && client.conversations.totalCount === 1)).toBe(true);
    expect(forAll).toBe(forFew);
    // Facts, and conversations with their counts in the same statement.
    expect(forAll).toBeLessThanOrEqual(2);
  });
});
