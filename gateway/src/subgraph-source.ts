import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
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

/**
 * A subgraph's JSON answer that holds data and nothing else (no `errors`, no `extensions`, looked
 * for anywhere, so a field of that name only costs the pass-through), as bytes.
 */
function dataOnlyAnswer(response: FetcherResponse): Buffer | undefined {
  const type = response.headers.get('content-type') ?? '';
  const bytes = bodyBytesOf(response);
  if (!bytes || !JSON_TYPES.some((json) => type.startsWith(json))) return undefined;
  if (!bytes.subarray(0, DATA_START.length).equals(DATA_START)) return undefined;
  return bytes.includes(ERRORS_KEY) || bytes.includes(EXTENSIONS_KEY) ? undefined : bytes;
}

/** What a data source reports to and consults: its subgraph's breaker and the fetch-latency series. */
export interface SubgraphObserver {
  breaker?: CircuitBreaker;
  fetchSeconds?: Histogram<'subgraph' | 'outcome'>;
}

/**
 * A subgraph as the gateway calls it: every request carries the caller's identity signed with the
 * internal secret and the request id (and a mutation's Idempotency-Key); an unreachable subgraph becomes an error naming it, so the
 * rest of the response still arrives.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    fetcher: Fetcher,
    private readonly observer: SubgraphObserver = {},
  ) {
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    const { identityFor, requestId, idempotencyKey } = context as GatewayContext;
    if (!headers || !identityFor) return;
    headers.set(IDENTITY_HEADER, identityFor(this.name));
    headers.set(REQUEST_ID_HEADER, requestId);
    // The subgraph keeps the key per caller (the signed identity), so callers never share one.
    if (idempotencyKey) headers.set(IDEMPOTENCY_KEY_HEADER, idempotencyKey);
  }

  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]): GatewayGraphQLResponse {
    const warnings: unknown = response.extensions?.warnings;
    if (Array.isArray(warnings)) context.warnings?.push(...warnings.filter((warning): warning is string => typeof warning === 'string'));
    return response;
  }

  /** The answer of a fetch made to be passed through (see pass-through.ts) is kept as bytes when it holds data only, unparsed. */
  override parseBody(
    response: FetcherResponse,
    request?: Parameters<RemoteGraphQLDataSource['parseBody']>[1],
    context?: GatewayContext,
  ): Promise<object | string> {
    const passThrough = passThroughOf(context, this.name);
    const answer = passThrough && dataOnlyAnswer(response);
    if (!passThrough || !answer) return super.parseBody(response, request, context);
    passThrough.answer = answer;
    return Promise.resolve({});
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const replay = takeReplay(options.context as GatewayContext, this.name, options.request.query);
    if (replay) return replay;
    const { breaker, fetchSeconds } = this.observer;
    if (breaker && !breaker.allow()) {
      fetchSeconds?.observe({ subgraph: this.name, outcome: 'circuit_open' }, 0);
      throw this.unavailable('its circuit is open after repeated failures; retrying shortly');
    }
    const started = performance.now();
    try {
      const response = await super.process(options);
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
