import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { BodyTooLarge, ErrorCode, readBody } from '@nusa/platform';
import type { OperationPayload } from '../admission/admission.js';

/** The streaming transports served over plain HTTP, chosen by the request's `Accept`. */
export type StreamTransport = 'sse' | 'multipart';

/**
 * The streaming transport a request asks for: `text/event-stream` (GraphQL over SSE), or
 * `multipart/mixed` with `subscriptionSpec=1.0` (Apollo's multipart subscriptions; quoted or not,
 * as Apollo Client sends it); else none.
 */
export function streamTransportOf(req: IncomingMessage): StreamTransport | undefined {
  const accept = (req.headers.accept ?? '').toLowerCase();
  for (const entry of accept.split(',')) {
    const [type, ...parameters] = entry.split(';').map((part) => part.trim());
    if (type === 'text/event-stream') return 'sse';
    if (type === 'multipart/mixed' && parameters.some((parameter) => /^subscriptionspec="?1\.0"?$/.test(parameter))) return 'multipart';
  }
  return undefined;
}

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } } });

function jsonParameter(params: URLSearchParams, name: string): Record<string, unknown> | null | GraphQLError {
  const raw = params.get(name);
  if (raw === null || raw === '') return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || typeof value === 'object') return value as Record<string, unknown> | null;
  } catch {
    // answered below
  }
  return badRequest(`The ${name} parameter must be a JSON object`);
}

/** The operation of a GET request, from its URL's `query`, `operationName`, `variables` and `extensions`. */
export function operationOfUrl(url: string): OperationPayload | GraphQLError {
  const params = new URL(url, 'http://gateway').searchParams;
  const variables = jsonParameter(params, 'variables');
  if (variables instanceof GraphQLError) return variables;
  const extensions = jsonParameter(params, 'extensions');
  if (extensions instanceof GraphQLError) return extensions;
  return { query: params.get('query') ?? '', operationName: params.get('operationName'), variables, extensions };
}

function operationOfBody(body: unknown): OperationPayload | GraphQLError {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return badRequest('The body must be one GraphQL request as a JSON object (a batch cannot stream)');
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  if (query !== undefined && typeof query !== 'string') return badRequest('"query" must be a string');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return badRequest('"operationName" must be a string');
  for (const [name, value] of [
    ['variables', variables],
    ['extensions', extensions],
  ] as const) {
    if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value)))
      return badRequest(`"${name}" must be a JSON object`);
  }
  return {
    query: query ?? '',
    operationName: operationName ?? null,
    variables: (variables as Record<string, unknown> | undefined) ?? null,
    extensions: (extensions as Record<string, unknown> | undefined) ?? null,
  };
}

/** The one operation of a streaming request: from a POST's JSON body or a GET's URL; a coded 4xx error when it is malformed. */
export async function operationOfRequest(req: IncomingMessage, maxBodyBytes: number): Promise<OperationPayload | GraphQLError> {
  if (req.method !== 'POST') return operationOfUrl(req.url ?? '/');
  let raw: string;
  try {
    raw = await readBody(req, maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return new GraphQLError(`Request body exceeds the limit of ${maxBodyBytes} bytes`, {
      extensions: { code: ErrorCode.BadUserInput, limit: maxBodyBytes, http: { status: 413 } },
    });
  }
  try {
    return operationOfBody(JSON.parse(raw));
  } catch {
    return badRequest('Request body is not valid JSON');
  }
}
