import { createTestDatabase, eventually } from '@nusa/platform/testing';
import { startCrm, type CrmHarness } from '../testing';
import { createClient, CREATE_CLIENT, deliveries, register, startReceiver, verify, type Received, type Receiver } from './webhook.testing';

const SETTINGS = {
  pollIntervalMs: 50,
  retryInitialMs: 100,
  retryMaxMs: 400,
  retryWindowMs: 60_000,
  disableAfterFailures: 4,
  timeoutMs: 5_000,
  // The test's receivers listen on 127.0.0.1.
  allowPrivateAddresses: true,
};

let crm: CrmHarness;
const receivers: Receiver[] = [];
beforeAll(async () => {
  crm = await startCrm('webhook_deliveries', { webhooks: SETTINGS });
});
afterEach(async () => {
  // Each test's endpoints go, so the next test's events reach only its own receiver.
  await crm.orm.em.getConnection().execute('delete from webhook_endpoint');
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});
afterAll(() => crm.stop());

async function receiver(answer?: (request: Received, before: Received[]) => number): Promise<Receiver> {
  const started = await startReceiver(answer);
  receivers.push(started);
  return started;
}

describe('a delivery', () => {
  it('arrives as signed JSON that the partner recipe verifies, and is recorded with its answer', async () => {
    const partner = await receiver();
    const endpoint = await register(crm, partner.url, ['CLIENT_CREATED']);
    const clientId = await createClient(crm, 'Aroha Ngata');
    await eventually(() => partner.received.length === 1, { what: 'the delivery' });
    const [request] = partner.received;
    if (!request) throw new Error('no request');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toMatchObject({
      type: 'client.created',
      data: { id: clientId, fullName: 'Aroha Ngata', nationality: 'NZ', status: 'LEAD', email: null },
    });
    expect(request.headers['nusa-webhook-id']).toBe(request.body.id);
    expect(new Date(request.body.occurredAt).toISOString()).toBe(request.body.occurredAt);
    expect(verify(endpoint.secret, request.headers, request.raw)).toBe(true);
    // The recipe refuses what was not signed with this secret, a changed body, and a stale timestamp.
    expect(verify(`${endpoint.secret}0`, request.headers, request.raw)).toBe(false);
    expect(verify(endpoint.secret, request.headers, request.raw.replace('Aroha', 'Mallory'))).toBe(false);
    expect(verify(endpoint.secret, request.headers, request.raw, Date.now() + 301_000)).toBe(false);

    await eventually(async () => (await deliveries(crm, endpoint.id)).webhookDeliveries.edges[0]?.node.status === 'DELIVERED', {
      what: 'the delivery recorded as DELIVERED',
    });
    const [delivery] = (await deliveries(crm, endpoint.id)).webhookDeliveries.edges.map((edge) => edge.node);
    expect(delivery).toMatchObject({
      status: 'DELIVERED',
      attemptCount: 1,
      eventId: request.body.id,
      eventType: 'CLIENT_CREATED',
      entityType: 'client',
      entityId: clientId,
      body: request.raw,
    });
    expect(delivery?.attempts).toEqual([
      expect.objectContaining({ number: 1, statusCode: 200, responseBody: 'thanks', error: null, nextAttemptAt: null }),
    ]);
  });

  it('sends a practice status change with the status it left, only to endpoints subscribed to it', async () => {
    const practices = await receiver();
    const clients = await receiver();
    await register(crm, practices.url, ['PRACTICE_STATUS_CHANGED']);
    await register(crm, clients.url, ['CLIENT_CREATED']);
    const clientId = await createClient(crm, 'Mere Parata');
    const opened = await crm.as(crm.agent)<{ openPractice: { id: string } }>(
      'mutation($clientId: ID!) { openPractice(input: { clientId: $clientId, type: KITAS }) { id } }',
      { clientId },
    );
    const practiceId = opened.data?.openPractice.id;
    await crm.as(crm.agent)('mutation($id: ID!) { updatePracticeStatus(id: $id, status: DOCUMENTS_PENDING) { id } }', { id: practiceId });
    await eventually(() => practices.received.length === 1 && clients.received.length === 1, { what: 'both deliveries' });
    expect(practices.received[0]?.body).toMatchObject({
      type: 'practice.status_changed',
      data: { id: practiceId, clientId, type: 'KITAS', status: 'DOCUMENTS_PENDING', previousStatus: 'INQUIRY' },
    });
    expect(clients.received[0]?.body).toMatchObject({ type: 'client.created', data: { id: clientId } });
  });
});

