import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ChromaClient } from 'chromadb';
import { ConfigError, createLogger } from '@nusa/platform';
import { createTestDatabase, freePort, type TestDatabase } from '@nusa/platform/testing';
import { startLocalChroma, type LocalChroma } from '../chroma/chroma-server';
import { ensureCollections } from '../collection/collection.store';
import { startFakeEmbeddingApi, type FakeEmbeddingApi } from '../embedding/fake-embedding-api';
import { HostedEmbedder } from '../embedding/hosted-embedder';
import { LocalEmbedder } from '../embedding/local-embedder';
import { IngestService } from '../ingest/ingest.service';
import { openDatabase } from '../orm';
import { LexemeFrequencies } from '../search/keyword-ranking';
import { searchKnowledge, SearchMode } from '../search/search.service';
import { reembed } from './reembed';
import { openVectorIndex } from './vector-index';
import { VectorStore } from './vector-store';

const logger = createLogger('test', 'silent');
const root = join(__dirname, '..', '..', '..', '..');
const KEY = 'sk-reembed-test';
const local = new LocalEmbedder();

let databases: TestDatabase[] = [];
let orm: MikroORM;
let chroma: LocalChroma | undefined;
let dataDir: string;
let vectors: VectorStore;
let api: FakeEmbeddingApi;
let hosted: HostedEmbedder;

async function freshKnowledgeBase(label: string): Promise<MikroORM> {
  const database = await createTestDatabase(label);
  databases.push(database);
  const opened = await openDatabase(database.url, logger);
  await ensureCollections(opened.em.fork());
  return opened;
}

async function chromaCollections(): Promise<string[]> {
  const { port } = new URL(chroma?.url ?? '');
  return (await new ChromaClient({ host: '127.0.0.1', port: Number(port) }).listCollections()).map((collection) => collection.name);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nusa-reembed-'));
  chroma = await startLocalChroma({
    dataDir,
    port: await freePort(),
    runtimeDir: join(root, '.data', 'glibc'),
    logger,
    timeoutMs: 120_000,
  });
  vectors = new VectorStore(chroma.url);
  api = await startFakeEmbeddingApi({ format: 'openai', apiKey: KEY, dimension: 256 });
  hosted = new HostedEmbedder({
    provider: 'openai',
    model: 'text-embedding-3-small',
    dimension: 256,
    requestDimension: true,
    apiKey: KEY,
    baseUrl: api.url,
    attempts: 1,
  });
  orm = await freshKnowledgeBase('knowledge_reembed');
  await openVectorIndex(orm.em.fork(), local, vectors);
  const store = new IngestService(vectors, local);
  await store.ingest(orm.em.fork(), {
    collection: 'visa_oracle',
    title: 'Retirement KITAS',
    text: '# Retirement KITAS\n\nForeigners aged 60 or over may stay on a retirement permit.\n\n## Insurance\n\nHealth insurance valid in Indonesia is required.',
  });
  await store.ingest(orm.em.fork(), {
    collection: 'cultural_intelligence',
    title: 'Nyepi',
    text: '# Nyepi\n\nOn the day of silence the airport closes for 24 hours.',
  });
}, 300_000);

afterAll(async () => {
  await api?.stop();
  await chroma?.stop();
  await orm?.close();
  for (const database of databases) await database.drop();
  databases = [];
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the vector index', () => {
  it('refuses at start to use vectors another embedder made, naming both and the command that fixes it', async () => {
    const attempt = openVectorIndex(orm.em.fork(), hosted, vectors);
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(
      "The knowledge base's 3 chunks were embedded by local-hash-v1-1024 (1024 dimensions), but EMBEDDING_PROVIDER gives " +
        'openai:text-embedding-3-small:256 (256): run npm run kb:reembed',
    );
  });

  it('binds an empty knowledge base to whichever embedder starts it, dropping the empty index of the previous one', async () => {
    const empty = await freshKnowledgeBase('knowledge_empty_index');
    try {
      const first = await openVectorIndex(empty.em.fork(), local, vectors);
      const stray = { id: '00000000-0000-4000-8000-00000000000a', documentId: 'none', collection: 'visa_oracle', metadata: {} };
      await vectors.upsert(first.chromaCollection, [{ ...stray, embedding: (await local.embed(['stray']))[0] ?? [] }]);
      expect(await chromaCollections()).toContain(first.chromaCollection);
      const second = await openVectorIndex(empty.em.fork(), hosted, vectors);
      expect(second).toMatchObject({ embedder: 'openai:text-embedding-3-small:256', dimension: 256 });
      expect(await openVectorIndex(empty.em.fork(), hosted, vectors)).toMatchObject({ chromaCollection: second.chromaCollection });
      expect(await chromaCollections()).not.toContain(first.chromaCollection);
    } finally {
      await empty.close();
    }
  });
});

describe('re-embedding', () => {
  it('leaves everything as it was when the provider fails half-way', async () => {
    const before = await openVectorIndex(orm.em.fork(), local, vectors);
    const collections = await chromaCollections();
    api.failNext(500, 1);
    await expect(reembed(orm.em.fork(), vectors, hosted, { batchSize: 1 })).rejects.toThrow(/HTTP 500/);
    expect(await openVectorIndex(orm.em.fork(), local, vectors)).toMatchObject(before);
    expect((await chromaCollections()).sort()).toEqual(collections.sort());
  });

  it('moves every chunk to a new index, one ingested during the run included, switches to it and drops the old one', async () => {
    const old = await openVectorIndex(orm.em.fork(), local, vectors);
    const store = new IngestService(vectors, local);
    const summary = await reembed(orm.em.fork(), vectors, hosted, {
      batchSize: 1,
      onProgress: async ({ done }) => {
        if (done === 1) {
          await store.ingest(orm.em.fork(), {
            collection: 'visa_oracle',
            title: 'Golden visa',
            text: '# Golden visa\n\nFor large investors.',
          });
        }
      },
    });
    expect(summary).toMatchObject({ chunks: 4, previous: old.chromaCollection, leftovers: [] });
    const index = await openVectorIndex(orm.em.fork(), hosted, vectors);
    expect(index).toMatchObject(summary.index);
    expect((await vectors.ids(index.chromaCollection)).length).toBe(4);
    expect(await chromaCollections()).not.toContain(old.chromaCollection);
    await expect(openVectorIndex(orm.em.fork(), local, vectors)).rejects.toThrow(/run npm run kb:reembed/);

    const { hits, warnings } = await searchKnowledge(
      { em: orm.em.fork(), vectors, index, embedder: hosted, frequencies: new LexemeFrequencies(), logger },
      { query: 'golden visa for big investors', collections: undefined, metadata: {}, limit: 3, mode: SearchMode.VECTOR },
    );
    expect(warnings).toEqual([]);
    expect(hits[0]?.citation.title).toBe('Golden visa');
  });

  it('refuses an ingest by the old embedder after the switch, and takes one by the new', async () => {
    const document = { collection: 'visa_oracle', title: 'Overstay', text: '# Overstay\n\nThe fine is IDR 1,000,000 a day.' };
    await expect(new IngestService(vectors, local).ingest(orm.em.fork(), document)).rejects.toMatchObject({
      extensions: { reason: 'EMBEDDER_MISMATCH' },
      message: expect.stringContaining('run npm run kb:reembed') as unknown,
    });
    const stored = await new IngestService(vectors, hosted).ingest(orm.em.fork(), document);
    expect(stored.title).toBe('Overstay');
  });
});
