import { startCrm, type CrmHarness } from '../testing';

const OPEN = `mutation($input: OpenPracticeInput!) {
  openPractice(input: $input) { id title service { code } documents { name state updatedAt updatedBy { email } } }
}`;
const MOVE = 'mutation($id: ID!, $status: PracticeStatus!) { updatePracticeStatus(id: $id, status: $status) { status } }';
const SET = `mutation($practiceId: ID!, $document: String!, $state: DocumentState!) {
  setPracticeDocument(practiceId: $practiceId, document: $document, state: $state) {
    documents { name state updatedAt updatedBy { email } }
    history { action changes { field before after } }
  }
}`;

interface Line {
  name: string;
  state: string;
  updatedAt: string | null;
  updatedBy: { email: string } | null;
}

let crm: CrmHarness;
let clientId: string;
let kitasDocuments: string[];
beforeAll(async () => {
  crm = await startCrm('practice_documents');
  const created = await crm.as(crm.agent)<{ createClient: { id: string } }>(
    'mutation { createClient(input: { fullName: "Emma Larsen" }) { id } }',
  );
  clientId = created.data?.createClient.id ?? '';
  const [service] = await crm.orm.em
    .getConnection()
    .execute<{ required_documents: string[] }[]>(`select required_documents from service where code = 'KITAS_INVESTOR'`);
  kitasDocuments = service?.required_documents ?? [];
});
afterAll(() => crm.stop());

async function openKitas(): Promise<{ id: string; title: string; service: { code: string }; documents: Line[] }> {
  const result = await crm.as(crm.agent)<{ openPractice: { id: string; title: string; service: { code: string }; documents: Line[] } }>(
    OPEN,
    {
      input: { clientId, type: 'KITAS', serviceCode: 'KITAS_INVESTOR' },
    },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.openPractice;
}

describe('the document checklist of a practice', () => {
  it("starts as the catalog service's required documents, in order, all MISSING", async () => {
    const practice = await openKitas();
    expect(kitasDocuments.length).toBeGreaterThan(1);
    expect(practice.service.code).toBe('KITAS_INVESTOR');
    expect(practice.title).toBe('Investor KITAS (E28A), 2 years');
    expect(practice.documents).toEqual(kitasDocuments.map((name) => ({ name, state: 'MISSING', updatedAt: null, updatedBy: null })));
  });

  it('refuses a service of another type naming serviceCode', async () => {
    const result = await crm.as(crm.agent)(OPEN, { input: { clientId, type: 'KITAS', serviceCode: 'TAX_NPWP' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceCode' });
  });

  it('is empty for a practice opened without a service', async () => {
    const result = await crm.as(crm.agent)<{ openPractice: { documents: Line[]; service: null } }>(OPEN, {
      input: { clientId, type: 'LEGAL' },
    });
    expect(result.data?.openPractice).toMatchObject({ documents: [], service: null });
  });

  it('records who ticked a document and when, and audits the change', async () => {
    const practice = await openKitas();
    const [first] = kitasDocuments;
    const result = await crm.as(crm.agent)<{
      setPracticeDocument: { documents: Line[]; history: { action: string; changes: unknown[] }[] };
    }>(SET, { practiceId: practice.id, document: first, state: 'RECEIVED' });
    expect(result.errors).toBeUndefined();
    const line = result.data?.setPracticeDocument.documents[0];
    expect(line).toMatchObject({ name: first, state: 'RECEIVED', updatedBy: { email: 'agent@example.com' } });
    expect(Date.now() - Date.parse(line?.updatedAt ?? '')).toBeLessThan(60_000);
    expect(result.data?.setPracticeDocument.history[0]).toEqual({
      action: 'PRACTICE_DOCUMENT_SET',
      changes: [{ field: `documents.${first}`, before: 'MISSING', after: 'RECEIVED' }],
    });
  });

  it('refuses a document that is not on the checklist, listing those that are', async () => {
    const practice = await openKitas();
    const result = await crm.as(crm.agent)(SET, { practiceId: practice.id, document: 'Birth certificate', state: 'RECEIVED' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document', documents: kitasDocuments });
  });
});

describe('SUBMITTED and the checklist', () => {
  it('is refused while a document is MISSING, naming every missing one, and allowed once none is', async () => {
    const practice = await openKitas();
    await crm.as(crm.agent)(MOVE, { id: practice.id, status: 'DOCUMENTS_PENDING' });
    const [first, ...rest] = kitasDocuments;
    await crm.as(crm.agent)(SET, { practiceId: practice.id, document: first, state: 'RECEIVED' });
    const refused = await crm.as(crm.agent)(MOVE, { id: practice.id, status: 'SUBMITTED' });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'status', missingDocuments: rest });
    for (const name of rest) expect(refused.errors?.[0]?.message).toContain(name);
    const still = await crm.as(crm.agent)<{ practice: { status: string } }>('query($id: ID!) { practice(id: $id) { status } }', {
      id: practice.id,
    });
    expect(still.data?.practice.status).toBe('DOCUMENTS_PENDING');

    const [notNeeded, ...received] = rest;
    await crm.as(crm.agent)(SET, { practiceId: practice.id, document: notNeeded, state: 'NOT_NEEDED' });
    for (const name of received) await crm.as(crm.agent)(SET, { practiceId: practice.id, document: name, state: 'RECEIVED' });
    const moved = await crm.as(crm.agent)<{ updatePracticeStatus: { status: string } }>(MOVE, { id: practice.id, status: 'SUBMITTED' });
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.updatePracticeStatus.status).toBe('SUBMITTED');
  });
});

describe('practice dates', () => {
  it('takes a calendar day as YYYY-MM-DD when opening and updating, refuses anything else on its field, and clears with null', async () => {
    const practice = await openKitas();
    const update = (dueDate: string | null) =>
      crm.as(crm.agent)<{ updatePractice: { dueDate: string | null } }>(
        'mutation($id: ID!, $d: String) { updatePractice(id: $id, input: { dueDate: $d }) { dueDate } }',
        { id: practice.id, d: dueDate },
      );
    expect((await update('2027-03-15')).data?.updatePractice.dueDate).toBe('2027-03-15');
    for (const bad of ['2027-02-31', '15 March 2027', '2027-03-15T00:00:00Z']) {
      const refused = await update(bad);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(refused.errors?.[0])).toContain('dueDate');
    }
    const opened = await crm.as(crm.agent)(
      'mutation($c: ID!) { openPractice(input: { clientId: $c, type: KITAS, expiryDate: "next year" }) { id } }',
      { c: clientId },
    );
    expect(opened.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await update(null)).data?.updatePractice.dueDate).toBeNull();
  });
});
