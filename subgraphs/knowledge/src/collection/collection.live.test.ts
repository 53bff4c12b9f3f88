import { ADMIN, AGENT, startKnowledge, type KnowledgeHarness } from '../testing';

const INGEST =
  'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { id title collection chunks { chunkIndex headingPath } } }';

let kb: KnowledgeHarness;
beforeAll(async () => {
  kb = await startKnowledge('knowledge_collections');
  await kb.as(ADMIN)(INGEST, {
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

describe('the knowledge collections', () => {
  it('lists the collections with their counts', async () => {
    const result = await kb.as(AGENT)<{ knowledgeCollections: { name: string; documentCount: number; chunkCount: number }[] }>(
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
});
