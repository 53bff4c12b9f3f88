import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
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
  type RouteHandler,
} from '@nusa/platform';
import { register as libraryRegistry } from 'prom-client';
import { authenticate, authenticateAuthorization } from './authenticate.js';
import { CredentialVerifier } from './credentials/credential-verifier.js';
import { settleGatewayConfig, type GatewayConfig, type SettledGatewayConfig } from './config.js';
import { createGatewayMetrics, type GatewayMetrics } from './gateway-metrics.js';
import { clientIpOf, httpGuard } from './http-guard.js';
import { rateKey } from './admission/admission.js';
import { admissionPlugin } from './admission/admission-plugin.js';
import { createAdmissionSetup, type AdmissionSetup } from './admission/admission-setup.js';
import { PersistedQueryCache } from './admission/operation-manifest.js';
import type { GatewayContext } from './context.js';
import { createFederation, type Federation } from './federation.js';
import { gatewayFormatError } from './format-error.js';
import { idempotencyKeyPlugin } from './idempotency-key.js';
import { withInflightQuerySharing } from './inflight-queries.js';
import { stringifyResult, writeAnswersEncodedOnce } from './result-json.js';
import { subgraphStates } from './readiness.js';
import { DOWNSTREAM_SERVICE_ERROR } from './subgraph-source.js';
import type { SubscriptionHub } from './subscriptions/subscription-hub.js';
import { GatewayWebSockets } from './subscriptions/ws-endpoint.js';
import { HttpSubscriptions, withHttpSubscriptions } from './subscriptions/http-subscriptions.js';
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

/** Apollo Server over the federation, with the admission's rules and plugins; started. */
async function startApollo(
  config: SettledGatewayConfig,
  federation: Federation,
  setup: AdmissionSetup,
  formatError: ReturnType<typeof gatewayFormatError>,
  metricsPlugin: ApolloServerPlugin<GatewayContext>,
): Promise<ApolloServer<GatewayContext>> {
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withInflightQuerySharing(federation.gateway),
    // The admission's own rule refuses introspection where it is off, alike on every transport.
    introspection: true,
    // Without introspection, errors do not suggest field names either ("Did you mean ...").
    hideSchemaDetailsFromClientErrors: !config.introspection,
    allowBatchedHttpRequests: true,
    persistedQueries: { cache: new PersistedQueryCache(setup.manifest) },
    validationRules: [...setup.admission.validationRules],
    // stopOnSignals in index.ts stops the gateway; Apollo's handler would re-raise the signal mid-stop.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    stringifyResult,
    formatError,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      responsePlugin,
      admissionPlugin(setup.admission),
      idempotencyKeyPlugin,
      ...(config.guards ? [metricsPlugin] : []),
    ],
  });
  await apollo.start();
  return apollo;
}

/** Who asks, once per request (the rate limits before routing and the context alike), and the context of each request. */
function requestContexts(config: SettledGatewayConfig, credentials: CredentialVerifier, identities: SignedIdentities, logger: Logger) {
  const authenticated = new WeakMap<IncomingMessage, Promise<Caller>>();
  const callerOf = (req: IncomingMessage): Promise<Caller> => {
    let caller = authenticated.get(req);
    if (!caller) {
      caller = authenticate(req, config.jwtSecret, credentials);
      authenticated.set(req, caller);
    }
    return caller;
  };
  /** Requests whose API budget the guard counted before routing (the admission settles it). */
  const precounted = new WeakSet<IncomingMessage>();
  const contextOf = async (req: IncomingMessage): Promise<GatewayContext> => {
    const caller = await callerOf(req);
    return {
      caller,
      requestId: req.headers[REQUEST_ID_HEADER] as string,
      identityFor: identities.of(caller),
      logger,
      warnings: [],
      clientIp: clientIpOf(req, config.trustProxy),
      apiPrecount: precounted.has(req) ? { pending: true } : undefined,
    };
  };
  return { callerOf, contextOf, precounted };
}

/**
 * What every HTTP request passes before routing: CORS and security headers, the global budget per
 * address, and the API budget of its caller counted early (settled by the admission).
 */
function requestGuard(
  config: SettledGatewayConfig,
  { limiter, budgets }: AdmissionSetup,
  metrics: GatewayMetrics,
  { callerOf, precounted }: ReturnType<typeof requestContexts>,
) {
  return httpGuard({
    production: config.production,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    limiter,
    global: config.guards ? budgets.global : undefined,
    precount: async (req, path, clientIp) => {
      if (req.method !== 'POST' || path !== '/graphql') return undefined;
      // A credential that fails here fails again, with its own error, when the request is answered.
      const caller = await callerOf(req).catch(() => undefined);
      if (!caller) return undefined;
      precounted.add(req);
      return { budget: budgets.api, key: rateKey(caller, clientIp) };
    },
    onLimited: (budget) => metrics.rateLimited.inc({ budget: budget.name }),
  });
}

