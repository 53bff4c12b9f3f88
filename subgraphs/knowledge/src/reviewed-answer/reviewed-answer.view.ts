import { jsonResultWithDates, type CitationRecord } from '@nusa/subgraph';
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

/** A reviewed answer answered to a request with an Idempotency-Key, given back to a retry as it was answered. */
export const reviewedAnswerResult = jsonResultWithDates<ReviewedAnswerView>('reviewedAt', 'createdAt', 'updatedAt');
