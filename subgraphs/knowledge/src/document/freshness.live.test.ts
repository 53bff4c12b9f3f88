import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFolder } from '../ingest/import-folder';
import { ADMIN, AGENT, SEARCH, startKnowledgeWithTaxDocument, type KnowledgeHarness } from '../testing';
import { DocumentEntity } from './document.entity';

let kb: KnowledgeHarness;
beforeAll(async () => {
  kb = await startKnowledgeWithTaxDocument('knowledge_freshness');
}, 300_000);
afterAll(() => kb.stop());

const INGEST_FRESHNESS =
  'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { id lastCheckedAt validUntil needsReview } }';
const MARK =
  'mutation($input: MarkDocumentCheckedInput!) { markDocumentChecked(input: $input) { id lastCheckedAt validUntil needsReview } }';
const SEARCH_FRESHNESS = 'query($q: String!) { searchKnowledge(query: $q) { citation { documentId title stale lastCheckedAt } } }';
const COLLECTIONS = '{ knowledgeCollections { name needsReviewCount documentCount } }';

interface Freshness {
  id: string;
  lastCheckedAt: string;
  validUntil: string | null;
  needsReview: boolean;
}
interface Hit {
  citation: { documentId: string; title: string; stale: boolean | null; lastCheckedAt: string | null };
}

async function needsReviewCount(collection: string): Promise<number | undefined> {
  const result = await kb.as(AGENT)<{ knowledgeCollections: { name: string; needsReviewCount: number }[] }>(COLLECTIONS);
  return result.data?.knowledgeCollections.find((c) => c.name === collection)?.needsReviewCount;
}

async function citationOf(query: string, documentId: string | undefined): Promise<Hit['citation'] | undefined> {
  const result = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH_FRESHNESS, { q: query });
  return result.data?.searchKnowledge.find((hit) => hit.citation.documentId === documentId)?.citation;
}

describe('document freshness', () => {
  it('records when a document was checked at ingest and counts none as needing review while it is fresh', async () => {
    const before = Date.now();
    const result = await kb.as(ADMIN)<{ ingestDocument: Freshness }>(INGEST_FRESHNESS, {
      input: {
        collection: 'kbli_eye',
        title: 'Fresh code',
        text: '# Fresh code\n\nKBLI 62019 covers computer programming of other kinds.',
      },
    });
    expect(result.errors).toBeUndefined();
    expect(new Date(result.data?.ingestDocument.lastCheckedAt ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(result.data?.ingestDocument).toMatchObject({ validUntil: null, needsReview: false });
    expect(await needsReviewCount('kbli_eye')).toBe(0);
    expect((await citationOf('computer programming 62019', result.data?.ingestDocument.id))?.stale).toBe(false);
  });

  it('marks a document past its validUntil day as needing review, in the document, its citations and its collection count', async () => {
    const result = await kb.as(ADMIN)<{ ingestDocument: Freshness }>(INGEST_FRESHNESS, {
      input: {
        collection: 'property_sage',
        title: 'Old notary fee',
        text: '# Old notary fee\n\nThe notary fee for a leasehold deed is one percent of the lease value.',
        validUntil: '2025-12-31',
      },
    });
    expect(result.data?.ingestDocument).toMatchObject({ validUntil: '2025-12-31', needsReview: true });
    expect(await needsReviewCount('property_sage')).toBe(1);
    const citation = await citationOf('notary fee leasehold deed', result.data?.ingestDocument.id);
    expect(citation).toMatchObject({ title: 'Old notary fee', stale: true });
    expect(citation?.lastCheckedAt).toBe(result.data?.ingestDocument.lastCheckedAt);

    const checked = await kb.as(ADMIN)<{ markDocumentChecked: Freshness }>(MARK, {
      input: { id: result.data?.ingestDocument.id, validUntil: '2030-06-30' },
    });
    expect(checked.errors).toBeUndefined();
    expect(checked.data?.markDocumentChecked).toMatchObject({ validUntil: '2030-06-30', needsReview: false });
    expect(new Date(checked.data?.markDocumentChecked.lastCheckedAt ?? 0).getTime()).toBeGreaterThan(
      new Date(result.data?.ingestDocument.lastCheckedAt ?? 0).getTime(),
    );
    expect(await needsReviewCount('property_sage')).toBe(0);
    // The search cached before the check is not served again.
    expect((await citationOf('notary fee leasehold deed', result.data?.ingestDocument.id))?.stale).toBe(false);
  });

  it('marks a document not checked for longer than the review period as needing review', async () => {
    const result = await kb.as(ADMIN)<{ ingestDocument: Freshness }>(INGEST_FRESHNESS, {
      input: {
        collection: 'cultural_intelligence',
        title: 'Galungan dates',
        text: '# Galungan\n\nGalungan falls every 210 days in the Pawukon calendar.',
        checkedAt: new Date(Date.now() - 400 * 86_400_000).toISOString(),
      },
    });
    expect(result.data?.ingestDocument.needsReview).toBe(true);
    expect(await needsReviewCount('cultural_intelligence')).toBe(1);
  });

  it('lets only admins mark a document checked, refuses a day that is not one, and answers NOT_FOUND for an unknown document', async () => {
    const hit = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, { q: 'final tax' });
    const id = hit.data?.searchKnowledge[0]?.citation.documentId;
    const forbidden = await kb.as(AGENT)(MARK, { input: { id } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const validUntil of ['2026-02-30', 'next year', '2026-13-01']) {
      const bad = await kb.as(ADMIN)(MARK, { input: { id, validUntil } });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const badIngest = await kb.as(ADMIN)(INGEST_FRESHNESS, {
      input: { collection: 'tax_genius', title: 'Bad day', text: 'Some text.', validUntil: '31/12/2026' },
    });
    expect(badIngest.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await kb.as(ADMIN)(MARK, { input: { id: '00000000-0000-4000-8000-0000000000ff' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('takes checked and validUntil from the front matter of imported files, as_of standing in for checked', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'nusa-freshness-'));
    try {
      writeFileSync(
        join(folder, 'checked.md'),
        '---\ntitle: Checked file\nchecked: 2026-10-15\nvalidUntil: 2027-03-31\n---\n\n# Checked file\n\nA body about import duties.',
      );
      writeFileSync(join(folder, 'as-of.md'), '---\ntitle: As-of file\nas_of: 2024-01-02\n---\n\n# As-of file\n\nA body about excise.');
      writeFileSync(join(folder, 'bad.md'), '---\ntitle: Bad file\nvalidUntil: soon\n---\n\n# Bad file\n\nA body.');
      const summary = await importFolder(kb.orm.em.fork(), kb.documents, { folder, collection: 'tax_genius', keyPrefix: 'freshness:' });
      expect(summary.imported).toBe(2);
      expect(summary.failed).toEqual([{ file: 'bad.md', reason: expect.stringContaining('validUntil') as string }]);
      const stored = await kb.orm.em.fork().find(DocumentEntity, { sourceKey: { $like: 'freshness:%' } }, { orderBy: { title: 'asc' } });
      expect(stored.map(({ title, lastCheckedAt, validUntil }) => ({ title, checked: lastCheckedAt.toISOString(), validUntil }))).toEqual([
        { title: 'As-of file', checked: '2024-01-02T00:00:00.000Z', validUntil: null },
        { title: 'Checked file', checked: '2026-10-15T00:00:00.000Z', validUntil: '2027-03-31' },
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
