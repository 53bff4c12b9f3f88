import {
  anonymous,
  credentialRoutes,
  hashApiKeySecret,
  IDENTITY_HEADER,
  parseApiKey,
  Role,
  signIdentity,
  type Caller,
} from '@nusa/platform';
import { startCrm, type CrmHarness } from '../testing';
import { TEST_SECRETS } from '@nusa/platform/testing';

const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name prefix scopes role status expiresAt lastUsedAt revokedAt createdBy { email } } }
}`;
const LIST = '{ apiKeys { id name status scopes revokedAt } }';
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id status revokedAt } }';

interface Created {
  createApiKey: {
    key: string;
    apiKey: { id: string; name: string; prefix: string; scopes: string[]; status: string; revokedAt: string | null };
  };
}

let crm: CrmHarness;
beforeAll(async () => {
  crm = await startCrm('api_keys');
});
afterAll(() => crm.stop());

async function create(input: Record<string, unknown>): Promise<Created['createApiKey']> {
  const result = await crm.as(crm.admin)<Created>(CREATE, { input });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createApiKey;
}

function service(path: string, body: unknown, caller: Caller = { kind: 'service', name: 'gateway' }) {
  return fetch(new URL(path, crm.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(caller, TEST_SECRETS.internalSecret, 'crm') },
    body: JSON.stringify(body),
  });
}

describe('creating an API key', () => {
  it('shows the key once, as nk_<id>_<secret>, and keeps only a SHA-256 hash of the secret', async () => {
    const { key, apiKey } = await create({ name: 'Bali Relocation Partners', scopes: ['CRM_READ', 'CHAT', 'CRM_READ'] });
    const parts = parseApiKey(key);
    expect(parts?.id).toBe(apiKey.id);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ name: 'Bali Relocation Partners', scopes: ['CHAT', 'CRM_READ'], role: 'PARTNER', status: 'ACTIVE' });
    expect(apiKey).toMatchObject({ expiresAt: null, lastUsedAt: null, revokedAt: null, createdBy: { email: 'admin@example.com' } });
    const [row] = await crm.orm.em
      .getConnection()
      .execute<{ secret_hash: string; scopes: string[] }[]>('select secret_hash, scopes from api_key where id = ?', [apiKey.id]);
    expect(row?.secret_hash).toBe(hashApiKeySecret(parts?.secret ?? ''));
    expect(row?.secret_hash).not.toContain(parts?.secret ?? '');
    expect(row?.scopes).toEqual(['chat', 'crm:read']);
  });

  it('makes a different secret every time', async () => {
    const first = await create({ name: 'A', scopes: ['CRM_READ'] });
    const second = await create({ name: 'A', scopes: ['CRM_READ'] });
    expect(parseApiKey(first.key)?.secret).not.toBe(parseApiKey(second.key)?.secret);
  });

  it.each([
    [{ name: ' ', scopes: ['CRM_READ'] }, 'name'],
    [{ name: 'No scopes', scopes: [] }, 'scopes'],
    [{ name: 'Past', scopes: ['CRM_READ'], expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
  ])('refuses %j with BAD_USER_INPUT naming the field', async (input, field) => {
    const result = await crm.as(crm.admin)(CREATE, { input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(result.errors?.[0]?.message).toContain(field);
  });

  it('refuses a scope that does not exist', async () => {
    const result = await crm.as(crm.admin)(CREATE, { input: { name: 'X', scopes: ['EVERYTHING'] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('listing and revoking', () => {
  it('lists keys newest first with their status, never their secret', async () => {
    const older = await create({ name: 'Older', scopes: ['KNOWLEDGE_READ'] });
    const newer = await create({ name: 'Newer', scopes: ['KNOWLEDGE_WRITE'] });
    const result = await crm.as(crm.admin)<{ apiKeys: { id: string; status: string }[] }>(LIST);
    const ids = result.data?.apiKeys.map((key) => key.id) ?? [];
    expect(ids.indexOf(newer.apiKey.id)).toBeLessThan(ids.indexOf(older.apiKey.id));
    expect(JSON.stringify(result.data)).not.toContain(parseApiKey(newer.key)?.secret);
  });

  it('revokes a key once; revoking it again changes nothing', async () => {
    const { apiKey } = await create({ name: 'Short-lived', scopes: ['CRM_READ'] });
    const first = await crm.as(crm.admin)<{ revokeApiKey: { status: string; revokedAt: string } }>(REVOKE, { id: apiKey.id });
    expect(first.data?.revokeApiKey.status).toBe('REVOKED');
    const again = await crm.as(crm.admin)<{ revokeApiKey: { revokedAt: string } }>(REVOKE, { id: apiKey.id });
    expect(again.data?.revokeApiKey.revokedAt).toBe(first.data?.revokeApiKey.revokedAt);
  });

  it('answers NOT_FOUND for a key that does not exist', async () => {
    const result = await crm.as(crm.admin)(REVOKE, { id: '00000000-0000-4000-8000-000000000000' });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reports an expired key as EXPIRED', async () => {
    const { apiKey } = await create({ name: 'Expiring', scopes: ['CRM_READ'], expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await crm.orm.em.getConnection().execute(`update api_key set expires_at = now() - interval '1 second' where id = ?`, [apiKey.id]);
    const result = await crm.as(crm.admin)<{ apiKeys: { id: string; status: string }[] }>(LIST);
    expect(result.data?.apiKeys.find((key) => key.id === apiKey.id)?.status).toBe('EXPIRED');
  });
});

describe('who manages keys', () => {
  const allScopes: Caller = {
    kind: 'apiKey',
    id: '00000000-0000-4000-8000-0000000000aa',
    role: Role.PARTNER,
    name: 'Everything',
    scopes: ['crm:read', 'crm:write', 'knowledge:read', 'knowledge:write', 'chat'],
  };
  const operations: [string, string, Record<string, unknown>][] = [
    ['createApiKey', CREATE, { input: { name: 'X', scopes: ['CRM_READ'] } }],
    ['apiKeys', LIST, {}],
    ['revokeApiKey', REVOKE, { id: '00000000-0000-4000-8000-000000000000' }],
  ];

  it.each(operations)('refuses %s to an agent with FORBIDDEN', async (_name, query, variables) => {
    const result = await crm.as(crm.agent)(query, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each(operations)('refuses %s to an API key, whatever its scopes', async (_name, query, variables) => {
    const result = await crm.as(allScopes)(query, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each(operations)('refuses %s to an anonymous caller with UNAUTHENTICATED', async (_name, query, variables) => {
    const result = await crm.as(anonymous)(query, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the routes the gateway verifies keys through', () => {
  it('gives the stored key, hash included, to a platform service', async () => {
    const { key, apiKey } = await create({ name: 'Resolved', scopes: ['CHAT'] });
    const response = await service(credentialRoutes.resolveApiKey, { id: apiKey.id });
    const body = (await response.json()) as { apiKey: { secretHash: string; scopes: string[]; role: string } };
    expect(body.apiKey).toMatchObject({ id: apiKey.id, scopes: ['chat'], role: 'PARTNER', revokedAt: null, expiresAt: null });
    expect(body.apiKey.secretHash).toBe(hashApiKeySecret(parseApiKey(key)?.secret ?? ''));
  });

  it('answers null for an unknown key', async () => {
    const response = await service(credentialRoutes.resolveApiKey, { id: '00000000-0000-4000-8000-000000000000' });
    expect(await response.json()).toEqual({ apiKey: null });
  });

  it('writes the last-used time at most once a minute', async () => {
    const { apiKey } = await create({ name: 'Busy', scopes: ['CRM_READ'] });
    const touches = [];
    for (let i = 0; i < 3; i++) touches.push(await (await service(credentialRoutes.touchApiKey, { id: apiKey.id })).json());
    expect(touches).toEqual([{ touched: true }, { touched: false }, { touched: false }]);
    const [row] = await crm.orm.em
      .getConnection()
      .execute<{ used: boolean }[]>('select last_used_at is not null as used from api_key where id = ?', [apiKey.id]);
    expect(row?.used).toBe(true);
  });

  it('answers 401 to anyone but a platform service', async () => {
    const response = await service(credentialRoutes.resolveApiKey, { id: '00000000-0000-4000-8000-000000000000' }, crm.admin);
    expect(response.status).toBe(401);
  });
});