describe('a failing receiver', () => {
  it('is retried with doubling delays, then disabled with a reason shown through GraphQL and audited', async () => {
    const partner = await receiver(() => 500);
    const endpoint = await register(crm, partner.url, ['CLIENT_CREATED']);
    await createClient(crm, 'Never Received');
    await eventually(
      async () => (await deliveries(crm, endpoint.id)).webhookEndpoints.some((row) => row.id === endpoint.id && !row.enabled),
      {
        what: 'the endpoint disabled',
      },
    );
    const state = await deliveries(crm, endpoint.id);
    const row = state.webhookEndpoints.find((candidate) => candidate.id === endpoint.id);
    expect(row?.consecutiveFailures).toBe(4);
    expect(row?.disabledReason).toMatch(/^4 attempts in a row failed; the last, at .+: HTTP 500 Internal Server Error$/);
    const [delivery] = state.webhookDeliveries.edges.map((edge) => edge.node);
    expect(delivery?.status).toBe('PENDING');
    const attempts = delivery?.attempts ?? [];
    expect(attempts.map((attempt) => [attempt.number, attempt.statusCode, attempt.responseBody, attempt.error])).toEqual(
      [1, 2, 3, 4].map((number) => [number, 500, 'receiver is down', 'HTTP 500 Internal Server Error']),
    );
    // The schedule doubles from 100 ms (capped at 400), and no attempt left before its time.
    const waits = attempts.map((attempt) => Date.parse(attempt.nextAttemptAt ?? '') - Date.parse(attempt.at));
    expect(waits).toEqual([100, 200, 400, 400]);
    for (const [index, attempt] of attempts.slice(1).entries()) {
      expect(Date.parse(attempt.at)).toBeGreaterThanOrEqual(Date.parse(attempts[index]?.nextAttemptAt ?? ''));
    }
    expect(partner.received).toHaveLength(4);
    expect(new Set(partner.received.map((request) => request.body.id)).size).toBe(1);

    const audit = await crm.as(crm.admin)<{ auditLog: { edges: { node: { action: string; actorKind: string } }[] } }>(
      'query($id: ID!) { auditLog(entityId: $id) { edges { node { action actorKind } } } }',
      { id: endpoint.id },
    );
    expect(audit.data?.auditLog.edges[0]?.node).toEqual({ action: 'WEBHOOK_ENDPOINT_DISABLED', actorKind: 'SERVICE' });

    // Enabled again, the waiting delivery goes at once, and the count starts over.
    const recovered = await receiver();
    await crm.as(crm.admin)(
      'mutation($id: ID!, $url: String!) { updateWebhookEndpoint(id: $id, input: { enabled: true, url: $url }) { id } }',
      {
        id: endpoint.id,
        url: recovered.url,
      },
    );
    await eventually(() => recovered.received.length === 1, { what: 'the delivery after enabling' });
    await eventually(async () => (await deliveries(crm, endpoint.id)).webhookDeliveries.edges[0]?.node.status === 'DELIVERED', {
      what: 'DELIVERED after enabling',
    });
    expect(
      (await deliveries(crm, endpoint.id)).webhookEndpoints.find((candidate) => candidate.id === endpoint.id)?.consecutiveFailures,
    ).toBe(0);
  });
});

