import { ConfigError } from '@nusa/platform';
import { loadCrmConfig } from '../config';
import { DEFAULT_WEBHOOK_SETTINGS, retryDelayMs } from './webhook.dispatcher';

const BASE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/crm' };

describe('webhook settings', () => {
  it('default to 30 s doubling to an hour, for 25 hours, disabling after 50 failures', () => {
    expect(loadCrmConfig(BASE).webhooks).toEqual(DEFAULT_WEBHOOK_SETTINGS);
    expect(DEFAULT_WEBHOOK_SETTINGS).toMatchObject({
      retryInitialMs: 30_000,
      retryMaxMs: 3_600_000,
      retryWindowMs: 90_000_000,
      disableAfterFailures: 50,
    });
    const delays = [1, 2, 3, 7, 8, 30].map((attempt) => retryDelayMs(DEFAULT_WEBHOOK_SETTINGS, attempt));
    expect(delays).toEqual([30_000, 60_000, 120_000, 1_920_000, 3_600_000, 3_600_000]);
  });

  it('read every WEBHOOK_* variable', () => {
    const webhooks = loadCrmConfig({
      ...BASE,
      WEBHOOK_DELIVERY: 'false',
      WEBHOOK_POLL_INTERVAL_MS: '250',
      WEBHOOK_TIMEOUT_MS: '3000',
      WEBHOOK_RETRY_INITIAL_SECONDS: '5',
      WEBHOOK_RETRY_MAX_SECONDS: '600',
      WEBHOOK_RETRY_HOURS: '0.5',
      WEBHOOK_DISABLE_AFTER_FAILURES: '10',
      WEBHOOK_CONCURRENCY: '2',
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    }).webhooks;
    expect(webhooks).toEqual({
      deliver: false,
      pollIntervalMs: 250,
      timeoutMs: 3000,
      retryInitialMs: 5000,
      retryMaxMs: 600_000,
      retryWindowMs: 1_800_000,
      disableAfterFailures: 10,
      concurrency: 2,
      allowPrivateAddresses: true,
    });
  });

  it.each([
    [{ WEBHOOK_TIMEOUT_MS: 'soon' }, 'WEBHOOK_TIMEOUT_MS'],
    [{ WEBHOOK_CONCURRENCY: '0' }, 'WEBHOOK_CONCURRENCY'],
    [{ WEBHOOK_DELIVERY: 'maybe' }, 'WEBHOOK_DELIVERY'],
    [{ WEBHOOK_RETRY_INITIAL_SECONDS: '60', WEBHOOK_RETRY_MAX_SECONDS: '30' }, 'WEBHOOK_RETRY_MAX_SECONDS'],
  ])('stop start-up on %j with one line naming the variable', (env, name) => {
    expect(() => loadCrmConfig({ ...BASE, ...env })).toThrow(ConfigError);
    expect(() => loadCrmConfig({ ...BASE, ...env })).toThrow(name);
  });
});
