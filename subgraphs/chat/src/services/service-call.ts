import { GraphQLError } from 'graphql';
import { clientError, ErrorCode, IDENTITY_HEADER, REQUEST_ID_HEADER, signIdentity, type Caller } from '@nusa/platform';

/** The service name chat signs its own calls with. */
export const CHAT_SERVICE: Caller = Object.freeze({ kind: 'service', name: 'chat' });

/** A platform service that could not be reached or answered with a fault. */
export class ServiceUnavailable extends Error {
  override name = 'ServiceUnavailable';
  constructor(
    readonly service: string,
    reason: string,
  ) {
    super(`The ${service} service is unavailable: ${reason}`);
  }
}

const CLIENT_CODES = new Set<string>([ErrorCode.BadUserInput, ErrorCode.NotFound, ErrorCode.Forbidden, ErrorCode.Unauthenticated]);

/** Options of {@link postJson}. */
export interface ServiceCall {
  service: string;
  url: string;
  body: unknown;
  /** Who the call is made as; signed with the internal secret. */
  as: Caller;
  internalSecret: string;
  requestId?: string;
  timeoutMs?: number;
}

/**
 * POSTs JSON to another platform service with a signed identity and a deadline. A client error the
 * service answers with (`{ error: { code, message } }`) is raised as the same GraphQL error; a
 * network failure, timeout or 5xx as {@link ServiceUnavailable}.
 */
export async function postJson<T>(call: ServiceCall): Promise<T> {
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: signIdentity(call.as, call.internalSecret, call.service),
        ...(call.requestId ? { [REQUEST_ID_HEADER]: call.requestId } : {}),
      },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new ServiceUnavailable(call.service, error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServiceUnavailable(call.service, `HTTP ${response.status} with a body that is not JSON`);
  }
  const failure = (parsed as { error?: { code?: string; message?: string } }).error;
  if (failure?.code && CLIENT_CODES.has(failure.code)) throw clientError(failure.code as ErrorCode, failure.message ?? failure.code);
  if (!response.ok) throw new ServiceUnavailable(call.service, `HTTP ${response.status}: ${failure?.message ?? 'no detail'}`);
  return parsed as T;
}

/** Runs a GraphQL operation on a subgraph as `call.as`; a GraphQL error comes back as one `GraphQLError`. */
export async function subgraphQuery<T>(
  call: Omit<ServiceCall, 'body'> & { query: string; variables?: Record<string, unknown> },
): Promise<T> {
  const body = await postJson<{ data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>({
    ...call,
    body: { query: call.query, variables: call.variables ?? {} },
  });
  const [first] = body.errors ?? [];
  if (first) throw new GraphQLError(first.message, { extensions: first.extensions ?? {} });
  if (!body.data) throw new ServiceUnavailable(call.service, 'an answer without data');
  return body.data;
}