describe('order', () => {
  it('sends the events of one practice in order, the later ones waiting while the first is retried', async () => {
    let accepting = false;
    const partner = await receiver(() => (accepting ? 200 : 503));
    await register(crm, partner.url, ['PRACTICE_STATUS_CHANGED']);
    const clientId = await createClient(crm, 'In Order');
    const opened = await crm.as(crm.agent)<{ openPractice: { id: string } }>(
      'mutation($clientId: ID!) { openPractice(input: { clientId: $clientId, type: TAX }) { id } }',
      { clientId },
    );
    const id = opened.data?.openPractice.id;
    for (const status of ['DOCUMENTS_PENDING', 'SUBMITTED', 'IN_PROGRESS']) {
      const moved = await crm.as(crm.agent)(
        'mutation($id: ID!, $status: PracticeStatus!) { updatePracticeStatus(id: $id, status: $status) { id } }',
        {
          id,
          status,
        },
      );
      expect(moved.errors).toBeUndefined();
    }
    await eventually(() => partner.received.length >= 1, { what: 'the first attempt' });
    accepting = true;
    await eventually(() => partner.received.filter((request) => request.answered === 200).length === 3, {
      what: 'three accepted deliveries',
    });
    const statuses = partner.received.map((request) => [request.body.data.status, request.answered]);
    const refused = statuses.filter(([, answered]) => answered === 503);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    // Everything sent before the first event was accepted was the first event.
    expect(statuses).toEqual([
      ...refused.map(() => ['DOCUMENTS_PENDING', 503]),
      ['DOCUMENTS_PENDING', 200],
      ['SUBMITTED', 200],
      ['IN_PROGRESS', 200],
    ]);
  });
});

describe('the outbox', () => {
  it('keeps a delivery across a restart: written by one crm that stopped before sending, sent by the next', async () => {
    const database = await createTestDatabase('webhook_restart');
    const partner = await receiver();
    try {
      const first = await startCrm('webhook_restart', { database, webhooks: { ...SETTINGS, deliver: false } });
      let clientId: string;
      try {
        await register(first, partner.url, ['CLIENT_CREATED']);
        clientId = await createClient(first, 'Survives Restart');
        const outbox = await first.orm.em
          .getConnection()
          .execute<{ type: string }[]>('select type from webhook_event where entity_id = ?', [clientId]);
        expect(outbox).toEqual([{ type: 'CLIENT_CREATED' }]);
      } finally {
        await first.stop();
      }
      expect(partner.received).toHaveLength(0);
      const second = await startCrm('webhook_restart', { database, webhooks: SETTINGS });
      try {
        await eventually(() => partner.received.length === 1, { what: 'the delivery from the restarted crm' });
        expect(partner.received[0]?.body).toMatchObject({ type: 'client.created', data: { id: clientId, fullName: 'Survives Restart' } });
      } finally {
        await second.stop();
      }
    } finally {
      await database.drop();
    }
  });

  it('is not sent to an endpoint on a private address by a crm that does not allow them: the attempt fails with the reason', async () => {
    const database = await createTestDatabase('webhook_private');
    const partner = await receiver();
    try {
      const registering = await startCrm('webhook_private', { database, webhooks: { ...SETTINGS, deliver: false } });
      let endpoint: { id: string };
      try {
        endpoint = await register(registering, partner.url, ['CLIENT_CREATED']);
        await createClient(registering, 'Kept Inside');
      } finally {
        await registering.stop();
      }
      const strict = await startCrm('webhook_private', { database, webhooks: { ...SETTINGS, allowPrivateAddresses: false } });
      try {
        let attempts: { error: string | null; statusCode: number | null }[] = [];
        await eventually(
          async () => {
            attempts = (await deliveries(strict, endpoint.id)).webhookDeliveries.edges.flatMap((edge) => edge.node.attempts);
            return attempts.length >= 2;
          },
          { what: 'two refused attempts' },
        );
        expect(attempts[0]?.statusCode).toBeNull();
        expect(attempts[0]?.error).toMatch(/^refused: 127\.0\.0\.1 is a private/);
        expect(partner.received).toHaveLength(0);
      } finally {
        await strict.stop();
      }
    } finally {
      await database.drop();
    }
  });

  it('writes no event for a change that is rolled back, and no change whose event cannot be written', async () => {
    const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
      crm.orm.em.getConnection().execute<T[]>(text, params);
    await sql(`alter table client add constraint test_refused_client check (full_name <> 'Rolled Back')`);
    try {
      const result = await crm.as(crm.agent)(CREATE_CLIENT, { input: { fullName: 'Rolled Back' } });
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await sql('alter table client drop constraint test_refused_client');
    }
    expect(await sql(`select 1 from webhook_event where payload->>'fullName' = 'Rolled Back'`)).toHaveLength(0);

    await sql(`alter table webhook_event add constraint test_refused_event check (payload->>'fullName' is distinct from 'No Event')`);
    try {
      const result = await crm.as(crm.agent)(CREATE_CLIENT, { input: { fullName: 'No Event' } });
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await sql('alter table webhook_event drop constraint test_refused_event');
    }
    expect(await sql(`select 1 from client where full_name = 'No Event'`)).toHaveLength(0);
    expect(await sql(`select 1 from audit_entry where after->>'fullName' = 'No Event'`)).toHaveLength(0);
  });
});

