import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, OperationTypeNode, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import { ErrorCode, serveGraphQLWs, type Caller, type Extra, type GraphQLWsEndpoint, type Logger } from '@nusa/platform';
import type { Admission } from '../admission/admission.js';
import type { GatewayContext } from '../context.js';
import type { SignedIdentities } from '../signed-identities.js';
import type { SubscriptionHub } from './subscription-hub.js';

/** What one operation over the socket carries from `onSubscribe` to execution. */
interface WsContext extends GatewayContext {
  source: string;
  /** The `subscribe` payload's extensions (a mutation's `idempotencyKey`, say), given to Apollo Server as an HTTP body's are. */
  extensions?: Record<string, unknown>;
  /** Set for subscriptions: gives back the open slot (see Admission). */
  release?: () => void;
}

/** What a connection keeps once `connection_init` is accepted. */
interface Connection extends Extra {
  caller: Caller;
  clientIp: string;
}

/** Options of {@link GatewayWebSockets}. */
export interface GatewayWebSocketOptions {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  hub: SubscriptionHub;
  admission: Admission;
  /** The caller behind an `authorization` value, as for HTTP. */
  authenticate: (authorization: unknown) => Promise<Caller>;
  identities: SignedIdentities;
  /** The client's address, as for HTTP (behind a trusted proxy, the forwarded one). */
  clientIpOf: (req: IncomingMessage) => string;
  /** The gateway's error policy, the same as for HTTP. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  /** How often an open socket's credential is checked again (a revocation closes it within this time). Default: 30,000. */
  recheckMs?: number;
}

/** Formats errors as over HTTP, without what only HTTP uses (`extensions.http`). */
export function formatted(errors: readonly GraphQLError[], format: GatewayWebSocketOptions['formatError']): GraphQLFormattedError[] {
  return errors.map((error) => {
    const shaped = format(error.toJSON(), error);
    if (!shaped.extensions || !('http' in shaped.extensions)) return shaped;
    const { http: _http, ...extensions } = shaped.extensions;
    return { ...shaped, extensions };
  });
}

/**
 * The gateway's graphql-ws endpoint on `/graphql`, a thin adapter: `connection_init` is
 * authenticated as an HTTP request is (and checked again while the socket is open); every
 * `subscribe` is parsed, validated and admitted by the same {@link Admission} as HTTP, and its errors
 * formatted by the same policy. Queries and mutations then run through Apollo Server (which admits
 * them with its plugin), subscriptions through the {@link SubscriptionHub}.
 */
export class GatewayWebSockets {
  private readonly endpoint: GraphQLWsEndpoint;

  constructor(private readonly options: GatewayWebSocketOptions) {
    const { apollo, hub, formatError } = options;
    this.endpoint = serveGraphQLWs(
      options.server,
      '/graphql',
      {
        onConnect: async (ctx) => {
          const authorization = ctx.connectionParams?.authorization;
          let caller: Caller;
          try {
            caller = await options.authenticate(authorization);
          } catch {
            return false;
          }
          const connection = ctx.extra as Connection;
          connection.caller = caller;
          connection.clientIp = options.clientIpOf(connection.request);
          if (caller.kind !== 'anonymous') this.recheck(connection.socket, authorization, caller);
          return true;
        },
        onSubscribe: (ctx, _id, payload) => this.admit(ctx, payload),
        execute: async (args: ExecutionArgs) => {
          const context = args.contextValue as WsContext;
          const response = await apollo.executeOperation(
            {
              query: context.source,
              variables: args.variableValues ?? undefined,
              operationName: args.operationName ?? undefined,
              extensions: context.extensions,
            },
            { contextValue: context },
          );
          if (response.body.kind === 'single') return response.body.singleResult as ExecutionResult;
          return { errors: [new GraphQLError('Incremental delivery is not available over WebSocket; use HTTP')] };
        },
        subscribe: (args: ExecutionArgs) => {
          const context = args.contextValue as WsContext;
          return hub.subscribe({
            document: args.document,
            source: context.source,
            operationName: args.operationName,
            variables: args.variableValues ?? {},
            context,
            release: context.release ?? (() => undefined),
          });
        },
        // Subscription events and refusals get the HTTP error policy (Apollo Server already formatted the errors of queries and mutations).
        onNext: (_ctx, _id, _payload, _args, result) => {
          if (!result.errors?.length) return undefined;
          const errors = result.errors as readonly (GraphQLError | GraphQLFormattedError)[];
          return {
            ...result,
            errors: errors.map((error) => (error instanceof GraphQLError ? (formatted([error], formatError)[0] ?? error.toJSON()) : error)),
          };
        },
        onError: (_ctx, _id, _payload, errors) => formatted(errors, formatError),
      },
      options.logger,
    );
  }

  /** Open WebSocket connections from clients. */
  connections(): number {
    return this.endpoint.connections();
  }

  /** Ends every socket with 1012 (clients reconnect elsewhere). */
  close(): Promise<void> {
    return this.endpoint.close();
  }

  /** `onSubscribe`: the operation parsed, validated and, for a subscription, admitted; else its errors. */
  private async admit(
    ctx: Context<Record<string, unknown> | undefined, Extra>,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const { admission, hub } = this.options;
    const { caller, clientIp } = ctx.extra as Connection;
    let schema;
    try {
      schema = hub.schema;
    } catch {
      return [new GraphQLError('The gateway has no schema yet; try again shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } })];
    }
    const parsed = admission.parse(payload, schema);
    if (!parsed.ok) return parsed.errors;
    const contextValue: WsContext = {
      caller,
      clientIp,
      identityFor: this.options.identities.of(caller),
      requestId: randomUUID(),
      logger: this.options.logger,
      warnings: [],
      source: parsed.source,
      ...(payload.extensions ? { extensions: payload.extensions } : {}),
    };
    if (parsed.operation.operation === OperationTypeNode.SUBSCRIPTION) {
      try {
        contextValue.release = (await admission.admit({ ...parsed, caller, clientIp, schema })).release;
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
    }
    return {
      schema,
      document: parsed.document,
      operationName: payload.operationName,
      variableValues: parsed.variables,
      contextValue,
    };
  }

  /**
   * Keeps checking an open socket's credential, as every HTTP request's is: at the session token's
   * expiry and every `recheckMs`, so a sign-out, a revoked or expired key closes the socket
   * with 4403 (the code a refused `connection_init` gets) within that time. A check that cannot be
   * made (the CRM unreachable) leaves the socket open.
   */
  private recheck(socket: WebSocket, authorization: unknown, caller: Caller): void {
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      const untilExpiry = caller.kind === 'member' && caller.session ? caller.session.exp * 1000 - Date.now() : Infinity;
      timer = setTimeout(check, Math.max(0, Math.min(this.options.recheckMs ?? 30_000, untilExpiry)));
      timer.unref();
    };
    const check = () => {
      if (socket.readyState !== WebSocket.OPEN) return;
      this.options.authenticate(authorization).then(schedule, (error: unknown) => {
        if (error instanceof GraphQLError && error.extensions.code === ErrorCode.Unauthenticated) socket.close(4403, 'Forbidden');
        else schedule();
      });
    };
    socket.once('close', () => clearTimeout(timer));
    schedule();
  }
}
