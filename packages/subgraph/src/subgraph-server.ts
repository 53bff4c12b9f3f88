import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { ServiceContext, Logger } from '@nusa/platform';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEFAULT_IDEMPOTENCY_TTL_MS, startIdempotencySweep } from './idempotency.js';
import {
  formatErrorFor,
  closeServer,
  createGraphQLHttpServer,
  sendJson,
  type RouteHandler,
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  verifyIdentity,
  type Caller,
  readinessReport,
  type ReadinessCheck,
  clientError,
  ErrorCode,
  createServiceMetrics,
  type ServiceMetrics,
  checkIdempotencyKey,
  IDEMPOTENCY_KEY_HEADER,
} from '@nusa/platform';

/** Options of {@link createSubgraphServer}. */
export interface SubgraphServerOptions<TContext extends ServiceContext> {
  /** The subgraph's name, as in the supergraph (`crm`, `memory` ...). */
  name: string;
  schema: GraphQLSchema;
  /** The secret the gateway signs forwarded identities with. */
  internalSecret: string;
  logger: Logger;
  /** Builds the per-request context once the caller is known. */
  context: (base: ServiceContext, req: IncomingMessage) => Promise<TContext> | TContext;
  /** Dependencies `/ready` reports. Default: none, so `/ready` mirrors `/health`. */
  readiness?: ReadinessCheck;
  /** Extra plain HTTP routes by exact path (an internal API, say). Default: none. */
  routes?: Record<string, RouteHandler>;
  /** Extra Apollo plugins. Default: none. */
  plugins?: ApolloServerPlugin<TContext>[];
  /** The service's metrics, when it records series of its own. Default: a fresh set. */
  metrics?: ServiceMetrics;
  /**
   * The service's idempotent-request table is swept of keys older than `ttlMs` (default 24 hours)
   * until `stop`. Default: no sweep (a service without the table).
   */
  idempotency?: { orm: MikroORM; ttlMs?: number };
}

/** A subgraph's HTTP server, built but not listening, and the way to dispose it. */
export interface SubgraphServer {
  server: Server;
  stop: () => Promise<void>;
}

/**
 * Serves a subgraph schema over HTTP. Every GraphQL request must carry an identity signed by the
 * gateway: a missing or forged one is answered with 401 before anything executes, so calling a
 * subgraph directly gets nothing.
 */
export async function createSubgraphServer<TContext extends ServiceContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer> {
  const { logger } = options;
  const metrics = options.metrics ?? createServiceMetrics(options.name);
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: true,
    // The service's own stopOnSignals drains and disposes everything; Apollo's handler would re-raise
    // the signal and kill the process half-way (leaving children such as Chroma behind).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorFor(logger),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // Cache hints are not used (the gateway caches no response), and the plugin wraps every field's resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      metrics.plugin,
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();
  const stopSweep = options.idempotency
    ? startIdempotencySweep({ orm: options.idempotency.orm, ttlMs: options.idempotency.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS, logger })
    : () => undefined;

  const server = createGraphQLHttpServer<TContext>({
    apollo,
    logger,
    routes: {
      ...options.routes,
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: options.name }),
      '/metrics': async (_req, res) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await metrics.scrape());
      },
      '/ready': async (_req, res) => {
        const report = readinessReport(options.readiness ? await options.readiness() : {});
        sendJson(res, report.status, report.body);
      },
    },
    context: async (req) => {
      const header = req.headers[IDENTITY_HEADER];
      const caller: Caller | undefined = verifyIdentity(
        typeof header === 'string' ? header : undefined,
        options.internalSecret,
        options.name,
      );
      if (!caller) {
        throw clientError(ErrorCode.Unauthenticated, `Requests to the ${options.name} service must come through the gateway`, {
          http: { status: 401 },
        });
      }
      const requestIdHeader = req.headers[REQUEST_ID_HEADER];
      const requestId = typeof requestIdHeader === 'string' && requestIdHeader ? requestIdHeader : randomUUID();
      const idempotencyKey = checkIdempotencyKey(req.headers[IDEMPOTENCY_KEY_HEADER], 'Idempotency-Key');
      return options.context({ caller, requestId, ...(idempotencyKey ? { idempotencyKey } : {}) }, req);
    },
  });

  return {
    server,
    stop: async () => {
      stopSweep();
      await closeServer(server);
      await apollo.stop();
    },
  };
}
