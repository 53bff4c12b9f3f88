import type { ExecutionResult } from 'graphql';
import { Channel } from './channel.js';

/** How many results a shared stream keeps for late joiners; past it, new subscribers get their own upstream. */
const HISTORY_LIMIT = 10_000;

/**
 * One upstream subscription shared by every identical downstream one (same operation, variables
 * and caller). Each upstream event is resolved once, in order (resolutions run concurrently, but
 * results are delivered in upstream order), and fanned out to every subscriber; a subscriber that
 * joins late first gets what it missed. The upstream is closed when the last subscriber leaves.
 */
export class SharedStream {
  private readonly listeners = new Set<Channel<ExecutionResult>>();
  private readonly history: ExecutionResult[] = [];
  private tail: Promise<void> = Promise.resolve();
  private finished = false;
  private shareable = true;

  constructor(
    private readonly upstream: AsyncIterableIterator<ExecutionResult>,
    private readonly resolve: (raw: ExecutionResult) => Promise<ExecutionResult>,
    private readonly failure: (error: unknown) => ExecutionResult,
    /** Called once when the stream stops: finished, failed or abandoned. */
    private readonly onStop: () => void,
  ) {
    void this.pump();
  }

  /** Whether a new subscriber may join (not finished, history still complete). */
  get joinable(): boolean {
    return !this.finished && this.shareable;
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** A new downstream subscriber: what was delivered so far, then live results. */
  join(): Channel<ExecutionResult> {
    const channel: Channel<ExecutionResult> = new Channel(() => this.leave(channel));
    for (const result of this.history) channel.push(result);
    this.listeners.add(channel);
    return channel;
  }

  /** Ends every subscriber with `result` (a schema reload, a shutdown) and closes the upstream. */
  terminate(result: ExecutionResult): void {
    if (this.finished) return;
    this.deliver(result);
    this.finish();
    void this.upstream.return?.();
  }

  private leave(channel: Channel<ExecutionResult>): void {
    this.listeners.delete(channel);
    if (this.listeners.size === 0 && !this.finished) {
      this.finished = true;
      this.onStop();
      void this.upstream.return?.();
    }
  }

  private async pump(): Promise<void> {
    try {
      for await (const raw of this.upstream) {
        if (this.finished) return;
        const resolved = this.resolve(raw).catch((error: unknown) => this.failure(error));
        this.tail = this.tail.then(async () => this.deliver(await resolved));
      }
    } catch (error) {
      this.tail = this.tail.then(() => this.deliver(this.failure(error)));
    }
    await this.tail;
    this.finish();
  }

  private deliver(result: ExecutionResult): void {
    if (this.finished) return;
    if (this.shareable) {
      if (this.history.length < HISTORY_LIMIT) this.history.push(result);
      else {
        this.shareable = false;
        this.history.length = 0;
      }
    }
    for (const listener of this.listeners) listener.push(result);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const listener of this.listeners) listener.end();
    this.listeners.clear();
    this.onStop();
  }
}
