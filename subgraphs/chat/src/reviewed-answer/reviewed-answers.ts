import { ServiceClient } from '@nusa/platform';
import type { CitationRecord } from '@nusa/subgraph';
import { CHAT_SERVICE } from '../message/memory-api.js';

/** A reviewed answer the knowledge service found for a question. */
export interface ReviewedAnswerMatch {
  id: string;
  question: string;
  answer: string;
  /** Its citations, each saying whether its document needs review now. */
  citations: CitationRecord[];
  reviewedBy: string;
  /** An ISO date-time. */
  reviewedAt: string;
  similarity: number;
}

/** A reviewed answer to save, as the knowledge service takes it. */
export interface ReviewedAnswerDraft {
  id: string | null;
  question: string;
  answer: string;
  citations: { documentId: string; chunkIndex: number }[];
  reviewer: { id: string | null; name: string };
  sourceMessageId: string | null;
}

/**
 * The knowledge service's reviewed answers, through its internal routes (as the chat service: the
 * caller's own rights were checked here). The match is one small POST: it stands before every
 * answer's first token, so it skips GraphQL execution and has a short deadline.
 */
export class ReviewedAnswers {
  private readonly knowledge: ServiceClient;

  constructor(knowledgeGraphqlUrl: string, internalSecret: string) {
    this.knowledge = new ServiceClient({ service: 'knowledge', url: knowledgeGraphqlUrl, internalSecret, timeoutMs: 2000 });
  }

  async match(question: string, requestId?: string): Promise<ReviewedAnswerMatch | null> {
    const answer = await this.knowledge.post<{ match: ReviewedAnswerMatch | null }>(
      '/internal/reviewed-answers/match',
      { question },
      { as: CHAT_SERVICE, requestId },
    );
    return answer.match;
  }

  async save(draft: ReviewedAnswerDraft): Promise<{ id: string }> {
    return (
      await this.knowledge.post<{ reviewedAnswer: { id: string } }>('/internal/reviewed-answers/save', draft, {
        as: CHAT_SERVICE,
        timeoutMs: 10_000,
      })
    ).reviewedAnswer;
  }

  /** Records that the message was answered from the reviewed answer; safe to repeat. */
  async served(messageId: string, reviewedAnswerId: string): Promise<void> {
    await this.knowledge.post('/internal/reviewed-answers/served', { messageId, reviewedAnswerId }, { as: CHAT_SERVICE, retries: 2 });
  }
}
