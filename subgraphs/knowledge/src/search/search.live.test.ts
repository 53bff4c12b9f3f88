import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '@nusa/platform';
import { freePort } from '@nusa/platform/testing';
import type { Embedder } from '../embedding/embedder';
import { HostedEmbedder } from '../embedding/hosted-embedder';
import type { IngestService } from '../ingest/ingest.service';
import { openKnowledgeBase, type KnowledgeBase } from '../testing';
import { VectorStore } from '../vector-index/vector-store';
import { LexemeFrequencies } from './keyword-ranking';
import { searchKnowledge, SearchMode } from './search.service';

const logger = createLogger('test', 'silent');

let kb: KnowledgeBase;
let orm: MikroORM;
let vectors: VectorStore;
let embedder: Embedder;
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
  kb = await openKnowledgeBase('knowledge_search');
  ({ orm, vectors, embedder, ingest: store } = kb);
  await store.ingest(orm.em.fork(), {
    collection: 'visa_oracle',
    title: 'Retirement KITAS (E33F)',
    text: RETIREMENT,
    source: 'https://www.imigrasi.go.id/e33f',
  });
  await store.ingest(orm.em.fork(), { collection: 'cultural_intelligence', title: 'Nyepi', text: NYEPI, source: 'seed/nyepi.md' });
}, 300_000);

afterAll(() => kb?.stop());

const everywhere = ['visa_oracle', 'cultural_intelligence'];

function searchIn(
  collections: string[] | undefined,
  mode: SearchMode,
  query: string,
  limit = 3,
  over = vectors,
  metadata: Record<string, string> = {},
  using?: Embedder,
) {
  return searchKnowledge(
    { em: orm.em.fork(), vectors: over, index: kb.index, embedder: using ?? embedder, frequencies: new LexemeFrequencies(), logger },
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
