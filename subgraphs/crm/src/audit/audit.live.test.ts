import { Role, type Caller } from '@nusa/platform';
import { startCrm, type CrmHarness } from '../testing';

const CREATE = 'mutation($input: CreateClientInput!) { createClient(input: $input) { id } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }';
const ACTIVITY = `query($id: ID!, $first: Int, $after: String) {
  client(id: $id) {
    activity(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id at action actorKind actorId actorName actor { email } entityType entityId changes { field before after } } }
    }
  }
}`;
const LOG = `query($actorId: ID, $entityType: AuditEntityType, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
  auditLog(actorId: $actorId, entityType: $entityType, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id at action actorKind actorId entityType entityId } }
  }
}`;

interface Entry {
  id: string;
  at: string;
  action: string;
  actorKind: string;
  actorId: string | null;
  actorName: string;
  actor: { email: string } | null;
  entityType: string;
  entityId: string;
  changes: { field: string; before: string | null; after: string | null }[];
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Entry }[];
}

const partnerKey: Caller = {
  kind: 'apiKey',
  id: '00000000-0000-4000-8000-0000000000c1',
  role: Role.PARTNER,
  name: 'Bali Relocation Partners',
  scopes: ['crm:read', 'crm:write'],
};

let crm: CrmHarness;
beforeAll(async () => {
  crm = await startCrm('audit');
});
afterAll(() => crm.stop());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => crm.orm.em.getConnection().execute<T[]>(text, params);

async function createClient(caller: Caller, input: Record<string, unknown>): Promise<string> {
  const result = await crm.as(caller)<{ createClient: { id: string } }>(CREATE, { input });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createClient.id;
}

async function activity(id: string, first = 20, after: string | null = null): Promise<Page> {
  const result = await crm.as(crm.agent)<{ client: { activity: Page } }>(ACTIVITY, { id, first, after });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.client.activity;
}

describe('what a write records', () => {
  it('records a created client with its actor and the fields it was given', async () => {
    const id = await createClient(crm.agent, { fullName: 'Olivia Bennett', nationality: 'AU' });
    const [entry] = (await activity(id)).edges.map((edge) => edge.node);
    expect(entry).toMatchObject({
      action: 'CLIENT_CREATED',
      actorKind: 'MEMBER',
      actorId: crm.agent.kind === 'member' ? crm.agent.id : '',
      actorName: 'Komang Agent',
      actor: { email: 'agent@example.com' },
      entityType: 'CLIENT',
      entityId: id,
    });
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'fullName', before: null, after: 'Olivia Bennett' },
        { field: 'nationality', before: null, after: 'AU' },
        { field: 'status', before: null, after: 'LEAD' },
      ]),
    );
    expect(entry?.changes.map((change) => change.field)).not.toContain('email');
  });

  it('records only the fields an update changed, with both values', async () => {
    const id = await createClient(crm.agent, { fullName: 'Jonas Weber', phone: '+4915112345678' });
    await crm.as(crm.admin)(UPDATE, { id, input: { status: 'ACTIVE', phone: '+4915112345678', fullName: 'Jonas Weber' } });
    const [latest] = (await activity(id)).edges.map((edge) => edge.node);
    expect(latest).toMatchObject({ action: 'CLIENT_UPDATED', actorKind: 'MEMBER', actorName: 'Administrator' });
    expect(latest?.actor?.email).toBe('admin@example.com');
    expect(latest?.changes).toEqual([{ field: 'status', before: 'LEAD', after: 'ACTIVE' }]);
  });

  it('records nothing for an update that changes nothing', async () => {
    const id = await createClient(crm.agent, { fullName: 'Same Same' });
    await crm.as(crm.agent)(UPDATE, { id, input: { fullName: 'Same Same' } });
    expect((await activity(id)).totalCount).toBe(1);
  });

  it('names the API key, not a member, when a key writes', async () => {
    const id = await createClient(partnerKey, { fullName: 'Partner Lead' });
    const [entry] = (await activity(id)).edges.map((edge) => edge.node);
    expect(entry).toMatchObject({ actorKind: 'API_KEY', actorId: partnerKey.kind === 'apiKey' ? partnerKey.id : '', actor: null });
    expect(entry?.actorName).toBe('Bali Relocation Partners');
  });

  it('keeps a practice and an interaction on the client activity and the practice history', async () => {
    const clientId = await createClient(crm.agent, { fullName: 'Hiroshi Tanaka' });
    const opened = await crm.as(crm.agent)<{ openPractice: { id: string } }>(
      'mutation($clientId: ID!) { openPractice(input: { clientId: $clientId, type: TAX }) { id } }',
      { clientId },
    );
    const practiceId = opened.data?.openPractice.id;
    await crm.as(crm.agent)('mutation($id: ID!) { updatePracticeStatus(id: $id, status: DOCUMENTS_PENDING) { id } }', { id: practiceId });
    await crm.as(crm.agent)(
      'mutation($clientId: ID!, $practiceId: ID!) { logInteraction(input: { clientId: $clientId, practiceId: $practiceId, channel: WHATSAPP, summary: "Asked for the NPWP" }) { id } }',
      { clientId, practiceId },
    );
    const actions = (await activity(clientId)).edges.map((edge) => edge.node.action);
    expect(actions).toEqual(['INTERACTION_LOGGED', 'PRACTICE_STATUS_CHANGED', 'PRACTICE_OPENED', 'CLIENT_CREATED']);
    const history = await crm.as(crm.agent)<{ practice: { history: Entry[] } }>(
      'query($id: ID!) { practice(id: $id) { history { action actor { email } changes { field before after } } } }',
      { id: practiceId },
    );
    expect(history.data?.practice.history.map((entry) => entry.action)).toEqual([
      'INTERACTION_LOGGED',
      'PRACTICE_STATUS_CHANGED',
      'PRACTICE_OPENED',
    ]);
    expect(history.data?.practice.history[1]?.changes).toEqual([{ field: 'status', before: 'INQUIRY', after: 'DOCUMENTS_PENDING' }]);
  });
});

