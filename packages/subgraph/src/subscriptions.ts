import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import {
  anonymous,
  isClientFacing,
  serveGraphQLWs,
  verifyIdentity,
  type Caller,
  type GraphQLWsEndpoint,
  type Logger,
  type ServiceContext,
} from '@nusa/platform';

/** Options of {@link serveSubscriptions}. */
export interface SubscriptionEndpointOptions<TContext extends ServiceContext> {
  /** The subgraph's name: the audience its signed identities must name. */
  name: string;
  schema: GraphQLSchema;
  internalSecret: string;
  logger: Logger;
  /** The context of one subscription, as for a request over HTTP. */
  context: (base: ServiceContext) => TContext | Promise<TContext>;
}

/**
 * A subgraph's graphql-ws endpoint on `/graphql`, for the gateway: `connection_init` carries the
 * gateway's signed service identity, and each subscription the signed identity of the person it is
 * for in `extensions.identity`. A forged, stale or foreign identity there makes the subscription
 * anonymous (refused by its resolver), never the gateway itself.
 */
export function serveSubscriptions<TContext extends ServiceContext>(
  server: Server,
  options: SubscriptionEndpointOptions<TContext>,
): GraphQLWsEndpoint {
  const { name, internalSecret } = options;
  const callerOf = (value: unknown): Caller | undefined =>
    typeof value === 'string' ? verifyIdentity(value, internalSecret, name) : undefined;
  return serveGraphQLWs(
    server,
    '/graphql',
    {
      schema: options.schema,
      onConnect: (ctx) => {
        const caller = callerOf(ctx.connectionParams?.identity);
        if (!caller) return false;
        (ctx.extra as unknown as { caller: Caller }).caller = caller;
        return true;
      },
      context: (ctx, _id, payload): Promise<TContext> => {
        const connection = (ctx.extra as unknown as { caller: Caller }).caller;
        const forwarded =
          connection.kind === 'service' && payload.extensions?.identity !== undefined
            ? (callerOf(payload.extensions.identity) ?? anonymous)
            : undefined;
        const requestId = typeof payload.extensions?.requestId === 'string' ? payload.extensions.requestId : randomUUID();
        const base = { caller: forwarded ?? connection, requestId };
        // A context that refuses its caller (a deactivated member, say) must not end the gateway's
        // shared connection: the subscription goes on as anonymous, and its resolver refuses it.
        return Promise.resolve(options.context(base)).catch(() => options.context({ ...base, caller: anonymous }));
      },
      // A stream that broke on a fault (its store unreachable, say) is logged here, where its cause is known.
      onError: (_ctx, id, payload, errors) => {
        for (const error of errors) {
          if (isClientFacing(error)) continue;
          const requestId = payload.extensions?.requestId;
          options.logger.warn({ err: error.originalError ?? error, subscription: id, requestId }, 'a subscription ended on a fault');
        }
      },
    },
    options.logger,
  );
}
