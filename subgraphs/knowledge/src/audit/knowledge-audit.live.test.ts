import { freePort } from '@nusa/platform/testing';
import { appendOnlyAttempts } from '@nusa/subgraph/testing';
import { LocalEmbedder } from '../embedding/local-embedder';
import { IngestService } from '../ingest/ingest.service';
import { ADMIN, AGENT, INGEST, startKnowledge, type KnowledgeHarness } from '../testing';
import { VectorStore } from '../vector-index/vector-store';

const DELETE = 'mutation($id: ID!) { deleteDocument(id: $id) }';
const LOG = `query($actorId: ID, $entityType: KnowledgeAuditEntityType, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
  knowledgeAuditLog(actorId: $actorId, entityType: $entityType, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    edges { node { id at action actorKind actorId actorName entityType entityId changes { field before after } } }
  }
}`;

interface Entry {
  at: string;
  action: string;
  actorKind: string;
  actorId: string | null;
  actorName: string;
  entityType: string;
  entityId: string;
  changes: { field: string; before: string | null; after: string | null }[];
}

let kb: KnowledgeHarness;
beforeAll(async () => {
  kb = await startKnowledge('knowledge_audit');
}, 300_000);
afterAll(() => kb.stop());

async function log(variables: Record<string, unknown> = {}): Promise<{ totalCount: number; entries: Entry[] }> {
  const result = await kb.as(ADMIN)<{ knowledgeAuditLog: { totalCount: number; edges: { node: Entry }[] } }>(LOG, variables);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return { totalCount: result.data.knowledgeAuditLog.totalCount, entries: result.data.knowledgeAuditLog.edges.map((edge) => edge.node) };
}

function sql<T = Record<string, unknown>>(statement: string, params: unknown[] = []): Promise<T[]> {
  return kb.orm.em.getConnection().execute<T[]>(statement, params);
}

async function ingest(title: string, text: string): Promise<string> {
  const result = await kb.as(ADMIN)<{ ingestDocument: { id: string } }>(INGEST, {
    input: { collection: 'visa_oracle', title, text, source: 'https://www.imigrasi.go.id/voa' },
  });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.ingestDocument.id;
}

const adminId = ADMIN.kind === 'member' ? ADMIN.id : '';

describe("knowledge's audit trail", () => {
  it('records an ingest, its replacement and its deletion as the admin who made them, newest first', async () => {
    const first = await ingest('Visa on arrival', '# Visa on arrival\n\n30 days, extendable once.');
    const second = await ingest('Visa on arrival (2026)', '# Visa on arrival\n\n30 days, extendable once for 30 more.');
    expect((await kb.as(ADMIN)<{ deleteDocument: boolean }>(DELETE, { id: second })).data?.deleteDocument).toBe(true);

    const { entries } = await log({ actorId: adminId });
    expect(entries.map((entry) => [entry.action, entry.entityId])).toEqual([
      ['DOCUMENT_DELETED', second],
      ['DOCUMENT_REPLACED', second],
      ['DOCUMENT_INGESTED', first],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ actorKind: 'MEMBER', actorId: adminId, actorName: 'Admin', entityType: 'KNOWLEDGE_DOCUMENT' });
    }
    const [deleted, replaced, ingested] = entries;
    expect(ingested?.changes).toEqual(expect.arrayContaining([{ field: 'title', before: null, after: 'Visa on arrival' }]));
    expect(replaced?.changes).toEqual(
      expect.arrayContaining([
        { field: 'id', before: first, after: second },
        { field: 'title', before: 'Visa on arrival', after: 'Visa on arrival (2026)' },
      ]),
    );
    expect(replaced?.changes.map((change) => change.field)).not.toContain('collection');
    expect(deleted?.changes).toEqual(expect.arrayContaining([{ field: 'title', before: 'Visa on arrival (2026)', after: null }]));
  });

  it('filters by entity and time range', async () => {
    const all = await log();
    const newest = all.entries[0];
    expect((await log({ entityId: newest?.entityId })).entries.every((entry) => entry.entityId === newest?.entityId)).toBe(true);
    expect((await log({ from: new Date(Date.parse(newest?.at ?? '') + 1).toISOString() })).totalCount).toBe(0);
    expect((await log({ to: newest?.at })).totalCount).toBe(all.totalCount - 1);
    const empty = await kb.as(ADMIN)(LOG, { from: newest?.at, to: newest?.at });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is for administrators only', async () => {
    expect((await kb.as(AGENT)(LOG)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('writes no entry when the ingest is rolled back', async () => {
    const before = await log();
    const failing = new IngestService(new VectorStore(`http://127.0.0.1:${await freePort()}`), new LocalEmbedder());
    const attempt = failing.ingest(kb.orm.em.fork(), {
      collection: 'visa_oracle',
      title: 'Never stored',
      text: '# Never stored\n\nNothing.',
    });
    await expect(attempt).rejects.toMatchObject({ extensions: { reason: 'INGEST_ROLLED_BACK' } });
    expect((await log()).totalCount).toBe(before.totalCount);
    expect(await sql(`select 1 from knowledge_audit_entry where after->>'title' = 'Never stored'`)).toHaveLength(0);
  });

  it.each(appendOnlyAttempts('knowledge_audit_entry'))('refuses %s in the database', async (_operation, statement, refusal) => {
    const before = await sql<{ count: number }>('select count(*)::int as count from knowledge_audit_entry');
    expect(before[0]?.count).toBeGreaterThan(0);
    await expect(sql(statement)).rejects.toThrow(refusal);
    expect(await sql('select count(*)::int as count from knowledge_audit_entry')).toEqual(before);
  });
});
