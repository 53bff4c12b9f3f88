import { Role, type Caller } from '@nusa/platform';
import { startCrm, type CrmHarness } from '../testing';

let crm: CrmHarness;
let clientId: string;
beforeAll(async () => {
  crm = await startCrm('api_scopes', { demoData: true });
  const [row] = await crm.orm.em.getConnection().execute<{ id: string }[]>('select id from client limit 1');
  clientId = row?.id ?? '';
});
afterAll(() => crm.stop());

const key = (...scopes: string[]): Caller => ({
  kind: 'apiKey',
  id: '00000000-0000-4000-8000-0000000000a1',
  role: Role.PARTNER,
  name: 'Partner',
  scopes,
});

const READS = [
  ['clients', '{ clients(first: 1) { totalCount } }'],
  ['client', 'query($id: ID!) { client(id: $id) { fullName } }'],
  ['serviceCatalog', '{ serviceCatalog { code } }'],
  ['teamMembers', '{ teamMembers { id } }'],
  ['upcomingDeadlines', '{ upcomingDeadlines(withinDays: 30) { id } }'],
] as const;
const CREATE_CLIENT = 'mutation { createClient(input: { fullName: "Partner Lead" }) { id fullName } }';
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { fullName } } }';

describe('API key scopes in the CRM', () => {
  it.each(READS)('refuses %s to a key without crm:read, naming the scope', async (_name, query) => {
    const result = await crm.as(key('chat', 'crm:write'))(query, { id: clientId });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'crm:read' });
    expect(result.errors?.[0]?.message).toContain('crm:read');
  });

  it.each(READS)('serves %s to a key with crm:read', async (_name, query) => {
    const result = await crm.as(key('crm:read'))(query, { id: clientId });
    expect(result.errors).toBeUndefined();
  });

  it('refuses a write to a key with crm:read only, naming crm:write', async () => {
    const result = await crm.as(key('crm:read'))(CREATE_CLIENT);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'crm:write' });
  });

  it('lets a key with crm:write write, though its role is PARTNER', async () => {
    const result = await crm.as(key('crm:write'))<{ createClient: { fullName: string } }>(CREATE_CLIENT);
    expect(result.errors).toBeUndefined();
    expect(result.data?.createClient.fullName).toBe('Partner Lead');
  });

  it('resolves a client for another subgraph only when the key holds crm:read', async () => {
    const variables = { r: [{ __typename: 'Client', id: clientId }] };
    expect((await crm.as(key('chat'))(ENTITIES, variables)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await crm.as(key('crm:read'))(ENTITIES, variables)).errors).toBeUndefined();
  });

  it('answers me with null for a key', async () => {
    const result = await crm.as(key('crm:read'))('{ me { id } }');
    expect(result.data).toEqual({ me: null });
  });

  it('changes nothing for team members', async () => {
    expect((await crm.as(crm.agent)(CREATE_CLIENT)).errors).toBeUndefined();
  });
});
