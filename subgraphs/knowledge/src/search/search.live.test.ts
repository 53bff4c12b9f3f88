import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { createLogger } from '@nusa/platform';
import { createTestDatabase, freePort, type TestDatabase } from '@nusa/platform/testing';
import { startLocalChroma, type LocalChroma } from '../chroma/chroma-server';
import { ensureCollections } from '../collection/collection.store';
import { deleteDocument } from '../document/document.service';
import type { Embedder } from '../embedding/embedder';
import { HostedEmbedder } from '../embedding/hosted-embedder';
import { LocalEmbedder } from '../embedding/local-embedder';
import { importFolder } from '../ingest/import-folder';
import { IngestService } from '../ingest/ingest.service';
import { openDatabase } from '../orm';
import { openVectorIndex, type VectorIndex } from '../vector-index/vector-index';
import { VectorStore } from '../vector-index/vector-store';
import { LexemeFrequencies } from './keyword-ranking';
import { searchKnowledge, SearchMode } from './search.service';

const logger = createLogger('test', 'silent');
const embedder = new LocalEmbedder();
const root = join(__dirname, '..', '..', '..', '..');

let database: TestDatabase | undefined;
let orm: MikroORM;
let chroma: LocalChroma | undefined;
let dataDir: string;
let vectors: VectorStore;
let index: VectorIndex;
let store: IngestService;

const RETIREMENT = `# Retirement KITAS (E33F)

Foreigners aged 60 or over may live in Indonesia on a retirement stay permit.

## Requirements

- A passport valid for at least 18 months
- Proof of a pension or savings
- Health insurance valid in Indonesia

## Duration

The permit lasts one year and can be extended up to five times.`;

const NYEPI = `# Nyepi, the day of silence

On Nyepi the whole island stops for 24 hours: no lights, no travel, no work. Ngurah Rai airport closes for the day.`;

beforeAll(async () => {
  database = await createTestDatabase('knowledge_search');
  orm = await openDatabase(database.url, logger);
  dataDir = mkdtempSync(join(tmpdir(), 'nusa-kb-'));
  chroma = await startLocalChroma({
    dataDir,
    port: await freePort(),
    runtimeDir: join(root, '.data', 'glibc'),
    logger,
    timeoutMs: 120_000,
  });
  vectors = new VectorStore(chroma.url);
  store = new IngestService(vectors, embedder);
  await ensureCollections(orm.em.fork());
  index = await openVectorIndex(orm.em.fork(), embedder, vectors);
  await store.ingest(orm.em.fork(), {
    collection: 'visa_oracle',
    title: 'Retirement KITAS (E33F)',
    text: RETIREMENT,
    source: 'https://www.imigrasi.go.id/e33f',
  });
  await store.ingest(orm.em.fork(), { collection: 'cultural_intelligence', title: 'Nyepi', text: NYEPI, source: 'seed/nyepi.md' });
}, 300_000);

