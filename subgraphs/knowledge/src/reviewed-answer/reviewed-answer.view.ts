import type { CitationRecord, ResultCodec } from '@nusa/subgraph';
import type { ReviewedAnswerEntity, ReviewedAnswerStatus } from './reviewed-answer.entity.js';

/** A reviewed answer as the API answers with it. */
export interface ReviewedAnswerView {
  id: string;
  question: string;
  answer: string;
  citations: CitationRecord[];
  status: ReviewedAnswerStatus;
  reviewNote: string | null;
  reviewedBy: string;
  reviewedAt: Date;
  sourceMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function reviewedAnswerView(entity: ReviewedAnswerEntity): ReviewedAnswerView {
  return {
    id: entity.id,
    question: entity.question,
    answer: entity.answer,
    citations: entity.citations,
    status: entity.status,
    reviewNote: entity.reviewNote,
    reviewedBy: entity.reviewedByName,
    reviewedAt: entity.reviewedAt,
    sourceMessageId: entity.sourceMessageId,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

/** The times of a reviewed answer's view, which its JSON holds as ISO strings. */
type ReviewedAnswerTimes = 'reviewedAt' | 'createdAt' | 'updatedAt';

/**
 * A reviewed answer answered to a request with an Idempotency-Key, kept as its view's JSON and given
 * back to a retry as that view: the retry answers what the first request answered, whatever changed since.
 */
export const reviewedAnswerResult: ResultCodec<ReviewedAnswerView> = {
  store: (view) => view,
  replay: (stored) => {
    const view = stored as Omit<ReviewedAnswerView, ReviewedAnswerTimes> & Record<ReviewedAnswerTimes, string>;
    return {
      ...view,
      reviewedAt: new Date(view.reviewedAt),
      createdAt: new Date(view.createdAt),
      updatedAt: new Date(view.updatedAt),
    };
  },
};
