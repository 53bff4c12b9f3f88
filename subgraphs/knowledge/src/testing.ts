import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, listen, Role, type Caller } from '@nusa/platform';
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
import { openVectorIndex, type VectorIndex } from './vector-index/vector-index.js';
import { VectorStore } from './vector-index/vector-store.js';
import { createKnowledgeServer } from './server.js';

const root = join(__dirname, '..', '..', '..');

/** Callers for the tests: a signed-in admin (may ingest and delete) and an agent (may read). */
export const ADMIN: Caller = {
  kind: 'member',
  id: '00000000-0000-4000-8000-000000000001',
  role: Role.ADMIN,
  name: 'Admin',
  email: 'admin@example.com',
};
export const AGENT: Caller = {
  kind: 'member',
  id: '00000000-0000-4000-8000-000000000002',
  role: Role.AGENT,
  name: 'Agent',
  email: 'agent@example.com',
};

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

/** A knowledge base without its HTTP server, for the services' own tests: a fresh database and its own real Chroma. */
export interface KnowledgeBase {
  orm: MikroORM;
  vectors: VectorStore;
  index: VectorIndex;
  embedder: LocalEmbedder;
  ingest: IngestService;
  stop: () => Promise<void>;
}

export async function openKnowledgeBase(label: string): Promise<KnowledgeBase> {
  const logger = createLogger('knowledge-test', 'silent');
  const database = await createTestDatabase(label);
  const dataDir = mkdtempSync(join(tmpdir(), 'nusa-kb-'));
  const chroma = await startLocalChroma({
    dataDir,
    port: await freePort(),
    runtimeDir: join(root, '.data', 'glibc'),
    logger,
    timeoutMs: 120_000,
  });
  const orm = await openDatabase(database.url, logger);
  const embedder = new LocalEmbedder();
  const vectors = new VectorStore(chroma.url);
  await ensureCollections(orm.em.fork());
  const index = await openVectorIndex(orm.em.fork(), embedder, vectors);
  return {
    orm,
    vectors,
    index,
    embedder,
    ingest: new IngestService(vectors, embedder),
    stop: async () => {
      await chroma.stop();
      await orm.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The ingest mutation the service tests send, answering the document with its chunks. */
export const INGEST =
  'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { id title collection chunks { chunkIndex headingPath } } }';
/** The search the service tests send, with every argument and the whole citation. */
export const SEARCH =
  'query($q: String!, $c: [String!], $l: Int, $m: SearchMode, $f: KnowledgeFilter) { searchKnowledge(query: $q, collections: $c, limit: $l, mode: $m, filter: $f) { score text citation { documentId title source collection chunkIndex headingPath } } }';

/** A search hit as {@link SEARCH} reads it. */
export interface SearchHit {
  text: string;
  citation: { documentId: string; title: string; collection: string; headingPath: string[] };
}

/** A knowledge service holding one small tax document (final tax of 0.5 % under IDR 4.8 billion), ingested as an admin. */
export async function startKnowledgeWithTaxDocument(label: string): Promise<KnowledgeHarness> {
  const kb = await startKnowledge(label);
  await kb.as(ADMIN)(INGEST, {
    input: {
      collection: 'tax_genius',
      title: 'Small-business final tax',
      source: 'https://www.pajak.go.id/pp-55-2022',
      text: '# Small-business final tax\n\n## Rate\n\nA final tax of 0.5% of gross turnover applies while turnover stays under IDR 4.8 billion a year.',
      metadata: [{ key: 'asOf', value: '2026-11-01' }],
    },
  });
  return kb;
}
