import { eventually } from '@nusa/platform/testing';
import pg from 'pg';
import { startCrm, type CrmHarness } from '../testing';

const OPEN = `mutation Open($input: OpenPracticeInput!) {
  openPractice(input: $input) { id type status title dueDate allowedTransitions client { id } assignee { id } }
}`;
const MOVE =
  'mutation Move($id: ID!, $status: PracticeStatus!) { updatePracticeStatus(id: $id, status: $status) { status statusChangedAt } }';

interface Opened {
  openPractice: {
    id: string;
    status: string;
    title: string;
    allowedTransitions: string[];
    client: { id: string };
    assignee: { id: string } | null;
  };
}

let crm: CrmHarness;
let clientId: string;
beforeAll(async () => {
  crm = await startCrm('practice');
  const created = await crm.as(crm.agent)<{ createClient: { id: string } }>(
    'mutation { createClient(input: { fullName: "Hiroshi Tanaka", nationality: "JP" }) { id } }',
  );
  clientId = created.data?.createClient.id ?? '';
});
afterAll(() => crm.stop());

async function open(input: Record<string, unknown>) {
  return crm.as(crm.agent)<Opened>(OPEN, { input: { clientId, ...input } });
}

describe('opening practices', () => {
  it('opens a practice in INQUIRY with a default title and an assignee', async () => {
    const result = await open({ type: 'KITAS', assigneeId: crm.agent.kind === 'member' ? crm.agent.id : null, dueDate: '2027-01-15' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.openPractice).toMatchObject({
      status: 'INQUIRY',
      title: 'KITAS application',
      dueDate: '2027-01-15',
      allowedTransitions: ['DOCUMENTS_PENDING', 'CANCELLED'],
      client: { id: clientId },
    });
    expect(result.data?.openPractice.assignee).not.toBeNull();
  });

  it('answers NOT_FOUND for an unknown client', async () => {
    const result = await crm.as(crm.agent)(OPEN, { input: { clientId: '00000000-0000-4000-8000-000000000001', type: 'VISA' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses an impossible due date naming the field', async () => {
    const result = await open({ type: 'TAX', dueDate: '2027-02-30' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueDate' });
  });

  it('refuses an assignee who is not on the team', async () => {
    const result = await open({ type: 'TAX', assigneeId: '00000000-0000-4000-8000-000000000002' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.assigneeId' });
  });
});

describe('the status workflow', () => {
  it('follows the allowed path to COMPLETED', async () => {
    const opened = await open({ type: 'PT_PMA' });
    const id = opened.data?.openPractice.id;
    for (const status of ['DOCUMENTS_PENDING', 'SUBMITTED', 'IN_PROGRESS', 'APPROVED', 'COMPLETED']) {
      const result = await crm.as(crm.agent)<{ updatePracticeStatus: { status: string } }>(MOVE, { id, status });
      expect(result.errors).toBeUndefined();
      expect(result.data?.updatePracticeStatus.status).toBe(status);
    }
  });

  it('refuses a forbidden transition naming both states and changes nothing', async () => {
    const opened = await open({ type: 'VISA' });
    const id = opened.data?.openPractice.id;
    const result = await crm.as(crm.agent)(MOVE, { id, status: 'APPROVED' });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'status' } });
    expect(result.errors?.[0]?.message).toContain('from INQUIRY to APPROVED');
    const after = await crm.as(crm.agent)<{ practice: { status: string } }>('query($id: ID!) { practice(id: $id) { status } }', { id });
    expect(after.data?.practice.status).toBe('INQUIRY');
  });

  it('lets exactly one of two racing identical transitions win', async () => {
    const opened = await open({ type: 'KITAP' });
    const id = opened.data?.openPractice.id;
    for (const status of ['DOCUMENTS_PENDING', 'SUBMITTED', 'IN_PROGRESS', 'APPROVED']) await crm.as(crm.agent)(MOVE, { id, status });
    // Hold the row so both requests are in flight together; without the resolver's row lock both
    // would read APPROVED and both would succeed once the row is released.
    const holder = new pg.Client({ connectionString: crm.database.url });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select 1 from practice where id = $1 for update', [id]);
    const racing = Promise.all([1, 2].map(() => crm.as(crm.agent)(MOVE, { id, status: 'COMPLETED' })));
    // Both are in flight once both wait on the held row lock (watched from another connection: inside
    // the holder's transaction the statistics views would keep showing their first snapshot).
    const watcher = new pg.Client({ connectionString: crm.database.url });
    await watcher.connect();
    const waitingOnTheLock = async () => {
      const { rows } = await watcher.query<{ waiting: string }>(
        "select count(*) as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      return Number(rows[0]?.waiting) >= 2;
    };
    await eventually(waitingOnTheLock, { what: 'both transitions waiting on the row lock' });
    await watcher.end();
    await holder.query('commit');
    await holder.end();
    const results = await racing;
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.message.includes('COMPLETED is final'))).toHaveLength(1);
  });
});

describe('upcoming deadlines', () => {
  function day(offset: number): string {
    const date = new Date(Date.now() + offset * 86_400_000);
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(date);
  }

  it('lists due and expiry dates inside the window, soonest first, and nothing outside it', async () => {
    const inTen = await open({ type: 'TAX', title: 'due in ten', dueDate: day(10) });
    const inThree = await open({ type: 'KITAS', title: 'expires in three', expiryDate: day(3) });
    const outside = await open({ type: 'VISA', title: 'due in forty', dueDate: day(40) });
    const result = await crm.as(crm.agent)<{ upcomingDeadlines: { id: string }[] }>('{ upcomingDeadlines(withinDays: 14) { id } }');
    const ids = result.data?.upcomingDeadlines.map((p) => p.id) ?? [];
    const three = ids.indexOf(inThree.data?.openPractice.id ?? '');
    const ten = ids.indexOf(inTen.data?.openPractice.id ?? '');
    expect(three).toBeGreaterThanOrEqual(0);
    expect(ten).toBeGreaterThan(three);
    expect(ids).not.toContain(outside.data?.openPractice.id);
  });

  it('leaves out cancelled practices and answers each one with its client and assignee', async () => {
    const agentId = crm.agent.kind === 'member' ? crm.agent.id : null;
    const kept = await open({ type: 'KITAS', title: 'assigned, due in five', dueDate: day(5), assigneeId: agentId });
    const cancelled = await open({ type: 'KITAS', title: 'cancelled, due in five', dueDate: day(5), expiryDate: day(6) });
    const cancelledId = cancelled.data?.openPractice.id ?? '';
    expect((await crm.as(crm.agent)(MOVE, { id: cancelledId, status: 'CANCELLED' })).errors).toBeUndefined();
    const result = await crm.as(crm.agent)<{
      upcomingDeadlines: { id: string; status: string; client: { id: string }; assignee: { id: string } | null }[];
    }>('{ upcomingDeadlines(withinDays: 14) { id status client { id } assignee { id } } }');
    expect(result.errors).toBeUndefined();
    const listed = result.data?.upcomingDeadlines ?? [];
    expect(listed.map((p) => p.id)).not.toContain(cancelledId);
    expect(listed.find((p) => p.id === kept.data?.openPractice.id)).toEqual({
      id: kept.data?.openPractice.id,
      status: 'INQUIRY',
      client: { id: clientId },
      assignee: { id: agentId },
    });
  });

  it('refuses a negative window', async () => {
    const result = await crm.as(crm.agent)('{ upcomingDeadlines(withinDays: -1) { id } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'withinDays' });
  });
});

describe('overdue deadlines and practices assigned to me', () => {
  function day(offset: number): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date(Date.now() + offset * 86_400_000));
  }
  const DEADLINES =
    'query($overdue: Boolean) { upcomingDeadlines(withinDays: 7, includeOverdue: $overdue) { id nextDeadline { date kind daysLeft } } }';

  it('lists an overdue due date first only when asked, with its days overdue', async () => {
    const late = await open({ type: 'TAX', title: 'two days late', dueDate: day(-2) });
    const soon = await open({ type: 'TAX', title: 'due tomorrow', dueDate: day(1) });
    const lateId = late.data?.openPractice.id;
    const without = await crm.as(crm.agent)<{ upcomingDeadlines: { id: string }[] }>(DEADLINES, { overdue: false });
    expect(without.data?.upcomingDeadlines.map((p) => p.id)).not.toContain(lateId);
    const withOverdue = await crm.as(crm.agent)<{ upcomingDeadlines: { id: string; nextDeadline: unknown }[] }>(DEADLINES, {
      overdue: true,
    });
    const ids = withOverdue.data?.upcomingDeadlines.map((p) => p.id) ?? [];
    expect(ids.indexOf(lateId ?? '')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(lateId ?? '')).toBeLessThan(ids.indexOf(soon.data?.openPractice.id ?? ''));
    expect(withOverdue.data?.upcomingDeadlines.find((p) => p.id === lateId)?.nextDeadline).toEqual({
      date: day(-2),
      kind: 'DUE',
      daysLeft: -2,
    });
  });

  it('pages the practices assigned to the signed-in member, and none to an API key', async () => {
    const agentId = crm.agent.kind === 'member' ? crm.agent.id : '';
    const mine = await open({ type: 'VISA', title: 'mine', assigneeId: agentId });
    await open({ type: 'VISA', title: 'nobody' });
    const query =
      'query($filter: PracticeFilter) { practices(first: 100, filter: $filter) { totalCount edges { node { id assignee { id } } } } }';
    const result = await crm.as(crm.agent)<{
      practices: { totalCount: number; edges: { node: { id: string; assignee: { id: string } } }[] };
    }>(query, {
      filter: { assignedToMe: true, open: true },
    });
    expect(result.data?.practices.edges.map((edge) => edge.node.id)).toContain(mine.data?.openPractice.id);
    expect(result.data?.practices.edges.every((edge) => edge.node.assignee.id === agentId)).toBe(true);
    const byId = await crm.as(crm.admin)<{ practices: { totalCount: number } }>(query, { filter: { assigneeId: agentId } });
    expect(byId.data?.practices.totalCount).toBeGreaterThanOrEqual(result.data?.practices.totalCount ?? 1);
    const key = {
      kind: 'apiKey' as const,
      id: '00000000-0000-4000-8000-0000000000a1',
      role: 'PARTNER' as const,
      name: 'P',
      scopes: ['crm:read'],
    };
    const forKey = await crm.as(key)<{ practices: { totalCount: number } }>(query, { filter: { assignedToMe: true } });
    expect(forKey.data?.practices.totalCount).toBe(0);
  });
});
