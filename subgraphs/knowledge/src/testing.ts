import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, listen, type Caller } from '@nusa/platform';
import { InProcessCache } from '@nusa/subgraph';
import {
  createTestDatabase,
  freePort,
  identityHeaders,
  postGraphQL,
  TEST_SECRETS,
  type GraphQLResult,
  type TestDatabase,
} from '@nusa/platform/testing';
import { startLocalChroma, type LocalChroma } from './chroma/chroma-server.js';
import { ensureCollections } from './collection/collection.store.js';
import { LocalEmbedder } from './embedding/local-embedder.js';
import { IngestService } from './ingest/ingest.service.js';
import { openDatabase } from './orm.js';
import { openVectorIndex } from './vector-index/vector-index.js';
import { VectorStore } from './vector-index/vector-store.js';
import { createKnowledgeServer } from './server.js';

const root = join(__dirname, '..', '..', '..');

type Operation = <TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<TData>>;

/** A knowledge subgraph on a fresh database and its own real Chroma server. */
export interface KnowledgeHarness {
  url: string;
  orm: MikroORM;
  chroma: LocalChroma;
  /** The ingest service, for tests that load documents directly. */
  documents: IngestService;
  as: (caller: Caller) => Operation;
  /** Stops Chroma, as an outage would; `restartChroma` brings it back on the same port and data. */
  stopChroma: () => Promise<void>;
  restartChroma: () => Promise<void>;
  stop: () => Promise<void>;
}

export async function startKnowledge(label: string): Promise<KnowledgeHarness> {
  const logger = createLogger('knowledge-test', 'silent');
  const database: TestDatabase = await createTestDatabase(label);
  const dataDir = mkdtempSync(join(tmpdir(), 'nusa-knowledge-'));
  const chromaOptions = { dataDir, port: await freePort(), runtimeDir: join(root, '.data', 'glibc'), logger, timeoutMs: 120_000 };
  let chroma = await startLocalChroma(chromaOptions);
  const orm = await openDatabase(database.url, logger);
  const embedder = new LocalEmbedder();
  const vectors = new VectorStore(chroma.url);
  const documents = new IngestService(vectors, embedder);
  await ensureCollections(orm.em.fork());
  const index = await openVectorIndex(orm.em.fork(), embedder, vectors);
  const knowledge = await createKnowledgeServer({
    orm,
    vectors,
    index,
    embedder,
    ingest: documents,
    cache: new InProcessCache(),
    logger,
    internalSecret: TEST_SECRETS.internalSecret,
    reportCache: false,
  });
  const url = `http://127.0.0.1:${await listen(knowledge.server, 0, '127.0.0.1')}/graphql`;
  return {
    url,
    orm,
    get chroma() {
      return chroma;
    },
    documents,
    as: (caller) => (query, variables) =>
      postGraphQL(url, query, variables, identityHeaders(caller, TEST_SECRETS.internalSecret, 'knowledge')),
    stopChroma: () => chroma.stop(),
    restartChroma: async () => {
      chroma = await startLocalChroma(chromaOptions);
    },
    stop: async () => {
      await knowledge.stop();
      await chroma.stop();
      await orm.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
