import type { ApolloServerPlugin } from '@apollo/server';
import { probe, probeOptional } from '@nusa/platform';
import { createSubgraphServer, type SubgraphServer } from '@nusa/subgraph';
import { CollectionNames } from './collection/collection.store.js';
import { createContext, type KnowledgeContext, type KnowledgeServices } from './context.js';
import { DEFAULT_REVIEW_AFTER_DAYS } from './document/freshness.js';
import { ReviewedAnswerIndex } from './reviewed-answer/reviewed-answer.index.js';
import { reviewedAnswerRoutes } from './reviewed-answer/reviewed-answer.routes.js';
import { LexemeFrequencies } from './search/keyword-ranking.js';
import { SearchCache } from './search/search.cache.js';
import { buildKnowledgeSchema } from './schema.js';

export { buildKnowledgeSchema } from './schema.js';

/** Puts what the resolvers warned about into the response's `extensions.warnings`. */
const warningsPlugin: ApolloServerPlugin<KnowledgeContext> = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse: ({ contextValue, response }) => {
        if (contextValue.warnings.length > 0 && response.body.kind === 'single') {
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, warnings: contextValue.warnings };
        }
        return Promise.resolve();
      },
    }),
};

/** What the knowledge server needs besides the services its requests share. */
export interface KnowledgeServerOptions {
  internalSecret: string;
  /** Whether `/ready` should report the cache (true when it is Redis). */
  reportCache: boolean;
  /** How long an Idempotency-Key's stored response answers retries; older keys are swept. Default: 24 hours. */
  idempotencyTtlMs?: number;
}

/** The knowledge subgraph over HTTP, built but not listening; expired idempotency keys are swept until `stop`. */
export async function createKnowledgeServer(services: KnowledgeServices & KnowledgeServerOptions): Promise<SubgraphServer> {
  const { internalSecret, reportCache, idempotencyTtlMs, ...shared } = services;
  const caches = {
    frequencies: new LexemeFrequencies(services.logger),
    collectionNames: new CollectionNames(),
    searches: new SearchCache(services.cache),
  };
  const reviewedAnswers = new ReviewedAnswerIndex(services.reviewAfterDays ?? DEFAULT_REVIEW_AFTER_DAYS);
  return createSubgraphServer<KnowledgeContext>({
    name: 'knowledge',
    schema: await buildKnowledgeSchema(),
    internalSecret,
    logger: services.logger,
    context: (base) => createContext(base, shared, caches),
    plugins: [warningsPlugin],
    idempotency: { orm: services.orm, ttlMs: idempotencyTtlMs },
    routes: reviewedAnswerRoutes({ orm: services.orm, index: reviewedAnswers, internalSecret, logger: services.logger }),
    readiness: async () => ({
      postgres: await probe(() => services.orm.em.getConnection().execute('select 1')),
      chroma: await probe(() => services.vectors.heartbeat()),
      ...(reportCache ? { redis: await probeOptional(() => services.cache.ping()) } : {}),
    }),
  });
}
