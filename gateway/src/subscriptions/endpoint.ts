import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { ServiceMap } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import {
  GraphQLError,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type ValidationRule,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ErrorCode, serveGraphQLWs, signIdentity, type Caller, type GraphQLWsEndpoint, type Logger } from '@nusa/shared';
import { authenticateAuthorization } from '../authenticate.js';
import type { CredentialVerifier } from '../credentials/credential-verifier.js';
import type { GatewayContext } from '../context.js';
import { SUBGRAPH_UNAVAILABLE } from '../subgraph-source.js';
import type { SignedIdentities } from '../signed-identities.js';
import { SharedStream } from './shared-stream.js';
import { asGraphQLErrors, SubscriptionPlanner } from './planner.js';

/** Per subscription over the gateway's WebSocket: the gateway context plus the operation's text. */
interface WsContext extends GatewayContext {
  source: string;
}

export interface SubscriptionOptions {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  jwtSecret: string;
  /** Revocations and API keys, checked at `connection_init` as for HTTP. */
  credentials: CredentialVerifier;
  internalSecret: string;
  /** The callers' identities, signed for each subgraph. */
  identities: SignedIdentities;
  logger: Logger;
  /** The URL of a subgraph, by name, after overrides. */
  urlOf: (name: string) => string | undefined;
  /** Validation rules on top of GraphQL's own (the query-shape limits), as for HTTP. */
  validationRules?: ValidationRule[];
  /** How often an open socket's credential is checked again (a revocation closes it within this time). Default: 30,000. */
  recheckMs?: number;
}

function callerKey(caller: Caller): string {
  return caller.kind === 'anonymous' ? 'anonymous' : caller.kind === 'service' ? `service:${caller.name}` : `${caller.kind}:${caller.id}`;
}

function pick(variables: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => name in variables).map((name) => [name, variables[name]]));
}

/**
 * Subscriptions through the gateway, which `@apollo/gateway` does not execute: a graphql-ws
 * endpoint on `/graphql` that authenticates `connection_init`, plans each subscription with the
 * query planner, forwards its primary fetch to the owning subgraph over graphql-ws (one socket per
 * subgraph, identical subscriptions sharing one upstream), and resolves every event's other fields
 * through the gateway's federated execution. Queries and mutations sent over the socket run
 * through Apollo Server as over HTTP.
 */
export class GatewaySubscriptions {
  private planner: SubscriptionPlanner | null = null;
  private readonly streams = new Map<string, SharedStream>();
  private readonly clients = new Map<string, Client>();
  private readonly endpoint: GraphQLWsEndpoint;

  constructor(private readonly options: SubscriptionOptions) {
    const { jwtSecret, credentials, apollo, logger } = options;
    this.endpoint = serveGraphQLWs(
      options.server,
      '/graphql',
      {
        schema: () => this.current().schema,
        validate: (schema, document) => validate(schema, document, [...specifiedRules, ...(options.validationRules ?? [])]),
        onConnect: async (ctx) => {
          const authorization = ctx.connectionParams?.authorization;
          let caller: Caller;
          try {
            caller = await authenticateAuthorization(authorization, jwtSecret, credentials);
          } catch {
            return false;
          }
          const extra = ctx.extra as unknown as { caller: Caller; socket: WebSocket };
          extra.caller = caller;
          if (caller.kind !== 'anonymous') this.recheck(extra.socket, authorization, caller);
          return true;
        },
        context: (ctx, _id, payload): WsContext => {
          const caller = (ctx.extra as unknown as { caller: Caller }).caller;
          return {
            caller,
            identityFor: options.identities.of(caller),
            requestId: randomUUID(),
            logger,
            warnings: [],
            source: payload.query,
          };
        },
        execute: async (args: ExecutionArgs) => {
          const context = args.contextValue as WsContext;
          const response = await apollo.executeOperation(
            { query: context.source, variables: args.variableValues ?? undefined, operationName: args.operationName ?? undefined },
            { contextValue: context },
          );
          if (response.body.kind === 'single') return response.body.singleResult as ExecutionResult;
          return { errors: [new GraphQLError('Incremental delivery is not available over WebSocket; use HTTP')] };
        },
        subscribe: (args: ExecutionArgs) => this.subscribe(args),
      },
      logger,
    );
  }

  /** Open WebSocket connections from clients. */
  connections(): number {
    return this.endpoint.connections();
  }

  /** Open shared upstream subscriptions. */
  upstreams(): number {
    return this.streams.size;
  }

