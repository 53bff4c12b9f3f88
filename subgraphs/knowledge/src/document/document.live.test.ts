import { Role, type Caller } from '@nusa/platform';
import { startKnowledge, type KnowledgeHarness } from '../testing';

const admin: Caller = {
  kind: 'member',
  id: '00000000-0000-4000-8000-000000000001',
  role: Role.ADMIN,
  name: 'Admin',
  email: 'admin@example.com',
};
const agent: Caller = {
  kind: 'member',
  id: '00000000-0000-4000-8000-000000000002',
  role: Role.AGENT,
  name: 'Agent',
  email: 'agent@example.com',
};

const INGEST =
  'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { id title collection chunks { chunkIndex headingPath } } }';
const SEARCH =
  'query($q: String!, $c: [String!], $l: Int, $m: SearchMode, $f: KnowledgeFilter) { searchKnowledge(query: $q, collections: $c, limit: $l, mode: $m, filter: $f) { score text citation { documentId title source collection chunkIndex headingPath } } }';

interface Hit {
  text: string;
  citation: { documentId: string; title: string; collection: string; headingPath: string[] };
}

let kb: KnowledgeHarness;
beforeAll(async () => {
  kb = await startKnowledge('knowledge_graphql');
  await kb.as(admin)(INGEST, {
    input: {
      collection: 'tax_genius',
      title: 'Small-business final tax',
      source: 'https://www.pajak.go.id/pp-55-2022',
      text: '# Small-business final tax\n\n## Rate\n\nA final tax of 0.5% of gross turnover applies while turnover stays under IDR 4.8 billion a year.',
      metadata: [{ key: 'asOf', value: '2026-11-01' }],
    },
  });
}, 300_000);
afterAll(() => kb.stop());

describe('the knowledge graph', () => {
  it('lists the collections with their counts', async () => {
    const result = await kb.as(agent)<{ knowledgeCollections: { name: string; documentCount: number; chunkCount: number }[] }>(
      '{ knowledgeCollections { name documentCount chunkCount } }',
    );
    expect(result.data?.knowledgeCollections.map((c) => c.name)).toEqual([
      'cultural_intelligence',
      'kbli_eye',
      'legal_architect',
      'property_sage',
      'tax_genius',
      'visa_oracle',
    ]);
    expect(result.data?.knowledgeCollections.find((c) => c.name === 'tax_genius')).toMatchObject({ documentCount: 1, chunkCount: 1 });
  });

  it('answers a paraphrased question with the passage and its citation', async () => {
    const result = await kb.as(agent)<{ searchKnowledge: Hit[] }>(SEARCH, {
      q: 'my small company turns over little, what rate of turnover tax do I pay?',
    });
    expect(result.data?.searchKnowledge[0]?.citation).toMatchObject({
      title: 'Small-business final tax',
      collection: 'tax_genius',
      headingPath: ['Small-business final tax', 'Rate'],
    });
  });

  it('serves a document with its chunks and metadata', async () => {
    const hit = (await kb.as(agent)<{ searchKnowledge: Hit[] }>(SEARCH, { q: 'final tax' })).data?.searchKnowledge[0];
    const result = await kb.as(agent)<{
      knowledgeDocument: { metadata: { key: string; value: string }[]; chunks: { chunkIndex: number }[] };
    }>('query($id: ID!) { knowledgeDocument(id: $id) { title metadata { key value } chunks { chunkIndex text } } }', {
      id: hit?.citation.documentId,
    });
    expect(result.data?.knowledgeDocument.metadata).toEqual([{ key: 'asOf', value: '2026-11-01' }]);
    expect(result.data?.knowledgeDocument.chunks.map((c) => c.chunkIndex)).toEqual([0]);
  });

  it('filters by document metadata', async () => {
    const asOf = (value: string) => ({ q: 'final tax on turnover', f: { metadata: [{ key: 'asOf', value }] } });
    const matching = await kb.as(agent)<{ searchKnowledge: Hit[] }>(SEARCH, asOf('2026-11-01'));
    expect(matching.data?.searchKnowledge.map((hit) => hit.citation.title)).toContain('Small-business final tax');
    const other = await kb.as(agent)<{ searchKnowledge: Hit[] }>(SEARCH, asOf('1999-01-01'));
    expect(other.data?.searchKnowledge).toEqual([]);
  });

  it('lets only admins ingest and delete', async () => {
    const result = await kb.as(agent)(INGEST, { input: { collection: 'tax_genius', title: 'x', text: 'y' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
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
    const result = await kb.as(agent)(SEARCH, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each([
    ['an empty document', 'is empty', { collection: 'tax_genius', title: 'Empty', text: '   ' }],
    ['a binary document', 'binary', { collection: 'tax_genius', title: 'Binary', text: 'PK\u0003\u0004\u0000\u0000' }],
    ['an unknown collection', 'no collection', { collection: 'nope', title: 'x', text: 'y' }],
  ])('refuses %s with BAD_USER_INPUT saying "%s"', async (_case, message, input) => {
    const result = await kb.as(admin)(INGEST, { input });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(message);
  });

  it('serves an identical search from the cache until an ingest changes the knowledge base', async () => {
    const question = { q: 'how do I register for VAT as a company', c: ['tax_genius'] };
    const before = await kb.as(agent)<{ searchKnowledge: Hit[] }>(SEARCH, question);
    await kb.orm.em.getConnection().execute("update knowledge_chunk set text = 'changed behind the cache' where collection = 'tax_genius'");
    const cached = await kb.as(agent)<{ searchKnowledge: Hit[] }>(SEARCH, question);
    expect(cached.data?.searchKnowledge).toEqual(before.data?.searchKnowledge);
    await kb.as(admin)(INGEST, {
      input: { collection: 'tax_genius', title: 'VAT registration', text: '# VAT registration\n\nCompanies register as PKP for VAT.' },
    });
    const fresh = await kb.as(agent)<{ searchKnowledge: Hit[] }>(SEARCH, question);
    expect(fresh.data?.searchKnowledge.map((hit) => hit.text)).toContain('changed behind the cache');
  });

  it('degrades to keyword results with a warning when Chroma is down, and recovers when it is back', async () => {
    await kb.stopChroma();
    try {
      const result = await kb.as(agent)<{ searchKnowledge: Hit[] }>(SEARCH, { q: 'turnover tax rate small business' });
      expect(result.errors).toBeUndefined();
      expect(result.data?.searchKnowledge.length).toBeGreaterThan(0);
      expect((result.extensions?.warnings as string[] | undefined)?.[0]).toMatch(/keyword results only/);
    } finally {
      await kb.restartChroma();
    }
    const again = await kb.as(agent)(SEARCH, { q: 'turnover tax rate small business', m: 'VECTOR' });
    expect(again.extensions).toBeUndefined();
  });

  it('deletes a document', async () => {
    const created = await kb.as(admin)<{ ingestDocument: { id: string } }>(INGEST, {
      input: { collection: 'tax_genius', title: 'Temp', text: '# Temp\n\nTemporary passage about zebras.' },
    });
    const deleted = await kb.as(admin)('mutation($id: ID!) { deleteDocument(id: $id) }', { id: created.data?.ingestDocument.id });
    expect(deleted.data).toEqual({ deleteDocument: true });
    const result = await kb.as(agent)<{ searchKnowledge: Hit[] }>(SEARCH, { q: 'zebras' });
    expect(result.data?.searchKnowledge.map((hit) => hit.citation.title)).not.toContain('Temp');
    const again = await kb.as(admin)('mutation($id: ID!) { deleteDocument(id: $id) }', { id: created.data?.ingestDocument.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
