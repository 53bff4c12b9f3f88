/** How a breaker behaves. */
export interface BreakerOptions {
  /** Consecutive failures that open the circuit. Default: 5. */
  failureThreshold?: number;
  /** How long an open circuit fails fast before one trial request. Default: 5 s. */
  cooldownMs?: number;
  /** The clock, in ms. Default: `Date.now`. */
  now?: () => number;
}

/**
 * A circuit breaker for one subgraph: after `failureThreshold` consecutive failures (unreachable,
 * timed out) calls fail at once for `cooldownMs`; then one trial call goes through, and its
 * success closes the circuit again. So a dead subgraph costs nothing per request and one that
 * comes back is used again without a restart.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(options: BreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.threshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** Whether a call may go out now; in half-open state only one (the trial) does. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.trialInFlight = false;
  }

  failed(): void {
    this.failures += 1;
    this.trialInFlight = false;
    if (this.failures >= this.threshold) this.openUntil = this.now() + this.cooldownMs;
  }
}

/** One breaker per subgraph name, shared by every data source that calls it. */
export class Breakers {
  private readonly byName = new Map<string, CircuitBreaker>();

  constructor(private readonly options: BreakerOptions = {}) {}

  of(name: string): CircuitBreaker {
    let breaker = this.byName.get(name);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options);
      this.byName.set(name, breaker);
    }
    return breaker;
  }
}
