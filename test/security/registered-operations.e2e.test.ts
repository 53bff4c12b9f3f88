import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, type GatewayHarness } from '../../gateway/src/testing';
import { startCrm, type CrmHarness } from '../../subgraphs/crm/src/testing';
import { TEST_SECRETS } from '@nusa/platform/testing';
import { SUPERGRAPH } from './harness';

const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }';
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'operations.json'), 'utf8')) as {
  operations: { id: string; name: string; body: string }[];
};
const catalog = manifest.operations.find((operation) => operation.name === 'ServiceCatalog');

let crm: CrmHarness;
let gateway: GatewayHarness;

beforeAll(async () => {
  crm = await startCrm('security_registered', { demoData: false });
  gateway = await startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls: { crm: crm.url }, ...TEST_SECRETS });
});

afterAll(async () => {
  await gateway.stop();
  await crm.stop();
});

async function keyWith(scopes: string[]): Promise<string> {
  const created = await crm.as(crm.admin)<{ createApiKey: { key: string } }>(CREATE, {
    input: { name: `Partner ${scopes.join(' ')}`, scopes },
  });
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  return created.data.createApiKey.key;
}

async function post(key: string, body: Record<string, unknown>) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: { serviceCatalog?: unknown[] }; errors?: { extensions?: Record<string, unknown> }[] };
}

describe('keys restricted to registered operations', () => {
  it('run a manifest operation, by its text or by its hash alone, and nothing else', async () => {
    const key = await keyWith(['CRM_READ', 'REGISTERED_OPERATIONS_ONLY']);
    const byText = await post(key, { query: catalog?.body });
    expect(byText.errors).toBeUndefined();
    expect(byText.data?.serviceCatalog?.length).toBeGreaterThan(0);
    const byHash = await post(key, { extensions: { persistedQuery: { version: 1, sha256Hash: catalog?.id } } });
    expect(byHash).toEqual(byText);
    const other = await post(key, { query: '{ serviceCatalog { code } }' });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UNREGISTERED_OPERATION' });
    expect(other.data).toBeUndefined();
  });

  it('leaves keys without the restriction free to run any operation their scopes allow', async () => {
    const key = await keyWith(['CRM_READ']);
    const free = await post(key, { query: '{ serviceCatalog { code } }' });
    expect(free.errors).toBeUndefined();
    expect(free.data?.serviceCatalog?.length).toBeGreaterThan(0);
  });
});
