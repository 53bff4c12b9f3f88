import { randomUUID } from 'node:crypto';
import { identityHeaders, postGraphQL, TEST_SECRETS, type GraphQLResult } from '@nusa/platform/testing';
import { idempotentWrite, jsonResult, serviceActor } from '@nusa/subgraph';
import { REVIEWED_ANSWER_ROUTES } from '../reviewed-answer/reviewed-answer.routes';
import { ADMIN, startKnowledge, type KnowledgeHarness } from '../testing';
import { deleteDocument } from './document.service';
import { VectorStore } from '../vector-index/vector-store';

const INGEST = `mutation($input: IngestDocumentInput!) {
  ingestDocument(input: $input) { id title collection lastCheckedAt createdAt updatedAt needsReview metadata { key value } chunks { chunkIndex text } }
}`;
const DELETE = 'mutation($id: ID!) { deleteDocument(id: $id) }';
type Ingested = { ingestDocument: { id: string; title: string; chunks: { chunkIndex: number }[] } };

let kb: KnowledgeHarness;
let vectors: VectorStore;
beforeAll(async () => {
  kb = await startKnowledge('knowledge_idempotency');
  vectors = new VectorStore(kb.chroma.url);
}, 300_000);
afterAll(() => kb.stop());

/** One request as the admin, with an Idempotency-Key header when `key` is given. */
function post<TData = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  key?: string,
): Promise<GraphQLResult<TData>> {
  const headers = {
    ...identityHeaders(ADMIN, TEST_SECRETS.internalSecret, 'knowledge'),
    ...(key === undefined ? {} : { 'idempotency-key': key }),
  };
  return postGraphQL<TData>(kb.url, query, variables, headers);
}

/** A small document about `topic`, from its own source. */
function documentAbout(topic: string, text = `# ${topic}\n\nA passage about ${topic}.`) {
  return {
    input: {
      collection: 'visa_oracle',
      title: topic,
      source: `https://example.org/${encodeURIComponent(topic)}`,
      text,
      metadata: [{ key: 'asOf', value: '2026-12-01' }],
    },
  };
}

function sql<T = Record<string, unknown>>(statement: string, params: unknown[] = []): Promise<T[]> {
  return kb.orm.em.getConnection().execute<T[]>(statement, params);
}

async function count(statement: string, params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ n: number }>(statement, params);
  return Number(row?.n);
}

const documentsTitled = (title: string) => count('select count(*)::int as n from knowledge_document where title = ?', [title]);
const auditEntries = () => count('select count(*)::int as n from knowledge_audit_entry');
const auditEntriesOf = (action: string, entityId: string | undefined) =>
  count('select count(*)::int as n from knowledge_audit_entry where action = ? and entity_id = ?', [action, entityId]);

/** The ids of the chunk rows of the documents titled `title`. */
async function chunkIds(title: string): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    'select c.id from knowledge_chunk c join knowledge_document d on d.id = c.document_id where d.title = ?',
    [title],
  );
  return rows.map((row) => row.id);
}

/** The ids of every vector in the index in use. */
async function vectorIds(): Promise<string[]> {
  const [index] = await sql<{ chroma_collection: string }>('select chroma_collection from knowledge_vector_index where id = 1');
  if (!index) throw new Error('no vector index');
  return (await vectors.ids(index.chroma_collection)).sort();
}

