import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, ServiceContext } from '@nusa/platform';
import type { Cache } from '@nusa/subgraph';
import type { CollectionNames } from './collection/collection.store.js';
import { DEFAULT_REVIEW_AFTER_DAYS } from './document/freshness.js';
import type { Embedder } from './embedding/embedder.js';
import type { IngestService } from './ingest/ingest.service.js';
import { createLoaders, type KnowledgeLoaders } from './loaders.js';
import type { LexemeFrequencies } from './search/keyword-ranking.js';
import type { SearchCache } from './search/search.cache.js';
import type { VectorIndex } from './vector-index/vector-index.js';
import type { VectorStore } from './vector-index/vector-store.js';

/** What the knowledge service's bootstrap hands it. */
export interface KnowledgeServices {
  orm: MikroORM;
  vectors: VectorStore;
  /** The vector index checked at start against `embedder`. */
  index: VectorIndex;
  embedder: Embedder;
  ingest: IngestService;
  cache: Cache;
  logger: Logger;
  /** A document not checked for this many days needs review. Default: {@link DEFAULT_REVIEW_AFTER_DAYS}. */
  reviewAfterDays?: number;
}

/** What one service process keeps between requests to answer searches faster. */
export interface SearchCaches {
  frequencies: LexemeFrequencies;
  collectionNames: CollectionNames;
  searches: SearchCache;
}

export interface KnowledgeContext extends ServiceContext, Omit<KnowledgeServices, 'orm' | 'reviewAfterDays'>, SearchCaches {
  em: EntityManager;
  reviewAfterDays: number;
  loaders: KnowledgeLoaders;
  /** Said to the caller in the response's `extensions.warnings`. */
  warnings: string[];
}

/** Per request: a fresh EntityManager fork (never the global one), fresh loaders over it, no warnings yet. */
export function createContext(base: ServiceContext, services: KnowledgeServices, caches: SearchCaches): KnowledgeContext {
  const { orm, ...shared } = services;
  const em = orm.em.fork();
  return {
    ...base,
    ...shared,
    ...caches,
    em,
    loaders: createLoaders(em),
    warnings: [],
    reviewAfterDays: services.reviewAfterDays ?? DEFAULT_REVIEW_AFTER_DAYS,
  };
}
