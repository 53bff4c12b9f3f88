import autocannon from 'autocannon';

/** One measured run against one target. */
export interface Measured {
  target: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors, timeouts, non-2xx responses and responses that differ from the checked sample. */
  errors: number;
  requests: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function latencySummary(latencies: number[]): Pick<Measured, 'p50' | 'p95' | 'p99'> {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
}

/**
 * Loads `url` with one POST body for `seconds` at `connections` and checks every response: it must be
 * byte-for-byte the sample checked before the run (`expectedBody`), so a response with `errors` or a
 * different shape counts as an error.
 */
export async function loadChecked(options: {
  target: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  expectedBody: string;
  seconds: number;
  connections: number;
}): Promise<Measured> {
  const latencies: number[] = [];
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: options.body,
        connections: options.connections,
        duration: options.seconds,
        verifyBody: (body) => body === options.expectedBody,
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
  });
  instance?.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await finished;
  return {
    target: options.target,
    requestsPerSecond: Math.round(result.requests.total / options.seconds),
    ...latencySummary(latencies),
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    requests: result.requests.total,
  };
}
