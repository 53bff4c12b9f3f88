import 'reflect-metadata';
import { join } from 'node:path';
import { createLogger, listen, runMain, stopOnSignals } from '@nusa/platform';
import { createCache } from '@nusa/subgraph';
import { startLocalChroma } from './chroma/chroma-server.js';
import { loadKnowledgeConfig } from './config.js';
import { ensureCollections } from './collection/collection.store.js';
import { createEmbedder } from './embedding/create-embedder.js';
import { IngestService } from './ingest/ingest.service.js';
import { loadSeed } from './ingest/seed.js';
import { openDatabase } from './orm.js';
import { openVectorIndex } from './vector-index/vector-index.js';
import { VectorStore } from './vector-index/vector-store.js';
import { createKnowledgeServer } from './server.js';

runMain(async () => {
  const config = loadKnowledgeConfig();
  const logger = createLogger('knowledge', config.logLevel);
  const chroma = config.chromaUrl
    ? undefined
    : await startLocalChroma({ dataDir: join(config.dataDir, 'chroma'), port: config.chromaPort, runtimeDir: config.glibcDir, logger });
  try {
    const orm = await openDatabase(config.databaseUrl, logger);
    const cache = createCache(config.redisUrl, logger);
    const embedder = createEmbedder(config.embedding);
    const vectors = new VectorStore(config.chromaUrl ?? chroma?.url ?? '');
    const ingest = new IngestService(vectors, embedder);
    await ensureCollections(orm.em.fork());
    const index = await openVectorIndex(orm.em.fork(), embedder, vectors);
    await loadSeed(orm.em.fork(), ingest, config.seedDir, logger);
    const knowledge = await createKnowledgeServer({
      orm,
      vectors,
      index,
      embedder,
      ingest,
      cache,
      logger,
      reviewAfterDays: config.reviewAfterDays,
      internalSecret: config.internalSecret,
      reportCache: Boolean(config.redisUrl),
      idempotencyTtlMs: config.idempotencyTtlMs,
    });
    const port = await listen(knowledge.server, config.port);
    logger.info(
      { port, chroma: config.chromaUrl ?? chroma?.url, index: index.chromaCollection, embedder: embedder.name },
      `knowledge subgraph listening on http://localhost:${port}/graphql`,
    );
    stopOnSignals(logger, async () => {
      await knowledge.stop();
      await cache.close();
      await orm.close();
      await chroma?.stop();
    });
  } catch (error) {
    await chroma?.stop();
    throw error;
  }
});
