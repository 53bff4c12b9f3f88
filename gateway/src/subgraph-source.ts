import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { IDEMPOTENCY_KEY_HEADER, IDENTITY_HEADER, REQUEST_ID_HEADER } from '@nusa/platform';
import type { Histogram } from 'prom-client';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { GatewayContext } from './context.js';
import { passThroughOf, takeReplay } from './pass-through.js';
import { bodyBytesOf } from './subgraph-fetcher.js';

/** Marks the error the gateway reports, instead of a fault, when a subgraph cannot be reached. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';
/** Marks the error the gateway reports when a subgraph answers with an HTTP error status. */
export const SUBGRAPH_HTTP_ERROR = 'SUBGRAPH_HTTP_ERROR';
/** The code of every error that is a subgraph's failure rather than the caller's (Apollo's own name for it). */
export const DOWNSTREAM_SERVICE_ERROR = 'DOWNSTREAM_SERVICE_ERROR';

export { createSubgraphFetcher } from './subgraph-fetcher.js';

const JSON_TYPES = ['application/json', 'application/graphql-response+json'];
const DATA_START = Buffer.from('{"data":{');
const ERRORS_KEY = Buffer.from('"errors":');
const EXTENSIONS_KEY = Buffer.from('"extensions":');

/** Whether a response says it is JSON, as `RemoteGraphQLDataSource.parseBody` asks. */
function isJson(response: FetcherResponse): boolean {
  const type = response.headers.get('content-type') ?? '';
  return JSON_TYPES.some((json) => type.startsWith(json));
}

/**
 * A subgraph's JSON answer that holds data and nothing else (no `errors`, no `extensions`, looked
 * for anywhere, so a field of that name only costs the pass-through), as bytes.
 */
function dataOnlyAnswer(response: FetcherResponse): Buffer | undefined {
  const bytes = bodyBytesOf(response);
  if (!bytes || !isJson(response)) return undefined;
  if (!bytes.subarray(0, DATA_START.length).equals(DATA_START)) return undefined;
  return bytes.includes(ERRORS_KEY) || bytes.includes(EXTENSIONS_KEY) ? undefined : bytes;
}

/** A cache hint, as Apollo Server's cache policy takes it. */
interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/** A subgraph's `cache-control` header as a hint, as `RemoteGraphQLDataSource` reads it. */
function cacheHintOf(header: string | null): CacheHint {
  const hint: CacheHint = { maxAge: 0 };
  if (!header) return hint;
  for (const part of header.trim().split(/\s*,\s*/)) {
    const [name, value] = part.split(/\s*=\s*/, 2);
    if (name === 'max-age' && value !== undefined && /^[0-9]+$/.test(value.replace(/^"|"$/g, '')))
      hint.maxAge = Number(value.replace(/^"|"$/g, ''));
    if (name === 'private' && value === undefined) hint.scope = 'PRIVATE';
    if (name === 'public' && value === undefined) hint.scope = 'PUBLIC';
  }
  return hint;
}

function isCachePolicy(policy: unknown): policy is { restrict: (hint: CacheHint) => void } {
  return typeof policy === 'object' && policy !== null && 'restrict' in policy;
}

/** What a data source reports to and consults: its subgraph's breaker and the fetch-latency series. */
export interface SubgraphObserver {
  breaker?: CircuitBreaker;
  fetchSeconds?: Histogram<'subgraph' | 'outcome'>;
}

/** What a subgraph answered with an HTTP error status, as @apollo/gateway's `RemoteGraphQLDataSource.errorFromResponse` makes it. */
async function httpError(response: FetcherResponse): Promise<GraphQLError> {
  const body = await readBody(response);
  const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
  return new GraphQLError(`${response.status}: ${response.statusText}`, {
    extensions: {
      response: { url: response.url, status: response.status, statusText: response.statusText, body },
      ...(code ? { code } : {}),
    },
  });
}

/** A body as `RemoteGraphQLDataSource.parseBody` reads it: JSON when the content type says so, else text. */
function readBody(response: FetcherResponse): Promise<unknown> {
  return isJson(response) ? response.json() : response.text();
}

/**
 * A subgraph as the gateway calls it: every request carries the caller's identity signed with the
 * internal secret and the request id (and a mutation's Idempotency-Key); an unreachable subgraph becomes an error naming it, so the
 * rest of the response still arrives. It does what @apollo/gateway's `RemoteGraphQLDataSource`
 * does for a fetch (the same body, headers, HTTP errors, JSON checks, cache-control hints; no
 * APQ) without building a node-fetch `Request` and `Headers` for every fetch.
 */
