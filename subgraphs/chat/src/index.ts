import 'reflect-metadata';
import { createLogger, listen, runMain, stopOnSignals } from '@nusa/platform';
import { loadChatConfig } from './config.js';
import { createChatServer } from './server.js';
import { createTokenLog } from './stream/token-log.js';

runMain(async () => {
  const config = loadChatConfig();
  const logger = createLogger('chat', config.logLevel);
  const log = createTokenLog({ redisUrl: config.redisUrl, retentionSeconds: config.streamRetentionSeconds, logger });
  const chat = await createChatServer({
    log,
    logger,
    internalSecret: config.internalSecret,
    urls: { crm: config.crmUrl, memory: config.memoryUrl, knowledge: config.knowledgeUrl },
    anthropic: config.anthropic,
    offlineTokenDelayMs: config.offlineTokenDelayMs,
    streamRetentionSeconds: config.streamRetentionSeconds,
    leaseMs: config.generationLeaseMs,
    sweepIntervalMs: Math.min(15_000, config.generationLeaseMs),
  });
  const port = await listen(chat.server, config.port);
  logger.info(
    {
      port,
      stream: config.redisUrl ? 'redis' : 'in-process',
      answers: config.anthropic ? `claude (${config.anthropic.model})` : 'offline',
    },
    `chat subgraph listening on http://localhost:${port}/graphql`,
  );
  stopOnSignals(logger, async () => {
    await chat.stop(20_000);
    await log.close();
  });
});
