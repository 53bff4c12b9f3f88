import { encodeCursor } from '@nusa/subgraph';
import { startCrm, type CrmHarness } from '../testing';

const CREATE = 'mutation Create($input: CreateClientInput!) { createClient(input: $input) { id fullName email phone nationality status } }';
const PAGE = `query Page($first: Int, $after: String, $filter: ClientFilter) {
  clients(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id fullName createdAt } }
  }
}`;

interface Page {
  clients: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; fullName: string; createdAt: string } }[];
  };
}

let crm: CrmHarness;
beforeAll(async () => {
  crm = await startCrm('client', { demoData: true });
});
afterAll(() => crm.stop());

describe('creating and changing clients', () => {
  it('creates a client with normalised fields', async () => {
    const result = await crm.as(crm.agent)(CREATE, {
      input: { fullName: '  Olivia Bennett ', email: 'Olivia@Example.com', phone: '+61412345678', nationality: 'AU' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createClient).toMatchObject({
      fullName: 'Olivia Bennett',
      email: 'olivia@example.com',
      nationality: 'AU',
      status: 'LEAD',
    });
  });

  it.each([
    [{ fullName: '' }, 'fullName'],
    [{ fullName: '   ' }, 'fullName'],
    [{ fullName: 'A', email: 'not-an-email' }, 'email'],
    [{ fullName: 'A', phone: '0812' }, 'phone'],
    [{ fullName: 'A', nationality: 'Australia' }, 'nationality'],
  ])('refuses %j with BAD_USER_INPUT naming %s', async (input, field) => {
    const result = await crm.as(crm.agent)(CREATE, { input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toContain(field);
  });

  it('refuses an unknown enum value as BAD_USER_INPUT', async () => {
    const result = await crm.as(crm.agent)(CREATE, { input: { fullName: 'A', status: 'VIP' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('status');
  });

  it('updates only the given fields and clears a field set to null', async () => {
    const created = await crm.as(crm.agent)<{ createClient: { id: string } }>(CREATE, {
      input: { fullName: 'Jonas Weber', phone: '+4915112345678' },
    });
    const id = created.data?.createClient.id;
    const result = await crm.as(crm.agent)(
      'mutation($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { fullName phone status } }',
      { id, input: { status: 'ACTIVE', phone: null } },
    );
    expect(result.data?.updateClient).toEqual({ fullName: 'Jonas Weber', phone: null, status: 'ACTIVE' });
  });

  it('answers NOT_FOUND for a client that does not exist', async () => {
    const result = await crm.as(crm.agent)(
      'mutation { updateClient(id: "00000000-0000-4000-8000-000000000000", input: { notes: "x" }) { id } }',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers BAD_USER_INPUT for an id that is not an id, without leaking SQL', async () => {
    const result = await crm.as(crm.agent)('{ client(id: "1 or 1=1") { id } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(JSON.stringify(result.errors)).not.toMatch(/select|uuid|postgres/i);
  });
});

describe('a database fault', () => {
  it('reaches the caller as INTERNAL_SERVER_ERROR with no SQL, table name or stack', async () => {
    const sql = crm.orm.em.getConnection();
    await sql.execute('alter table client rename to client_hidden');
    try {
      const result = await crm.as(crm.agent)('{ clients(first: 5) { totalCount } }');
      expect(result.errors?.[0]).toEqual({
        message: 'Internal server error',
        path: ['clients'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(result)).not.toMatch(/client_hidden|relation|select|stack/i);
    } finally {
      await sql.execute('alter table client_hidden rename to client');
    }
  });
});

describe('paging through clients', () => {
  it('walks every client exactly once, newest first, with a stable total', async () => {
    const seen: string[] = [];
    const times: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let total = -1;
    do {
      const result: { data?: Page | null } = await crm.as(crm.agent)<Page>(PAGE, { first: 7, after });
      const connection = result.data?.clients;
      if (!connection) throw new Error('no page');
      total = connection.totalCount;
      seen.push(...connection.edges.map((edge) => edge.node.id));
      times.push(...connection.edges.map((edge) => edge.node.createdAt));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 7));
    expect(times).toEqual([...times].sort().reverse());
  });

  it('filters by text in the name or email, case-insensitively', async () => {
    await crm.as(crm.agent)(CREATE, { input: { fullName: 'Zed Unique-Surname', email: 'zed@example.org' } });
    const byName = await crm.as(crm.agent)<Page>(PAGE, { filter: { search: 'unique-SURNAME' } });
    const byEmail = await crm.as(crm.agent)<Page>(PAGE, { filter: { search: 'ZED@example' } });
    expect(byName.data?.clients.edges.map((e) => e.node.fullName)).toEqual(['Zed Unique-Surname']);
    expect(byEmail.data?.clients.totalCount).toBe(1);
  });

  it('treats LIKE wildcards in a search as plain text', async () => {
    const result = await crm.as(crm.agent)<Page>(PAGE, { filter: { search: '%' } });
    expect(result.data?.clients.totalCount).toBe(0);
  });

  it('filters by nationality, status and practice type together', async () => {
    const result = await crm.as(crm.agent)<{
      clients: { edges: { node: { nationality: string; status: string; practices: { type: string }[] } }[] };
    }>(
      `{ clients(first: 100, filter: { nationality: "AU", status: ACTIVE, practiceType: KITAS }) {
           edges { node { nationality status practices { type } } } } }`,
    );
    const nodes = result.data?.clients.edges.map((edge) => edge.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node).toMatchObject({ nationality: 'AU', status: 'ACTIVE' });
      expect(node.practices.map((p) => p.type)).toContain('KITAS');
    }
  });

  it('filters by practice status, and by every condition at once', async () => {
    type Nodes = { clients: { totalCount: number; edges: { node: { status: string; practices: { type: string; status: string }[] } }[] } };
    const byStatus = await crm.as(crm.agent)<Nodes>(
      '{ clients(first: 100, filter: { practiceStatus: IN_PROGRESS }) { totalCount edges { node { status practices { type status } } } } }',
    );
    const nodes = byStatus.data?.clients.edges.map((edge) => edge.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(byStatus.data?.clients.totalCount).toBe(nodes.length);
    for (const node of nodes) expect(node.practices.map((p) => p.status)).toContain('IN_PROGRESS');
    const everything = await crm.as(crm.agent)<Nodes>(
      `{ clients(first: 100, filter: { search: "a", nationality: "AU", status: ACTIVE, practiceType: KITAS, practiceStatus: IN_PROGRESS }) {
           totalCount edges { node { status practices { type status } } } } }`,
    );
    expect(everything.errors).toBeUndefined();
    for (const node of everything.data?.clients.edges.map((edge) => edge.node) ?? []) {
      expect(node.status).toBe('ACTIVE');
      expect(node.practices.map((p) => p.type)).toContain('KITAS');
      expect(node.practices.map((p) => p.status)).toContain('IN_PROGRESS');
    }
    expect(everything.data?.clients.totalCount).toBe(everything.data?.clients.edges.length);
  });

  it('refuses a page size over 100 naming first', async () => {
    const result = await crm.as(crm.agent)(PAGE, { first: 101 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses a cursor from another list naming after', async () => {
    const result = await crm.as(crm.agent)(PAGE, { after: encodeCursor('Message', ['2026-01-01T00:00:00.000Z', 'x']) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("reads a page's practices and their assignees in the page's own statement, newest first, each assignee as the practice names it", async () => {
    crm.resetQueryCount();
    await crm.as(crm.agent)('{ clients(first: 30) { edges { node { id } } } }');
    const withoutPractices = crm.queryCount();
    crm.resetQueryCount();
    const listed = await crm.as(crm.agent)<{
      clients: { edges: { node: { id: string; practices: { id: string; assignee: { id: string; name: string } | null }[] } }[] };
    }>('{ clients(first: 30) { edges { node { id practices { id assignee { id name } } } } } }');
    const withAssignees = crm.queryCount();
    expect(listed.errors).toBeUndefined();
    expect(withAssignees).toBe(withoutPractices);
    const clientIds = listed.data?.clients.edges.map(({ node }) => node.id) ?? [];
    const newestFirst = await crm.orm.em
      .getConnection()
      .execute<{ id: string; client_id: string }[]>(
        'select id, client_id from practice where client_id in (?) order by created_at desc, id desc',
        [clientIds],
      );
    for (const { node } of listed.data?.clients.edges ?? []) {
      expect(node.practices.map((practice) => practice.id)).toEqual(
        newestFirst.filter((row) => row.client_id === node.id).map((row) => row.id),
      );
    }
    expect(listed.data?.clients.edges.some(({ node }) => node.practices.length === 0)).toBe(true);
    const practices = listed.data?.clients.edges.flatMap((edge) => edge.node.practices) ?? [];
    const rows = await crm.orm.em
      .getConnection()
      .execute<{ id: string; assignee_id: string | null; name: string | null }[]>(
        'select p.id, p.assignee_id, m.name from practice p left join team_member m on m.id = p.assignee_id where p.id in (?)',
        [practices.map((practice) => practice.id)],
      );
    const expected = new Map(rows.map((row) => [row.id, row.assignee_id ? { id: row.assignee_id, name: row.name } : null]));
    expect(practices.some((practice) => practice.assignee !== null)).toBe(true);
    expect(practices.some((practice) => practice.assignee === null)).toBe(true);
    for (const practice of practices) expect(practice.assignee).toEqual(expected.get(practice.id));
  });

  it('answers practices asked through fragments, or skipped, as when asked plainly, in the same statements', async () => {
    type Listed = { clients: { edges: { node: { id: string; practices?: { id: string; assignee: { name: string } | null }[] } }[] } };
    const plain = await crm.as(crm.agent)<Listed>('{ clients(first: 30) { edges { node { id practices { id assignee { name } } } } } }');
    const statements: number[] = [];
    const answers: { data: unknown; errors: unknown }[] = [];
    for (const query of [
      '{ clients(first: 30) { edges { node { id ...Cases } } } } fragment Cases on Client { practices { id assignee { name } } }',
      '{ clients(first: 30) { ... on ClientConnection { edges { node { id ... on Client { practices { id assignee { name } } } } } } } }',
      '{ clients(first: 30) { edges { node { id practices { id assignee { name } } } } } }',
    ]) {
      crm.resetQueryCount();
      const { data, errors } = await crm.as(crm.agent)<Listed>(query);
      answers.push({ data, errors });
      statements.push(crm.queryCount());
    }
    expect(plain.errors).toBeUndefined();
    const expected = { data: plain.data, errors: undefined };
    expect(answers).toEqual([expected, expected, expected]);
    expect(new Set(statements).size).toBe(1);
    const skipped = await crm.as(crm.agent)<Listed>('{ clients(first: 30) { edges { node { id practices @skip(if: true) { id } } } } }');
    expect(skipped.errors).toBeUndefined();
    expect(skipped.data).toEqual({ clients: { edges: plain.data?.clients.edges.map(({ node }) => ({ node: { id: node.id } })) } });
  });

  it("counts the matching clients in the page's own statement when the query asks for totalCount", async () => {
    const filter = { nationality: 'AU' };
    crm.resetQueryCount();
    const counted = await crm.as(crm.agent)<Page>(PAGE, { first: 2, filter });
    const withTotal = crm.queryCount();
    crm.resetQueryCount();
    const uncounted = await crm.as(crm.agent)<{ clients: { edges: unknown[] } }>(
      'query($filter: ClientFilter) { clients(first: 2, filter: $filter) { edges { node { id } } } }',
      { filter },
    );
    const withoutTotal = crm.queryCount();

    const all = await crm.orm.em.getConnection().execute<{ count: string }[]>(`select count(*) from client where nationality = 'AU'`);
    expect(Number(all[0]?.count)).toBeGreaterThan(2);
    expect(counted.data?.clients.totalCount).toBe(Number(all[0]?.count));
    expect(uncounted.data?.clients.edges).toHaveLength(2);
    // The same page and member check either way: the total is a column of the page's statement.
    expect(withTotal).toBe(withoutTotal);
  });

  it('counts every matching client on a page past the last one, and on a later page', async () => {
    const filter = { nationality: 'AU' };
    const all = await crm.orm.em.getConnection().execute<{ count: string }[]>(`select count(*) from client where nationality = 'AU'`);
    const first = await crm.as(crm.agent)<Page>(PAGE, { first: 2, filter });
    const second = await crm.as(crm.agent)<Page>(PAGE, { first: 2, filter, after: first.data?.clients.pageInfo.endCursor });
    expect(second.data?.clients.totalCount).toBe(Number(all[0]?.count));
    const everything = await crm.as(crm.agent)<Page>(PAGE, { first: 100, filter });
    const past = await crm.as(crm.agent)<Page>(PAGE, { first: 2, filter, after: everything.data?.clients.pageInfo.endCursor });
    expect(past.errors).toBeUndefined();
    expect(past.data?.clients.edges).toEqual([]);
    expect(past.data?.clients.totalCount).toBe(Number(all[0]?.count));
  });
});
