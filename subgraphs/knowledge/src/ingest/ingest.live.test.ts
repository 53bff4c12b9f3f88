import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { createLogger } from '@nusa/platform';
import { freePort } from '@nusa/platform/testing';
import { KNOWLEDGE_IMPORT } from '../audit/knowledge-audit.service';
import { deleteDocument } from '../document/document.service';
import { LexemeFrequencies } from '../search/keyword-ranking';
import { searchKnowledge, SearchMode } from '../search/search.service';
import { openKnowledgeBase, type KnowledgeBase } from '../testing';
import { VectorStore } from '../vector-index/vector-store';
import { importFolder } from './import-folder';
import { IngestService } from './ingest.service';

const logger = createLogger('test', 'silent');

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await openKnowledgeBase('knowledge_ingest');
}, 300_000);
afterAll(() => kb?.stop());

/** What a search in `collections` (default: every one) finds now. */
function searchIn(collections: string[] | undefined, mode: SearchMode, query: string, limit = 3) {
  return searchKnowledge(
    { em: kb.orm.em.fork(), vectors: kb.vectors, index: kb.index, embedder: kb.embedder, frequencies: new LexemeFrequencies(), logger },
    { query, collections, metadata: {}, limit, mode },
  );
}

function search(mode: SearchMode, query: string) {
  return searchIn(undefined, mode, query);
}

describe('ingesting and deleting', () => {
  it('replaces a document re-ingested from the same source', async () => {
    const first = await kb.ingest.ingest(kb.orm.em.fork(), {
      collection: 'visa_oracle',
      title: 'Overstay',
      text: '# Overstay\n\nThe fine is IDR 500,000 a day.',
      source: 'seed/overstay.md',
    });
    const second = await kb.ingest.ingest(kb.orm.em.fork(), {
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
    const failing = new IngestService(new VectorStore(`http://127.0.0.1:${await freePort()}`), kb.embedder);
    const attempt = failing.ingest(kb.orm.em.fork(), {
      collection: 'visa_oracle',
      title: 'Golden visa',
      text: '# Golden visa\n\nFor large investors.',
      source: 'seed/golden.md',
    });
    await expect(attempt).rejects.toMatchObject({ extensions: { reason: 'INGEST_ROLLED_BACK' } });
    const rows = await kb.orm.em
      .getConnection()
      .execute<{ n: string }[]>("select count(*) as n from knowledge_document where title = 'Golden visa'");
    expect(Number(rows[0]?.n)).toBe(0);
    const { hits } = await search(SearchMode.HYBRID, 'golden visa large investors');
    expect(hits.map((hit) => hit.citation.title)).not.toContain('Golden visa');
  });

  it('deletes a document from both stores', async () => {
    const doc = await kb.ingest.ingest(kb.orm.em.fork(), {
      collection: 'cultural_intelligence',
      title: 'Canang sari',
      text: '# Canang sari\n\nDaily offerings of flowers; do not step on them.',
      source: 'seed/canang.md',
    });
    await deleteDocument(kb.orm.em.fork(), kb.vectors, doc.id, KNOWLEDGE_IMPORT);
    for (const mode of [SearchMode.KEYWORD, SearchMode.VECTOR]) {
      const { hits } = await search(mode, 'offerings flowers step');
      expect(hits.map((hit) => hit.citation.title)).not.toContain('Canang sari');
    }
  });

  it.each([
    ['', 'is empty'],
    ['\u0000\u0001binary', 'binary'],
  ])('refuses the document text %j as BAD_USER_INPUT', async (text, message) => {
    const attempt = kb.ingest.ingest(kb.orm.em.fork(), { collection: 'visa_oracle', title: 'Bad', text });
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
      const first = await importFolder(kb.orm.em.fork(), kb.ingest, { folder, collection: 'legal_architect', keyPrefix: 'import:test/' });
      expect(first).toMatchObject({ imported: 3, unchanged: 0, failed: [{ file: 'broken.md' }] });
      expect(first.chunks).toBeGreaterThanOrEqual(3);
      const { hits } = await searchIn(['legal_architect'], SearchMode.HYBRID, 'penjor bamboo');
      expect(hits[0]?.citation).toMatchObject({ title: 'Galungan', headingPath: ['Galungan'] });
      expect(hits[0]?.text).not.toContain('x()');
      const second = await importFolder(kb.orm.em.fork(), kb.ingest, { folder, collection: 'legal_architect', keyPrefix: 'import:test/' });
      expect(second).toMatchObject({ imported: 0, unchanged: 3, chunks: 0 });
      writeFileSync(join(folder, 'nested', 'notes.txt'), 'Plain notes about the SKTT residence letter, updated.');
      const third = await importFolder(kb.orm.em.fork(), kb.ingest, { folder, collection: 'legal_architect', keyPrefix: 'import:test/' });
      expect(third).toMatchObject({ imported: 1, unchanged: 2 });
      const count = await kb.orm.em
        .getConnection()
        .execute<{ n: string }[]>("select count(*) as n from knowledge_document where source_key like 'import:test/%'");
      expect(Number(count[0]?.n)).toBe(3);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
