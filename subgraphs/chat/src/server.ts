import { closeServer, probe, type Logger } from '@nusa/platform';
import { createSubgraphServer, serveSubscriptions } from '@nusa/subgraph';
import type { AnthropicSettings } from './config.js';
import { createContext, type ChatContext, type ChatServices } from './context.js';
import { createChatMetrics } from './chat-metrics.js';
import { ClaudeResponder } from './generation/claude.js';
import { Generator } from './generation/generator.js';
import { OfflineResponder } from './generation/offline.js';
import { buildChatSchema } from './schema.js';
import { MemoryApi } from './message/memory-api.js';
import { Platform } from './generation/platform.js';
import { ReviewedAnswers } from './reviewed-answer/reviewed-answers.js';
import type { TokenLog } from './stream/token-log.js';

export { buildChatSchema } from './schema.js';

/** What the chat server needs from its bootstrap. */
export interface ChatServerDeps {
  log: TokenLog;
  logger: Logger;
  internalSecret: string;
  urls: { crm: string; memory: string; knowledge: string };
  /** Claude's settings; null: the offline responder. */
  anthropic: AnthropicSettings | null;
  offlineTokenDelayMs: number;
  streamRetentionSeconds: number;
  /** A generator's claim on a message; a crashed generator's message is failed after twice this. Default 15 s. */
  leaseMs?: number;
  /** How often interrupted generations are looked for. Default 15 s. */
  sweepIntervalMs?: number;
}

/** The chat subgraph, built but not listening, with its generator. */
export interface ChatServer {
  server: import('node:http').Server;
  generator: Generator;
  /** Open WebSocket connections. */
  connections: () => number;
  /** Stops taking requests, lets running answers finish (up to `drainMs`), ends sockets with 1012. */
  stop: (drainMs?: number) => Promise<void>;
}

/** Claude when it is configured, else the offline responder; the generator that runs them, with its metrics. */
function createGeneration(deps: ChatServerDeps) {
  const { logger, internalSecret } = deps;
  const memory = new MemoryApi(deps.urls.memory, internalSecret);
  const platform = new Platform({ crm: deps.urls.crm, knowledge: deps.urls.knowledge }, internalSecret);
  const responder = deps.anthropic ? new ClaudeResponder(deps.anthropic, platform, logger) : new OfflineResponder(deps.offlineTokenDelayMs);
  const reviewedAnswers = new ReviewedAnswers(deps.urls.knowledge, internalSecret);
  const { metrics, finished } = createChatMetrics(() => deps.log.readers());
  const generator = new Generator({
    onFinished: finished,
    log: deps.log,
    memory,
    platform,
    responder,
    reviewedAnswers,
    logger,
    leaseMs: deps.leaseMs,
    retentionSeconds: deps.streamRetentionSeconds,
  });
  const services: ChatServices = { generator, memory, reviewedAnswers, log: deps.log, offline: responder.offline };
  return { services, metrics };
}

/** Looks for interrupted generations now and every `intervalMs`, settling those whose generator is gone; returns its stop. */
function sweepInterrupted(generator: Generator, logger: Logger, intervalMs: number): () => void {
  const sweep = () =>
    generator.sweep().then(
      (settled) => settled > 0 && logger.warn({ settled }, 'settled interrupted generations'),
      (error: unknown) => logger.warn({ err: error }, 'could not look for interrupted generations'),
    );
  const sweeper = setInterval(() => void sweep(), intervalMs);
  sweeper.unref();
  void sweep();
  return () => clearInterval(sweeper);
}

/**
 * The chat subgraph over HTTP and graphql-ws on the same `/graphql` (see `serveSubscriptions`),
 * with its generator and the sweeper of interrupted generations.
 */
export async function createChatServer(deps: ChatServerDeps): Promise<ChatServer> {
  const { logger, internalSecret } = deps;
  const { services, metrics } = createGeneration(deps);
  const schema = await buildChatSchema();
  const subgraph = await createSubgraphServer<ChatContext>({
    name: 'chat',
    schema,
    metrics,
    internalSecret,
    logger,
    context: (base) => createContext(base, services),
    readiness: async () => ({
      // The token log: without it no answer streams.
      ...(deps.log.shared ? { redis: await probe(() => deps.log.ping()) } : {}),
      memory: await probe(() =>
        fetch(new URL('/health', deps.urls.memory)).then((r) => r.ok || Promise.reject(new Error(`HTTP ${r.status}`))),
      ),
    }),
  });
  const ws = serveSubscriptions(subgraph.server, {
    name: 'chat',
    schema,
    internalSecret,
    logger,
    context: (base) => createContext(base, services),
  });
  const stopSweeping = sweepInterrupted(services.generator, logger, deps.sweepIntervalMs ?? 15_000);
  return {
    server: subgraph.server,
    generator: services.generator,
    connections: ws.connections,
    stop: async (drainMs = 20_000) => {
      stopSweeping();
      await services.generator.drain(drainMs);
      await ws.close();
      await subgraph.stop();
      await closeServer(subgraph.server);
    },
  };
}
