import { badUserInput, forbidden, Role, type AuthenticatedCaller } from '@nusa/platform';
import { parseId, type CitationRecord } from '@nusa/subgraph';
import type { ChatContext } from '../context.js';
import type { StoredMessage } from '../message/memory-api.js';
import { requireChatUser } from '../message/message.service.js';
import type { ReviewedAnswerDraft } from './reviewed-answers.js';
import type { ReviewedAnswer, SaveReviewedAnswerInput } from './reviewed-answer.type.js';

/** Reviewed answers are an admin's word: only a signed-in admin may save one. */
function requireAdmin(context: ChatContext): AuthenticatedCaller & { kind: 'member' } {
  const caller = requireChatUser(context);
  if (caller.kind !== 'member' || caller.role !== Role.ADMIN)
    throw forbidden('Only an administrator signed in as a team member may save a reviewed answer');
  return caller;
}

/** The question that opened the turn of an assistant message: the user message just before it. */
async function questionOf(context: ChatContext, message: StoredMessage): Promise<string> {
  const turn = await context.memory.context(message.conversationId, '');
  const question = turn.recent.find((earlier) => earlier.seq === message.seq - 1);
  if (question?.role !== 'USER') {
    throw badUserInput('input.question', 'the question of this message is not among the last messages of its conversation: give it');
  }
  return question.content;
}

/** What the message says, when one is given: its question, content and citations. */
async function fromMessage(context: ChatContext, caller: AuthenticatedCaller, input: SaveReviewedAnswerInput) {
  if (!input.messageId) return null;
  const message = (await context.memory.message(parseId(input.messageId, 'input.messageId'), caller)) as StoredMessage & {
    citations?: CitationRecord[];
  };
  if (message.role !== 'ASSISTANT') throw badUserInput('input.messageId', 'is not an assistant message');
  if (message.status !== 'COMPLETE') throw badUserInput('input.messageId', `is ${message.status}; only a complete answer can be reviewed`);
  return {
    message,
    question: input.question ?? (await questionOf(context, message)),
    citations: message.citations ?? [],
  };
}

/**
 * Saves an answer as reviewed by the admin calling: from an assistant message (its question, text and
 * citations, each of which the input may replace, the text edited), or from the question and answer
 * given. The knowledge service checks the citations against the knowledge base.
 */
export async function saveReviewedAnswer(context: ChatContext, input: SaveReviewedAnswerInput): Promise<ReviewedAnswer> {
  const caller = requireAdmin(context);
  if (!input.messageId && !input.question) throw badUserInput('input.question', 'give a messageId or the question');
  if (!input.messageId && !input.answer) throw badUserInput('input.answer', 'give a messageId or the answer');
  const source = await fromMessage(context, caller, input);
  const draft: ReviewedAnswerDraft = {
    id: input.id ? parseId(input.id, 'input.id') : null,
    question: input.question ?? source?.question ?? '',
    answer: input.answer ?? source?.message.content ?? '',
    citations: (input.citations ?? source?.citations ?? []).map(({ documentId, chunkIndex }) => ({ documentId, chunkIndex })),
    reviewer: { id: caller.id, name: caller.name },
    sourceMessageId: source?.message.id ?? null,
  };
  return context.reviewedAnswers.save(draft);
}