describe('resending', () => {
  it('sends a delivered event again as a new delivery with the same id and body', async () => {
    const partner = await receiver();
    const endpoint = await register(crm, partner.url, ['CLIENT_CREATED']);
    await createClient(crm, 'Send Twice');
    await eventually(async () => (await deliveries(crm, endpoint.id)).webhookDeliveries.edges[0]?.node.status === 'DELIVERED', {
      what: 'the first delivery',
    });
    const original = (await deliveries(crm, endpoint.id)).webhookDeliveries.edges[0]?.node;
    const resent = await crm.as(crm.admin)<{ resendWebhookDelivery: { id: string; status: string; resendOf: string } }>(
      'mutation($id: ID!) { resendWebhookDelivery(id: $id) { id status resendOf } }',
      { id: original?.id },
    );
    expect(resent.data?.resendWebhookDelivery).toMatchObject({ status: 'PENDING', resendOf: original?.id });
    await eventually(() => partner.received.length === 2, { what: 'the resent delivery' });
    expect(partner.received[1]?.raw).toBe(partner.received[0]?.raw);
    expect(partner.received[1]?.headers['nusa-webhook-id']).toBe(original?.eventId);
    await eventually(
      async () => (await deliveries(crm, endpoint.id)).webhookDeliveries.edges.every((edge) => edge.node.status === 'DELIVERED'),
      {
        what: 'both deliveries DELIVERED',
      },
    );
    const listed = (await deliveries(crm, endpoint.id)).webhookDeliveries;
    expect(listed.totalCount).toBe(2);
    expect(listed.edges[0]?.node).toMatchObject({
      id: resent.data?.resendWebhookDelivery.id,
      resendOf: original?.id,
      eventId: original?.eventId,
    });
  });

  it('refuses to resend to a disabled endpoint, saying how to enable it', async () => {
    const partner = await receiver();
    const endpoint = await register(crm, partner.url, ['CLIENT_CREATED']);
    await createClient(crm, 'Disabled Resend');
    await eventually(async () => (await deliveries(crm, endpoint.id)).webhookDeliveries.edges[0]?.node.status === 'DELIVERED');
    const original = (await deliveries(crm, endpoint.id)).webhookDeliveries.edges[0]?.node;
    await crm.as(crm.admin)('mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false }) { id } }', { id: endpoint.id });
    const result = await crm.as(crm.admin)('mutation($id: ID!) { resendWebhookDelivery(id: $id) { id } }', { id: original?.id });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('enable it');
  });
});
