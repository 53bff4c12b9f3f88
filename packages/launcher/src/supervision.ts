/**
 * The launcher's restart policy, as pure logic over an injected clock: when a crashed process is
 * started again, after how long, and when the launcher stops trying.
 */

/** Options of {@link RestartPolicy}. */
export interface RestartPolicyOptions {
  /** The wait before the first restart after a run that stayed up. Default: 500 ms. */
  initialDelayMs?: number;
  /** The wait doubles with each consecutive crash up to this. Default: 30 s. */
  maxDelayMs?: number;
  /** Restarts allowed within {@link windowMs}; the next crash inside the window gives up. Default: 5. */
  restartLimit?: number;
  /** The sliding window the restarts are counted in. Default: 5 minutes. */
  windowMs?: number;
  /** A run healthy at least this long before it crashed starts the backoff afresh. Default: 60 s. */
  stableAfterMs?: number;
  /** The clock, in milliseconds. Default: `Date.now`. */
  now?: () => number;
}

/** What to do about one crash. */
export type CrashDecision =
  | {
      action: 'restart';
      /** The consecutive attempt this restart is (1 after a stable run), which sets the delay. */
      attempt: number;
      delayMs: number;
      /** Restarts within the window, this one included. */
      restartsInWindow: number;
    }
  | { action: 'give-up'; restartsInWindow: number };

/** The defaults, also the numbers the deployment files' restart policies must carry. */
export const DEFAULT_RESTART_POLICY = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  restartLimit: 5,
  windowMs: 5 * 60_000,
  stableAfterMs: 60_000,
} as const;

/**
 * One process's restart policy: exponential backoff (500 ms doubling to 30 s) that starts afresh
 * once a run has stayed healthy for a minute, and a budget of 5 restarts in any 5 minutes, after
 * which it gives up. Keep one per supervised process.
 */
export class RestartPolicy {
  readonly options: Required<Omit<RestartPolicyOptions, 'now'>>;
  private readonly now: () => number;
  private readonly restarts: number[] = [];
  private consecutive = 0;
  private healthySince: number | undefined;

  constructor(options: RestartPolicyOptions = {}) {
    const { now = Date.now, ...rest } = options;
    this.options = { ...DEFAULT_RESTART_POLICY, ...rest };
    this.now = now;
  }

  /** Records that the process answers its health check now. */
  healthy(): void {
    this.healthySince = this.now();
  }

  /** Records a crash now and decides whether to restart, and when. */
  crashed(): CrashDecision {
    const now = this.now();
    const { initialDelayMs, maxDelayMs, restartLimit, windowMs, stableAfterMs } = this.options;
    if (this.healthySince !== undefined && now - this.healthySince >= stableAfterMs) this.consecutive = 0;
    this.healthySince = undefined;
    while (this.restarts.length > 0 && now - (this.restarts[0] ?? now) >= windowMs) this.restarts.shift();
    if (this.restarts.length >= restartLimit) return { action: 'give-up', restartsInWindow: this.restarts.length };
    this.restarts.push(now);
    this.consecutive += 1;
    const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (this.consecutive - 1));
    return { action: 'restart', attempt: this.consecutive, delayMs, restartsInWindow: this.restarts.length };
  }
}

/** How a process ended: the code it exited with, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** "signal SIGKILL" or "exit code 1". */
export function describeExit(exit: Exit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${String(exit.code)}`;
}

/**
 * Whether an exit is a crash. As Docker's and Fly's `on-failure` policies read it: a non-zero code
 * or a signal is; exit code 0 is a process that stopped on purpose (someone sent it SIGTERM).
 */
export function isCrash(exit: Exit): boolean {
  return exit.signal !== null || exit.code !== 0;
}

/** The policy in a phrase: "0.5 s doubling to 30 s, at most 5 restarts in 5 min". */
export function describePolicy(options: Required<Omit<RestartPolicyOptions, 'now'>> = DEFAULT_RESTART_POLICY): string {
  const { initialDelayMs, maxDelayMs, restartLimit, windowMs } = options;
  return `${formatDuration(initialDelayMs)} doubling to ${formatDuration(maxDelayMs)}, at most ${restartLimit} restarts in ${formatDuration(windowMs)}`;
}

/** "0.5 s", "30 s", "2 min". */
export function formatDuration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
