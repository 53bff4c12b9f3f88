import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '@nusa/subgraph';
import { upcomingDeadlines } from './practice.deadlines.js';

/** Any recorded change to a practice (published with its client's events, see client.events.ts). */
export const PRACTICES_TOPIC = 'practices';

export interface PracticeChangedPayload {
  practiceId: string;
}

/** A practice that has just entered a deadline window. */
export interface DeadlineEntered {
  practiceId: string;
}

/** How often the window is looked at again without a change: days pass, and a date enters it by itself. */
const RECHECK_MS = 60_000;

/**
 * The practices entering the window of `withinDays` (as `upcomingDeadlines` counts it) from now on:
 * the window is read again after every change to a practice, on any instance, and every minute, and
 * each practice found that was not in it the last time is delivered once. Those already in it when
 * the subscription starts are not (`upcomingDeadlines` lists them).
 */
export class DeadlineWindow implements AsyncIterableIterator<DeadlineEntered> {
  private readonly changes: AsyncIterableIterator<PracticeChangedPayload>;
  private pendingChange: Promise<IteratorResult<PracticeChangedPayload>> | undefined;
  private inside: Set<string> | undefined;
  private readonly queued: DeadlineEntered[] = [];
  private done = false;
  private wake: (() => void) | undefined;

  private constructor(
    private readonly fork: () => EntityManager,
    private readonly withinDays: number,
    events: EventBus,
    private readonly recheckMs: number,
  ) {
    this.changes = events.subscribe<PracticeChangedPayload>(PRACTICES_TOPIC);
  }

  /** Validates the window (BAD_USER_INPUT) and reads who is in it now, before anything is delivered. */
  static async open(fork: () => EntityManager, withinDays: number, events: EventBus, recheckMs = RECHECK_MS): Promise<DeadlineWindow> {
    const initial = await upcomingDeadlines(fork(), withinDays);
    const window = new DeadlineWindow(fork, withinDays, events, recheckMs);
    window.inside = new Set(initial.map((practice) => practice.id));
    return window;
  }

  async next(): Promise<IteratorResult<DeadlineEntered>> {
    while (!this.done) {
      const entered = this.queued.shift();
      if (entered) return { value: entered, done: false };
      await this.changeOrTimeout();
      if (!this.done) await this.recheck();
    }
    return { value: undefined, done: true };
  }

  return(): Promise<IteratorResult<DeadlineEntered>> {
    this.done = true;
    this.wake?.();
    void this.changes.return?.();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<DeadlineEntered> {
    return this;
  }

  private async changeOrTimeout(): Promise<void> {
    this.pendingChange ??= this.changes.next();
    let timer: NodeJS.Timeout | undefined;
    const woken = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.recheckMs);
      this.wake = () => resolve('timeout');
    });
    const first = await Promise.race([
      this.pendingChange.then((change) => (change.done ? ('ended' as const) : ('change' as const))),
      woken,
    ]);
    clearTimeout(timer);
    if (first === 'change') this.pendingChange = undefined;
    // The change feed ended (the bus closed): so does the window, rather than re-reading in a loop.
    if (first === 'ended') this.done = true;
  }

  private async recheck(): Promise<void> {
    const now = await upcomingDeadlines(this.fork(), this.withinDays);
    const ids = new Set(now.map((practice) => practice.id));
    for (const id of ids) if (!this.inside?.has(id)) this.queued.push({ practiceId: id });
    this.inside = ids;
  }
}
