/** One piece of an assistant message as it streams: `seq` counts 1, 2, 3 … per message, with no gaps. */
export interface StreamEvent {
  messageId: string;
  seq: number;
  delta: string;
  done: boolean;
  error: string | null;
}

/**
 * How long a message whose generator died before its done event is kept after its last append (and, in process,
 * while nobody reads it): a day, or the done retention when that is longer.
 */
export const UNFINISHED_RETENTION_SECONDS = 86_400;

/** An append whose first seq does not continue the stored ones (a second or stale writer), or that follows the done event. */
export class SeqConflict extends Error {
  override readonly name = 'SeqConflict';

  constructor(
    readonly messageId: string,
    /** The newest stored seq (0 when nothing is stored). */
    readonly storedSeq: number,
    readonly attemptedSeq: number,
    /** Whether the stored events already end with the done event. */
    readonly finished: boolean,
  ) {
    super(
      finished
        ? `message ${messageId} is already done at seq ${storedSeq}; seq ${attemptedSeq} cannot follow`
        : `message ${messageId} continues at seq ${storedSeq + 1}, not ${attemptedSeq}`,
    );
  }
}

/**
 * Checks that a batch is one message's events, consecutive, with the done event (if any) last, and returns the
 * message and its first seq. A gap inside the batch is a `SeqConflict`; the rest are programming errors.
 */
export function batchStart(events: readonly StreamEvent[]): { messageId: string; firstSeq: number } | null {
  const first = events[0];
  if (!first) return null;
  if (!Number.isSafeInteger(first.seq) || first.seq < 1) throw new RangeError(`seq must be a positive integer, got ${first.seq}`);
  events.forEach((event, index) => {
    if (event.messageId !== first.messageId)
      throw new Error(`one append carries one message's events: ${first.messageId}, ${event.messageId}`);
    if (event.seq !== first.seq + index) throw new SeqConflict(first.messageId, first.seq + index - 1, event.seq, false);
    if (event.done && index !== events.length - 1) throw new Error(`the done event must be the last of message ${first.messageId}`);
  });
  return { messageId: first.messageId, firstSeq: first.seq };
}

/** `afterSeq` as a read accepts it: 0 (from the start) or a positive integer. */
export function checkAfterSeq(afterSeq: number): number {
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new RangeError(`afterSeq must be a non-negative integer, got ${afterSeq}`);
  return afterSeq;
}

/** Seconds as whole milliseconds, for timers and PX/PEXPIRE; at least 1. */
export function secondsToMs(seconds: number, what: string): number {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError(`${what} must be a positive number of seconds, got ${seconds}`);
  return Math.max(1, Math.ceil(seconds * 1000));
}

export const ITERATION_DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
