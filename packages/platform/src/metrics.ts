import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Histogram, register as libraryRegistry, Registry } from 'prom-client';

/** Cache lookups by cache and result (`hit`, `miss`), recorded by the shared caches of any service. */
export const cacheLookups = new Counter({
  name: 'cache_lookups_total',
  help: 'Cache lookups by cache and result',
  labelNames: ['cache', 'result'] as const,
  registers: [libraryRegistry],
});

/** A service's Prometheus registry and the series every service records. */
export interface ServiceMetrics {
  registry: Registry;
  /** The service's series and the shared library's (caches), in Prometheus text format. */
  scrape: () => Promise<string>;
  operations: Counter<'operation' | 'outcome'>;
  operationSeconds: Histogram<'operation'>;
  /** An Apollo plugin recording every operation by name and outcome (`ok`, `error`). */
  plugin: ApolloServerPlugin<BaseContext>;
}

export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by operation name and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const operationSeconds = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation latency',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const plugin: ApolloServerPlugin<BaseContext> = {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ operationName, errors }) {
          const operation = operationName ?? 'anonymous';
          operations.inc({ operation, outcome: errors?.length ? 'error' : 'ok' });
          operationSeconds.observe({ operation }, (performance.now() - started) / 1000);
          return Promise.resolve();
        },
      });
    },
  };
  const scrape = async () => `${await registry.metrics()}\n${await libraryRegistry.metrics()}`;
  return { registry, scrape, operations, operationSeconds, plugin };
}
