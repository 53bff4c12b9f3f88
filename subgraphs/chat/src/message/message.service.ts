import { badUserInput, requireCaller, requireScope, Scope, type AuthenticatedCaller } from '@nusa/platform';
import { parseId } from '@nusa/subgraph';
import type { ChatContext } from '../context.js';
import type { StoredMessage } from './memory-api.js';
import type { SendMessageInput, SendMessagePayload } from './message.type.js';

/** The largest question accepted, in bytes of UTF-8 (the memory service keeps the same limit). */
export const MAX_CONTENT_BYTES = 32 * 1024;
const MAX_IDEMPOTENCY_KEY = 160;

/** Chat is for the team, platform services and API keys with the `chat` scope (which see what an agent sees). */
export function requireChatUser(context: ChatContext): AuthenticatedCaller {
  const caller = requireCaller(context);
  requireScope(caller, Scope.Chat);
  return caller;
}

/** An assistant message the caller may see, or NOT_FOUND / BAD_USER_INPUT. */
export async function visibleAnswer(context: ChatContext, messageId: string): Promise<StoredMessage> {
  const caller = requireChatUser(context);
  const message = await context.memory.message(parseId(messageId, 'messageId'), caller);
  if (message.role !== 'ASSISTANT') throw badUserInput('messageId', 'is not an assistant message; only answers have a stream');
  return message;
}

function checkQuestion(input: SendMessageInput): void {
  if (input.content.trim().length === 0) throw badUserInput('input.content', 'must not be empty');
  const bytes = Buffer.byteLength(input.content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) throw badUserInput('input.content', `is ${bytes} bytes; the limit is ${MAX_CONTENT_BYTES}`);
  const key = input.idempotencyKey;
  if (key !== undefined && key !== null && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) {
    throw badUserInput('input.idempotencyKey', `must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`);
  }
}

/**
 * Asks the assistant: the question is stored and the answer opened (STREAMING) in memory first, so
 * it is never lost, then the answer is written in the background. Sending again with the same
 * idempotency key (`input.idempotencyKey`, or the request's Idempotency-Key) returns the same two
 * messages and starts nothing: an answer already claimed by a generator is not started again.
 */
export async function sendMessage(context: ChatContext, input: SendMessageInput): Promise<SendMessagePayload> {
  const caller = requireChatUser(context);
  const conversationId = parseId(input.conversationId, 'input.conversationId');
  checkQuestion(input);
  // Asked for while the turn is stored, so a reviewed answer's first token waits for neither alone; a failure is a miss.
  const reviewed = context.reviewedAnswers.match(input.content, context.requestId);
  reviewed.catch(() => undefined);
  const turn = await context.memory.openTurn({
    conversationId,
    content: input.content,
    authorId: caller.kind === 'member' ? caller.id : null,
    idempotencyKey: input.idempotencyKey ?? undefined,
    requestKey: context.idempotencyKey,
    onBehalfOf: caller,
  });
  if (turn.assistantMessage.status === 'STREAMING') {
    await context.generator.start({
      conversationId,
      question: input.content,
      assistantMessageId: turn.assistantMessage.id,
      caller,
      requestId: context.requestId,
      reviewed,
    });
  }
  return { userMessage: { id: turn.userMessage.id }, assistantMessage: { id: turn.assistantMessage.id }, offline: context.offline };
}

/** Stops an answer being written; false when it had already ended. */
export async function cancelGeneration(context: ChatContext, messageId: string): Promise<boolean> {
  const message = await visibleAnswer(context, messageId);
  if (message.status !== 'STREAMING') return false;
  await context.generator.cancel(message.id);
  return true;
}
