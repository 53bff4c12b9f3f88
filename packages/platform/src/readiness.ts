/** The state of one dependency as `/ready` reports it. */
export interface DependencyState {
  state: 'up' | 'down';
  latencyMs: number;
  error?: string;
  /** The service still works without it, degraded (a cache, shared rate limits): down makes it `degraded`, not unready. */
  optional?: boolean;
}

export type ReadinessCheck = () => Promise<Record<string, DependencyState>>;

/** Runs `check` with a deadline and reports its state and latency; never throws. */
export async function probe(check: () => Promise<unknown>, timeoutMs = 2000): Promise<DependencyState> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { state: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      state: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** {@link probe} for a dependency the service can work without. */
export async function probeOptional(check: () => Promise<unknown>, timeoutMs = 2000): Promise<DependencyState> {
  return { ...(await probe(check, timeoutMs)), optional: true };
}

/**
 * `/ready`'s body and status: 200 `ready` when every dependency is up, 200 `degraded` when only optional
 * ones are down (keep sending traffic), 503 `not_ready` when a required one is down.
 */
export function readinessReport(dependencies: Record<string, DependencyState>): {
  status: number;
  body: { status: 'ready' | 'degraded' | 'not_ready'; dependencies: Record<string, DependencyState> };
} {
  const down = Object.values(dependencies).filter((dependency) => dependency.state !== 'up');
  if (down.some((dependency) => !dependency.optional)) return { status: 503, body: { status: 'not_ready', dependencies } };
  return { status: 200, body: { status: down.length > 0 ? 'degraded' : 'ready', dependencies } };
}

/**
 * Resolves once `url` answers 200 (polled every `intervalMs`), or rejects when `exited` settles first
 * or `timeoutMs` passes: how the launcher, the benchmarks and the tests wait for a service they started.
 */
export async function waitUntilHealthy(url: string, exited: Promise<unknown>, timeoutMs: number, intervalMs = 250): Promise<void> {
  let done = false;
  const died = exited.then(() => {
    if (!done) throw new Error('exited before it became healthy');
  });
  const deadline = Date.now() + timeoutMs;
  const poll = async (): Promise<void> => {
    // Stops polling as soon as the wait is over, whichever way it ended (healthy, exited, timed out).
    while (Date.now() < deadline && !done) {
      const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    if (!done) throw new Error(`did not answer ${url} within ${timeoutMs / 1000} s`);
  };
  try {
    await Promise.race([poll(), died]);
  } finally {
    done = true;
  }
}
