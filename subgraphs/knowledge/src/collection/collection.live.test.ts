import { AGENT, startKnowledgeWithTaxDocument, type KnowledgeHarness } from '../testing';

let kb: KnowledgeHarness;
beforeAll(async () => {
  kb = await startKnowledgeWithTaxDocument('knowledge_collections');
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