/** `/health`, `/ready` (each subgraph, and Redis when configured) and `/metrics`. */
function operationalRoutes(
  config: SettledGatewayConfig,
  federation: Federation,
  setup: AdmissionSetup,
  metrics: ReturnType<typeof createServiceMetrics>,
): Record<string, RouteHandler> {
  const scrapeMetrics = metricsScrape(metrics.scrape, [metrics.registry, libraryRegistry]);
  return {
    '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
    '/ready': async (_req, res) => {
      const [subgraphs, redis] = await Promise.all([
        subgraphStates(federation.urls()),
        // Rate limits fall back to per-instance counts and revocations to the crm without it.
        config.redisUrl ? probeOptional(() => setup.limiter.ping()) : undefined,
      ]);
      const report = readinessReport({ ...subgraphs, ...(redis ? { redis } : {}) });
      sendJson(res, report.status, report.body);
    },
    '/metrics': async (_req, res) => {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await scrapeMetrics());
    },
  };
}

/**
 * The federation gateway: `@apollo/gateway` over the supergraph file (reloaded when it changes),
 * callers authenticated here and forwarded to subgraphs as a signed identity, every operation
 * admitted by one `Admission` whatever its transport (HTTP, graphql-ws, SSE, multipart).
 */
export async function createGatewayServer(gatewayConfig: GatewayConfig, logger: Logger): Promise<GatewayServer> {
  const config = settleGatewayConfig(gatewayConfig);
  const metrics = createServiceMetrics('gateway');
  let subscriptionsOpen = () => ({ connections: 0, upstreams: 0, byKind: {} as Record<string, number> });
  const gatewayMetrics = createGatewayMetrics(metrics, () => subscriptionsOpen());
  const federation = createFederation(config, logger, gatewayMetrics);
  const credentials = new CredentialVerifier({
    ...config.credentials,
    internalSecret: config.internalSecret,
    redisUrl: config.redisUrl,
    crmUrl: () => federation.urls().crm,
    logger,
  });
  const identities = new SignedIdentities(config.internalSecret);
  const setup = createAdmissionSetup(config, logger, gatewayMetrics);
  const { admission } = setup;
  const formatError = gatewayFormatError(logger, { exposeSubgraphErrors: config.exposeSubgraphErrors });
  const apollo = await startApollo(config, federation, setup, formatError, metrics.plugin);
  const requestContext = requestContexts(config, credentials, identities, logger);
  const { contextOf } = requestContext;

  // Server-Sent Events and multipart subscriptions on /graphql, after the guard, before Apollo Server.
  const httpSubscriptions = new HttpSubscriptions({
    apollo,
    hub: federation.subscriptions,
    admission,
    contextOf,
    formatError,
    logger,
    maxBodyBytes: config.limits.maxBodyBytes,
    heartbeatMs: config.heartbeatMs,
  });
  const guard = requestGuard(config, setup, gatewayMetrics, requestContext);

  // The web app on `/` and its routes, GraphiQL for browsers on GET /graphql (web/dist, see web-app.ts).
  const webApp = createWebApp();
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    logger,
    html: webApp.graphiql,
    fallback: webApp.app,
    maxBatch: config.limits.maxBatch,
    maxBodyBytes: config.limits.maxBodyBytes,
    guard: withHttpSubscriptions(guard, httpSubscriptions),
    onRequest: (req, res) => {
      const requestId = requestIdOf(req);
      req.headers[REQUEST_ID_HEADER] = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
      writeAnswersEncodedOnce(res);
    },
    context: contextOf,
    routes: operationalRoutes(config, federation, setup, metrics),
  });

  const webSockets = new GatewayWebSockets({
    server,
    apollo,
    hub: federation.subscriptions,
    admission,
    authenticate: (authorization) => authenticateAuthorization(authorization, config.jwtSecret, credentials),
    identities,
    clientIpOf: (req) => clientIpOf(req, config.trustProxy),
    formatError,
    logger,
    recheckMs: config.socketRecheckMs,
  });
  subscriptionsOpen = () => ({
    connections: webSockets.connections(),
    upstreams: federation.subscriptions.upstreams(),
    byKind: setup.openSubscriptions.openByKind(),
  });

  return {
    server,
    subgraphUrls: federation.urls,
    subscriptions: federation.subscriptions,
    webSockets,
    stop: async () => {
      await federation.subscriptions.close();
      await webSockets.close();
      await closeServer(server);
      await apollo.stop();
      await federation.close();
      await credentials.close();
      await setup.close();
    },
  };
}
