import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { prefersHtml, sendJson, type Logger } from '@nusa/platform';
import type { Admission, OperationPayload, ParsedOperation } from '../admission/admission.js';
import type { GatewayContext } from '../context.js';
import { operationOfRequest, streamTransportOf, type StreamTransport } from './http-request.js';
import { MULTIPART_FRAMING, MULTIPART_HEARTBEAT_MS } from './multipart-endpoint.js';
import { lastEventIdOf, resumeAfter } from './resume.js';
import { SSE_FRAMING, SSE_HEARTBEAT_MS } from './sse-endpoint.js';
import { writeStream, type AnyResult, type StreamFraming } from './stream-response.js';
import type { SubscriptionHub } from './subscription-hub.js';
import { transportRequired } from './transport-required.js';
import { formatted } from './ws-endpoint.js';

type Results = AnyResult | AsyncIterableIterator<ExecutionResult>;
type Admissible = Extract<ParsedOperation, { ok: true }>;

const FRAMING: Record<StreamTransport, StreamFraming> = { sse: SSE_FRAMING, multipart: MULTIPART_FRAMING };

/** Options of {@link HttpSubscriptions}. */
export interface HttpSubscriptionOptions {
  apollo: ApolloServer<GatewayContext>;
  hub: SubscriptionHub;
  admission: Admission;
  /** The request's context, exactly as for a JSON request (its caller from `Authorization`); throws the caller's error. */
  contextOf: (req: IncomingMessage) => Promise<GatewayContext>;
  /** The gateway's error policy, the same as for HTTP. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  /** Largest accepted request body in bytes, as for JSON requests. */
  maxBodyBytes: number;
  /** Heartbeat intervals. Default: SSE 12,000 (a comment line), multipart 5,000 (an empty part). */
  heartbeatMs?: Partial<Record<StreamTransport, number>>;
}

const errorResult = (error: GraphQLError): ExecutionResult => ({ errors: [error] });

const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0];

/**
 * Subscriptions over plain HTTP on `/graphql`, thin adapters over the {@link SubscriptionHub} like
 * the graphql-ws endpoint: with `Accept: text/event-stream` as Server-Sent Events, with
 * `Accept: multipart/mixed;subscriptionSpec="1.0"` in Apollo's multipart format. The caller is
 * authenticated from `Authorization` and the operation parsed, validated and admitted by the same
 * {@link Admission} as every transport; a query or mutation sent this way runs through Apollo
 * Server and answers as a one-event stream. A subscription sent as a plain JSON GET is refused
 * with `SUBSCRIPTION_TRANSPORT_REQUIRED` (a POST is refused by the admission plugin).
 */
export class HttpSubscriptions {
  constructor(private readonly options: HttpSubscriptionOptions) {}

