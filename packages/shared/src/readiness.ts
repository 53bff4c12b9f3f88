/** The state of one dependency as `/ready` reports it. */
export interface DependencyState {
  state: 'up' | 'down';
  latencyMs: number;
  error?: string;
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

/** `/ready`'s body and status: 200 when every dependency is up, 503 otherwise. */
export function readinessReport(dependencies: Record<string, DependencyState>): {
  status: number;
  body: { status: 'ready' | 'not_ready'; dependencies: Record<string, DependencyState> };
} {
  const ready = Object.values(dependencies).every((dependency) => dependency.state === 'up');
  return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not_ready', dependencies } };
}
