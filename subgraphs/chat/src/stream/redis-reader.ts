import { ITERATION_DONE, type StreamEvent } from './stream-event.js';

/** Stored events fetched per XRANGE while replaying or catching up. */
export const REPLAY_PAGE = 500;
/** Live events a reader holds before it drops them and catches up from the stream instead. */
export const LIVE_BUFFER_LIMIT = 256;

/** What a reader needs from its token log. */
export interface ReaderHost {
  /** Adds the reader to its message's channel; resolves once the channel is subscribed. */
  join(reader: RedisReader): Promise<void>;
  leave(reader: RedisReader): void;
  /** Up to `count` stored events from `fromSeq` on. */
  range(messageId: string, fromSeq: number, count: number): Promise<StreamEvent[]>;
  last(messageId: string): Promise<StreamEvent | null>;
}

/**
 * Follows one message: subscribe first, then replay the stream from `afterSeq`, then deliver the published events,
 * dropping what was delivered already and reading any gap (or an overflowed buffer) back from the stream.
 */
export class RedisReader implements AsyncIterableIterator<StreamEvent> {
  private state: 'idle' | 'open' | 'ended' = 'idle';
  private lastSeq: number;
  private page: StreamEvent[] = [];
  private pageIndex = 0;
  private live: StreamEvent[] = [];
  private liveIndex = 0;
  /** The highest seq seen published, delivered or not. */
  private highestLive = 0;
  /** Whether the stream must be read (again) before live events: at the start, after a gap or a full page. */
  private catchUp = true;
  /** Set from outside a pull (a dropped buffer): turns into `catchUp` at the next loop, never racing a fetch. */
  private stale = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private pulling = false;

  constructor(
    private readonly host: ReaderHost,
    readonly messageId: string,
    afterSeq: number,
  ) {
    this.lastSeq = afterSeq;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<StreamEvent> {
    return this;
  }

  next(): Promise<IteratorResult<StreamEvent, undefined>> {
    if (this.pulling) return Promise.reject(new Error('next() was called before the previous next() settled'));
    this.pulling = true;
    return this.pull().finally(() => {
      this.pulling = false;
    });
  }

  return(): Promise<IteratorResult<StreamEvent, undefined>> {
    this.end();
    return Promise.resolve(ITERATION_DONE);
  }

  /** Events just published on the message's channel (shared by all its readers). */
  receive(events: readonly StreamEvent[]): void {
    if (this.state !== 'open') return;
    for (const event of events) {
      if (event.seq > this.highestLive) this.highestLive = event.seq;
      // A done event at or before afterSeq is kept: it tells a reader ahead of the end that nothing follows.
      if (event.seq > this.lastSeq || event.done) this.live.push(event);
    }
    if (this.live.length - this.liveIndex > LIVE_BUFFER_LIMIT) this.resync();
    this.signal();
  }

  /** Forgets the buffered live events; the stream has them. */
  resync(): void {
    this.live = [];
    this.liveIndex = 0;
    this.stale = true;
    this.signal();
  }

  /** Ends the reader: a waiting `next()` rejects with `error`, otherwise the next one does. */
  fail(error: Error): void {
    if (this.state === 'ended') return;
    this.failure = error;
    this.end();
  }

  private async pull(): Promise<IteratorResult<StreamEvent, undefined>> {
    try {
      if (this.state === 'idle') {
        this.state = 'open';
        await this.host.join(this);
      }
      for (;;) {
        if (this.failure) throw this.failure;
        if (this.state === 'ended') return ITERATION_DONE;
        if (this.stale) {
          this.stale = false;
          this.catchUp = true;
        }
        const stored = this.fromPage();
        if (stored) return this.deliver(stored);
        if (this.catchUp) {
          await this.fetchPage();
          continue;
        }
        const live = this.fromLive();
        if (live) return this.deliver(live);
        if (this.catchUp || this.state !== 'open') continue;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } catch (error) {
      // A failure from outside (connection lost, log closed) explains a command that failed with it.
      const failure = this.failure ?? error;
      this.failure = null;
      this.end();
      throw failure;
    }
  }

  private fromPage(): StreamEvent | null {
    while (this.pageIndex < this.page.length) {
      const event = this.page[this.pageIndex++] as StreamEvent;
      if (event.seq <= this.lastSeq) continue;
      if (event.seq !== this.lastSeq + 1) throw this.missing();
      return event;
    }
    return null;
  }

  private async fetchPage(): Promise<void> {
    // Everything published before this XRANGE is sent was stored before it runs (the append stores, then publishes).
    const publishedBefore = this.highestLive;
    const events = await this.host.range(this.messageId, this.lastSeq + 1, REPLAY_PAGE);
    if (this.state !== 'open') return;
    this.page = events;
    this.pageIndex = 0;
    this.catchUp = events.length === REPLAY_PAGE;
    if (events.length > 0) return;
    if (publishedBefore > this.lastSeq) throw this.missing();
    // Nothing stored after afterSeq: if the stored events end with the done event, nothing ever will be.
    const last = await this.host.last(this.messageId);
    if (last?.done && last.seq <= this.lastSeq) this.end();
  }

  private fromLive(): StreamEvent | null {
    while (this.liveIndex < this.live.length) {
      const event = this.live[this.liveIndex] as StreamEvent;
      if (event.seq === this.lastSeq + 1) {
        this.liveIndex += 1;
        return event;
      }
      if (event.seq > this.lastSeq + 1) {
        // A gap (a message lost or dropped): the missing events are stored, since they were stored before published.
        this.catchUp = true;
        return null;
      }
      this.liveIndex += 1;
      if (event.done) {
        this.end();
        return null;
      }
    }
    this.live.length = 0;
    this.liveIndex = 0;
    return null;
  }

  private deliver(event: StreamEvent): IteratorResult<StreamEvent, undefined> {
    this.lastSeq = event.seq;
    if (event.done) this.end();
    return { value: event, done: false };
  }

  private missing(): Error {
    return new Error(`events after seq ${this.lastSeq} of message ${this.messageId} are no longer stored`);
  }

  private end(): void {
    if (this.state === 'ended') return;
    const joined = this.state === 'open';
    this.state = 'ended';
    this.page = [];
    this.live = [];
    if (joined) this.host.leave(this);
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
