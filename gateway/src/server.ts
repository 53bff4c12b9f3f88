import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloGateway, type ServiceMap } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  closeServer,
  createGraphQLHttpServer,
  createServiceMetrics,
  probeOptional,
  readinessReport,
  REQUEST_ID_HEADER,
  sendJson,
  type Caller,
  type Logger,
} from '@nusa/shared';
import { register as libraryRegistry } from 'prom-client';
import { authenticate } from './authenticate.js';
import { CredentialVerifier } from './credentials/credential-verifier.js';
import { DEFAULT_LIMITS } from './config.js';
import { Breakers } from './circuit-breaker.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { clientIpOf, httpGuard } from './http-guard.js';
import { guardPlugin, rateKey, type Budgets } from './limits/guard-plugin.js';
import { aliasRule, depthRule } from './limits/query-limits.js';
import { loadOperationManifest, PersistedQueryCache } from './limits/operation-manifest.js';
import { createRateLimiter } from './limits/rate-limiter.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { gatewayFormatError } from './format-error.js';
import { withInflightQuerySharing } from './inflight-queries.js';
import { stringifyResult, writeAnswersEncodedOnce } from './result-json.js';
import { subgraphStates } from './readiness.js';
import { createSubgraphFetcher, SubgraphSource } from './subgraph-source.js';
import { GatewaySubscriptions } from './subscriptions/endpoint.js';
import { subgraphsOf, supergraphFromFile } from './supergraph-file.js';
import { SignedIdentities } from './signed-identities.js';
import { metricsScrape } from './workers.js';
import { createWebApp } from './web-app.js';

export { loadGatewayConfig } from './config.js';

/** The running gateway's parts, built but not listening. */
export interface GatewayServer {
  server: Server;
  /** The subgraph URLs currently served, after overrides. */
  subgraphUrls: () => Record<string, string>;
  /** Subscriptions over graphql-ws on `/graphql`. */
  subscriptions: GatewaySubscriptions;
  stop: () => Promise<void>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Passes on, in `extensions.warnings`, what subgraphs warned about (a degraded search, say). */
const warningsPlugin: ApolloServerPlugin<GatewayContext> = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse: ({ contextValue, response }) => {
        const warnings = [...new Set(contextValue.warnings ?? [])];
        if (warnings.length > 0 && response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, warnings };
        }
        return Promise.resolve();
      },
    }),
};

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The federation gateway: `@apollo/gateway` over the supergraph file (reloaded when it changes),
 * callers authenticated here and forwarded to subgraphs as a signed identity.
 */
