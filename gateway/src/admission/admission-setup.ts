import type { Logger } from '@nusa/platform';
import type { SettledGatewayConfig } from '../config.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { Admission, type Budgets } from './admission.js';
import { createOpenSubscriptions, type OpenSubscriptions } from './open-subscriptions.js';
import { loadOperationManifest, type OperationManifest } from './operation-manifest.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';

/** The admission and what it counts with, shared by every transport. */
export interface AdmissionSetup {
  admission: Admission;
  budgets: Budgets;
  limiter: RateLimiter;
  openSubscriptions: OpenSubscriptions;
  manifest: OperationManifest;
  close: () => Promise<void>;
}

const perMinute = (name: string, limit: number) => ({ name, limit, windowSeconds: 60 });

/** The rate-limit budgets of the settings: per minute, and login failures per 15 minutes. */
export function budgetsOf(limits: SettledGatewayConfig['limits']): Budgets {
  return {
    global: perMinute('global', limits.globalPerMinute),
    api: perMinute('api', limits.apiPerMinute),
    strict: perMinute('strict', limits.strictPerMinute),
    subscribe: perMinute('subscribe', limits.subscribeAttemptsPerMinute),
    loginFailuresPerAccount: { name: 'login-failures-account', limit: limits.loginFailuresPerAccount, windowSeconds: 900 },
    loginFailuresPerCaller: { name: 'login-failures-caller', limit: limits.loginFailuresPerCaller, windowSeconds: 900 },
  };
}

/** The one admission of the gateway, its budgets counted across instances through Redis when it is configured. */
export function createAdmissionSetup(config: SettledGatewayConfig, logger: Logger, metrics: GatewayMetrics): AdmissionSetup {
  const budgets = budgetsOf(config.limits);
  const limiter = createRateLimiter(config.redisUrl, logger);
  const openSubscriptions = createOpenSubscriptions(config.redisUrl, logger);
  const manifest = loadOperationManifest(config.operationsManifestPath);
  const admission = new Admission({
    limiter,
    budgets,
    limits: config.limits,
    manifest,
    openSubscriptions,
    introspection: config.introspection,
    guards: config.guards,
    onLimited: (budget) => metrics.rateLimited.inc({ budget: budget.name }),
  });
  return {
    admission,
    budgets,
    limiter,
    openSubscriptions,
    manifest,
    close: async () => {
      await limiter.close();
      await openSubscriptions.close();
    },
  };
}
