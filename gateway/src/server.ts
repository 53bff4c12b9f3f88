import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloGateway, type ServiceMap } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
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
} from '@nusa/platform';
import { register as libraryRegistry } from 'prom-client';
import { authenticate, authenticateAuthorization } from './authenticate.js';
import { CredentialVerifier } from './credentials/credential-verifier.js';
import { DEFAULT_LIMITS } from './config.js';
import { Breakers } from './circuit-breaker.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { clientIpOf, httpGuard } from './http-guard.js';
import { Admission, rateKey, type Budgets } from './admission/admission.js';
import { admissionPlugin } from './admission/admission-plugin.js';
import { createOpenSubscriptions } from './admission/open-subscriptions.js';
import { loadOperationManifest, PersistedQueryCache } from './admission/operation-manifest.js';
import { createRateLimiter } from './admission/rate-limiter.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { gatewayFormatError } from './format-error.js';
import { withInflightQuerySharing } from './inflight-queries.js';
import { stringifyResult, writeAnswersEncodedOnce } from './result-json.js';
import { subgraphStates } from './readiness.js';
import { createSubgraphFetcher, DOWNSTREAM_SERVICE_ERROR, SubgraphSource } from './subgraph-source.js';
import { SubscriptionHub } from './subscriptions/subscription-hub.js';
import { GatewayWebSockets } from './subscriptions/ws-endpoint.js';
import { HttpSubscriptions, withHttpSubscriptions } from './subscriptions/http-subscriptions.js';
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
  /** Subscriptions, whatever the transport: open upstreams, schema reloads. */
  subscriptions: SubscriptionHub;
  /** The graphql-ws endpoint on `/graphql`. */
  webSockets: GatewayWebSockets;
  stop: () => Promise<void>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Passes on, in `extensions.warnings`, what subgraphs warned about (a degraded search, say), and
 * gives each subgraph failure the request id its logs are found by.
 */
const responsePlugin: ApolloServerPlugin<GatewayContext> = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse: ({ contextValue, response }) => {
        if (response.body.kind !== 'single') return Promise.resolve();
        const result = response.body.singleResult;
        const warnings = [...new Set(contextValue.warnings ?? [])];
        if (warnings.length > 0) result.extensions = { ...result.extensions, warnings };
        for (const error of result.errors ?? []) {
          if (error.extensions?.code === DOWNSTREAM_SERVICE_ERROR)
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
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
  let subscriptionsOpen = () => ({ connections: 0, upstreams: 0, byKind: {} as Record<string, number> });
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
  const subscriptions = new SubscriptionHub({ internalSecret: config.internalSecret, logger, urlOf: (name) => urls[name] });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    const services: ServiceMap = Object.fromEntries(
      Object.entries(urls).map(([name, url]) => [name, new SubgraphSource(name, url, fetcher, observe(name))]),
    );
    subscriptions.useSchema(apiSchema, coreSupergraphSdl, services);
  });
  const limits = { ...DEFAULT_LIMITS, ...config.limits };
  const perMinute = (name: string, limit: number) => ({ name, limit, windowSeconds: 60 });
  const budgets: Budgets = {
    global: perMinute('global', limits.globalPerMinute),
    api: perMinute('api', limits.apiPerMinute),
    strict: perMinute('strict', limits.strictPerMinute),
    subscribe: perMinute('subscribe', limits.subscribeAttemptsPerMinute),
    loginFailuresPerAccount: { name: 'login-failures-account', limit: limits.loginFailuresPerAccount, windowSeconds: 900 },
    loginFailuresPerCaller: { name: 'login-failures-caller', limit: limits.loginFailuresPerCaller, windowSeconds: 900 },
  };
  const limiter = createRateLimiter(config.redisUrl, logger);
  const openSubscriptions = createOpenSubscriptions(config.redisUrl, logger);
  const guards = config.guards ?? true;
  const introspection = config.introspection ?? !config.production;
  const manifest = loadOperationManifest(config.operationsManifestPath ?? join(__dirname, '..', '..', 'schema', 'operations.json'));
  const admission = new Admission({
    limiter,
    budgets,
    limits,
    manifest,
    openSubscriptions,
    introspection,
    guards,
    onLimited: (budget) => gatewayMetrics.rateLimited.inc({ budget: budget.name }),
  });
  const formatError = gatewayFormatError(logger, { exposeSubgraphErrors: config.exposeSubgraphErrors ?? !config.production });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withInflightQuerySharing(gateway),
    // The admission's own rule refuses introspection where it is off, alike on every transport.
    introspection: true,
    // Without introspection, errors do not suggest field names either ("Did you mean ...").
    hideSchemaDetailsFromClientErrors: !introspection,
    allowBatchedHttpRequests: true,
    persistedQueries: { cache: new PersistedQueryCache(manifest) },
    validationRules: [...admission.validationRules],
    // stopOnSignals in index.ts stops the gateway; Apollo's handler would re-raise the signal mid-stop.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    stringifyResult,
    formatError,
    plugins: [ApolloServerPluginLandingPageDisabled(), responsePlugin, admissionPlugin(admission), ...(guards ? [metrics.plugin] : [])],
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
  const contextOf = async (req: IncomingMessage): Promise<GatewayContext> => {
    const caller = await callerOf(req);
    return {
      caller,
      requestId: req.headers[REQUEST_ID_HEADER] as string,
      identityFor: identities.of(caller),
      logger,
      warnings: [],
      clientIp: clientIpOf(req, config.trustProxy ?? false),
      apiPrecount: precounted.has(req) ? { pending: true } : undefined,
    };
  };
  // Server-Sent Events and multipart subscriptions on /graphql, after the guard, before Apollo Server.
  const httpSubscriptions = new HttpSubscriptions({
    apollo,
    hub: subscriptions,
    admission,
    contextOf,
    formatError,
    logger,
    maxBodyBytes: limits.maxBodyBytes,
    heartbeatMs: config.heartbeatMs,
  });

  // The web app on `/` and its routes, GraphiQL for browsers on GET /graphql (web/dist, see web-app.ts).
  const webApp = createWebApp();
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    logger,
    html: webApp.graphiql,
    fallback: webApp.app,
    maxBatch: limits.maxBatch,
    maxBodyBytes: limits.maxBodyBytes,
    guard: withHttpSubscriptions(
      httpGuard({
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
      httpSubscriptions,
    ),
    onRequest: (req, res) => {
      const requestId = requestIdOf(req);
      req.headers[REQUEST_ID_HEADER] = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
      writeAnswersEncodedOnce(res);
    },
    context: contextOf,
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

  const webSockets = new GatewayWebSockets({
    server,
    apollo,
    hub: subscriptions,
    admission,
    authenticate: (authorization) => authenticateAuthorization(authorization, config.jwtSecret, credentials),
    identities,
    clientIpOf: (req) => clientIpOf(req, config.trustProxy ?? false),
    formatError,
    logger,
    recheckMs: config.socketRecheckMs,
  });
  subscriptionsOpen = () => ({
    connections: webSockets.connections(),
    upstreams: subscriptions.upstreams(),
    byKind: openSubscriptions.openByKind(),
  });

  return {
    server,
    subgraphUrls: () => urls,
    subscriptions,
    webSockets,
    stop: async () => {
      await subscriptions.close();
      await webSockets.close();
      await closeServer(server);
      await apollo.stop();
      await closeFetcher();
      await credentials.close();
      await limiter.close();
      await openSubscriptions.close();
    },
  };
}
