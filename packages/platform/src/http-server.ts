import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';
import type { Logger } from './logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * How long every service keeps an idle client connection open (longer than a load balancer's idle
 * timeout, so the balancer closes first). Node announces it in a `Keep-Alive: timeout=65` header,
 * which undici clients follow: an idle pooled connection lives this long on both sides.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Options of {@link createGraphQLHttpServer}. */
export interface GraphQLHttpOptions<TContext extends BaseContext> {
  /** A started Apollo Server. */
  apollo: ApolloServer<TContext>;
  /**
   * Builds the per-request context. Throwing a `GraphQLError` whose `extensions.http.status` is set
   * answers with that status and the error, without running the operation.
   */
  context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext>;
  /** Extra GET/POST routes by exact path, for example `/health`. Default: none. */
  routes?: Record<string, RouteHandler>;
  /** Largest accepted request body in bytes. Default: 1 MiB. */
  maxBodyBytes?: number;
  /** Where GraphQL is served. Default: `/graphql`. */
  path?: string;
  /**
   * Answers a GET on `path` from a browser (`Accept` prefers `text/html`, see {@link prefersHtml}),
   * for example with GraphiQL; other GETs and POSTs still run GraphQL. Default: none.
   */
  html?: RouteHandler;
  /** Answers a request that matches neither a route nor `path`, for example with a web app's files. Default: a JSON 404. */
  fallback?: RouteHandler;
  /** Called first for every request, for example to set a request id header. Default: none. */
  onRequest?: (req: IncomingMessage, res: ServerResponse) => void;
  /**
   * Runs after `onRequest` and before routing; resolving `true` means it answered the request
   * itself (a CORS preflight, a rate-limit refusal). Default: none.
   */
  guard?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Most operations in one batched request (a JSON array); more are refused naming the limit. Default: 10. */
  maxBatch?: number;
  /** Where faults outside GraphQL execution are logged. */
  logger: Logger;
}

/** Writes `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Answers with a GraphQL-shaped error body, the way a GraphQL client expects any failure. */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  sendJson(res, status, { errors: [{ message, extensions: { ...extra, code } }] });
}

export class BodyTooLarge extends Error {}

/** Reads a request body of at most `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Thrown where a request is answered with an error before GraphQL runs; the answer is already sent. */
const ANSWERED = Symbol('answered');

/** The GraphQL request body of a POST (parsed JSON, or the raw text for Apollo to judge), or ANSWERED with a coded 4xx. */
async function requestBody(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number, maxBatch: number): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  let raw: string;
  try {
    raw = await readBody(req, maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    sendGraphQLError(res, 413, ErrorCode.BadUserInput, `Request body exceeds the limit of ${maxBodyBytes} bytes`, { limit: maxBodyBytes });
    return ANSWERED;
  }
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.includes('application/json') || raw.length === 0) return raw;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    sendGraphQLError(res, 400, ErrorCode.BadUserInput, 'Request body is not valid JSON');
    return ANSWERED;
  }
  if (Array.isArray(body) && body.length > maxBatch) {
    sendGraphQLError(res, 400, ErrorCode.BadUserInput, `The batch has ${body.length} operations; the limit (maxBatch) is ${maxBatch}`, {
      limit: 'maxBatch',
      value: maxBatch,
      actual: body.length,
    });
    return ANSWERED;
  }
  return body;
}

/** The request's context, or ANSWERED when building it refused the request (a `GraphQLError` with its HTTP status). */
async function requestContext<TContext>(
  build: GraphQLHttpOptions<BaseContext>['context'],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<TContext | typeof ANSWERED> {
  try {
    return (await build(req, res)) as TContext;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const http = error.extensions.http as { status?: number } | undefined;
    const { http: _omit, ...extensions } = error.extensions;
    sendJson(res, http?.status ?? 400, { errors: [{ message: error.message, extensions }] });
    return ANSWERED;
  }
}

/** Runs the request through Apollo Server and writes its answer, streamed when Apollo streams it. */
async function answerWithApollo<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  request: { search: string; body: unknown; context: TContext },
): Promise<void> {
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search: request.search, body: request.body },
    context: () => Promise.resolve(request.context),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** A request's path and query string (with its `?`), split once. */
function splitUrl(url: string): { pathname: string; search: string } {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? { pathname: url, search: '' } : { pathname: url.slice(0, queryAt), search: url.slice(queryAt) };
}

/** Logs a fault outside GraphQL execution and answers 500 if nothing was sent yet (else ends the response). */
function failed(logger: Logger, res: ServerResponse, message: string, error: unknown, path?: string): void {
  logger.error({ err: error, ...(path ? { path } : {}) }, message);
  if (!res.headersSent) sendGraphQLError(res, 500, ErrorCode.InternalServerError, 'Internal server error');
  else res.destroy(error instanceof Error ? error : undefined);
}

/**
 * A Node HTTP server for Apollo Server without a web framework: GraphQL at `path`, a few plain
 * routes, a body-size limit. It never listens by itself, so tests can start it on port 0.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): Server {
  const path = options.path ?? '/graphql';
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxBatch = options.maxBatch ?? 10;
  const routes = options.routes ?? {};

  const handleGraphQL = async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    const body = await requestBody(req, res, maxBodyBytes, maxBatch);
    if (body === ANSWERED) return;
    const context = await requestContext<TContext>(options.context, req, res);
    if (context === ANSWERED) return;
    await answerWithApollo(options.apollo, req, res, { search, body, context });
  };

  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    const { pathname, search } = splitUrl(req.url ?? '/');
    const route = routes[pathname];
    const graphql = () =>
      options.html && req.method === 'GET' && prefersHtml(req) ? options.html(req, res) : handleGraphQL(req, res, search);
    const work = route ? route(req, res) : pathname === path ? graphql() : options.fallback ? options.fallback(req, res) : notFound(res);
    Promise.resolve(work).catch((error: unknown) =>
      failed(options.logger, res, 'request failed outside GraphQL execution', error, pathname),
    );
  };

  const server = createServer((req, res) => {
    options.onRequest?.(req, res);
    if (!options.guard) return dispatch(req, res);
    Promise.resolve(options.guard(req, res)).then(
      (answered) => {
        if (!answered) dispatch(req, res);
      },
      (error: unknown) => failed(options.logger, res, 'request guard failed', error),
    );
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  return server;
}

/**
 * Whether a request is a browser opening the URL: its `Accept` lists `text/html` before any JSON or
 * GraphQL response type (a GraphQL client asks for those, or for any type).
 */
export function prefersHtml(req: IncomingMessage): boolean {
  const types = (req.headers.accept ?? '').split(',').map((entry) => entry.split(';')[0]?.trim().toLowerCase());
  const html = types.indexOf('text/html');
  const json = types.findIndex((type) => type === 'application/json' || type === 'application/graphql-response+json');
  return html !== -1 && (json === -1 || html < json);
}

function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: 'Not found' });
}

/** Listens on `port` (0 for any free port) and resolves with the port actually bound. */
export function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes `server`, ending idle keep-alive connections so the close does not wait for them. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
