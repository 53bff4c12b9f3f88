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
  readinessReport,
  REQUEST_ID_HEADER,
  sendJson,
  signIdentity,
  type Logger,
} from '@nusa/shared';
import { authenticate } from './authenticate.js';
import { CredentialVerifier } from './credentials/credential-verifier.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { gatewayFormatError } from './format-error.js';
import { withInflightQuerySharing } from './inflight-queries.js';
import { subgraphStates } from './readiness.js';
import { createSubgraphFetcher, SubgraphSource } from './subgraph-source.js';
import { GatewaySubscriptions } from './subscriptions/endpoint.js';
import { subgraphsOf, supergraphFromFile } from './supergraph-file.js';
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
  const { fetcher, close: closeFetcher } = createSubgraphFetcher(config.subgraphTimeoutMs);
  let urls: Record<string, string> = {};
  const resolveUrls = (sdl: string) => {
    const declared = subgraphsOf(sdl);
    urls = Object.fromEntries(Object.entries(declared).map(([name, url]) => [name, config.subgraphUrls[name] ?? url]));
  };

  const credentials = new CredentialVerifier({
    ...config.credentials,
    internalSecret: config.internalSecret,
    crmUrl: () => urls.crm,
    logger,
  });

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, logger, resolveUrls),
    buildService: ({ name, url }) => new SubgraphSource(name, config.subgraphUrls[name] ?? url ?? '', fetcher),
    logger,
  });
  // Subscriptions plan against the same supergraph, with their own data sources over the same pool.
  const loaded: { latest?: { apiSchema: GraphQLSchema; supergraphSdl: string; services: ServiceMap } } = {};
  let subscriptions: GatewaySubscriptions | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    const services: ServiceMap = Object.fromEntries(
      Object.entries(urls).map(([name, url]) => [name, new SubgraphSource(name, url, fetcher)]),
    );
    loaded.latest = { apiSchema, supergraphSdl: coreSupergraphSdl, services };
    subscriptions?.useSchema(apiSchema, coreSupergraphSdl, services);
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withInflightQuerySharing(gateway),
    introspection: true,
    // stopOnSignals in index.ts stops the gateway; Apollo's handler would re-raise the signal mid-stop.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: gatewayFormatError(logger),
    plugins: [ApolloServerPluginLandingPageDisabled(), metrics.plugin, warningsPlugin],
  });
  await apollo.start();

  // The web app on `/` and its routes, GraphiQL for browsers on GET /graphql (web/dist, see web-app.ts).
  const webApp = createWebApp();
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    logger,
    html: webApp.graphiql,
    fallback: webApp.app,
    onRequest: (req, res) => {
      const requestId = requestIdOf(req);
      req.headers[REQUEST_ID_HEADER] = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
    },
    context: async (req) => {
      const caller = await authenticate(req, config.jwtSecret, credentials);
      const requestId = req.headers[REQUEST_ID_HEADER] as string;
      return Promise.resolve({ caller, requestId, identity: signIdentity(caller, config.internalSecret), logger, warnings: [] });
    },
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
      '/ready': async (_req, res) => {
        const report = readinessReport(await subgraphStates(urls));
        sendJson(res, report.status, report.body);
      },
      '/metrics': async (_req, res) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await metrics.registry.metrics());
      },
    },
  });

  subscriptions = new GatewaySubscriptions({
    server,
    apollo,
    jwtSecret: config.jwtSecret,
    credentials,
    internalSecret: config.internalSecret,
    logger,
    urlOf: (name) => urls[name],
  });
  if (loaded.latest) subscriptions.useSchema(loaded.latest.apiSchema, loaded.latest.supergraphSdl, loaded.latest.services);

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
    },
  };
}
