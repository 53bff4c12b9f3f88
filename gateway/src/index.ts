import { createLogger, listen, runMain, stopOnSignals } from '@nusa/shared';
import { loadGatewayConfig } from './config.js';
import { createGatewayServer } from './server.js';

runMain(async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  const gateway = await createGatewayServer(config, logger);
  const port = await listen(gateway.server, config.port);
  logger.info(
    { port, supergraph: config.supergraphPath, subgraphs: gateway.subgraphUrls() },
    `gateway listening on http://localhost:${port}/graphql`,
  );
  stopOnSignals(logger, gateway.stop);
});