  /** Serves `req` when it is one of these transports' (resolving true), else leaves it to Apollo Server. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (pathOf(req) !== '/graphql' || (req.method !== 'GET' && req.method !== 'POST')) return false;
    const transport = streamTransportOf(req);
    if (!transport) return this.refusePlainSubscription(req, res);
    try {
      await this.serve(req, res, transport);
    } catch (error) {
      this.options.logger.error({ err: error }, 'a streaming request failed');
      if (!res.headersSent)
        sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    }
    return true;
  }

  private async serve(req: IncomingMessage, res: ServerResponse, transport: StreamTransport): Promise<void> {
    let closed = false;
    res.once('close', () => (closed = true));
    const payload = await operationOfRequest(req, this.options.maxBodyBytes);
    if (payload instanceof GraphQLError) {
      sendError(res, payload);
      return;
    }
    const results = await this.results(req, payload);
    const heartbeatMs = this.options.heartbeatMs?.[transport] ?? (transport === 'sse' ? SSE_HEARTBEAT_MS : MULTIPART_HEARTBEAT_MS);
    await writeStream(res, {
      results,
      framing: FRAMING[transport],
      heartbeatMs,
      format: (result) => this.format(result),
      closed: () => closed,
    });
  }

  /** The operation's results: its events for an admitted subscription, else one result (the refusal, or the query's answer). */
  private async results(req: IncomingMessage, payload: OperationPayload): Promise<Results> {
    const { admission, hub } = this.options;
    let context: GatewayContext;
    let schema: GraphQLSchema;
    try {
      context = await this.options.contextOf(req);
      schema = hub.schema;
    } catch (error) {
      if (error instanceof GraphQLError) return errorResult(error);
      return errorResult(
        new GraphQLError('The gateway has no schema yet; try again shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } }),
      );
    }
    const parsed = admission.parse(payload, schema);
    if (!parsed.ok) return { errors: parsed.errors };
    if (parsed.operation.operation !== OperationTypeNode.SUBSCRIPTION) return this.execute(req, parsed, payload, context);
    let release: () => void;
    try {
      release = (
        await admission.admit({ ...parsed, caller: context.caller, clientIp: context.clientIp, schema, apiPrecount: context.apiPrecount })
      ).release;
    } catch (error) {
      if (error instanceof GraphQLError) return errorResult(error);
      throw error;
    }
    const afterSeq = lastEventIdOf(req);
    const operation = afterSeq === undefined ? parsed : resumeAfter(parsed, schema, afterSeq);
    const { document, source, variables } = operation;
    return hub.subscribe({ document, source, variables, operationName: payload.operationName, context, release });
  }

  /** A query or mutation sent to a streaming transport: run through Apollo Server (its admission plugin included). */
  private async execute(req: IncomingMessage, parsed: Admissible, payload: OperationPayload, context: GatewayContext): Promise<AnyResult> {
    if (req.method === 'GET' && parsed.operation.operation === OperationTypeNode.MUTATION) {
      return errorResult(new GraphQLError('A mutation cannot be sent with GET; use POST', { extensions: { code: 'BAD_REQUEST' } }));
    }
    const response = await this.options.apollo.executeOperation(
      { query: parsed.source, variables: parsed.variables, operationName: payload.operationName ?? undefined },
      { contextValue: context },
    );
    if (response.body.kind === 'single') return response.body.singleResult;
    return errorResult(new GraphQLError('Incremental delivery is not available on this transport; use a JSON request'));
  }

  /** A result with the gateway's error policy applied to its errors (Apollo Server already formatted a query's). */
  private format(result: AnyResult): FormattedExecutionResult {
    if (!result.errors?.length) return result;
    const errors: readonly (GraphQLError | GraphQLFormattedError)[] = result.errors;
    return {
      ...result,
      errors: errors.map((error) =>
        error instanceof GraphQLError ? (formatted([error], this.options.formatError)[0] ?? error.toJSON()) : error,
      ),
    };
  }

  /** A subscription as a plain JSON GET (Apollo Server would answer 405): 400 naming the transports. */
  private refusePlainSubscription(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || prefersHtml(req)) return false;
    const params = new URL(req.url ?? '/', 'http://gateway').searchParams;
    const query = params.get('query');
    if (!query?.includes('subscription')) return false;
    try {
      if (getOperationAST(parse(query), params.get('operationName') ?? undefined)?.operation !== OperationTypeNode.SUBSCRIPTION)
        return false;
    } catch {
      return false;
    }
    sendError(res, transportRequired());
    return true;
  }
}

/** A request error as a JSON GraphQL response, with the status its `extensions.http` names (default 400). */
function sendError(res: ServerResponse, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number } };
  sendJson(res, http?.status ?? 400, { errors: [{ message: error.message, extensions }] });
}

/** `guard` followed by the HTTP subscription transports: what the guard answers (a CORS preflight, a rate limit) is not served. */
export function withHttpSubscriptions(
  guard: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>,
  subscriptions: HttpSubscriptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => (await guard(req, res)) || subscriptions.handle(req, res);
}
