import { ITERATION_DONE, type StreamEvent } from './stream-event.js';

/** A message's events in process, shared by its readers. */
export interface MessageRecord {
  readonly events: StreamEvent[];
  done: boolean;
  /** Readers blocked on the next event: an append wakes them, nothing is copied per reader. */
  waiting: Set<InProcessReader>;
  attached: number;
  expiry: NodeJS.Timeout;
}

/** What a reader needs from its token log. */
export interface RecordHost {
  /** For a reader's first `next()`: the message it follows, created empty when nothing is stored yet; null once closed. */
  attach(reader: InProcessReader, messageId: string): MessageRecord | null;
  detach(reader: InProcessReader, record: MessageRecord): void;
}

/** Follows one message by index into its array; blocked, it waits in the message's `waiting` set. */
export class InProcessReader implements AsyncIterableIterator<StreamEvent> {
  private state: 'idle' | 'open' | 'ended' = 'idle';
  private record: MessageRecord | null = null;
  /** The last delivered seq, which is also the index of the next event. */
  private cursor: number;
  private pending: { resolve: (result: IteratorResult<StreamEvent, undefined>) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly log: RecordHost,
    private readonly messageId: string,
    afterSeq: number,
  ) {
    this.cursor = afterSeq;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<StreamEvent> {
    return this;
  }

  next(): Promise<IteratorResult<StreamEvent, undefined>> {
    if (this.pending) return Promise.reject(new Error('next() was called before the previous next() settled'));
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.state === 'ended') return Promise.resolve(ITERATION_DONE);
    if (this.state === 'idle') {
      this.record = this.log.attach(this, this.messageId);
      if (!this.record) {
        this.state = 'ended';
        return Promise.reject(new Error('the token log is closed'));
      }
      this.state = 'open';
    }
    const result = this.take();
    if (result) return Promise.resolve(result);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.record?.waiting.add(this);
    });
  }

  return(): Promise<IteratorResult<StreamEvent, undefined>> {
    this.end();
    return Promise.resolve(ITERATION_DONE);
  }

  /** Called by an append on a reader it took out of `waiting`. */
  wake(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    const result = this.take();
    if (result) {
      pending.resolve(result);
    } else {
      this.pending = pending;
      this.record?.waiting.add(this);
    }
  }

  /** Ends the reader; a waiting `next()` rejects with `error`, otherwise the next one does. */
  fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    this.end();
    if (pending) pending.reject(error);
    else this.failure = error;
  }

  private take(): IteratorResult<StreamEvent, undefined> | null {
    const record = this.record;
    if (!record) return null;
    const event = record.events[this.cursor];
    if (event) {
      this.cursor += 1;
      if (event.done) this.end();
      return { value: event, done: false };
    }
    if (record.done) {
      // The done event is at or before afterSeq: nothing will follow.
      this.end();
      return ITERATION_DONE;
    }
    return null;
  }

  private end(): void {
    if (this.state === 'ended') return;
    const record = this.record;
    const wasOpen = this.state === 'open';
    this.state = 'ended';
    if (wasOpen && record) {
      record.waiting.delete(this);
      this.log.detach(this, record);
    }
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(ITERATION_DONE);
  }
}
