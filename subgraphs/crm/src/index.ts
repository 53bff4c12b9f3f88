import 'reflect-metadata';
import { createLogger, listen, runMain, stopOnSignals } from '@nusa/platform';
import { createEventBus } from '@nusa/subgraph';
import { loadCrmConfig } from './config.js';
import { openDatabase } from './orm.js';
import { seedEmptyDatabase } from './seed/seed.js';
import { createCrmServer } from './server.js';

runMain(async () => {
  const config = loadCrmConfig();
  const logger = createLogger('crm', config.logLevel);
  const orm = await openDatabase(config.databaseUrl, logger);
  await seedEmptyDatabase(orm.em.fork(), { admin: config.initialAdmin, demoData: config.seedDemoData }, logger);
  const events = createEventBus(config.redisUrl, logger);
  const crm = await createCrmServer({ orm, logger, events, ...config });
  const port = await listen(crm.server, config.port);
  logger.info({ port }, `crm subgraph listening on http://localhost:${port}/graphql`);
  stopOnSignals(logger, async () => {
    await crm.stop();
    await events.close();
    await orm.close();
  });
});
