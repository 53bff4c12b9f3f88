import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { anonymous, serveGraphQLWs, verifyIdentity, type Caller, type GraphQLWsEndpoint, type Logger } from '@nusa/platform';
import { createContext, type ChatContext, type ChatServices } from '../context.js';

/** The identity a WebSocket connection or one of its subscriptions presents, signed for chat. */
function callerOf(value: unknown, secret: string): Caller | undefined {
  return typeof value === 'string' ? verifyIdentity(value, secret, 'chat') : undefined;
}

/**
 * Chat's graphql-ws endpoint on `/graphql`, for the gateway: `connection_init` carries the gateway's
 * signed service identity, and each subscription the signed identity of the person it is for in
 * `extensions.identity`. A forged, stale or foreign identity there makes the subscription anonymous
 * (refused by the resolver), never the gateway itself.
 */
export function serveStreams(
  server: Server,
  schema: GraphQLSchema,
  services: ChatServices,
  options: { internalSecret: string; logger: Logger },
): GraphQLWsEndpoint {
  const { internalSecret, logger } = options;
  return serveGraphQLWs(
    server,
    '/graphql',
    {
      schema,
      onConnect: (ctx) => {
        const caller = callerOf(ctx.connectionParams?.identity, internalSecret);
        if (!caller) return false;
        (ctx.extra as unknown as { caller: Caller }).caller = caller;
        return true;
      },
      context: (ctx, _id, payload): ChatContext => {
        const connection = (ctx.extra as unknown as { caller: Caller }).caller;
        const forwarded =
          connection.kind === 'service' && payload.extensions?.identity !== undefined
            ? (callerOf(payload.extensions.identity, internalSecret) ?? anonymous)
            : undefined;
        const requestId = typeof payload.extensions?.requestId === 'string' ? payload.extensions.requestId : randomUUID();
        return createContext({ caller: forwarded ?? connection, requestId }, services);
      },
    },
    logger,
  );
}
