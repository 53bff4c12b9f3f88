import { createTestDatabase, eventually, type TestDatabase } from '@nusa/platform/testing';
import { startCrm, type CrmHarness } from '../testing';
import { createClient, deliveries, register, startReceiver, type Receiver } from './webhook.testing';

// The test's receivers listen on 127.0.0.1.
const FAST = { pollIntervalMs: 20, retryInitialMs: 100, retryMaxMs: 400, timeoutMs: 5_000, allowPrivateAddresses: true };

describe('two crm instances on one database', () => {
  let database: TestDatabase;
  let first: CrmHarness;
  let second: CrmHarness;
  let partner: Receiver;
  beforeAll(async () => {
    database = await createTestDatabase('webhook_instances');
    first = await startCrm('webhook_instances', { database, webhooks: { ...FAST, concurrency: 4 } });
    second = await startCrm('webhook_instances', { database, webhooks: { ...FAST, concurrency: 4 } });
    partner = await startReceiver();
  });
  afterAll(async () => {
    await second.stop();
    await first.stop();
    await partner.close();
    await database.drop();
  });

  it('send each delivery once between them, each in a single attempt', async () => {
    const endpoint = await register(first, partner.url, ['CLIENT_CREATED']);
    const names = Array.from({ length: 24 }, (_, index) => `Twice Watched ${index}`);
    const ids = await Promise.all(names.map((name, index) => createClient(index % 2 === 0 ? first : second, name)));
    await eventually(
      async () => {
        const page = (await deliveries(second, endpoint.id)).webhookDeliveries;
        return page.totalCount === ids.length && page.edges.every((edge) => edge.node.status === 'DELIVERED');
      },
      { what: 'every delivery DELIVERED', timeoutMs: 20_000 },
    );
    // A delivered row is never claimed again, so nothing more can arrive for these.
    const page = (await deliveries(first, endpoint.id)).webhookDeliveries;
    expect(page.edges.every((edge) => edge.node.attemptCount === 1)).toBe(true);
    expect(partner.received).toHaveLength(ids.length);
    expect(new Set(partner.received.map((request) => request.body.id)).size).toBe(ids.length);
    expect(new Set(partner.received.map((request) => request.body.data.id))).toEqual(new Set(ids));
  });
});

describe('the retry window', () => {
  it('gives a delivery up as FAILED once its next attempt would fall outside the window', async () => {
    const partner = await startReceiver(() => 503);
    const crm = await startCrm('webhook_window', { webhooks: { ...FAST, retryWindowMs: 500, disableAfterFailures: 1_000 } });
    try {
      const endpoint = await register(crm, partner.url, ['CLIENT_CREATED']);
      await createClient(crm, 'Given Up');
      await eventually(async () => (await deliveries(crm, endpoint.id)).webhookDeliveries.edges[0]?.node.status === 'FAILED', {
        what: 'the delivery FAILED',
      });
      const state = await deliveries(crm, endpoint.id);
      const delivery = state.webhookDeliveries.edges[0]?.node;
      const attempts = delivery?.attempts ?? [];
      const closes = Date.parse(delivery?.createdAt ?? '') + 500;
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect(attempts.at(-1)?.nextAttemptAt).toBeNull();
      for (const attempt of attempts.slice(0, -1)) expect(Date.parse(attempt.nextAttemptAt ?? '')).toBeLessThanOrEqual(closes);
      expect(Date.parse(attempts.at(-1)?.at ?? '') + Math.min(100 * 2 ** (attempts.length - 1), 400)).toBeGreaterThan(closes);
      expect(partner.received).toHaveLength(attempts.length);
      // Still enabled: giving one delivery up is not the endpoint failing for good.
      expect(state.webhookEndpoints.find((row) => row.id === endpoint.id)?.enabled).toBe(true);
    } finally {
      await crm.stop();
      await partner.close();
    }
  });
});