describe('ingestDocument with an Idempotency-Key', () => {
  it('answers a retry with the first response and stores, audits and embeds the document once', async () => {
    const key = randomUUID();
    const first = await post<Ingested>(INGEST, documentAbout('Retried visa'), key);
    expect(first.errors).toBeUndefined();
    const [vectorsAfterFirst, auditedAfterFirst] = [await vectorIds(), await auditEntries()];
    const second = await post<Ingested>(INGEST, documentAbout('Retried visa'), key);
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(await documentsTitled('Retried visa')).toBe(1);
    expect(await auditEntriesOf('DOCUMENT_INGESTED', first.data?.ingestDocument.id)).toBe(1);
    expect(await auditEntries()).toBe(auditedAfterFirst);
    const chunks = await chunkIds('Retried visa');
    expect(chunks).toHaveLength(first.data?.ingestDocument.chunks.length ?? -1);
    expect(await vectorIds()).toEqual(vectorsAfterFirst);
    expect(vectorsAfterFirst).toEqual(expect.arrayContaining(chunks));
  });

  it('refuses the key sent again for a different document as IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
    const key = randomUUID();
    const first = await post<Ingested>(INGEST, documentAbout('Reused key visa'), key);
    expect(first.errors).toBeUndefined();
    const [vectorsBefore, auditedBefore] = [await vectorIds(), await auditEntries()];
    const other = await post<Ingested>(INGEST, documentAbout('Reused key visa', '# Reused key visa\n\nAnother text entirely.'), key);
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.data?.ingestDocument ?? null).toBeNull();
    expect(await sql('select id from knowledge_document where title = ?', ['Reused key visa'])).toEqual([
      { id: first.data?.ingestDocument.id },
    ]);
    expect(await auditEntries()).toBe(auditedBefore);
    expect(await vectorIds()).toEqual(vectorsBefore);
  });

  it('replaces a document ingested again under a new key, its old vectors removed once the replacement committed', async () => {
    const first = await post<Ingested>(INGEST, documentAbout('Replaced visa'), randomUUID());
    const oldChunks = await chunkIds('Replaced visa');
    const second = await post<Ingested>(INGEST, documentAbout('Replaced visa', '# Replaced visa\n\nThe newer passage.'), randomUUID());
    expect(second.errors).toBeUndefined();
    expect(second.data?.ingestDocument.id).not.toBe(first.data?.ingestDocument.id);
    const ids = await vectorIds();
    expect(ids).toEqual(expect.arrayContaining(await chunkIds('Replaced visa')));
    expect(ids.filter((id) => oldChunks.includes(id))).toEqual([]);
  });

  it('leaves a replaced document whole when the keyed transaction fails after the ingest: its rows and vectors stay, the new ones go', async () => {
    const first = await post<Ingested>(INGEST, documentAbout('Half-written visa'));
    const oldChunks = await chunkIds('Half-written visa');
    const [vectorsBefore, auditedBefore] = [await vectorIds(), await auditEntries()];
    const request = { scope: 'member:half-written', key: randomUUID(), field: 'ingestDocument', hash: 'h' };
    const attempt = idempotentWrite(
      kb.orm.em.fork(),
      request,
      async (tx) => {
        await kb.documents.ingest(tx, { collection: 'visa_oracle', title: 'Half-written visa', text: '# Half-written visa\n\nNewer.' });
        // As a failure to store the response, or of the commit, would.
        throw new Error('the keyed transaction failed after the ingest');
      },
      jsonResult,
    );
    await expect(attempt).rejects.toThrow('the keyed transaction failed after the ingest');
    expect(await sql('select id from knowledge_document where title = ?', ['Half-written visa'])).toEqual([
      { id: first.data?.ingestDocument.id },
    ]);
    expect(await chunkIds('Half-written visa')).toEqual(oldChunks);
    expect(await vectorIds()).toEqual(vectorsBefore);
    expect(await auditEntries()).toBe(auditedBefore);
    expect(await count('select count(*)::int as n from knowledge_idempotent_request where key = ?', [request.key])).toBe(0);
  });

  it('without a key, ingests the same request again as before: the document is replaced', async () => {
    const keys = await count('select count(*)::int as n from knowledge_idempotent_request');
    const first = await post<Ingested>(INGEST, documentAbout('Unkeyed visa'));
    const audited = await auditEntries();
    const second = await post<Ingested>(INGEST, documentAbout('Unkeyed visa'));
    expect(second.errors).toBeUndefined();
    expect(second.data?.ingestDocument.id).not.toBe(first.data?.ingestDocument.id);
    expect(await documentsTitled('Unkeyed visa')).toBe(1);
    expect(await auditEntriesOf('DOCUMENT_REPLACED', second.data?.ingestDocument.id)).toBe(1);
    expect(await auditEntries()).toBe(audited + 1);
    expect(await count('select count(*)::int as n from knowledge_idempotent_request')).toBe(keys);
  });
});

