import { ADMIN, AGENT, INGEST, SEARCH, startKnowledgeWithTaxDocument, type KnowledgeHarness, type SearchHit as Hit } from '../testing';

let kb: KnowledgeHarness;
beforeAll(async () => {
  kb = await startKnowledgeWithTaxDocument('knowledge_search_api');
}, 300_000);
afterAll(() => kb.stop());

describe('searchKnowledge', () => {
  it('answers a paraphrased question with the passage and its citation', async () => {
    const result = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, {
      q: 'my small company turns over little, what rate of turnover tax do I pay?',
    });
    expect(result.data?.searchKnowledge[0]?.citation).toMatchObject({
      title: 'Small-business final tax',
      collection: 'tax_genius',
      headingPath: ['Small-business final tax', 'Rate'],
    });
  });

  it('filters by document metadata', async () => {
    const asOf = (value: string) => ({ q: 'final tax on turnover', f: { metadata: [{ key: 'asOf', value }] } });
    const matching = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, asOf('2026-11-01'));
    expect(matching.data?.searchKnowledge.map((hit) => hit.citation.title)).toContain('Small-business final tax');
    const other = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, asOf('1999-01-01'));
    expect(other.data?.searchKnowledge).toEqual([]);
  });

  it.each([
    ['an empty query', 'query', { q: '' }],
    ['a 200 kB query', 'query', { q: 'x'.repeat(200 * 1024) }],
    ['an unknown collection', 'collections', { q: 'visa', c: ['nope'] }],
    ['a limit over 50', 'limit', { q: 'visa', l: 51 }],
    [
      'eleven metadata conditions',
      'filter.metadata',
      { q: 'visa', f: { metadata: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' })) } },
    ],
    ['a malformed metadata key', 'filter.metadata.key', { q: 'visa', f: { metadata: [{ key: 'as of', value: 'v' }] } }],
    [
      'one metadata key with two values',
      'filter.metadata',
      {
        q: 'visa',
        f: {
          metadata: [
            { key: 'a', value: '1' },
            { key: 'a', value: '2' },
          ],
        },
      },
    ],
  ])('refuses %s with BAD_USER_INPUT naming %s', async (_case, field, variables) => {
    const result = await kb.as(AGENT)(SEARCH, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('serves an identical search from the cache until an ingest changes the knowledge base', async () => {
    const question = { q: 'how do I register for VAT as a company', c: ['tax_genius'] };
    const before = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, question);
    await kb.orm.em.getConnection().execute("update knowledge_chunk set text = 'changed behind the cache' where collection = 'tax_genius'");
    const cached = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, question);
    expect(cached.data?.searchKnowledge).toEqual(before.data?.searchKnowledge);
    await kb.as(ADMIN)(INGEST, {
      input: { collection: 'tax_genius', title: 'VAT registration', text: '# VAT registration\n\nCompanies register as PKP for VAT.' },
    });
    const fresh = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, question);
    expect(fresh.data?.searchKnowledge.map((hit) => hit.text)).toContain('changed behind the cache');
  });

  it('degrades to keyword results with a warning when Chroma is down, and recovers when it is back', async () => {
    await kb.stopChroma();
    try {
      const result = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, { q: 'turnover tax rate small business' });
      expect(result.errors).toBeUndefined();
      expect(result.data?.searchKnowledge.length).toBeGreaterThan(0);
      expect((result.extensions?.warnings as string[] | undefined)?.[0]).toMatch(/keyword results only/);
    } finally {
      await kb.restartChroma();
    }
    const again = await kb.as(AGENT)(SEARCH, { q: 'turnover tax rate small business', m: 'VECTOR' });
    expect(again.extensions).toBeUndefined();
  });
});