  /** A new supergraph: plan against it from now on, and end the open subscriptions with an error clients can act on. */
  useSchema(apiSchema: GraphQLSchema, supergraphSdl: string, services: ServiceMap): void {
    const previous = this.planner;
    this.planner = new SubscriptionPlanner(supergraphSdl, apiSchema, services, this.options.logger);
    if (!previous) return;
    const reloaded = new GraphQLError('The schema changed; subscribe again (with afterSeq to resume a message stream)', {
      extensions: { code: 'SCHEMA_RELOADED' },
    });
    for (const stream of [...this.streams.values()]) stream.terminate({ errors: [reloaded] });
    for (const client of this.clients.values()) void client.dispose();
    this.clients.clear();
  }

  /** Ends every socket with 1012 (clients reconnect elsewhere) and every upstream. */
  async close(): Promise<void> {
    const restarting = new GraphQLError('The gateway is restarting; reconnect and resume', { extensions: { code: 'SERVICE_RESTART' } });
    for (const stream of [...this.streams.values()]) stream.terminate({ errors: [restarting] });
    await this.endpoint.close();
    await Promise.all([...this.clients.values()].map(async (client) => client.dispose()));
    this.clients.clear();
  }

  /**
   * Keeps checking an open socket's credential, as every HTTP request's is: at the session token's
   * expiry and every `recheckMs`, so a sign-out, a revoked or expired key closes the socket
   * with 4403 (the code a refused `connection_init` gets) within that time. A check that cannot be
   * made (the CRM unreachable) leaves the socket open.
   */
  private recheck(socket: WebSocket, authorization: unknown, caller: Caller): void {
    const { jwtSecret, credentials } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      const untilExpiry = caller.kind === 'member' && caller.session ? caller.session.exp * 1000 - Date.now() : Infinity;
      timer = setTimeout(check, Math.max(0, Math.min(this.options.recheckMs ?? 30_000, untilExpiry)));
      timer.unref();
    };
    const check = () => {
      if (socket.readyState !== WebSocket.OPEN) return;
      authenticateAuthorization(authorization, jwtSecret, credentials).then(schedule, (error: unknown) => {
        if (error instanceof GraphQLError && error.extensions.code === ErrorCode.Unauthenticated) socket.close(4403, 'Forbidden');
        else schedule();
      });
    };
    socket.once('close', () => clearTimeout(timer));
    schedule();
  }

  private current(): SubscriptionPlanner {
    if (!this.planner) throw new Error('The gateway has no schema yet');
    return this.planner;
  }

  private subscribe(args: ExecutionArgs): ExecutionResult | AsyncIterableIterator<ExecutionResult> {
    const context = args.contextValue as WsContext;
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    let prepared;
    try {
      prepared = this.current().prepare(args.document, context.source, args.operationName);
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error))] };
    }
    const key = [context.source, args.operationName ?? '', JSON.stringify(variables), callerKey(context.caller)].join('\n');
    const existing = this.streams.get(key);
    if (existing?.joinable) return existing.join();

    const { serviceName } = prepared;
    const upstream = this.client(serviceName).iterate({
      query: prepared.upstreamQuery,
      variables: pick(variables, prepared.variableUsages),
      extensions: { identity: context.identityFor(serviceName), requestId: context.requestId },
    }) as AsyncIterableIterator<ExecutionResult>;
    const stream: SharedStream = new SharedStream(
      upstream,
      // Each event's other fields are fetched with identities signed afresh when they age.
      (raw) => prepared.resolve(raw, variables, { ...context, warnings: [] }),
      (error) => this.failure(serviceName, error),
      () => {
        if (this.streams.get(key) === stream) this.streams.delete(key);
      },
    );
    this.streams.set(key, stream);
    return stream.join();
  }

  /** An upstream failure as the client sees it: the subgraph's own errors, or the subgraph named as unavailable. */
  private failure(serviceName: string, error: unknown): ExecutionResult {
    if (Array.isArray(error)) return { errors: asGraphQLErrors(error) };
    this.options.logger.warn({ err: error, subgraph: serviceName }, 'subscription upstream failed');
    return {
      errors: [
        new GraphQLError(`The ${serviceName} service ended the stream; subscribe again (with afterSeq to resume)`, {
          extensions: { code: ErrorCode.InternalServerError, reason: SUBGRAPH_UNAVAILABLE, serviceName },
        }),
      ],
    };
  }

  /** The graphql-ws client of a subgraph: one socket, opened when needed, shared by its subscriptions. */
  private client(serviceName: string): Client {
    const known = this.clients.get(serviceName);
    if (known) return known;
    const url = this.options.urlOf(serviceName);
    if (!url) throw new GraphQLError(`No URL for the ${serviceName} service`);
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 2000,
      retryAttempts: 0,
      keepAlive: 10_000,
      connectionParams: () => ({ identity: signIdentity({ kind: 'service', name: 'gateway' }, this.options.internalSecret, serviceName) }),
    });
    this.clients.set(serviceName, client);
    return client;
  }
}
