import type { MikroORM } from '@mikro-orm/postgresql';
import { probe, probeOptional, ServiceClient, type Logger, type ServiceContext } from '@nusa/platform';
import {
  createSubgraphServer,
  InProcessEventBus,
  serveSubscriptions,
  type Cache,
  type EventBus,
  type SubgraphServer,
} from '@nusa/subgraph';
import { createContext, type MemoryContext } from './context.js';
import { CrmDirectory } from './crm-directory.js';
import { ruleExtractor, type FactExtractor } from './fact/fact.extractor.js';
import { internalRoutes } from './internal/internal.routes.js';
import { MessageStore } from './message/message.store.js';
import { DEFAULT_OUTBOX_RELAY_SETTINGS, OutboxRelay, type OutboxRelaySettings } from './outbox/outbox.relay.js';
import { buildMemorySchema } from './schema.js';

export { buildMemorySchema } from './schema.js';

/** What the memory server needs from its bootstrap. */
export interface MemoryServerDeps {
  orm: MikroORM;
  cache: Cache;
  logger: Logger;
  internalSecret: string;
  crmUrl: string;
  /** Whether `/ready` should report the cache (true when it is Redis). */
  reportCache: boolean;
  /** How facts are read from messages. Default: the offline rules. */
  extractor?: FactExtractor;
  /** Where conversation events travel (Redis across instances). Default: within this process. */
  events?: EventBus;
  /** How long an Idempotency-Key's stored response answers retries; older keys are swept. Default: 24 hours. */
  idempotencyTtlMs?: number;
  /** How the outbox is handed to the crm; each setting defaults to {@link DEFAULT_OUTBOX_RELAY_SETTINGS}. */
  outboxRelay?: Partial<OutboxRelaySettings>;
}

/**
 * The memory subgraph over HTTP, with its internal API, and its subscriptions over graphql-ws on
 * the same `/graphql`; the outbox relay runs until `stop`. Built but not listening.
 */
export async function createMemoryServer(deps: MemoryServerDeps): Promise<SubgraphServer> {
  const events = deps.events ?? new InProcessEventBus();
  const relay = new OutboxRelay(
    deps.orm,
    new ServiceClient({ service: 'crm', url: deps.crmUrl, internalSecret: deps.internalSecret }),
    { ...DEFAULT_OUTBOX_RELAY_SETTINGS, ...deps.outboxRelay },
    deps.logger,
  );
  const messages = new MessageStore(deps.cache, events, () => relay.wake());
  const extractor = deps.extractor ?? ruleExtractor;
  const services = {
    orm: deps.orm,
    cache: deps.cache,
    messages,
    extractor,
    events,
    crm: new CrmDirectory(deps.crmUrl, deps.internalSecret),
  };
  const schema = await buildMemorySchema();
  const subgraph = await createSubgraphServer<MemoryContext>({
    name: 'memory',
    schema,
    internalSecret: deps.internalSecret,
    logger: deps.logger,
    context: (base) => createContext(base, services),
    idempotency: { orm: deps.orm, ttlMs: deps.idempotencyTtlMs },
    routes: internalRoutes({ orm: deps.orm, messages, extractor, internalSecret: deps.internalSecret, logger: deps.logger }),
    readiness: async () => ({
      postgres: await probe(() => deps.orm.em.getConnection().execute('select 1')),
      ...(deps.reportCache ? { redis: await probeOptional(() => deps.cache.ping()) } : {}),
    }),
  });
  const context = (base: ServiceContext) => createContext(base, services);
  const ws = serveSubscriptions(subgraph.server, {
    name: 'memory',
    schema,
    internalSecret: deps.internalSecret,
    logger: deps.logger,
    context,
  });
  relay.start();
  return {
    server: subgraph.server,
    stop: async () => {
      await relay.stop();
      await ws.close();
      await subgraph.stop();
    },
  };
}
