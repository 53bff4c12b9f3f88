// First: the libraries loaded after it read @apollo/federation-internals' exports as plain data.
import './flat-federation-internals.js';
import cluster from 'node:cluster';
import { createLogger, listen, runMain, stopOnSignals } from '@nusa/platform';
import { loadGatewayConfig } from './config.js';
import { createGatewayServer } from './server.js';
import { isGatewayWorker, runWorkerPrimary } from './workers.js';

runMain(async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  const workers = config.workers ?? 1;
  if (workers > 1 && !isGatewayWorker()) {
    runWorkerPrimary(workers, logger, (port) =>
      logger.info({ port, workers, supergraph: config.supergraphPath }, `gateway listening on http://localhost:${port}/graphql`),
    );
    return;
  }
  const workerLogger = isGatewayWorker() ? logger.child({ worker: cluster.worker?.id }) : logger;
  const gateway = await createGatewayServer(config, workerLogger);
  const port = await listen(gateway.server, config.port);
  const where = { port, supergraph: config.supergraphPath, subgraphs: gateway.subgraphUrls() };
  if (isGatewayWorker()) workerLogger.debug(where, 'gateway worker listening');
  else logger.info(where, `gateway listening on http://localhost:${port}/graphql`);
  stopOnSignals(workerLogger, gateway.stop);
});