describe('one transaction', () => {
  it('leaves neither the client nor its audit entry when the client cannot be written', async () => {
    await sql(`alter table client add constraint test_refused_name check (full_name <> 'Refused Name')`);
    try {
      const result = await crm.as(crm.agent)(CREATE, { input: { fullName: 'Refused Name' } });
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await sql('alter table client drop constraint test_refused_name');
    }
    expect(await sql(`select 1 from client where full_name = 'Refused Name'`)).toHaveLength(0);
    expect(await sql(`select 1 from audit_entry where after->>'fullName' = 'Refused Name'`)).toHaveLength(0);
  });

  it('leaves the client unchanged when its audit entry cannot be written', async () => {
    const id = await createClient(crm.agent, { fullName: 'Kept As Is', notes: 'before' });
    await sql(`alter table audit_entry add constraint test_refused_entry check (after->>'notes' is distinct from 'not audited')`);
    try {
      const result = await crm.as(crm.agent)(UPDATE, { id, input: { notes: 'not audited' } });
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await sql('alter table audit_entry drop constraint test_refused_entry');
    }
    expect(await sql<{ notes: string }>('select notes from client where id = ?', [id])).toEqual([{ notes: 'before' }]);
    expect((await activity(id)).totalCount).toBe(1);
  });
});

describe('append-only', () => {
  it.each([
    ['UPDATE', `update audit_entry set actor_name = 'someone else'`],
    ['DELETE', 'delete from audit_entry'],
    ['TRUNCATE', 'truncate audit_entry'],
  ])('refuses %s in the database, even to the role the service connects as', async (operation, statement) => {
    const before = await sql<{ count: string }>('select count(*) from audit_entry');
    expect(Number(before[0]?.count)).toBeGreaterThan(0);
    await expect(sql(statement)).rejects.toThrow(`audit_entry is append-only: ${operation} is refused`);
    expect(await sql('select count(*) from audit_entry')).toEqual(before);
    expect(await sql(`select 1 from audit_entry where actor_name = 'someone else'`)).toHaveLength(0);
  });

  it('has no mutation that changes or removes an entry', async () => {
    const result = await crm.as(crm.admin)<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { mutationType { fields { name } } } }',
    );
    const names = result.data?.__schema.mutationType.fields.map((field) => field.name) ?? [];
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => /audit/i.test(name))).toEqual([]);
  });
});

