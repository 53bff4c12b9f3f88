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
    const all = await memory.as(memory.crm.agent)<{ _entities: { memoryFacts: unknown[]; conversations: { totalCount: number } }[] }>(
      CLIENTS,
      { r: representations },
    );
    const forAll = memory.queryCount();
    expect(few.errors).toBeUndefined();
    expect(all.data?._entities).toHaveLength(50);
    expect(all.data?._entities.every((client) => client.memoryFacts.length === 1 && client.conversations.totalCount === 1)).toBe(true);
    expect(forAll).toBe(forFew);
    expect(forAll).toBeLessThanOrEqual(3);
  });
});
