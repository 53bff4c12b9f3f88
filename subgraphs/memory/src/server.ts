import type { MikroORM } from '@mikro-orm/postgresql';
import { probe, probeOptional, type Logger } from '@nusa/platform';
import { createSubgraphServer, type Cache, type SubgraphServer } from '@nusa/subgraph';
import { createContext, type MemoryContext } from './context.js';
import { CrmDirectory } from './crm-directory.js';
import { ruleExtractor, type FactExtractor } from './fact/fact.extractor.js';
import { internalRoutes } from './internal/internal.routes.js';
import { MessageStore } from './message/message.store.js';
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
}

/** The memory subgraph over HTTP, with its internal API, built but not listening. */
export async function createMemoryServer(deps: MemoryServerDeps): Promise<SubgraphServer> {
  const messages = new MessageStore(deps.cache);
  const extractor = deps.extractor ?? ruleExtractor;
  const services = { orm: deps.orm, cache: deps.cache, messages, extractor, crm: new CrmDirectory(deps.crmUrl, deps.internalSecret) };
  return createSubgraphServer<MemoryContext>({
    name: 'memory',
    schema: await buildMemorySchema(),
    internalSecret: deps.internalSecret,
    logger: deps.logger,
    context: (base) => createContext(base, services),
    routes: internalRoutes({ orm: deps.orm, messages, extractor, internalSecret: deps.internalSecret, logger: deps.logger }),
    readiness: async () => ({
      postgres: await probe(() => deps.orm.em.getConnection().execute('select 1')),
      ...(deps.reportCache ? { redis: await probeOptional(() => deps.cache.ping()) } : {}),
    }),
  });
}
