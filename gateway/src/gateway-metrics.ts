import { Counter, Gauge, Histogram } from 'prom-client';
import type { ServiceMetrics } from '@nusa/platform';

/** The gateway's series on top of every service's: subgraph fetches, refusals by limit, open subscriptions. */
export interface GatewayMetrics {
  subgraphFetchSeconds: Histogram<'subgraph' | 'outcome'>;
  rateLimited: Counter<'budget'>;
  passedThrough: Counter<'subgraph'>;
}

export function createGatewayMetrics(
  metrics: ServiceMetrics,
  subscriptions: () => { connections: number; upstreams: number; byKind: Record<string, number> },
): GatewayMetrics {
  const registers = [metrics.registry];
  new Gauge({
    name: 'gateway_open_subscriptions',
    help: 'Open graphql-ws connections from clients, and shared upstream subscriptions to subgraphs',
    labelNames: ['side'] as const,
    registers,
    collect() {
      const open = subscriptions();
      this.set({ side: 'client_connections' }, open.connections);
      this.set({ side: 'upstream_subscriptions' }, open.upstreams);
    },
  });
  new Gauge({
    name: 'gateway_open_client_subscriptions',
    help: 'Subscriptions clients hold open through this instance, by caller kind (member, apiKey, anonymous, service)',
    labelNames: ['caller_kind'] as const,
    registers,
    collect() {
      for (const [kind, open] of Object.entries(subscriptions().byKind)) this.set({ caller_kind: kind }, open);
    },
  });
  return {
    subgraphFetchSeconds: new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Subgraph fetches by subgraph and outcome (ok, error, unavailable)',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    }),
    rateLimited: new Counter({
      name: 'gateway_rate_limited_total',
      help: 'Requests refused by a rate limit, by budget',
      labelNames: ['budget'] as const,
      registers,
    }),
    passedThrough: new Counter({
      name: 'gateway_passed_through_total',
      help: "Operations answered with their one subgraph fetch's bytes as they came (no reshaping), by subgraph",
      labelNames: ['subgraph'] as const,
      registers,
    }),
  };
}
