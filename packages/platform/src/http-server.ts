import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';
import type { Logger } from './logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

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
    let body: unknown;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          sendGraphQLError(res, 413, ErrorCode.BadUserInput, `Request body exceeds the limit of ${maxBodyBytes} bytes`, {
            limit: maxBodyBytes,
          });
          return;
        }
        throw error;
      }
      const contentType = req.headers['content-type'] ?? '';
      if (contentType.includes('application/json') && raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          sendGraphQLError(res, 400, ErrorCode.BadUserInput, 'Request body is not valid JSON');
          return;
        }
      } else {
        body = raw;
      }
    }
    if (Array.isArray(body) && body.length > maxBatch) {
      sendGraphQLError(res, 400, ErrorCode.BadUserInput, `The batch has ${body.length} operations; the limit (maxBatch) is ${maxBatch}`, {
        limit: 'maxBatch',
        value: maxBatch,
        actual: body.length,
      });
      return;
    }
    let context: TContext;
    try {
      context = await options.context(req, res);
    } catch (error) {
      if (error instanceof GraphQLError) {
        const http = error.extensions.http as { status?: number } | undefined;
        const { http: _omit, ...extensions } = error.extensions;
        sendJson(res, http?.status ?? 400, { errors: [{ message: error.message, extensions }] });
        return;
      }
      throw error;
    }
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search, body },
      context: () => Promise.resolve(context),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const server = createServer((req, res) => {
    options.onRequest?.(req, res);
    if (options.guard) {
      Promise.resolve(options.guard(req, res)).then(
        (answered) => {
          if (!answered) dispatch(req, res);
        },
        (error: unknown) => {
          options.logger.error({ err: error }, 'request guard failed');
          if (!res.headersSent) sendGraphQLError(res, 500, ErrorCode.InternalServerError, 'Internal server error');
        },
      );
      return;
    }
    dispatch(req, res);
  });
  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : url.slice(queryAt);
    const route = routes[pathname];
    const graphql = () =>
      options.html && req.method === 'GET' && prefersHtml(req) ? options.html(req, res) : handleGraphQL(req, res, search);
    const work = route ? route(req, res) : pathname === path ? graphql() : options.fallback ? options.fallback(req, res) : notFound(res);
    Promise.resolve(work).catch((error: unknown) => {
      options.logger.error({ err: error, path: pathname }, 'request failed outside GraphQL execution');
      if (!res.headersSent) sendGraphQLError(res, 500, ErrorCode.InternalServerError, 'Internal server error');
      else res.destroy(error instanceof Error ? error : undefined);
    });
  };
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
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
