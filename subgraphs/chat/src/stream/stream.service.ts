import { Readable } from 'node:stream';
import { badUserInput } from '@nusa/platform';
import type { ChatContext } from '../context.js';
import { CANCELLED_ERROR } from '../generation/generator.js';
import { visibleAnswer } from '../message/message.service.js';
import { MessageStatus } from '../message/message.type.js';
import type { Generation } from './stream.type.js';
import type { StreamEvent } from './token-log.js';

/** How the answer stands at `event`: STREAMING until its final event, then how it ended. */
export function statusOf(event: StreamEvent): MessageStatus {
  if (!event.done) return MessageStatus.STREAMING;
  if (event.error === null) return MessageStatus.COMPLETE;
  return event.error === CANCELLED_ERROR ? MessageStatus.CANCELLED : MessageStatus.FAILED;
}

/** The events after `afterSeq`: from the token log, or, once the log has expired, one final event. */
export async function streamOf(
  context: ChatContext,
  messageId: string,
  afterSeq: number | null | undefined,
): Promise<AsyncIterable<StreamEvent>> {
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

/** Where an answer's stream stands, without subscribing. */
export async function generationOf(context: ChatContext, messageId: string): Promise<Generation> {
  const message = await visibleAnswer(context, messageId);
  const last = await context.log.last(message.id);
  const done = last?.done ?? message.status !== 'STREAMING';
  return { messageId: message.id, lastSeq: last?.seq ?? 0, done, running: !done && (await context.log.claimed(message.id)) };
}
