import { GraphQLError } from 'graphql';
import { clientError, ErrorCode } from './errors.js';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signIdentity, type Caller } from './identity.js';

/** A platform service that could not be reached, timed out or answered with a fault. */
export class ServiceUnavailable extends Error {
  override name = 'ServiceUnavailable';
  constructor(
    readonly service: string,
    reason: string,
  ) {
    super(`The ${service} service is unavailable: ${reason}`);
  }
}

/** A failure worth another attempt (no answer, a gateway error status); never seen outside this file. */
class RetryableUnavailable extends ServiceUnavailable {
  constructor(
    service: string,
    readonly reason: string,
  ) {
    super(service, reason);
  }
}

/** Options of {@link ServiceClient}. */
export interface ServiceClientOptions {
  /** The service called, as named in the supergraph (`crm`, `memory` ...): what identities are signed for. */
  service: string;
  /** Its GraphQL URL (internal routes are on the same origin); a function when it can change (a reloaded supergraph). */
  url: string | (() => string | undefined);
  /** The internal secret (or `next,current` while keys are rolled) identities are signed with. */
  internalSecret: string;
  /** Deadline of one attempt, in ms. Default: 5,000. */
  timeoutMs?: number;
}

/** Options of one call. */
export interface CallOptions {
  /** Who the call is made as: the caller it is for, or the calling service itself. */
  as: Caller;
  /** The request id the callee logs under. Default: none. */
  requestId?: string;
  /** This call's deadline, in ms. Default: the client's. */
  timeoutMs?: number;
  /**
   * Attempts after the first when the service cannot be reached or answers 502/503/504, 50 ms apart
   * and doubling; only for calls that are safe to repeat (a read, an idempotent write). Default: 0.
   */
  retries?: number;
}

/** Client errors a service answers with, raised again as the same GraphQL error for the caller. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.NotFound,
  ErrorCode.Forbidden,
  ErrorCode.Unauthenticated,
  ErrorCode.IdempotencyKeyReused,
]);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

/**
 * The one way platform services call each other (the gateway the CRM's credential routes, chat
 * memory's internal API and the other subgraphs, memory the CRM): JSON over HTTP with the caller's
 * identity signed for the callee, a request id, a deadline, and retries where a call is safe to
 * repeat. A client error the callee answers with (`{ error: { code, message } }` from an internal
 * route, a GraphQL error with one of those codes) is raised as the same `GraphQLError`; anything else
 * (no answer, a timeout, a 5xx, a body that is not JSON) as {@link ServiceUnavailable}.
 */
export class ServiceClient {
  constructor(private readonly options: ServiceClientOptions) {}

  /** POSTs `body` to the internal route `path` (on the service's origin) and returns its JSON answer. */
  post<T>(path: string, body: unknown, call: CallOptions): Promise<T> {
    return this.send<T>(new URL(path, this.url()).toString(), body, call);
  }

  /** Runs a GraphQL operation on the service and returns its `data`; its first error is raised as a `GraphQLError`. */
  async query<T>(query: string, variables: Record<string, unknown>, call: CallOptions): Promise<T> {
    const answer = await this.send<{ data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>(
      this.url(),
      { query, variables },
      call,
    );
    const [first] = answer.errors ?? [];
    if (first) throw new GraphQLError(first.message, { extensions: first.extensions ?? {} });
    if (!answer.data) throw new ServiceUnavailable(this.options.service, 'an answer without data');
    return answer.data;
  }

  private url(): string {
    const url = typeof this.options.url === 'function' ? this.options.url() : this.options.url;
    if (!url) throw new ServiceUnavailable(this.options.service, 'no URL is known for it');
    return url;
  }

  private async send<T>(url: string, body: unknown, call: CallOptions): Promise<T> {
    const { service } = this.options;
    const payload = JSON.stringify(body);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.attempt<T>(url, payload, call);
      } catch (error) {
        if (!(error instanceof RetryableUnavailable) || attempt >= (call.retries ?? 0)) {
          throw error instanceof RetryableUnavailable ? new ServiceUnavailable(service, error.reason) : error;
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }

  private async attempt<T>(url: string, payload: string, call: CallOptions): Promise<T> {
    const { service, internalSecret } = this.options;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [IDENTITY_HEADER]: signIdentity(call.as, internalSecret, service),
          ...(call.requestId ? { [REQUEST_ID_HEADER]: call.requestId } : {}),
        },
        body: payload,
        signal: AbortSignal.timeout(call.timeoutMs ?? this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new RetryableUnavailable(service, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      if (RETRYABLE_STATUS.has(response.status)) throw new RetryableUnavailable(service, `HTTP ${response.status}`);
      throw new ServiceUnavailable(service, `HTTP ${response.status} with a body that is not JSON`);
    }
    const failure = (parsed as { error?: { code?: string; message?: string } }).error;
    if (failure?.code && CLIENT_CODES.has(failure.code)) throw clientError(failure.code as ErrorCode, failure.message ?? failure.code);
    if (RETRYABLE_STATUS.has(response.status)) throw new RetryableUnavailable(service, `HTTP ${response.status}`);
    if (!response.ok) throw new ServiceUnavailable(service, `HTTP ${response.status}: ${failure?.message ?? 'no detail'}`);
    return parsed as T;
  }
}
