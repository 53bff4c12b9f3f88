import type { StreamEvent, TokenLog } from '../stream/token-log.js';

/**
 * Numbers a generation's deltas 1, 2, 3 ... and appends them to the token log in order. A delta is
 * sent at once when no append is in flight; deltas that arrive meanwhile go together in the next
 * append, so a fast model is never slowed to the log's round trip and order is never at risk.
 */
export class TokenWriter {
  private seq: number;
  private content = '';
  private pending: StreamEvent[] = [];
  private inFlight: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly log: TokenLog,
    private readonly messageId: string,
    afterSeq = 0,
  ) {
    this.seq = afterSeq;
  }

  /** The answer so far: the concatenation of every delta written. */
  get text(): string {
    return this.content;
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
    await this.log.append([{ messageId: this.messageId, seq: this.seq, delta: '', done: true, error }]);
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
    this.inFlight = this.log.append(batch).then(
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
}