export class SubgraphSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    readonly url: string,
    private readonly fetcher: Fetcher,
    private readonly observer: SubgraphObserver = {},
  ) {}

  /** The headers of one fetch: the request's own (a trace request), JSON, and the caller's identity for this subgraph. */
  private headersOf(request: GatewayGraphQLRequest, context: GatewayContext | undefined): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) {
      const key = name.toLowerCase();
      headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
    }
    headers['content-type'] = 'application/json';
    const { identityFor, requestId, idempotencyKey } = context ?? {};
    if (!identityFor) return headers;
    headers[IDENTITY_HEADER] = identityFor(this.name);
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    // The subgraph keeps the key per caller (the signed identity), so callers never share one.
    if (idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
    return headers;
  }

  /**
   * The answer's body: for a fetch made to be passed through (see pass-through.ts), kept as bytes
   * when it holds data only, unparsed; else parsed, and refused unless it is a JSON object.
   */
  private async bodyOf(response: FetcherResponse, context: GatewayContext | undefined): Promise<Record<string, unknown>> {
    const passThrough = passThroughOf(context, this.name);
    const answer = passThrough && dataOnlyAnswer(response);
    if (passThrough && answer) {
      passThrough.answer = answer;
      return {};
    }
    const body = await readBody(response);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    return body as Record<string, unknown>;
  }

  /** One fetch, as `RemoteGraphQLDataSource.process` makes it. */
  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = options.context as GatewayContext | undefined;
    if (!request.query) throw new Error('Missing query');
    const { http: _http, ...graphqlRequest } = request;
    const response = await this.fetcher(this.url, {
      method: 'POST',
      headers: this.headersOf(request, context),
      body: JSON.stringify(graphqlRequest),
    });
    if (!response.ok) throw await httpError(response);
    const answer: GatewayGraphQLResponse = { ...(await this.bodyOf(response, context)), http: response };
    const warnings: unknown = answer.extensions?.warnings;
    if (Array.isArray(warnings)) context?.warnings?.push(...warnings.filter((warning): warning is string => typeof warning === 'string'));
    const policy: unknown = 'incomingRequestContext' in options ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (isCachePolicy(policy)) policy.restrict(cacheHintOf(response.headers.get('cache-control')));
    return answer;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const replay = takeReplay(options.context as GatewayContext, this.name, options.request.query);
    if (replay) return replay;
    const { breaker, fetchSeconds } = this.observer;
    if (breaker && !breaker.allow()) {
      fetchSeconds?.observe({ subgraph: this.name, outcome: 'circuit_open' }, 0);
      throw this.unavailable('its circuit is open after repeated failures; retrying shortly');
    }
    const started = performance.now();
    try {
      const response = await this.send(options);
      breaker?.succeeded();
      fetchSeconds?.observe(
        { subgraph: this.name, outcome: response.errors?.length ? 'error' : 'ok' },
        (performance.now() - started) / 1000,
      );
      return response;
    } catch (error) {
      const answered = error instanceof GraphQLError ? (error.extensions.response as { status?: number } | undefined) : undefined;
      if (answered) {
        // The subgraph answered (with an HTTP error status): it is up. Its body stays in the logs.
        breaker?.succeeded();
        fetchSeconds?.observe({ subgraph: this.name, outcome: 'error' }, (performance.now() - started) / 1000);
        (options.context as GatewayContext).logger?.warn({ err: error, subgraph: this.name }, 'subgraph answered an HTTP error');
        throw new GraphQLError(`The ${this.name} service answered HTTP ${answered.status ?? 'error'}; the fields it owns are null`, {
          extensions: { code: DOWNSTREAM_SERVICE_ERROR, reason: SUBGRAPH_HTTP_ERROR, serviceName: this.name, status: answered.status },
        });
      }
      breaker?.failed();
      fetchSeconds?.observe({ subgraph: this.name, outcome: 'unavailable' }, (performance.now() - started) / 1000);
      (options.context as GatewayContext).logger?.warn({ err: error, subgraph: this.name }, 'subgraph unreachable');
      throw this.unavailable('the fields it owns are null');
    }
  }

  private unavailable(detail: string): GraphQLError {
    return new GraphQLError(`The ${this.name} service is unavailable; ${detail}`, {
      extensions: { code: DOWNSTREAM_SERVICE_ERROR, reason: SUBGRAPH_UNAVAILABLE, serviceName: this.name },
    });
  }
}
