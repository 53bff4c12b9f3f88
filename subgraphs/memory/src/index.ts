import 'reflect-metadata';
import { createLogger, listen, runMain, stopOnSignals } from '@nusa/platform';
import { createCache, createEventBus } from '@nusa/subgraph';
import { loadMemoryConfig } from './config.js';
import { ClaudeFactExtractor, ruleExtractor } from './fact/fact.extractor.js';
import { openDatabase } from './orm.js';
import { createMemoryServer } from './server.js';

runMain(async () => {
  const config = loadMemoryConfig();
  const logger = createLogger('memory', config.logLevel);
  const orm = await openDatabase(config.databaseUrl, logger);
  const cache = createCache(config.redisUrl, logger);
  const events = createEventBus(config.redisUrl, logger);
  const extractor = config.anthropic ? new ClaudeFactExtractor(config.anthropic, logger) : ruleExtractor;
  const memory = await createMemoryServer({
    orm,
    cache,
    logger,
    extractor,
    events,
    internalSecret: config.internalSecret,
    crmUrl: config.crmUrl,
    reportCache: Boolean(config.redisUrl),
    idempotencyTtlMs: config.idempotencyTtlMs,
  });
  const port = await listen(memory.server, config.port);
  logger.info(
    { port, cache: config.redisUrl ? 'redis' : 'in-process', facts: config.anthropic ? 'claude' : 'rules' },
    `memory subgraph listening on http://localhost:${port}/graphql`,
  );
  stopOnSignals(logger, async () => {
    await memory.stop();
    await cache.close();
    await events.close();
    await orm.close();
  });
});
