/** What a person sees of an answer's stream. */
export type StreamState = 'connecting' | 'streaming' | 'reconnecting' | 'done' | 'failed';

/** How an answer ended (or STREAMING while it is being written). */
export type AnswerStatus = 'STREAMING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';

/** One event of `messageStream`, the fields the stream needs. */
export interface AnswerEvent {
  seq: number;
  delta: string;
  done: boolean;
  error: string | null;
  status: AnswerStatus;
}

export interface AnswerSnapshot {
  state: StreamState;
  /** The concatenated deltas of seq 1 … lastSeq, each exactly once. */
  text: string;
  lastSeq: number;
  status: AnswerStatus;
  /** Why the answer or the connection failed. */
  error: string | null;
}

/** Where a subscription's outcome goes. `retryable` is false for errors a resubscribe cannot fix. */
export interface AnswerSink {
  next: (event: AnswerEvent) => void;
  error: (error: unknown, retryable: boolean) => void;
  complete: () => void;
}

/** Opens `messageStream(messageId, afterSeq)` and returns how to close it. */
export type AnswerSource = (afterSeq: number, sink: AnswerSink) => () => void;

export interface AnswerStreamOptions {
  /** Delay before the attempt-th reconnect. Default: 250 ms doubling up to 5 s. */
  backoffMs?: (attempt: number) => number;
  /** Reconnects in a row without an event before giving up (state `failed`). Default: 30. */
  maxAttempts?: number;
  /** Whether the browser thinks it is online, and how to hear that it is again. Default: `navigator`/`window`. */
  network?: { online: () => boolean; onOnline: (listener: () => void) => () => void };
}

const defaultNetwork = {
  online: () => navigator.onLine,
  onOnline: (listener: () => void) => {
    window.addEventListener('online', listener);
    return () => window.removeEventListener('online', listener);
  },
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * An answer's token stream that survives dropped connections: every reconnect subscribes again with
 * `afterSeq` = the last seq it applied, and an event it already has (or one after a gap) is never
 * applied twice or out of order. Framework-free; React reads it through `useAnswerStream`.
 */
export class AnswerStream {
  private snapshot: AnswerSnapshot = { state: 'connecting', text: '', lastSeq: 0, status: 'STREAMING', error: null };
  private readonly listeners = new Set<() => void>();
  private close: (() => void) | null = null;
  /** Bumped on every (re)subscribe, so a late callback of an abandoned subscription is ignored. */
  private generation = 0;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopWaitingForOnline: (() => void) | null = null;
  private disposed = false;
  private readonly backoffMs: (attempt: number) => number;
  private readonly maxAttempts: number;
  private readonly network: NonNullable<AnswerStreamOptions['network']>;

  constructor(
    private readonly source: AnswerSource,
    options: AnswerStreamOptions = {},
  ) {
    this.backoffMs = options.backoffMs ?? ((attempt) => Math.min(5_000, 250 * 2 ** (attempt - 1)));
    this.maxAttempts = options.maxAttempts ?? 30;
    this.network = options.network ?? defaultNetwork;
  }

  getSnapshot = (): AnswerSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts (or, after a connection failure or a dispose, restarts) following the answer. */
  start(): void {
    this.disposed = false;
    if (this.isSettled()) return;
    this.attempts = 0;
    this.connect(this.snapshot.lastSeq === 0 ? 'connecting' : 'reconnecting');
  }

  /** Stops following the answer; what was received stays. */
  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  private isSettled(): boolean {
    return this.snapshot.status !== 'STREAMING';
  }

  private update(change: Partial<AnswerSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }

  private stop(): void {
    this.generation += 1;
    clearTimeout(this.timer);
    this.stopWaitingForOnline?.();
    this.stopWaitingForOnline = null;
    const close = this.close;
    this.close = null;
    close?.();
  }

  private connect(state: StreamState): void {
    this.stop();
    this.update({ state, error: null });
    const generation = this.generation;
    const current = () => generation === this.generation && !this.disposed;
    this.close = this.source(this.snapshot.lastSeq, {
      next: (event) => current() && this.apply(event),
      error: (error, retryable) => current() && (retryable ? this.reconnect(describe(error)) : this.fail(describe(error))),
      complete: () => current() && !this.isSettled() && this.reconnect('The stream ended before the answer did'),
    });
  }

  private apply(event: AnswerEvent): void {
    const { lastSeq } = this.snapshot;
    if (event.seq <= lastSeq) return;
    if (event.seq !== lastSeq + 1) {
      // A gap means events were lost on the way: ask again from the last one applied.
      this.reconnect(`Missed events ${lastSeq + 1}–${event.seq - 1}`);
      return;
    }
    this.attempts = 0;
    const text = this.snapshot.text + event.delta;
    if (!event.done) {
      this.update({ state: 'streaming', text, lastSeq: event.seq });
      return;
    }
    this.stop();
    this.update({
      state: event.status === 'FAILED' ? 'failed' : 'done',
      text,
      lastSeq: event.seq,
      status: event.status,
      error: event.error,
    });
  }

  private reconnect(reason: string): void {
    this.stop();
    this.attempts += 1;
    if (this.attempts > this.maxAttempts) {
      this.fail(`Lost the connection (${reason})`);
      return;
    }
    this.update({ state: 'reconnecting', error: null });
    const generation = this.generation;
    const attempt = () => {
      if (generation === this.generation && !this.disposed) this.connect('reconnecting');
    };
    if (!this.network.online()) {
      // Offline: trying now would only burn attempts; go again as soon as the browser is back.
      this.stopWaitingForOnline = this.network.onOnline(attempt);
      return;
    }
    this.timer = setTimeout(attempt, this.backoffMs(this.attempts));
  }

  private fail(reason: string): void {
    this.stop();
    this.update({ state: 'failed', error: reason });
  }
}