export async function createGatewayServer(config: GatewayConfig, logger: Logger): Promise<GatewayServer> {
  const metrics = createServiceMetrics('gateway');
  const identities = new SignedIdentities(config.internalSecret);
  const scrapeMetrics = metricsScrape(metrics.scrape, [metrics.registry, libraryRegistry]);
  let subscriptionsOpen = () => ({ connections: 0, upstreams: 0 });
  const gatewayMetrics = createGatewayMetrics(metrics, () => subscriptionsOpen());
  const breakers = new Breakers();
  const observe = (name: string) => ({ breaker: breakers.of(name), fetchSeconds: gatewayMetrics.subgraphFetchSeconds });
  const { fetcher, close: closeFetcher } = createSubgraphFetcher(config.subgraphTimeoutMs);
  let urls: Record<string, string> = {};
  const resolveUrls = (sdl: string) => {
    const declared = subgraphsOf(sdl);
    urls = Object.fromEntries(Object.entries(declared).map(([name, url]) => [name, config.subgraphUrls[name] ?? url]));
  };

  const credentials = new CredentialVerifier({
    ...config.credentials,
    internalSecret: config.internalSecret,
    redisUrl: config.redisUrl,
    crmUrl: () => urls.crm,
    logger,
  });

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, logger, resolveUrls),
    buildService: ({ name, url }) => new SubgraphSource(name, config.subgraphUrls[name] ?? url ?? '', fetcher, observe(name)),
    logger,
  });
  // Subscriptions plan against the same supergraph, with their own data sources over the same pool.
  const loaded: { latest?: { apiSchema: GraphQLSchema; supergraphSdl: string; services: ServiceMap } } = {};
  let subscriptions: GatewaySubscriptions | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    const services: ServiceMap = Object.fromEntries(
      Object.entries(urls).map(([name, url]) => [name, new SubgraphSource(name, url, fetcher, observe(name))]),
    );
    loaded.latest = { apiSchema, supergraphSdl: coreSupergraphSdl, services };
    subscriptions?.useSchema(apiSchema, coreSupergraphSdl, services);
  });
  const limits = { ...DEFAULT_LIMITS, ...config.limits };
  const perMinute = (name: string, limit: number) => ({ name, limit, windowSeconds: 60 });
  const budgets: Budgets = {
    global: perMinute('global', limits.globalPerMinute),
    api: perMinute('api', limits.apiPerMinute),
    strict: perMinute('strict', limits.strictPerMinute),
    loginFailuresPerAccount: { name: 'login-failures-account', limit: limits.loginFailuresPerAccount, windowSeconds: 900 },
    loginFailuresPerCaller: { name: 'login-failures-caller', limit: limits.loginFailuresPerCaller, windowSeconds: 900 },
  };
  const limiter = createRateLimiter(config.redisUrl, logger);
  const guards = config.guards ?? true;
  const validationRules = guards ? [depthRule(limits.maxDepth), aliasRule(limits.maxAliases)] : [];
  const introspection = config.introspection ?? !config.production;
  const manifest = loadOperationManifest(config.operationsManifestPath ?? join(__dirname, '..', '..', 'schema', 'operations.json'));
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withInflightQuerySharing(gateway),
    introspection,
    // Without introspection, errors do not suggest field names either ("Did you mean ...").
    hideSchemaDetailsFromClientErrors: !introspection,
    allowBatchedHttpRequests: true,
    persistedQueries: { cache: new PersistedQueryCache(manifest) },
    validationRules,
    // stopOnSignals in index.ts stops the gateway; Apollo's handler would re-raise the signal mid-stop.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    stringifyResult,
    formatError: gatewayFormatError(logger),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      warningsPlugin,
      ...(guards
        ? [
            metrics.plugin,
            guardPlugin({
              limiter,
              budgets,
              limits,
              manifest,
              onLimited: (budget) => gatewayMetrics.rateLimited.inc({ budget: budget.name }),
            }),
          ]
        : []),
    ],
  });
  await apollo.start();

  // Each request is authenticated once, whether the rate limits (before routing) or the context asks first.
  const authenticated = new WeakMap<IncomingMessage, Promise<Caller>>();
  const callerOf = (req: IncomingMessage): Promise<Caller> => {
    let caller = authenticated.get(req);
    if (!caller) {
      caller = authenticate(req, config.jwtSecret, credentials);
      authenticated.set(req, caller);
    }
    return caller;
  };
  const precounted = new WeakSet<IncomingMessage>();

  // The web app on `/` and its routes, GraphiQL for browsers on GET /graphql (web/dist, see web-app.ts).
  const webApp = createWebApp();
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    logger,
    html: webApp.graphiql,
    fallback: webApp.app,
    maxBatch: limits.maxBatch,
    maxBodyBytes: limits.maxBodyBytes,
    guard: httpGuard({
      production: config.production,
      corsOrigins: config.corsOrigins ?? [],
      trustProxy: config.trustProxy ?? false,
      limiter,
      global: guards ? budgets.global : undefined,
      precount: async (req, path, clientIp) => {
        if (req.method !== 'POST' || path !== '/graphql') return undefined;
        // A credential that fails here fails again, with its own error, when the request is answered.
        const caller = await callerOf(req).catch(() => undefined);
        if (!caller) return undefined;
        precounted.add(req);
        return { budget: budgets.api, key: rateKey(caller, clientIp) };
      },
      onLimited: (budget) => gatewayMetrics.rateLimited.inc({ budget: budget.name }),
    }),
    onRequest: (req, res) => {
      const requestId = requestIdOf(req);
      req.headers[REQUEST_ID_HEADER] = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
      writeAnswersEncodedOnce(res);
    },
    context: async (req) => {
      const caller = await callerOf(req);
      const requestId = req.headers[REQUEST_ID_HEADER] as string;
      return Promise.resolve({
        caller,
        requestId,
        identityFor: identities.of(caller),
        logger,
        warnings: [],
        clientIp: clientIpOf(req, config.trustProxy ?? false),
        apiPrecount: precounted.has(req) ? { pending: true } : undefined,
      });
    },
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
      '/ready': async (_req, res) => {
        const [subgraphs, redis] = await Promise.all([
          subgraphStates(urls),
          // Rate limits fall back to per-instance counts and revocations to the crm without it.
          config.redisUrl ? probeOptional(() => limiter.ping()) : undefined,
        ]);
        const report = readinessReport({ ...subgraphs, ...(redis ? { redis } : {}) });
        sendJson(res, report.status, report.body);
      },
      '/metrics': async (_req, res) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await scrapeMetrics());
      },
    },
  });

  subscriptions = new GatewaySubscriptions({
    server,
    apollo,
    jwtSecret: config.jwtSecret,
    credentials,
    internalSecret: config.internalSecret,
    identities,
    logger,
    urlOf: (name) => urls[name],
    validationRules,
    recheckMs: config.socketRecheckMs,
  });
  if (loaded.latest) subscriptions.useSchema(loaded.latest.apiSchema, loaded.latest.supergraphSdl, loaded.latest.services);
  const open = subscriptions;
  subscriptionsOpen = () => ({ connections: open.connections(), upstreams: open.upstreams() });

  return {
    server,
    subgraphUrls: () => urls,
    subscriptions,
    stop: async () => {
      await subscriptions.close();
      await closeServer(server);
      await apollo.stop();
      await closeFetcher();
      await credentials.close();
      await limiter.close();
    },
  };
}
