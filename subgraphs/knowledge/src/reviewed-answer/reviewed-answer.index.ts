import type { EntityManager } from '@mikro-orm/postgresql';
import type { CitationRecord } from '@nusa/subgraph';
import { needsReview } from '../document/freshness.js';
import { asksOf, formOf, MATCH_THRESHOLD, questionKey, similarity, type QuestionKey } from './question-match.js';

/** A reviewed answer that answers a new question, with what chat streams and shows. */
export interface ReviewedAnswerMatch {
  id: string;
  question: string;
  answer: string;
  /** Its citations, each saying whether its document needs review now. */
  citations: CitationRecord[];
  reviewedBy: string;
  reviewedAt: Date;
  /** How close the new question is to the reviewed one (cosine, 0 to 1). */
  similarity: number;
}

interface IndexedAnswer extends Omit<ReviewedAnswerMatch, 'similarity' | 'citations'> {
  key: QuestionKey;
  citations: (CitationRecord & { validUntil: string | null })[];
}

interface Row {
  id: string;
  question: string;
  answer: string;
  citations: CitationRecord[];
  question_vector: number[];
  reviewed_by_name: string;
  reviewed_at: Date;
}

/**
 * The ACTIVE reviewed answers of this instance, in memory: a match is one tiny read (the version
 * counter, which every change moves on in its own transaction) and a cosine against each answer
 * in process. The answers are read again only when the counter has moved, so every instance
 * serves what is committed, and an answer a re-ingest marked NEEDS_REVIEW is never served again.
 * A few thousand reviewed answers of 1,024 floats each are a few tens of MB at most and a
 * millisecond of arithmetic; past that, pgvector would be the next step.
 */
export class ReviewedAnswerIndex {
  private loaded: { version: string; answers: IndexedAnswer[] } | undefined;
  private loading: Promise<{ version: string; answers: IndexedAnswer[] }> | undefined;

  constructor(
    private readonly reviewAfterDays: number,
    private readonly threshold: number = MATCH_THRESHOLD,
  ) {}

  /** The closest ACTIVE reviewed answer at or above the threshold, or null. */
  async match(em: EntityManager, question: string): Promise<ReviewedAnswerMatch | null> {
    const [answers, key] = await Promise.all([this.answers(em), questionKey(question)]);
    let best: IndexedAnswer | undefined;
    let bestScore = -1;
    for (const answer of answers) {
      const score = similarity(key, answer.key);
      if (score > bestScore) {
        best = answer;
        bestScore = score;
      }
    }
    if (!best || bestScore < this.threshold) return null;
    const now = new Date();
    return {
      id: best.id,
      question: best.question,
      answer: best.answer,
      reviewedBy: best.reviewedBy,
      reviewedAt: best.reviewedAt,
      similarity: Math.round(bestScore * 1000) / 1000,
      citations: best.citations.map(({ validUntil, ...citation }) => ({
        ...citation,
        stale: needsReview({ lastCheckedAt: new Date(citation.lastCheckedAt ?? 0), validUntil }, this.reviewAfterDays, now),
      })),
    };
  }

  private async answers(em: EntityManager): Promise<IndexedAnswer[]> {
    const [row] = await em
      .getConnection()
      .execute<{ version: string }[]>('select version from knowledge_reviewed_answer_version where id = 1');
    const version = String(row?.version ?? '0');
    // One reload at a time; one that began before this version was committed is followed by another.
    let loaded = this.loaded;
    while (!loaded || BigInt(loaded.version) < BigInt(version)) {
      this.loading ??= this.load(em, version).finally(() => {
        this.loading = undefined;
      });
      loaded = await this.loading;
      if (!this.loaded || BigInt(loaded.version) > BigInt(this.loaded.version)) this.loaded = loaded;
    }
    return loaded.answers;
  }

  private async load(em: EntityManager, version: string): Promise<{ version: string; answers: IndexedAnswer[] }> {
    const rows = await em.execute<Row[]>(
      `select id, question, answer, citations, question_vector, reviewed_by_name, reviewed_at
           from knowledge_reviewed_answer where status = 'ACTIVE'`,
    );
    const freshness = new Map(
      (
        await em
          .getConnection()
          .execute<{ id: string; last_checked_at: Date; valid_until: string | null }[]>(
            `select id::text, last_checked_at, valid_until from knowledge_document where id::text in (select unnest(cited_document_ids) from knowledge_reviewed_answer where status = 'ACTIVE')`,
          )
      ).map((document) => [document.id, document]),
    );
    const answers = rows.map((row): IndexedAnswer => ({
      id: row.id,
      question: row.question,
      answer: row.answer,
      reviewedBy: row.reviewed_by_name,
      reviewedAt: new Date(row.reviewed_at),
      key: { vector: row.question_vector, asks: asksOf(row.question), form: formOf(row.question) },
      citations: row.citations.map((citation) => {
        const document = freshness.get(citation.documentId);
        return {
          ...citation,
          lastCheckedAt: document ? new Date(document.last_checked_at) : null,
          validUntil: document?.valid_until ?? null,
        };
      }),
    }));
    return { version, answers };
  }
}
