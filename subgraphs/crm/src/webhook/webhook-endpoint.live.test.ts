import { Role, type Caller } from '@nusa/platform';
import { startCrm, type CrmHarness } from '../testing';

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes enabled disabledReason consecutiveFailures createdBy { email } } }
}`;
const LIST = '{ webhookEndpoints { id url eventTypes enabled disabledReason disabledAt } }';
const UPDATE = `mutation($id: ID!, $input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(id: $id, input: $input) { id url eventTypes enabled disabledReason disabledAt }
}`;
const DELETE = 'mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }';
const DELIVERIES = 'query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount edges { node { id } } } }';
const RESEND = 'mutation($id: ID!) { resendWebhookDelivery(id: $id) { id } }';
const AUDIT =
  'query($id: ID!) { auditLog(entityId: $id) { edges { node { action entityType actorName changes { field before after } } } } }';

interface Endpoint {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
}

const partnerKey: Caller = {
  kind: 'apiKey',
  id: '00000000-0000-4000-8000-0000000000d1',
  role: Role.PARTNER,
  name: 'Partner integration',
  scopes: ['crm:read', 'crm:write'],
};

let crm: CrmHarness;
beforeAll(async () => {
  crm = await startCrm('webhook_endpoints');
});
afterAll(() => crm.stop());

async function create(input: Record<string, unknown>): Promise<{ secret: string; endpoint: Endpoint }> {
  const result = await crm.as(crm.admin)<{ createWebhookEndpoint: { secret: string; endpoint: Endpoint } }>(CREATE, { input });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createWebhookEndpoint;
}

describe('registering an endpoint', () => {
  it('shows the secret once and lists the endpoint without it', async () => {
    const { secret, endpoint } = await create({
      url: 'https://partner.example.com/hooks/nusa',
      eventTypes: ['PRACTICE_STATUS_CHANGED', 'CLIENT_CREATED', 'CLIENT_CREATED'],
    });
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(endpoint).toMatchObject({
      url: 'https://partner.example.com/hooks/nusa',
      eventTypes: ['CLIENT_CREATED', 'PRACTICE_STATUS_CHANGED'],
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      createdBy: { email: 'admin@example.com' },
    });
    const listed = await crm.as(crm.admin)<{ webhookEndpoints: Endpoint[] }>(LIST);
    expect(listed.data?.webhookEndpoints.map((row) => row.id)).toContain(endpoint.id);
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    const again = await create({ url: 'https://partner.example.com/other', eventTypes: ['CLIENT_CREATED'] });
    expect(again.secret).not.toBe(secret);
  });

  it.each([
    ['an ftp URL', 'ftp://partner.example.com/hooks', 'must be an http:// or https:// URL, not ftp:'],
    ['a javascript: URL', 'javascript:alert(1)', 'must be an http:// or https:// URL'],
    ['a relative URL', 'partner.example.com/hooks', 'is not a URL'],
    ['a URL with credentials', 'https://user:password@partner.example.com/hooks', 'must not carry a user name or password'],
    ['a URL over 2,048 characters', `https://partner.example.com/${'x'.repeat(2100)}`, 'at most 2048 characters'],
    ['this host by name', 'http://localhost:8080/hooks', 'must be a public address: localhost is this host'],
    ['a loopback address', 'http://127.0.0.1:9/hooks', 'must be a public address: 127.0.0.1 is a private'],
    ['the IPv6 loopback', 'http://[::1]/hooks', 'must be a public address: ::1 is a private'],
    ['a private network', 'https://10.1.2.3/hooks', 'must be a public address: 10.1.2.3 is a private'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data', 'must be a public address: 169.254.169.254'],
  ])('refuses %s with BAD_USER_INPUT naming input.url', async (_what, url, message) => {
    const result = await crm.as(crm.admin)(CREATE, { input: { url, eventTypes: ['CLIENT_CREATED'] } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect(result.errors?.[0]?.message).toContain(message);
    expect(result.data).toBeNull();
  });

  it('refuses an endpoint with no event type', async () => {
    const result = await crm.as(crm.admin)(CREATE, { input: { url: 'https://partner.example.com/none', eventTypes: [] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('eventTypes');
  });

  it('refuses an event type that does not exist', async () => {
    const result = await crm.as(crm.admin)(CREATE, { input: { url: 'https://partner.example.com/x', eventTypes: ['EVERYTHING'] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('changing and removing an endpoint', () => {
  it('disables with the administrator named as the reason, and enables again', async () => {
    const { endpoint } = await create({ url: 'https://partner.example.com/toggle', eventTypes: ['CLIENT_CREATED'] });
    const disabled = await crm.as(crm.admin)<{ updateWebhookEndpoint: Endpoint }>(UPDATE, { id: endpoint.id, input: { enabled: false } });
    expect(disabled.data?.updateWebhookEndpoint).toMatchObject({ enabled: false, disabledReason: 'disabled by Administrator' });
    const changed = await crm.as(crm.admin)<{ updateWebhookEndpoint: Endpoint }>(UPDATE, {
      id: endpoint.id,
      input: { enabled: true, url: 'http://partner.example.com/moved', eventTypes: ['PRACTICE_STATUS_CHANGED'] },
    });
    expect(changed.data?.updateWebhookEndpoint).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      url: 'http://partner.example.com/moved',
      eventTypes: ['PRACTICE_STATUS_CHANGED'],
    });
    const bad = await crm.as(crm.admin)(UPDATE, { id: endpoint.id, input: { url: 'mailto:ops@example.com' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
  });

  it('deletes an endpoint once, and then knows it no more', async () => {
    const { endpoint } = await create({ url: 'https://partner.example.com/gone', eventTypes: ['CLIENT_CREATED'] });
    expect((await crm.as(crm.admin)<{ deleteWebhookEndpoint: boolean }>(DELETE, { id: endpoint.id })).data?.deleteWebhookEndpoint).toBe(
      true,
    );
    expect((await crm.as(crm.admin)<{ deleteWebhookEndpoint: boolean }>(DELETE, { id: endpoint.id })).data?.deleteWebhookEndpoint).toBe(
      false,
    );
    const listed = await crm.as(crm.admin)<{ webhookEndpoints: Endpoint[] }>(LIST);
    expect(listed.data?.webhookEndpoints.map((row) => row.id)).not.toContain(endpoint.id);
    const deliveries = await crm.as(crm.admin)(DELIVERIES, { id: endpoint.id });
    expect(deliveries.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'WebhookEndpoint' });
  });

  it('audits creation, changes and deletion like API keys, never the secret', async () => {
    const { secret, endpoint } = await create({ url: 'https://partner.example.com/audited', eventTypes: ['CLIENT_CREATED'] });
    await crm.as(crm.admin)(UPDATE, { id: endpoint.id, input: { enabled: false } });
    await crm.as(crm.admin)(DELETE, { id: endpoint.id });
    const log = await crm.as(crm.admin)<{ auditLog: { edges: { node: { action: string; entityType: string; actorName: string } }[] } }>(
      AUDIT,
      {
        id: endpoint.id,
      },
    );
    expect(log.data?.auditLog.edges.map((edge) => edge.node.action)).toEqual([
      'WEBHOOK_ENDPOINT_DELETED',
      'WEBHOOK_ENDPOINT_UPDATED',
      'WEBHOOK_ENDPOINT_CREATED',
    ]);
    expect(
      log.data?.auditLog.edges.every((edge) => edge.node.entityType === 'WEBHOOK_ENDPOINT' && edge.node.actorName === 'Administrator'),
    ).toBe(true);
    expect(JSON.stringify(log.data)).toContain('https://partner.example.com/audited');
    expect(JSON.stringify(log.data)).not.toContain(secret);
  });

  it('answers NOT_FOUND for a delivery that does not exist', async () => {
    const result = await crm.as(crm.admin)(RESEND, { id: '00000000-0000-4000-8000-00000000beef' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'WebhookDelivery' });
  });
});

describe('who may manage webhooks', () => {
  const someId = '00000000-0000-4000-8000-00000000abcd';
  const operations: [string, string, Record<string, unknown>][] = [
    ['webhookEndpoints', LIST, {}],
    ['webhookDeliveries', DELIVERIES, { id: someId }],
    ['createWebhookEndpoint', CREATE, { input: { url: 'https://partner.example.com/x', eventTypes: ['CLIENT_CREATED'] } }],
    ['updateWebhookEndpoint', UPDATE, { id: someId, input: { enabled: false } }],
    ['deleteWebhookEndpoint', DELETE, { id: someId }],
    ['resendWebhookDelivery', RESEND, { id: someId }],
  ];

  it.each(operations)('refuses %s to an agent and to an API key with FORBIDDEN', async (_name, query, variables) => {
    for (const caller of [crm.agent, partnerKey]) {
      const result = await crm.as(caller)(query, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const result = await crm.as({ kind: 'anonymous' })(LIST);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('created nothing for the refused callers', async () => {
    const listed = await crm.as(crm.admin)<{ webhookEndpoints: Endpoint[] }>(LIST);
    expect(listed.data?.webhookEndpoints.filter((row) => row.url === 'https://partner.example.com/x')).toEqual([]);
  });
});
