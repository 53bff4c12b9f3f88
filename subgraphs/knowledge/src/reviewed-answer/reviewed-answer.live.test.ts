import { identityHeaders, TEST_SECRETS } from '@nusa/platform/testing';
import type { Caller } from '@nusa/platform';
import { ADMIN, AGENT, INGEST, startKnowledgeWithTaxDocument, type KnowledgeHarness } from '../testing';
import { ReviewedAnswerIndex } from './reviewed-answer.index';
import { REVIEWED_ANSWER_ROUTES } from './reviewed-answer.routes';

const CHAT: Caller = { kind: 'service', name: 'chat' };
const REVIEWER = { id: ADMIN.kind === 'member' ? ADMIN.id : null, name: 'Admin' };

let kb: KnowledgeHarness;
let documentId: string;
beforeAll(async () => {
  kb = await startKnowledgeWithTaxDocument('knowledge_reviewed');
  const created = await kb.as(ADMIN)<{ ingestDocument: { id: string } }>(INGEST, {
    input: {
      collection: 'visa_oracle',
      title: 'Visa on arrival',
      source: 'https://example.org/voa',
      text: '# Visa on arrival\n\nThe visa on arrival costs IDR 500,000 and is valid for 30 days, extendable once for another 30 days.',
    },
  });
  documentId = created.data?.ingestDocument.id ?? '';
}, 300_000);
afterAll(() => kb.stop());

/** Posts to an internal route as `caller`; answers the status and the JSON body. */
async function post<T>(path: string, body: unknown, caller: Caller = CHAT): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, kb.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...identityHeaders(caller, TEST_SECRETS.internalSecret, 'knowledge') },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface Match {
  match: { id: string; answer: string; reviewedBy: string; citations: { documentId: string; title: string; stale: boolean }[] } | null;
}

async function save(question: string, answer: string, citations = [{ documentId, chunkIndex: 0 }]) {
  return post<{ reviewedAnswer: { id: string; status: string }; error?: { code: string; message: string } }>(REVIEWED_ANSWER_ROUTES.save, {
    question,
    answer,
    citations,
    reviewer: REVIEWER,
  });
}

describe('reviewed answers in the knowledge service', () => {
  let saved: string;

  it('saves a reviewed answer with its citations read from the knowledge base, and refuses a passage it does not hold', async () => {
    const result = await save('How much does the visa on arrival cost?', 'IDR 500,000 [1].');
    expect(result.status).toBe(200);
    saved = result.body.reviewedAnswer.id;
    const listed = await kb.as(AGENT)<{ reviewedAnswers: { id: string; status: string; citations: { title: string }[] }[] }>(
      '{ reviewedAnswers(status: ACTIVE) { id status citations { title } } }',
    );
    expect(listed.data?.reviewedAnswers).toEqual([{ id: saved, status: 'ACTIVE', citations: [{ title: 'Visa on arrival' }] }]);

    const unknown = await save('Another question?', 'An answer.', [{ documentId, chunkIndex: 7 }]);
    expect([unknown.status, unknown.body.error?.code]).toEqual([400, 'BAD_USER_INPUT']);
    const empty = await save('  ', 'An answer.');
    expect([empty.status, empty.body.error?.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('matches a paraphrase and not a question that asks for something else about the same thing', async () => {
    const hit = await post<Match>(REVIEWED_ANSWER_ROUTES.match, { question: 'how much does the VOA cost' });
    expect(hit.body.match).toMatchObject({ id: saved, answer: 'IDR 500,000 [1].', reviewedBy: 'Admin' });
    expect(hit.body.match?.citations).toEqual([expect.objectContaining({ documentId, title: 'Visa on arrival', stale: false })]);
    const miss = await post<Match>(REVIEWED_ANSWER_ROUTES.match, { question: 'How long is the visa on arrival valid?' });
    expect(miss.body.match).toBeNull();
  });

  it('answers only platform services on its internal routes', async () => {
    const refused = await post<{ error: { code: string } }>(REVIEWED_ANSWER_ROUTES.match, { question: 'x' }, ADMIN);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('says a cited document needs review once it is past its day, and not after an admin checked it', async () => {
    await kb.as(ADMIN)('mutation($input: MarkDocumentCheckedInput!) { markDocumentChecked(input: $input) { id } }', {
      input: { id: documentId, validUntil: '2026-01-31' },
    });
    const stale = await post<Match>(REVIEWED_ANSWER_ROUTES.match, { question: 'How much does the visa on arrival cost?' });
    expect(stale.body.match?.citations[0]?.stale).toBe(true);
    await kb.as(ADMIN)('mutation($input: MarkDocumentCheckedInput!) { markDocumentChecked(input: $input) { id } }', {
      input: { id: documentId, validUntil: '2030-01-31' },
    });
    const fresh = await post<Match>(REVIEWED_ANSWER_ROUTES.match, { question: 'How much does the visa on arrival cost?' });
    expect(fresh.body.match?.citations[0]?.stale).toBe(false);
  });

  it('marks the answers citing a deleted document NEEDS_REVIEW, and no instance serves them any more', async () => {
    // Another instance's index over the same database, loaded before the delete.
    const other = new ReviewedAnswerIndex(365);
    expect((await other.match(kb.orm.em.fork(), 'How much does the visa on arrival cost?'))?.id).toBe(saved);
    const deleted = await kb.as(ADMIN)('mutation($id: ID!) { deleteDocument(id: $id) }', { id: documentId });
    expect(deleted.errors).toBeUndefined();
    const review = await kb.as(AGENT)<{ reviewedAnswers: { id: string; reviewNote: string }[] }>(
      '{ reviewedAnswers(status: NEEDS_REVIEW) { id reviewNote } }',
    );
    expect(review.data?.reviewedAnswers).toEqual([
      { id: saved, reviewNote: expect.stringContaining('Visa on arrival was deleted') as string },
    ]);
    expect(await other.match(kb.orm.em.fork(), 'How much does the visa on arrival cost?')).toBeNull();
    expect(
      (await post<Match>(REVIEWED_ANSWER_ROUTES.match, { question: 'How much does the visa on arrival cost?' })).body.match,
    ).toBeNull();
  });

  it('lets only admins retire a reviewed answer, and answers NOT_FOUND for an unknown one', async () => {
    const forbidden = await kb.as(AGENT)('mutation($id: ID!) { retireReviewedAnswer(id: $id) { status } }', { id: saved });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await kb.as(ADMIN)('mutation($id: ID!) { retireReviewedAnswer(id: $id) { status } }', {
      id: '00000000-0000-4000-8000-0000000000ff',
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
