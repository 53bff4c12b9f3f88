import 'reflect-metadata';
import { createCache, createLogger, listen, runMain, stopOnSignals } from '@nusa/shared';
import { loadMemoryConfig } from './config.js';
import { openDatabase } from './orm.js';
import { createMemoryServer } from './server.js';

runMain(async () => {
  const config = loadMemoryConfig();
  const logger = createLogger('memory', config.logLevel);
  const orm = await openDatabase(config.databaseUrl, logger);
  const cache = createCache(config.redisUrl, logger);
  const memory = await createMemoryServer({
    orm,
    cache,
    logger,
    internalSecret: config.internalSecret,
    crmUrl: config.crmUrl,
    reportCache: Boolean(config.redisUrl),
  });
  const port = await listen(memory.server, config.port);
  logger.info({ port, cache: config.redisUrl ? 'redis' : 'in-process' }, `memory subgraph listening on http://localhost:${port}/graphql`);
  stopOnSignals(logger, async () => {
    await memory.stop();
    await cache.close();
    await orm.close();
  });
});
