import type { GraphQLResult } from '@nusa/platform/testing';
import { ADMIN, AGENT, INGEST, SEARCH, startKnowledgeWithTaxDocument, type KnowledgeHarness, type SearchHit as Hit } from '../testing';
import { ChunkEntity } from './chunk.entity';

let kb: KnowledgeHarness;
beforeAll(async () => {
  kb = await startKnowledgeWithTaxDocument('knowledge_documents');
}, 300_000);
afterAll(() => kb.stop());

describe('documents', () => {
  it('serves a document with its chunks and metadata', async () => {
    const hit = (await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, { q: 'final tax' })).data?.searchKnowledge[0];
    const result = await kb.as(AGENT)<{
      knowledgeDocument: { metadata: { key: string; value: string }[]; chunks: { chunkIndex: number }[] };
    }>('query($id: ID!) { knowledgeDocument(id: $id) { title metadata { key value } chunks { chunkIndex text } } }', {
      id: hit?.citation.documentId,
    });
    expect(result.data?.knowledgeDocument.metadata).toEqual([{ key: 'asOf', value: '2026-11-01' }]);
    expect(result.data?.knowledgeDocument.chunks.map((c) => c.chunkIndex)).toEqual([0]);
  });

  it('lets only admins ingest and delete', async () => {
    const result = await kb.as(AGENT)(INGEST, { input: { collection: 'tax_genius', title: 'x', text: 'y' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['an empty document', 'is empty', { collection: 'tax_genius', title: 'Empty', text: '   ' }],
    ['a binary document', 'binary', { collection: 'tax_genius', title: 'Binary', text: 'PK\u0003\u0004\u0000\u0000' }],
    ['an unknown collection', 'no collection', { collection: 'nope', title: 'x', text: 'y' }],
  ])('refuses %s with BAD_USER_INPUT saying "%s"', async (_case, message, input) => {
    const result = await kb.as(ADMIN)(INGEST, { input });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(message);
  });

  it('deletes a document', async () => {
    const created = await kb.as(ADMIN)<{ ingestDocument: { id: string } }>(INGEST, {
      input: { collection: 'tax_genius', title: 'Temp', text: '# Temp\n\nTemporary passage about zebras.' },
    });
    const deleted = await kb.as(ADMIN)('mutation($id: ID!) { deleteDocument(id: $id) }', { id: created.data?.ingestDocument.id });
    expect(deleted.data).toEqual({ deleteDocument: true });
    const result = await kb.as(AGENT)<{ searchKnowledge: Hit[] }>(SEARCH, { q: 'zebras' });
    expect(result.data?.searchKnowledge.map((hit) => hit.citation.title)).not.toContain('Temp');
    const again = await kb.as(ADMIN)('mutation($id: ID!) { deleteDocument(id: $id) }', { id: created.data?.ingestDocument.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on KnowledgeDocument { id title collection chunks { chunkIndex text headingPath } } }
}`;

/** The SQL statements the knowledge service sends while `run` runs. */
async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const knex = kb.orm.em.getConnection().getKnex();
  const record = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', record);
  try {
    await run();
  } finally {
    knex.off('query', record);
  }
  return statements;
}

describe('reading documents', () => {
  let ids: string[] = [];
  beforeAll(async () => {
    ids = [];
    for (let i = 0; i < 12; i += 1) {
      const document = await kb.documents.ingest(kb.orm.em.fork(), {
        collection: 'legal_architect',
        title: `Batch ${i}`,
        text: `# Batch ${i}\n\nThe first passage of document ${i}.\n\n## Second part\n\nThe second passage of document ${i}.`,
      });
      ids.push(document.id);
    }
  }, 120_000);

  it('resolves N document references with their chunks in one statement for the documents and one for the chunks', async () => {
    type Entities = {
      _entities: { id: string; title: string; collection: string; chunks: { chunkIndex: number; text: string; headingPath: string[] }[] }[];
    };
    const representations = ids.map((id) => ({ __typename: 'KnowledgeDocument', id }));
    let two: GraphQLResult<Entities> | undefined;
    let twelve: GraphQLResult<Entities> | undefined;
    const forTwo = await statementsDuring(async () => {
      two = await kb.as(AGENT)<Entities>(ENTITIES, { representations: representations.slice(0, 2) });
    });
    const forTwelve = await statementsDuring(async () => {
      twelve = await kb.as(AGENT)<Entities>(ENTITIES, { representations });
    });
    expect(two?.errors).toBeUndefined();
    expect(twelve?.errors).toBeUndefined();
    expect(forTwelve.length).toBe(forTwo.length);
    expect(forTwelve.filter((sql) => /from "knowledge_document"/.test(sql))).toHaveLength(1);
    expect(forTwelve.filter((sql) => /from "knowledge_chunk"/.test(sql))).toHaveLength(1);
    expect(forTwelve).toHaveLength(2);

    const stored = await kb.orm.em.fork().find(ChunkEntity, { document: { $in: ids } }, { orderBy: { chunkIndex: 'asc' } });
    expect(twelve?.data?._entities.map((document) => document.id)).toEqual(ids);
    for (const document of twelve?.data?._entities ?? []) {
      expect(document.collection).toBe('legal_architect');
      expect(document.chunks).toEqual(
        stored
          .filter((chunk) => chunk.document.id === document.id)
          .map(({ chunkIndex, text, headingPath }) => ({ chunkIndex, text, headingPath })),
      );
      expect(document.chunks.length).toBeGreaterThan(1);
    }
  });

  it('reads the documents of several knowledgeDocument fields of one request together, and their chunks together', async () => {
    const query = `{ ${ids.map((id, i) => `d${i}: knowledgeDocument(id: "${id}") { title chunks { chunkIndex } }`).join(' ')} }`;
    let result: GraphQLResult<Record<string, { title: string; chunks: unknown[] }>> | undefined;
    const statements = await statementsDuring(async () => {
      result = await kb.as(AGENT)<Record<string, { title: string; chunks: unknown[] }>>(query);
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data?.d11?.title).toBe('Batch 11');
    expect(statements).toHaveLength(2);
  });

  it('answers an unknown document reference with NOT_FOUND and a malformed one with BAD_USER_INPUT, resolving the others', async () => {
    const result = await kb.as(AGENT)<{ _entities: ({ id: string } | null)[] }>(ENTITIES, {
      representations: [
        { __typename: 'KnowledgeDocument', id: ids[0] },
        { __typename: 'KnowledgeDocument', id: '00000000-0000-4000-8000-0000000000ff' },
        { __typename: 'KnowledgeDocument', id: 'not-an-id' },
      ],
    });
    expect(result.data?._entities[0]?.id).toBe(ids[0]);
    expect(result.data?._entities.slice(1)).toEqual([null, null]);
    expect(result.errors?.map((error) => error.extensions?.code).sort()).toEqual(['BAD_USER_INPUT', 'NOT_FOUND']);
  });
});
