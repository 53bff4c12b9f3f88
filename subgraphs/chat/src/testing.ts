import { createLogger, listen } from '@nusa/platform';
import { TEST_SECRETS, testRedisUrl } from '@nusa/platform/testing';
import { createChatServer, type ChatServer } from './server.js';
import { createTokenLog, type TokenLog } from './stream/token-log.js';

/** One chat instance of a test platform. */
export interface ChatInstance {
  url: string;
  server: ChatServer;
  log: TokenLog;
  stop: () => Promise<void>;
}

export interface ChatInstanceOptions {
  /** The fake Anthropic server's URL; unset: offline answers. */
  anthropicBaseUrl?: string;
  /** Share streams through Redis (several instances): true for the tests' Redis, or a Redis URL; unset: in-process. */
  redis?: boolean | string;
  leaseMs?: number;
  sweepIntervalMs?: number;
  offlineTokenDelayMs?: number;
}

export async function startChatInstance(
  urls: { crm: string; memory: string; knowledge: string },
  options: ChatInstanceOptions = {},
): Promise<ChatInstance> {
  const logger = createLogger('chat-test', 'silent');
  const log = createTokenLog({
    redisUrl: typeof options.redis === 'string' ? options.redis : options.redis ? testRedisUrl : undefined,
    retentionSeconds: 600,
    logger,
  });
  const server = await createChatServer({
    log,
    logger,
    internalSecret: TEST_SECRETS.internalSecret,
    urls,
    anthropic: options.anthropicBaseUrl
      ? { apiKey: 'test-key', baseUrl: options.anthropicBaseUrl, model: 'claude-haiku-4-5', maxTokens: 512, maxRetries: 2 }
      : null,
    offlineTokenDelayMs: options.offlineTokenDelayMs ?? 0,
    streamRetentionSeconds: 600,
    leaseMs: options.leaseMs,
    sweepIntervalMs: options.sweepIntervalMs,
  });
  const port = await listen(server.server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    server,
    log,
    stop: async () => {
      await server.stop(5000);
      await log.close();
    },
  };
}
