import { SeqConflict, type StreamEvent, type TokenLog } from '../stream/token-log.js';

/** Options of {@link TokenWriter}. */
export interface TokenWriterOptions {
  /** The seq already stored before the first delta. Default: 0. */
  afterSeq?: number;
  /** How long an append is retried while the log does not answer (a Redis restarting). Default: 15 s. */
  retryMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Numbers a generation's deltas 1, 2, 3 ... and appends them to the token log in order. A delta is
 * sent at once when no append is in flight; deltas that arrive meanwhile go together in the next
 * append, so a fast model is never slowed to the log's round trip and order is never at risk.
 *
 * An append that fails is tried again (100 ms doubling to 1 s, for `retryMs`): a Redis that restarts
 * under a generation costs the answer a pause, not its end. Every event is kept until the answer
 * ends, so when the log comes back without the ones it had stored (a Redis restarted from an older
 * snapshot or none), they are written again first and readers resuming with `afterSeq` miss nothing.
 */
export class TokenWriter {
  private seq: number;
  private content = '';
  private storedContent = '';
  private readonly written: StreamEvent[] = [];
  private pending: StreamEvent[] = [];
  private inFlight: Promise<void> | null = null;
  private failure: unknown = null;
  private readonly retryMs: number;

  constructor(
    private readonly log: TokenLog,
    private readonly messageId: string,
    options: TokenWriterOptions = {},
  ) {
    this.seq = options.afterSeq ?? 0;
    this.retryMs = options.retryMs ?? 15_000;
  }

  /** The answer so far: the concatenation of every delta pushed. */
  get text(): string {
    return this.content;
  }

  /** What readers of the log can have received: the deltas the log has acknowledged. */
  get storedText(): string {
    return this.storedContent;
  }

  get lastSeq(): number {
    return this.seq;
  }

  push(delta: string): void {
    if (!delta) return;
    if (this.failure) throw this.failure as Error;
    this.content += delta;
    this.seq += 1;
    this.pending.push({ messageId: this.messageId, seq: this.seq, delta, done: false, error: null });
    this.pump();
  }

  /** Appends the final event once everything before it is stored. */
  async end(error: string | null): Promise<void> {
    await this.flush();
    this.seq += 1;
    await this.store([{ messageId: this.messageId, seq: this.seq, delta: '', done: true, error }]);
  }

  /** Resolves when every delta pushed so far is stored; rejects if the log failed. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.failure) throw this.failure as Error;
  }

  private pump(): void {
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlight = this.store(batch).then(
      () => {
        this.inFlight = null;
        this.pump();
      },
      (error: unknown) => {
        this.failure = error;
        this.inFlight = null;
      },
    );
  }

  /** Appends `batch`, retrying while the log is unreachable and writing again what it lost. */
  private async store(batch: StreamEvent[]): Promise<void> {
    const first = batch[0]?.seq ?? 0;
    const last = batch[batch.length - 1]?.seq ?? 0;
    const deadline = Date.now() + this.retryMs;
    let events = batch;
    let rewrites = 0;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.log.append(events);
        break;
      } catch (error) {
        if (error instanceof SeqConflict && !error.finished) {
          const stored = error.storedSeq;
          // An earlier try that timed out was stored after all.
          if (stored >= last) break;
          // The log lost events it had acknowledged: write them again, then this batch.
          if (stored < first - 1 && rewrites < 3) {
            rewrites += 1;
            events = [...this.written, ...batch].filter((event) => event.seq > stored);
            continue;
          }
        }
        if (error instanceof SeqConflict || Date.now() >= deadline) throw error;
        await sleep(Math.min(1000, 100 * 2 ** attempt));
      }
    }
    this.written.push(...batch);
    for (const event of batch) this.storedContent += event.delta;
  }
}
