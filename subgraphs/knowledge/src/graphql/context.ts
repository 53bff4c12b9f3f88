import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, ServiceContext } from '@nusa/platform';
import type { Cache } from '@nusa/subgraph';
import type { CollectionNames } from '../document/collections.js';
import type { DocumentStore } from '../document/document.store.js';
import type { Embedder } from '../embedding/embedder.js';
import type { LexemeFrequencies } from '../search/keyword.js';
import type { VectorIndex } from '../vectors/vector-index.js';
import type { VectorStore } from '../vectors/vector-store.js';

/** What the knowledge service shares between requests. */
export interface KnowledgeServices {
  orm: MikroORM;
  vectors: VectorStore;
  /** The vector index checked at start against `embedder`. */
  index: VectorIndex;
  embedder: Embedder;
  documents: DocumentStore;
  cache: Cache;
  logger: Logger;
}

/** What one service process keeps between requests to answer searches faster. */
export interface SearchCaches {
  frequencies: LexemeFrequencies;
  collectionNames: CollectionNames;
}

export interface KnowledgeContext extends ServiceContext, Omit<KnowledgeServices, 'orm'>, SearchCaches {
  em: EntityManager;
  /** Said to the caller in the response's `extensions.warnings`. */
  warnings: string[];
}

export function createContext(base: ServiceContext, services: KnowledgeServices, caches: SearchCaches): KnowledgeContext {
  const { orm, ...rest } = services;
  return { ...base, ...rest, ...caches, em: orm.em.fork(), warnings: [] };
}