describe('paging', () => {
  it('walks a client activity newest first, each entry once, with a stable total', async () => {
    const id = await createClient(crm.agent, { fullName: 'Many Changes' });
    for (const notes of ['one', 'two', 'three', 'four', 'five', 'six']) await crm.as(crm.agent)(UPDATE, { id, input: { notes } });
    const seen: Entry[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await activity(id, 3, after);
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen.map((entry) => entry.id)).size).toBe(7);
    expect(seen.map((entry) => entry.at)).toEqual(
      seen
        .map((entry) => entry.at)
        .sort()
        .reverse(),
    );
    expect(seen[0]?.changes).toEqual([{ field: 'notes', before: 'five', after: 'six' }]);
    expect(seen.at(-1)?.action).toBe('CLIENT_CREATED');
  });

  it('refuses a cursor of another list naming after', async () => {
    const id = await createClient(crm.agent, { fullName: 'Cursor Check' });
    const clients = await crm.as(crm.agent)<{ clients: { pageInfo: { endCursor: string } } }>(
      '{ clients(first: 1) { pageInfo { endCursor } } }',
    );
    const result = await crm.as(crm.agent)(ACTIVITY, { id, after: clients.data?.clients.pageInfo.endCursor });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('the audit log', () => {
  it('finds entries by actor, entity and time range, and pages them', async () => {
    const from = new Date();
    const id = await createClient(partnerKey, { fullName: 'Logged By Key' });
    await crm.as(partnerKey)(UPDATE, { id, input: { notes: 'by the key' } });
    await crm.as(crm.agent)(UPDATE, { id, input: { notes: 'by the agent' } });
    const byKey = await crm.as(crm.admin)<{ auditLog: Page }>(LOG, { actorId: partnerKey.kind === 'apiKey' ? partnerKey.id : '', from });
    expect(byKey.data?.auditLog.edges.map((edge) => edge.node.action)).toEqual(['CLIENT_UPDATED', 'CLIENT_CREATED']);
    expect(byKey.data?.auditLog.edges.every((edge) => edge.node.actorKind === 'API_KEY')).toBe(true);
    const byEntity = await crm.as(crm.admin)<{ auditLog: Page }>(LOG, { entityType: 'CLIENT', entityId: id, first: 2 });
    expect(byEntity.data?.auditLog.totalCount).toBe(3);
    expect(byEntity.data?.auditLog.pageInfo.hasNextPage).toBe(true);
    const rest = await crm.as(crm.admin)<{ auditLog: Page }>(LOG, { entityId: id, after: byEntity.data?.auditLog.pageInfo.endCursor });
    expect(rest.data?.auditLog.edges.map((edge) => edge.node.action)).toEqual(['CLIENT_CREATED']);
    const before = await crm.as(crm.admin)<{ auditLog: Page }>(LOG, { entityId: id, to: from.toISOString() });
    expect(before.data?.auditLog.totalCount).toBe(0);
  });

  it('refuses a range that ends before it starts', async () => {
    const result = await crm.as(crm.admin)(LOG, { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it.each([
    ['an agent', 'FORBIDDEN'],
    ['an API key, whatever its scopes', 'FORBIDDEN'],
  ])('is refused to %s', async (who, code) => {
    const caller = who === 'an agent' ? crm.agent : { ...partnerKey, scopes: ['crm:read', 'crm:write', 'chat'] };
    const result = await crm.as(caller)(LOG, {});
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.data).toBeNull();
  });

  it('is refused to an anonymous caller with UNAUTHENTICATED', async () => {
    const result = await crm.as({ kind: 'anonymous' })(LOG, {});
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
