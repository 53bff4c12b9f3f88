import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { ErrorCode, readBody, sendJson, type RouteHandler, IDENTITY_HEADER, verifyIdentity } from '@nusa/platform';
import type { Logger } from '@nusa/platform';

const STATUS_BY_CODE: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.IdempotencyKeyReused]: 422,
};

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

/**
 * A JSON POST route between platform services, outside the public graph: only a caller whose
 * signed identity is a service gets in; the body is validated with `schema`; errors answer with the
 * same codes as the graph (`{ error: { code, message } }`).
 */
export function internalRoute<T>(options: {
  /** The service serving the route: identities issued for another are refused. */
  service: string;
  internalSecret: string;
  /** The services that may call it. Default: any platform service. */
  callers?: string[];
  logger: Logger;
  schema: z.ZodType<T>;
  handle: (body: T) => Promise<unknown>;
}): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers[IDENTITY_HEADER];
    const caller = verifyIdentity(typeof header === 'string' ? header : undefined, options.internalSecret, options.service);
    if (caller?.kind !== 'service') {
      fail(res, 401, ErrorCode.Unauthenticated, 'Internal routes answer platform services only');
      return;
    }
    if (options.callers && !options.callers.includes(caller.name)) {
      fail(res, 403, ErrorCode.Forbidden, `This route answers ${options.callers.join(', ')} only`);
      return;
    }
    if (req.method !== 'POST') {
      fail(res, 405, ErrorCode.BadUserInput, 'Use POST');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, 1024 * 1024));
    } catch {
      fail(res, 400, ErrorCode.BadUserInput, 'The body must be JSON of at most 1 MiB');
      return;
    }
    const parsed = options.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(res, 400, ErrorCode.BadUserInput, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    try {
      sendJson(res, 200, await options.handle(parsed.data));
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      if (typeof code === 'string' && STATUS_BY_CODE[code]) {
        fail(res, STATUS_BY_CODE[code] ?? 400, code, (error as GraphQLError).message);
        return;
      }
      options.logger.error({ err: error, path: req.url }, 'internal route failed');
      fail(res, 500, ErrorCode.InternalServerError, 'Internal server error');
    }
  };
}
