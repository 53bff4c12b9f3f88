import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, notFound } from '@nusa/platform';
import type { CitationRecord } from '@nusa/subgraph';
import { questionKey } from './question-match.js';
import { ReviewedAnswerEntity, ReviewedAnswerStatus } from './reviewed-answer.entity.js';

/** Who reviewed an answer. */
export interface Reviewer {
  id: string | null;
  name: string;
}

/** A reviewed answer to save: a new one, or (with `id`) a new review of an existing one. */
export interface ReviewedAnswerDraft {
  id?: string | null;
  question: string;
  answer: string;
  /** The passages it cites, by document and chunk; the rest of each citation is read from the knowledge base. */
  citations: { documentId: string; chunkIndex: number }[];
  reviewer: Reviewer;
  sourceMessageId?: string | null;
}

const MAX_QUESTION = 2000;
const MAX_ANSWER_BYTES = 32 * 1024;
const MAX_CITATIONS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Moves the reviewed answers' version on, in the caller's transaction: every instance reloads its index. */
export async function touchReviewedAnswers(em: EntityManager): Promise<void> {
  await em.execute('update knowledge_reviewed_answer_version set version = version + 1 where id = 1');
}

function checkDraft(draft: ReviewedAnswerDraft): { question: string; answer: string } {
  const question = draft.question.trim();
  const answer = draft.answer.trim();
  if (!question) throw badUserInput('input.question', 'must not be empty');
  if (question.length > MAX_QUESTION) throw badUserInput('input.question', `must be at most ${MAX_QUESTION} characters`);
  if (!answer) throw badUserInput('input.answer', 'must not be empty');
  if (Buffer.byteLength(answer, 'utf8') > MAX_ANSWER_BYTES) throw badUserInput('input.answer', `must be at most ${MAX_ANSWER_BYTES} bytes`);
  if (draft.citations.length > MAX_CITATIONS) throw badUserInput('input.citations', `must be at most ${MAX_CITATIONS}`);
  return { question, answer };
}

/** The citations of `refs` as the knowledge base has them now; a document or passage it does not hold is BAD_USER_INPUT. */
async function citationsOf(em: EntityManager, refs: ReviewedAnswerDraft['citations']): Promise<CitationRecord[]> {
  const unique = [...new Map(refs.map((ref) => [`${ref.documentId}#${ref.chunkIndex}`, ref])).values()];
  for (const ref of unique) if (!UUID.test(ref.documentId)) throw badUserInput('input.citations', `${ref.documentId} is not a document id`);
  if (unique.length === 0) return [];
  const rows = await em.execute<(CitationRecord & { key: string })[]>(
    `select c.document_id as "documentId", c.title, d.source, c.collection, c.chunk_index as "chunkIndex", c.heading_path as "headingPath",
            c.document_id || '#' || c.chunk_index as key
       from knowledge_chunk c join knowledge_document d on d.id = c.document_id
      where (c.document_id::text, c.chunk_index) in (${unique.map(() => '(?, ?)').join(', ')})`,
    unique.flatMap((ref) => [ref.documentId.toLowerCase(), ref.chunkIndex]),
  );
  const byKey = new Map(rows.map(({ key, ...citation }) => [key, citation]));
  return unique.map((ref) => {
    const citation = byKey.get(`${ref.documentId.toLowerCase()}#${ref.chunkIndex}`);
    if (!citation)
      throw badUserInput('input.citations', `the knowledge base has no passage ${ref.chunkIndex} of document ${ref.documentId}`);
    return citation;
  });
}

/**
 * Saves a reviewed answer, ACTIVE, reviewed now by `reviewer`. With an id, the existing answer is
 * reviewed again (a NEEDS_REVIEW one becomes ACTIVE with what the reviewer wrote).
 */
export async function saveReviewedAnswer(em: EntityManager, draft: ReviewedAnswerDraft): Promise<ReviewedAnswerEntity> {
  const { question, answer } = checkDraft(draft);
  if (draft.id && !UUID.test(draft.id)) throw badUserInput('input.id', 'is not a reviewed answer id');
  const key = await questionKey(question);
  return em.transactional(async (tx) => {
    const citations = await citationsOf(tx, draft.citations);
    const fields = {
      question,
      answer,
      citations,
      citedDocumentIds: [...new Set(citations.map((citation) => citation.documentId))],
      questionVector: key.vector,
      status: ReviewedAnswerStatus.ACTIVE,
      reviewNote: null,
      reviewedById: draft.reviewer.id,
      reviewedByName: draft.reviewer.name.slice(0, 200),
      reviewedAt: new Date(),
    };
    let saved: ReviewedAnswerEntity;
    if (draft.id) {
      const existing = await tx.findOne(ReviewedAnswerEntity, { id: draft.id });
      if (!existing) throw notFound('ReviewedAnswer', draft.id);
      saved = tx.assign(existing, fields);
    } else {
      saved = tx.create(ReviewedAnswerEntity, { ...fields, sourceMessageId: draft.sourceMessageId ?? null });
    }
    await tx.flush();
    await touchReviewedAnswers(tx);
    return saved;
  });
}

/** Takes a reviewed answer out of service for good (it stays listed as RETIRED). */
export async function retireReviewedAnswer(em: EntityManager, id: string): Promise<ReviewedAnswerEntity> {
  return em.transactional(async (tx) => {
    const answer = await tx.findOne(ReviewedAnswerEntity, { id });
    if (!answer) throw notFound('ReviewedAnswer', id);
    answer.status = ReviewedAnswerStatus.RETIRED;
    await tx.flush();
    await touchReviewedAnswers(tx);
    return answer;
  });
}

/**
 * Marks the ACTIVE reviewed answers citing any of `documentIds` NEEDS_REVIEW, saying why, in the
 * caller's transaction (the re-ingest or delete that changed the documents); returns how many.
 */
export async function markAnswersCitingForReview(em: EntityManager, documentIds: string[], note: string): Promise<number> {
  if (documentIds.length === 0) return 0;
  const marked = await em.execute<{ id: string }[]>(
    `update knowledge_reviewed_answer set status = 'NEEDS_REVIEW', review_note = ?, updated_at = now()
        where status = 'ACTIVE' and cited_document_ids && array[${documentIds.map(() => '?').join(', ')}]::text[] returning id`,
    [note, ...documentIds],
  );
  if (marked.length > 0) await touchReviewedAnswers(em);
  return marked.length;
}

/** Records that `messageId` was answered from the reviewed answer, as its review stood then; a second record changes nothing. */
export async function recordServing(em: EntityManager, serving: { messageId: string; reviewedAnswerId: string }): Promise<void> {
  await em.execute(
    `insert into knowledge_reviewed_answer_serving (message_id, reviewed_answer_id, reviewed_by_name, reviewed_at, served_at)
       select ?, a.id, a.reviewed_by_name, a.reviewed_at, now() from knowledge_reviewed_answer a where a.id = ?
     on conflict (message_id) do nothing`,
    [serving.messageId, serving.reviewedAnswerId],
  );
}
