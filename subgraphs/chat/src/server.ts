import { randomUUID } from 'node:crypto';
import {
  closeServer,
  anonymous,
  probe,
  serveGraphQLWs,
  verifyIdentity,
  type Caller,
  type Logger,
  type ServiceContext,
} from '@nusa/platform';
import { createSubgraphServer } from '@nusa/subgraph';
import type { AnthropicSettings } from './config.js';
import type { ChatContext, ChatServices } from './context.js';
import { createChatMetrics } from './chat-metrics.js';
import { ClaudeResponder } from './generation/claude.js';
import { Generator } from './generation/generator.js';
import { OfflineResponder } from './generation/offline.js';
import { buildChatSchema } from './schema.js';
import { MemoryApi } from './services/memory-api.js';
import { Platform } from './services/platform.js';
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

/** The identity a WebSocket connection or one of its subscriptions presents. */
function callerOf(value: unknown, secret: string): Caller | undefined {
  return typeof value === 'string' ? verifyIdentity(value, secret, 'chat') : undefined;
}

/**
 * The chat subgraph over HTTP and graphql-ws on the same `/graphql`. WebSocket connections come
 * from the gateway: `connection_init` carries its signed service identity, and each subscription
 * the signed identity of the person it is for in `extensions.identity`.
 */
export async function createChatServer(deps: ChatServerDeps): Promise<ChatServer> {
  const { logger, internalSecret } = deps;
  const memory = new MemoryApi(deps.urls.memory, internalSecret);
  const platform = new Platform({ crm: deps.urls.crm, knowledge: deps.urls.knowledge }, internalSecret);
  const responder = deps.anthropic ? new ClaudeResponder(deps.anthropic, platform, logger) : new OfflineResponder(deps.offlineTokenDelayMs);
  const { metrics, finished } = createChatMetrics(() => deps.log.readers());
  const generator = new Generator({
    onFinished: finished,
    log: deps.log,
    memory,
    platform,
    responder,
    logger,
    leaseMs: deps.leaseMs,
    retentionSeconds: deps.streamRetentionSeconds,
  });
  const services: ChatServices = { generator, memory, log: deps.log, offline: responder.offline };
  const schema = await buildChatSchema();
  const subgraph = await createSubgraphServer<ChatContext>({
    name: 'chat',
    schema,
    metrics,
    internalSecret,
    logger,
    context: (base: ServiceContext) => ({ ...base, ...services }),
    readiness: async () => ({
      // The token log: without it no answer streams.
      ...(deps.log.shared ? { redis: await probe(() => deps.log.ping()) } : {}),
      memory: await probe(() =>
        fetch(new URL('/health', deps.urls.memory)).then((r) => r.ok || Promise.reject(new Error(`HTTP ${r.status}`))),
      ),
    }),
  });

  const ws = serveGraphQLWs(
    subgraph.server,
    '/graphql',
    {
      schema,
      onConnect: (ctx) => {
        const caller = callerOf(ctx.connectionParams?.identity, internalSecret);
        if (!caller) return false;
        (ctx.extra as unknown as { caller: Caller }).caller = caller;
        return true;
      },
      context: (ctx, _id, payload): ChatContext => {
        const connection = (ctx.extra as unknown as { caller: Caller }).caller;
        // A subscription the gateway forwards is made as the person in its extensions; a forged or stale
        // identity there makes it anonymous (refused by the resolver), never the gateway itself.
        const forwarded =
          connection.kind === 'service' && payload.extensions?.identity !== undefined
            ? (callerOf(payload.extensions.identity, internalSecret) ?? anonymous)
            : undefined;
        const requestId = typeof payload.extensions?.requestId === 'string' ? payload.extensions.requestId : randomUUID();
        return { caller: forwarded ?? connection, requestId, ...services };
      },
    },
    logger,
  );

  const sweep = () =>
    generator.sweep().then(
      (settled) => settled > 0 && logger.warn({ settled }, 'settled interrupted generations'),
      (error: unknown) => logger.warn({ err: error }, 'could not look for interrupted generations'),
    );
  const sweeper = setInterval(() => void sweep(), deps.sweepIntervalMs ?? 15_000);
  sweeper.unref();
  void sweep();

  return {
    server: subgraph.server,
    generator,
    connections: ws.connections,
    stop: async (drainMs = 20_000) => {
      clearInterval(sweeper);
      await generator.drain(drainMs);
      await ws.close();
      await subgraph.stop();
      await closeServer(subgraph.server);
    },
  };
}
