import { Readable } from 'node:stream';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { badUserInput, requireCaller, requireScope, Scope, type AuthenticatedCaller } from '@nusa/platform';
import { parseId } from '@nusa/subgraph';
import type { ChatContext } from '../context.js';
import { CANCELLED_ERROR } from '../generation/generator.js';
import type { StoredMessage } from '../services/memory-api.js';
import type { StreamEvent } from '../stream/token-log.js';
import { Generation, MessageStatus, MessageStreamEvent, SendMessageInput, SendMessagePayload } from './chat.types.js';

/** The largest question accepted, in bytes of UTF-8 (the memory service keeps the same limit). */
export const MAX_CONTENT_BYTES = 32 * 1024;
const MAX_IDEMPOTENCY_KEY = 160;

/** Chat is for the team, platform services and API keys with the `chat` scope (which see what an agent sees). */
function requireChatUser(context: ChatContext): AuthenticatedCaller {
  const caller = requireCaller(context);
  requireScope(caller, Scope.Chat);
  return caller;
}

/** An assistant message the caller may see, or NOT_FOUND / BAD_USER_INPUT. */
async function visibleAnswer(context: ChatContext, messageId: string): Promise<StoredMessage> {
  const caller = requireChatUser(context);
  const message = await context.memory.message(parseId(messageId, 'messageId'), caller);
  if (message.role !== 'ASSISTANT') throw badUserInput('messageId', 'is not an assistant message; only answers have a stream');
  return message;
}

function statusOf(event: StreamEvent): MessageStatus {
  if (!event.done) return MessageStatus.STREAMING;
  if (event.error === null) return MessageStatus.COMPLETE;
  return event.error === CANCELLED_ERROR ? MessageStatus.CANCELLED : MessageStatus.FAILED;
}

/** The events after `afterSeq`: from the token log, or, once the log has expired, one final event. */
async function streamOf(context: ChatContext, messageId: string, afterSeq: number | null | undefined): Promise<AsyncIterable<StreamEvent>> {
  if (afterSeq !== null && afterSeq !== undefined && (!Number.isInteger(afterSeq) || afterSeq < 0)) {
    throw badUserInput('afterSeq', 'must be a whole number of at least 0');
  }
  const message = await visibleAnswer(context, messageId);
  const last = await context.log.last(message.id);
  if (!last && message.status !== 'STREAMING') {
    // The stream's retention is over: the message itself has the whole answer.
    const error = message.status === 'COMPLETE' ? null : message.status === 'CANCELLED' ? CANCELLED_ERROR : 'Failed';
    const final: StreamEvent = { messageId: message.id, seq: (afterSeq ?? 0) + 1, delta: '', done: true, error };
    return Readable.from([final]);
  }
  return context.log.read(message.id, afterSeq ?? 0);
}

@Resolver()
export class ChatResolver {
  @Query(() => Generation, { description: "Where an answer's token stream stands. NOT_FOUND when the message is not yours to see." })
  async generation(@Arg('messageId', () => ID) messageId: string, @Ctx() context: ChatContext): Promise<Generation> {
    const message = await visibleAnswer(context, messageId);
    const last = await context.log.last(message.id);
    const done = last?.done ?? message.status !== 'STREAMING';
    return { messageId: message.id, lastSeq: last?.seq ?? 0, done, running: !done && (await context.log.claimed(message.id)) };
  }

  @Mutation(() => SendMessagePayload, {
    description:
      'Stores the question, opens the answer (STREAMING) and starts writing it in the background; subscribe to messageStream with the answer id.',
  })
  async sendMessage(
    @Arg('input', () => SendMessageInput) input: SendMessageInput,
    @Ctx() context: ChatContext,
  ): Promise<SendMessagePayload> {
    const caller = requireChatUser(context);
    const conversationId = parseId(input.conversationId, 'input.conversationId');
    if (input.content.trim().length === 0) throw badUserInput('input.content', 'must not be empty');
    const bytes = Buffer.byteLength(input.content, 'utf8');
    if (bytes > MAX_CONTENT_BYTES) throw badUserInput('input.content', `is ${bytes} bytes; the limit is ${MAX_CONTENT_BYTES}`);
    const key = input.idempotencyKey ?? undefined;
    if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) {
      throw badUserInput('input.idempotencyKey', `must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`);
    }
    const turn = await context.memory.openTurn({
      conversationId,
      content: input.content,
      authorId: caller.kind === 'member' ? caller.id : null,
      idempotencyKey: key,
      onBehalfOf: caller,
    });
    if (turn.assistantMessage.status === 'STREAMING') {
      await context.generator.start({
        conversationId,
        question: input.content,
        assistantMessageId: turn.assistantMessage.id,
        caller,
        requestId: context.requestId,
      });
    }
    return { userMessage: { id: turn.userMessage.id }, assistantMessage: { id: turn.assistantMessage.id }, offline: context.offline };
  }

  @Mutation(() => Boolean, {
    description: 'Stops an answer being written; it ends CANCELLED with what was written so far. False when it had already ended.',
  })
  async cancelGeneration(@Arg('messageId', () => ID) messageId: string, @Ctx() context: ChatContext): Promise<boolean> {
    const message = await visibleAnswer(context, messageId);
    if (message.status !== 'STREAMING') return false;
    await context.generator.cancel(message.id);
    return true;
  }

  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  @Subscription(() => MessageStreamEvent, {
    description:
      "An answer's tokens as they are written. afterSeq (default 0) replays every event after it, then goes live with no gap and no duplicate; the stream ends after the event with done: true.",
    subscribe: ({ args, context }) => {
      const { messageId, afterSeq } = args as { messageId: string; afterSeq?: number | null };
      return streamOf(context as ChatContext, messageId, afterSeq);
    },
  })
  messageStream(
    @Root() event: StreamEvent,
    @Arg('afterSeq', () => Int, { nullable: true }) _afterSeq: number | null,
    @Arg('messageId', () => ID) _messageId: string,
  ): MessageStreamEvent {
    return { ...event, status: statusOf(event), message: { id: event.messageId } };
  }
}