describe('deleteDocument with an Idempotency-Key', () => {
  async function ingested(topic: string): Promise<string> {
    const result = await post<Ingested>(INGEST, documentAbout(topic));
    const id = result.data?.ingestDocument.id;
    if (!id) throw new Error(JSON.stringify(result.errors));
    return id;
  }

  it('answers a retry with the first response and deletes and audits once, vectors and all', async () => {
    const id = await ingested('Deleted visa');
    const chunks = await chunkIds('Deleted visa');
    const key = randomUUID();
    const first = await post(DELETE, { id }, key);
    expect(first.errors).toBeUndefined();
    const second = await post(DELETE, { id }, key);
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(first.data).toEqual({ deleteDocument: true });
    expect(await documentsTitled('Deleted visa')).toBe(0);
    expect(await auditEntriesOf('DOCUMENT_DELETED', id)).toBe(1);
    expect((await vectorIds()).filter((vector) => chunks.includes(vector))).toEqual([]);
  });

  it('refuses the key sent again to delete another document as IDEMPOTENCY_KEY_REUSED and deletes nothing', async () => {
    const deleted = await ingested('Deleted first visa');
    const kept = await ingested('Kept visa');
    const chunks = await chunkIds('Kept visa');
    const key = randomUUID();
    expect((await post(DELETE, { id: deleted }, key)).errors).toBeUndefined();
    const other = await post(DELETE, { id: kept }, key);
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await documentsTitled('Kept visa')).toBe(1);
    expect(await auditEntriesOf('DOCUMENT_DELETED', kept)).toBe(0);
    expect(await vectorIds()).toEqual(expect.arrayContaining(chunks));
  });

  it('leaves a document whole when the keyed transaction fails after its delete: its rows and vectors stay', async () => {
    const id = await ingested('Undeleted visa');
    const [chunks, vectorsBefore, auditedBefore] = [await chunkIds('Undeleted visa'), await vectorIds(), await auditEntries()];
    const request = { scope: 'member:half-deleted', key: randomUUID(), field: 'deleteDocument', hash: 'h' };
    const attempt = idempotentWrite(
      kb.orm.em.fork(),
      request,
      async (tx) => {
        await deleteDocument(tx, vectors, id, serviceActor('test'));
        throw new Error('the keyed transaction failed after the delete');
      },
      jsonResult,
    );
    await expect(attempt).rejects.toThrow('the keyed transaction failed after the delete');
    expect(await chunkIds('Undeleted visa')).toEqual(chunks);
    expect(await vectorIds()).toEqual(vectorsBefore);
    expect(await auditEntries()).toBe(auditedBefore);
  });

  it('without a key, deletes as before: a second delete is NOT_FOUND', async () => {
    const id = await ingested('Unkeyed deleted visa');
    expect((await post(DELETE, { id })).data).toEqual({ deleteDocument: true });
    const again = await post(DELETE, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await auditEntriesOf('DOCUMENT_DELETED', id)).toBe(1);
  });
});

describe('the other knowledge mutations with an Idempotency-Key', () => {
  const CHECKED =
    'mutation($input: MarkDocumentCheckedInput!) { markDocumentChecked(input: $input) { id lastCheckedAt validUntil needsReview } }';
  const RETIRE = 'mutation($id: ID!) { retireReviewedAnswer(id: $id) { id status updatedAt } }';

  /** A reviewed answer citing `documentId`, saved as the chat service saves one. */
  async function reviewedAnswer(question: string, documentId: string): Promise<string> {
    const response = await fetch(new URL(REVIEWED_ANSWER_ROUTES.save, kb.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...identityHeaders({ kind: 'service', name: 'chat' }, TEST_SECRETS.internalSecret, 'knowledge'),
      },
      body: JSON.stringify({
        question,
        answer: 'See [1].',
        citations: [{ documentId, chunkIndex: 0 }],
        reviewer: { id: null, name: 'Admin' },
      }),
    });
    const body = (await response.json()) as { reviewedAnswer?: { id: string } };
    if (!body.reviewedAnswer) throw new Error(JSON.stringify(body));
    return body.reviewedAnswer.id;
  }

  it('answers a retried markDocumentChecked with the first response, checking the document once', async () => {
    const ingested = await post<Ingested>(INGEST, documentAbout('Checked visa'));
    const id = ingested.data?.ingestDocument.id;
    const key = randomUUID();
    const first = await post<{ markDocumentChecked: { lastCheckedAt: string } }>(CHECKED, { input: { id, validUntil: '2027-06-30' } }, key);
    expect(first.errors).toBeUndefined();
    const [row] = await sql<{ last_checked_at: Date }>('select last_checked_at from knowledge_document where id = ?', [id]);
    const second = await post(CHECKED, { input: { id, validUntil: '2027-06-30' } }, key);
    expect(second.data).toEqual(first.data);
    expect(await sql('select last_checked_at from knowledge_document where id = ?', [id])).toEqual([row]);
  });

  it('refuses the key of a retired reviewed answer sent to retire another as IDEMPOTENCY_KEY_REUSED, which stays ACTIVE', async () => {
    const ingested = await post<Ingested>(INGEST, documentAbout('Reviewed visa'));
    const documentId = ingested.data?.ingestDocument.id ?? '';
    const retired = await reviewedAnswer('How long does the reviewed visa last?', documentId);
    const kept = await reviewedAnswer('What does the reviewed visa cost?', documentId);
    const key = randomUUID();
    const first = await post(RETIRE, { id: retired }, key);
    expect(first.errors).toBeUndefined();
    expect(await post(RETIRE, { id: retired }, key)).toMatchObject({ data: first.data });
    const other = await post(RETIRE, { id: kept }, key);
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await sql('select status from knowledge_reviewed_answer where id = ?', [kept])).toEqual([{ status: 'ACTIVE' }]);
  });
});
