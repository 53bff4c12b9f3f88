/** One request the workload made, as the error-rate report counts it. */
export interface Attempted {
  kind: string;
  /** Milliseconds since the soak started. */
  startedAt: number;
  endedAt: number;
  /** The gateway it was first sent to. */
  gateway: string;
  attempts: number;
  /** The first attempt failed (what the user would see without a retry). */
  firstFailed: boolean;
  /** Every attempt failed (or, for a write that cannot be repeated, the one that might have run did). */
  failed: boolean;
  error: string | undefined;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** What a call came back with. */
export interface CallResult<T> {
  data: T | undefined;
  /** The API answered it without errors. */
  ok: boolean;
  error: string | undefined;
}

/** How a call may be repeated. */
export type Repeat =
  /** Reads: repeated until the deadline, on either gateway. */
  | 'safe'
  /** A write with this Idempotency-Key: repeated as a read is, with the same key, so it is written once. */
  | { idempotencyKey: string }
  /** Writes without one: repeated only when the request surely did not run (connection refused, circuit open). */
  | 'unsent-only';

/** Options of {@link SoakClient}. */
export interface SoakClientOptions {
  gateways: { name: string; url: string }[];
  /** A fresh token (signs in again). */
  signIn: (url: string) => Promise<string>;
  clock: () => number;
  record: (attempt: Attempted) => void;
  /** How long a call keeps retrying. Default: 20 s. */
  deadlineMs?: number;
}

const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
};

/**
 * The soak's HTTP client, retrying as a real client with two gateway addresses would: on a network
 * error or a failed answer it waits (250 ms doubling to 4 s) and tries the other gateway.
 */
export class SoakClient {
  private token: string | undefined;
  private signingIn: Promise<string> | undefined;

  constructor(private readonly options: SoakClientOptions) {}

  get gateways(): { name: string; url: string }[] {
    return this.options.gateways;
  }

  async authorization(): Promise<string> {
    if (this.token) return this.token;
    this.signingIn ??= this.signInAnywhere().finally(() => (this.signingIn = undefined));
    this.token = await this.signingIn;
    return this.token;
  }

  private async signInAnywhere(): Promise<string> {
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; ; attempt += 1) {
      const gateway = this.gateways[attempt % this.gateways.length];
      if (!gateway) throw new Error('no gateway');
      try {
        return await this.options.signIn(gateway.url);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** One GraphQL request to one gateway. `unsent` says the request surely did not run. */
  async once<T>(
    url: string,
    query: string,
    variables: Record<string, unknown>,
    idempotencyKey?: string,
  ): Promise<CallResult<T> & { unsent: boolean }> {
    const token = await this.authorization();
    let body: GraphQLBody<T>;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      try {
        body = JSON.parse(text) as GraphQLBody<T>;
      } catch {
        return { data: undefined, ok: false, error: `HTTP ${response.status}`, unsent: false };
      }
    } catch (error) {
      const reason = describe(error);
      return { data: undefined, ok: false, error: reason, unsent: reason === 'ECONNREFUSED' };
    }
    const first = body.errors?.[0];
    if (!first) return { data: body.data ?? undefined, ok: true, error: undefined, unsent: false };
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'ERROR';
    if (code === 'UNAUTHENTICATED') this.token = undefined;
    const reason = typeof first.extensions?.reason === 'string' ? `${code}/${first.extensions.reason}` : code;
    const unsent = code === 'UNAUTHENTICATED' || code === 'RATE_LIMITED' || /circuit is open/.test(first.message);
    return { data: body.data ?? undefined, ok: false, error: `${reason}: ${first.message.slice(0, 120)}`, unsent };
  }

  /** A request with the client's retries, recorded for the error rates. */
  async call<T>(kind: string, query: string, variables: Record<string, unknown>, repeat: Repeat, first = 0): Promise<CallResult<T>> {
    const startedAt = this.options.clock();
    const deadline = Date.now() + (this.options.deadlineMs ?? 20_000);
    let result: CallResult<T> & { unsent: boolean } = { data: undefined, ok: false, error: 'not sent', unsent: true };
    let attempts = 0;
    let firstFailed = false;
    const idempotencyKey = typeof repeat === 'object' ? repeat.idempotencyKey : undefined;
    for (;;) {
      const gateway = this.gateways[(first + attempts) % this.gateways.length];
      if (!gateway) throw new Error('no gateway');
      result = await this.once<T>(gateway.url, query, variables, idempotencyKey);
      attempts += 1;
      if (attempts === 1) firstFailed = !result.ok;
      if (result.ok) break;
      const again = repeat !== 'unsent-only' || result.unsent;
      if (!again || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(4000, 250 * 2 ** (attempts - 1))));
    }
    this.options.record({
      kind,
      startedAt,
      endedAt: this.options.clock(),
      gateway: this.gateways[first % this.gateways.length]?.name ?? '',
      attempts,
      firstFailed,
      failed: !result.ok,
      error: result.error,
    });
    return { data: result.data, ok: result.ok, error: result.error };
  }
}
