import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ServiceContext } from '@nusa/platform';
import type { Cache, EventBus } from '@nusa/subgraph';
import type { CrmDirectory } from './crm-directory.js';
import type { FactExtractor } from './fact/fact.extractor.js';
import { createLoaders, type MemoryLoaders } from './loaders.js';
import type { MessageStore } from './message/message.store.js';

/** What the memory service shares between requests. */
export interface MemoryServices {
  orm: MikroORM;
  cache: Cache;
  messages: MessageStore;
  crm: CrmDirectory;
  extractor: FactExtractor;
  /** Change notifications (conversation events), across instances with Redis. */
  events: EventBus;
}

export interface MemoryContext extends ServiceContext, Omit<MemoryServices, 'orm'> {
  em: EntityManager;
  loaders: MemoryLoaders;
}

/** Per request: a fresh EntityManager fork and fresh loaders over it. */
export function createContext(base: ServiceContext, services: MemoryServices): MemoryContext {
  const em = services.orm.em.fork();
  return {
    ...base,
    em,
    loaders: createLoaders(em),
    cache: services.cache,
    messages: services.messages,
    crm: services.crm,
    extractor: services.extractor,
    events: services.events,
  };
}
