import { appendOnlyAttempts } from '@nusa/subgraph/testing';
import { serviceActor } from '@nusa/subgraph';
import { startMemory, type MemoryHarness } from '../../../../test/platform';
import { FactKind } from '../fact/fact.enums';
import { recordFact } from '../fact/fact.store';

const REMEMBER = 'mutation($c: ID!, $content: String!) { rememberFact(input: { clientId: $c, content: $content }) { id } }';
const FORGET = 'mutation($id: ID!) { forgetFact(id: $id) }';
const LOG = `query($actorId: ID, $entityType: MemoryAuditEntityType, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
  memoryAuditLog(actorId: $actorId, entityType: $entityType, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id at action actorKind actorId actorName entityType entityId clientId changes { field before after } } }
  }
}`;
const ACTIVITY = `query($id: ID!) { _entities(representations: [{ __typename: "Client", id: $id }]) { ... on Client {
  memoryActivity(first: 50) { totalCount edges { node { action entityId } } } } } }`;

interface Entry {
  action: string;
  actorKind: string;
  actorId: string | null;
  actorName: string;
  entityType: string;
  entityId: string;
  clientId: string;
  changes: { field: string; before: string | null; after: string | null }[];
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Entry }[];
}

let memory: MemoryHarness;
let clientId: string;
beforeAll(async () => {
  memory = await startMemory('memory_audit');
  clientId = memory.clientIds[0] ?? '';
});
afterAll(() => memory.stop());

async function log(variables: Record<string, unknown> = {}): Promise<Page> {
  const result = await memory.as(memory.crm.admin)<{ memoryAuditLog: Page }>(LOG, variables);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.memoryAuditLog;
}

function sql<T = Record<string, unknown>>(statement: string, params: unknown[] = []): Promise<T[]> {
  return memory.orm.em.getConnection().execute<T[]>(statement, params);
}

async function remember(content: string): Promise<string> {
  const result = await memory.as(memory.crm.agent)<{ rememberFact: { id: string } }>(REMEMBER, { c: clientId, content });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.rememberFact.id;
}

describe("memory's audit trail", () => {
  it('records rememberFact as the member who told it, with the fields it set', async () => {
    const id = await remember('Prefers WhatsApp after 6 pm');
    const [entry] = (await log({ entityId: id })).edges.map((edge) => edge.node);
    expect(entry).toMatchObject({
      action: 'FACT_REMEMBERED',
      actorKind: 'MEMBER',
      actorId: memory.crm.agent.kind === 'member' ? memory.crm.agent.id : 'not a member',
      entityType: 'MEMORY_FACT',
      entityId: id,
      clientId,
    });
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'content', before: null, after: 'Prefers WhatsApp after 6 pm' },
        { field: 'source', before: null, after: 'MANUAL' },
      ]),
    );
  });

  it('records forgetFact with what the fact said before, and shows both in the client activity', async () => {
    const id = await remember('Has two dogs');
    const forgotten = await memory.as(memory.crm.agent)<{ forgetFact: boolean }>(FORGET, { id });
    expect(forgotten.data?.forgetFact).toBe(true);
    const entries = (await log({ entityId: id })).edges.map((edge) => edge.node);
    expect(entries.map((entry) => entry.action)).toEqual(['FACT_FORGOTTEN', 'FACT_REMEMBERED']);
    expect(entries[0]?.changes).toEqual(expect.arrayContaining([{ field: 'content', before: 'Has two dogs', after: null }]));

    const activity = await memory.as(memory.crm.agent)<{ _entities: { memoryActivity: Page }[] }>(ACTIVITY, { id: clientId });
    const mine = activity.data?._entities[0]?.memoryActivity.edges
      .filter((edge) => edge.node.entityId === id)
      .map((edge) => edge.node.action);
    expect(mine).toEqual(['FACT_FORGOTTEN', 'FACT_REMEMBERED']);
  });

  it('filters the log by actor and pages it newest first', async () => {
    const admin = memory.crm.admin.kind === 'member' ? memory.crm.admin.id : '';
    const told = await memory.as(memory.crm.admin)<{ rememberFact: { id: string } }>(REMEMBER, { c: clientId, content: 'Budget IDR 50m' });
    const byAdmin = await log({ actorId: admin });
    expect(byAdmin.edges.map((edge) => edge.node.entityId)).toEqual([told.data?.rememberFact.id]);
    const first = await log({ first: 1 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await log({ first: 1, after: first.pageInfo.endCursor });
    expect(second.edges[0]?.node).not.toEqual(first.edges[0]?.node);
    expect(first.totalCount).toBe(second.totalCount);
  });

  it('is for administrators only', async () => {
    const result = await memory.as(memory.crm.agent)(LOG);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('writes no entry for a fact whose transaction is rolled back', async () => {
    const before = await sql<{ count: number }>('select count(*)::int as count from memory_audit_entry');
    const attempt = memory.orm.em.fork().transactional(async (tx) => {
      await recordFact(
        tx,
        clientId,
        { kind: FactKind.OTHER, slot: null, content: 'Never kept' },
        { createdById: null },
        serviceActor('test'),
      );
      throw new Error('the surrounding write failed');
    });
    await expect(attempt).rejects.toThrow('the surrounding write failed');
    expect(await sql(`select 1 from memory_fact where content = 'Never kept'`)).toHaveLength(0);
    expect(await sql<{ count: number }>('select count(*)::int as count from memory_audit_entry')).toEqual(before);
  });

  it.each(appendOnlyAttempts('memory_audit_entry'))('refuses %s in the database', async (_operation, statement, refusal) => {
    const before = await sql<{ count: number }>('select count(*)::int as count from memory_audit_entry');
    expect(before[0]?.count).toBeGreaterThan(0);
    await expect(sql(statement)).rejects.toThrow(refusal);
    expect(await sql('select count(*)::int as count from memory_audit_entry')).toEqual(before);
    expect(await sql(`select 1 from memory_audit_entry where actor_name = 'someone else'`)).toHaveLength(0);
  });
});
