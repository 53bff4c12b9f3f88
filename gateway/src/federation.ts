import { ApolloGateway, type ServiceMap } from '@apollo/gateway';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { Logger } from '@nusa/platform';
import { Breakers } from './circuit-breaker.js';
import type { SettledGatewayConfig } from './config.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { withExecutor } from './inflight-queries.js';
import { passingThroughSingleFetches, SingleFetchRoutes } from './pass-through.js';
import { createSubgraphFetcher, SubgraphSource } from './subgraph-source.js';
import { SubscriptionHub } from './subscriptions/subscription-hub.js';
import { subgraphsOf, supergraphFromFile } from './supergraph-file.js';

/** The upstream side of the gateway: the subgraphs of the supergraph file, for queries and for subscriptions. */
export interface Federation {
  /** @apollo/gateway, answering operations planned as one plain fetch with the subgraph's own bytes (unless `passThrough` is off). */
  gateway: GatewayInterface;
  /** Subscriptions plan against the same supergraph, with their own data sources over the same pool. */
  subscriptions: SubscriptionHub;
  /** The subgraph URLs currently served (the supergraph's, with the configured overrides). */
  urls: () => Record<string, string>;
  close: () => Promise<void>;
}

/**
 * `@apollo/gateway` over the supergraph file (reloaded when it changes), every subgraph fetched
 * through one connection pool behind its own circuit breaker, single-fetch answers passed through
 * (see pass-through.ts), and the subscription hub kept on the same schema.
 */
export function createFederation(config: SettledGatewayConfig, logger: Logger, metrics: GatewayMetrics): Federation {
  const breakers = new Breakers();
  const { fetcher, close } = createSubgraphFetcher(config.subgraphTimeoutMs);
  const source = (name: string, url: string) =>
    new SubgraphSource(name, url, fetcher, { breaker: breakers.of(name), fetchSeconds: metrics.subgraphFetchSeconds });
  let urls: Record<string, string> = {};
  /** The data sources @apollo/gateway fetches with, by subgraph: a pass-through fetch goes through the same one. */
  const sources = new Map<string, SubgraphSource>();
  const routes = new SingleFetchRoutes();
  const resolveUrls = (sdl: string) => {
    urls = Object.fromEntries(Object.entries(subgraphsOf(sdl)).map(([name, url]) => [name, config.subgraphUrls[name] ?? url]));
  };
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, logger, resolveUrls),
    buildService: ({ name, url }) => {
      const built = source(name, config.subgraphUrls[name] ?? url ?? '');
      sources.set(name, built);
      return built;
    },
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => routes.learn(requestContext, queryPlan),
    logger,
  });
  const subscriptions = new SubscriptionHub({ internalSecret: config.internalSecret, logger, urlOf: (name) => urls[name] });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    routes.useSchema(apiSchema, coreSupergraphSdl);
    const services: ServiceMap = Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, source(name, url)]));
    subscriptions.useSchema(apiSchema, coreSupergraphSdl, services);
  });
  const passingThrough = config.passThrough
    ? withExecutor(gateway, (executor) =>
        passingThroughSingleFetches(
          executor,
          routes,
          (name) => sources.get(name),
          (name) => metrics.passedThrough.inc({ subgraph: name }),
        ),
      )
    : gateway;
  return { gateway: passingThrough, subscriptions, urls: () => urls, close };
}
