import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
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
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { gatewayFormatError } from './format-error.js';
import { subgraphStates } from './readiness.js';
import { createSubgraphFetcher, SubgraphSource } from './subgraph-source.js';
import { subgraphsOf, supergraphFromFile } from './supergraph-file.js';

export { loadGatewayConfig } from './config.js';

/** The running gateway's parts, built but not listening. */
export interface GatewayServer {
  server: Server;
  /** The subgraph URLs currently served, after overrides. */
  subgraphUrls: () => Record<string, string>;
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

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, logger, resolveUrls),
    buildService: ({ name, url }) => new SubgraphSource(name, config.subgraphUrls[name] ?? url ?? '', fetcher),
    logger,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    // stopOnSignals in index.ts stops the gateway; Apollo's handler would re-raise the signal mid-stop.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: gatewayFormatError(logger),
    plugins: [ApolloServerPluginLandingPageDisabled(), metrics.plugin, warningsPlugin],
  });
  await apollo.start();

  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    logger,
    onRequest: (req, res) => {
      const requestId = requestIdOf(req);
      req.headers[REQUEST_ID_HEADER] = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
    },
    context: (req) => {
      const caller = authenticate(req, config.jwtSecret);
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

  return {
    server,
    subgraphUrls: () => urls,
    stop: async () => {
      await closeServer(server);
      await apollo.stop();
      await closeFetcher();
    },
  };
}
