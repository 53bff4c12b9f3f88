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

/** The median of some runs' figures (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function latencySummary(latencies: number[]): Pick<Measured, 'p50' | 'p95' | 'p99'> {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
}

/**
 * Loads `url` with POST bodies (one, or a new one per request) for `seconds` at `connections`, with
 * exact percentiles from every response time. With `expectedBody`, every response must be
 * byte-for-byte that sample checked before the run, so a response with `errors` or a different shape
 * counts as an error.
 */
export async function loadChecked(options: {
  target: string;
  url: string;
  /** Fixed headers, or headers made for each request (a signed identity that must stay fresh, say). */
  headers: Record<string, string> | (() => Record<string, string>);
  body: string | (() => string);
  expectedBody?: string;
  seconds: number;
  connections: number;
}): Promise<Measured> {
  const { body, expectedBody, headers } = options;
  const perRequest = typeof body !== 'string' || typeof headers === 'function';
  const setupRequest = (request: autocannon.Request) => ({
    ...request,
    ...(typeof body === 'string' ? {} : { body: body() }),
    ...(typeof headers === 'function' ? { headers: { ...request.headers, ...headers() } } : {}),
  });
  const latencies: number[] = [];
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(typeof headers === 'function' ? headers() : headers) },
        connections: options.connections,
        duration: options.seconds,
        ...(typeof body === 'string' ? { body } : {}),
        ...(perRequest ? { requests: [{ setupRequest }] } : {}),
        ...(expectedBody === undefined ? {} : { verifyBody: (received: string | Buffer | undefined) => received === expectedBody }),
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
