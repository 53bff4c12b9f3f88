import { staleNotes } from '../generation/freshness.js';
import { tokenize } from '../generation/offline.js';
import type { TokenWriter } from '../generation/token-writer.js';
import type { FinalMessage } from '../message/memory-api.js';
import type { ReviewedAnswerMatch } from './reviewed-answers.js';

/**
 * Streams a reviewed answer through the same token log as any answer, word by word and at once (no
 * pause between tokens), with a note for each cited document that needs review now; answers the
 * final message, with the reviewed answer's citations.
 */
export async function streamReviewedAnswer(reviewed: ReviewedAnswerMatch, writer: TokenWriter, signal: AbortSignal): Promise<FinalMessage> {
  for (const token of tokenize([reviewed.answer, ...staleNotes(reviewed.citations)].join('\n\n'))) {
    if (signal.aborted) throw signal.reason as Error;
    writer.push(token);
  }
  await writer.flush();
  return {
    status: 'COMPLETE',
    content: writer.text,
    model: null,
    inputTokens: null,
    outputTokens: null,
    offline: false,
    citations: reviewed.citations.map((citation) => ({ ...citation, headingPath: citation.headingPath ?? [] })),
    error: null,
  };
}