afterAll(async () => {
  await chroma?.stop();
  await orm?.close();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const everywhere = ['visa_oracle', 'cultural_intelligence'];

function searchIn(
  collections: string[] | undefined,
  mode: SearchMode,
  query: string,
  limit = 3,
  over = vectors,
  metadata: Record<string, string> = {},
  using: Embedder = embedder,
) {
  return searchKnowledge(
    { em: orm.em.fork(), vectors: over, index, embedder: using, frequencies: new LexemeFrequencies(), logger },
    { query, collections, metadata, limit, mode },
  );
}

function search(mode: SearchMode, query: string, over = vectors) {
  return searchIn(everywhere, mode, query, 3, over);
}

describe('searching the knowledge base', () => {
  it.each([SearchMode.HYBRID, SearchMode.VECTOR, SearchMode.KEYWORD])(
    'puts the passage that answers in the top 3, with its citation (%s)',
    async (mode) => {
      const { hits, warnings } = await search(mode, 'what health insurance does a retirement permit need');
      expect(warnings).toEqual([]);
      const answer = hits.find((hit) => hit.text.includes('Health insurance'));
      expect(answer?.citation).toMatchObject({
        title: 'Retirement KITAS (E33F)',
        source: 'https://www.imigrasi.go.id/e33f',
        collection: 'visa_oracle',
        headingPath: ['Retirement KITAS (E33F)', 'Requirements'],
      });
    },
  );

  it('ranks that passage first in HYBRID, where plain keyword ranking prefers the introduction', async () => {
    const { hits } = await search(SearchMode.HYBRID, 'what health insurance does a retirement permit need');
    expect(hits[0]?.text).toContain('Health insurance');
  });

  it('keeps to the collections asked for', async () => {
    const { hits } = await searchIn(['visa_oracle'], SearchMode.HYBRID, 'airport closes', 5);
    expect(hits.every((hit) => hit.citation.collection === 'visa_oracle')).toBe(true);
  });

  it('falls back to keyword results, and says so, when the embedding provider cannot be reached', async () => {
    const unreachable = new HostedEmbedder({
      provider: 'voyage',
      model: 'voyage-3.5',
      dimension: embedder.dimension,
      apiKey: 'key',
      baseUrl: `http://127.0.0.1:${await freePort()}/v1`,
      attempts: 1,
    });
    const { hits, warnings } = await searchIn(
      everywhere,
      SearchMode.HYBRID,
      'airport closed on the day of silence',
      3,
      vectors,
      {},
      unreachable,
    );
    expect(warnings).toEqual(['The embedding provider is unavailable; these are keyword results only.']);
    expect(hits[0]?.citation.title).toBe('Nyepi');
  });

  it('falls back to keyword results, and says so, when Chroma cannot be reached', async () => {
    const dead = new VectorStore(`http://127.0.0.1:${await freePort()}`);
    const { hits, warnings } = await search(SearchMode.HYBRID, 'airport closed on the day of silence', dead);
    expect(warnings[0]).toMatch(/keyword results only/);
    expect(hits[0]?.citation.title).toBe('Nyepi');
  });
});

describe('filtering by document metadata', () => {
  const fees = (year: string) => `# KITAS fees ${year}\n\nThe fee for a work KITAS is set by the immigration tariff of ${year}.`;
  beforeAll(async () => {
    for (const [year, audience] of [
      ['2025', 'agent'],
      ['2026', 'client'],
    ] as const) {
      await store.ingest(orm.em.fork(), {
        collection: 'visa_oracle',
        title: `KITAS fees ${year}`,
        text: fees(year),
        source: `seed/fees-${year}.md`,
        metadata: { asOf: `${year}-01-01`, audience },
      });
    }
  });

  it.each([SearchMode.HYBRID, SearchMode.VECTOR, SearchMode.KEYWORD])('keeps only documents carrying the metadata (%s)', async (mode) => {
    const { hits } = await searchIn(undefined, mode, 'work KITAS fee immigration tariff', 10, vectors, { asOf: '2026-01-01' });
    expect(hits.map((hit) => hit.citation.title)).toEqual(['KITAS fees 2026']);
  });

  it('requires every entry, together with the collections asked for', async () => {
    const both = await searchIn(['visa_oracle'], SearchMode.HYBRID, 'work KITAS fee', 10, vectors, {
      asOf: '2025-01-01',
      audience: 'agent',
    });
    expect(both.hits.map((hit) => hit.citation.title)).toEqual(['KITAS fees 2025']);
    const none = await searchIn(['visa_oracle'], SearchMode.HYBRID, 'work KITAS fee', 10, vectors, {
      asOf: '2025-01-01',
      audience: 'client',
    });
    expect(none.hits).toEqual([]);
    const elsewhere = await searchIn(['cultural_intelligence'], SearchMode.HYBRID, 'work KITAS fee', 10, vectors, { asOf: '2026-01-01' });
    expect(elsewhere.hits).toEqual([]);
  });
});

describe('ingesting and deleting', () => {
  it('replaces a document re-ingested from the same source', async () => {
    const first = await store.ingest(orm.em.fork(), {
      collection: 'visa_oracle',
      title: 'Overstay',
      text: '# Overstay\n\nThe fine is IDR 500,000 a day.',
      source: 'seed/overstay.md',
    });
    const second = await store.ingest(orm.em.fork(), {
      collection: 'visa_oracle',
      title: 'Overstay',
      text: '# Overstay\n\nThe fine is IDR 1,000,000 a day.',
      source: 'seed/overstay.md',
    });
    expect(second.id).not.toBe(first.id);
    for (const mode of [SearchMode.KEYWORD, SearchMode.VECTOR]) {
      const { hits } = await search(mode, 'overstay fine per day');
      const texts = hits.filter((hit) => hit.citation.title === 'Overstay').map((hit) => hit.text);
      expect(texts).toEqual(['# Overstay\n\nThe fine is IDR 1,000,000 a day.'.replace('# Overstay\n\n', '')]);
    }
  });

  it('leaves nothing searchable when Chroma fails half-way, and says so', async () => {
    const failing = new IngestService(new VectorStore(`http://127.0.0.1:${await freePort()}`), embedder);
    const attempt = failing.ingest(orm.em.fork(), {
      collection: 'visa_oracle',
      title: 'Golden visa',
      text: '# Golden visa\n\nFor large investors.',
      source: 'seed/golden.md',
    });
    await expect(attempt).rejects.toMatchObject({ extensions: { reason: 'INGEST_ROLLED_BACK' } });
    const rows = await orm.em
      .getConnection()
      .execute<{ n: string }[]>("select count(*) as n from knowledge_document where title = 'Golden visa'");
    expect(Number(rows[0]?.n)).toBe(0);
    const { hits } = await search(SearchMode.HYBRID, 'golden visa large investors');
    expect(hits.map((hit) => hit.citation.title)).not.toContain('Golden visa');
  });

  it('deletes a document from both stores', async () => {
    const doc = await store.ingest(orm.em.fork(), {
      collection: 'cultural_intelligence',
      title: 'Canang sari',
      text: '# Canang sari\n\nDaily offerings of flowers; do not step on them.',
      source: 'seed/canang.md',
    });
    await deleteDocument(orm.em.fork(), vectors, doc.id);
    for (const mode of [SearchMode.KEYWORD, SearchMode.VECTOR]) {
      const { hits } = await search(mode, 'offerings flowers step');
      expect(hits.map((hit) => hit.citation.title)).not.toContain('Canang sari');
    }
  });

  it.each([
    ['', 'is empty'],
    ['\u0000\u0001binary', 'binary'],
  ])('refuses the document text %j as BAD_USER_INPUT', async (text, message) => {
    const attempt = store.ingest(orm.em.fork(), { collection: 'visa_oracle', title: 'Bad', text });
    await expect(attempt).rejects.toBeInstanceOf(GraphQLError);
    await expect(attempt).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining(message) as unknown,
    });
  });
});

describe('importing a folder', () => {
  it('imports Markdown, text and HTML, reports what failed, and changes nothing on a second run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'nusa-import-'));
    try {
      mkdirSync(join(folder, 'nested'));
      writeFileSync(
        join(folder, 'bpjs.md'),
        '---\ntitle: BPJS for foreign workers\nsource: https://www.bpjsketenagakerjaan.go.id/\n---\n# BPJS\n\nForeign workers employed over six months join BPJS.',
      );
      writeFileSync(join(folder, 'nested', 'notes.txt'), 'Plain notes about the SKTT residence letter.');
      writeFileSync(
        join(folder, 'page.html'),
        '<html><head><title>Galungan</title></head><body><h1>Galungan</h1><p>Penjor bamboo poles line the streets.</p><script>x()</script></body></html>',
      );
      writeFileSync(join(folder, 'broken.md'), 'PK\u0003\u0004\u0000binary');
      writeFileSync(join(folder, 'ignored.pdf'), 'not read');
      const first = await importFolder(orm.em.fork(), store, { folder, collection: 'legal_architect', keyPrefix: 'import:test/' });
      expect(first).toMatchObject({ imported: 3, unchanged: 0, failed: [{ file: 'broken.md' }] });
      expect(first.chunks).toBeGreaterThanOrEqual(3);
      const { hits } = await searchIn(['legal_architect'], SearchMode.HYBRID, 'penjor bamboo');
      expect(hits[0]?.citation).toMatchObject({ title: 'Galungan', headingPath: ['Galungan'] });
      expect(hits[0]?.text).not.toContain('x()');
      const second = await importFolder(orm.em.fork(), store, { folder, collection: 'legal_architect', keyPrefix: 'import:test/' });
      expect(second).toMatchObject({ imported: 0, unchanged: 3, chunks: 0 });
      writeFileSync(join(folder, 'nested', 'notes.txt'), 'Plain notes about the SKTT residence letter, updated.');
      const third = await importFolder(orm.em.fork(), store, { folder, collection: 'legal_architect', keyPrefix: 'import:test/' });
      expect(third).toMatchObject({ imported: 1, unchanged: 2 });
      const count = await orm.em
        .getConnection()
        .execute<{ n: string }[]>("select count(*) as n from knowledge_document where source_key like 'import:test/%'");
      expect(Number(count[0]?.n)).toBe(3);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
