import type { ServiceMap } from '@apollo/gateway';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signIdentity, type Caller, type Logger } from '@nusa/platform';
import type { GatewayContext } from '../context.js';
import { DOWNSTREAM_SERVICE_ERROR, SUBGRAPH_UNAVAILABLE } from '../subgraph-source.js';
import { SharedStream } from './shared-stream.js';
import { asGraphQLErrors, SubscriptionPlanner } from './planner.js';

/** An admitted subscription, whatever transport carries it. */
export interface SubscriptionRequest {
  document: DocumentNode;
  /** The operation's text: what plans are cached by. */
  source: string;
  operationName?: string | null;
  variables: Record<string, unknown>;
  context: GatewayContext;
  /** Gives back the subscription's open slot (see Admission); called once when it ends, however it ends. */
  release: () => void;
}

/** Options of {@link SubscriptionHub}. */
export interface SubscriptionHubOptions {
  internalSecret: string;
  logger: Logger;
  /** The URL of a subgraph, by name, after overrides. */
  urlOf: (name: string) => string | undefined;
}

function callerKey(caller: Caller): string {
  return caller.kind === 'anonymous' ? 'anonymous' : caller.kind === 'service' ? `service:${caller.name}` : `${caller.kind}:${caller.id}`;
}

function pick(variables: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => name in variables).map((name) => [name, variables[name]]));
}

/** `iterator` that calls `release` when it ends: finished, failed, or returned by its consumer (release runs once). */
function releasing<T>(iterator: AsyncIterableIterator<T>, release: () => void): AsyncIterableIterator<T> {
  return {
    next: async () => {
      try {
        const result = await iterator.next();
        if (result.done) release();
        return result;
      } catch (error) {
        release();
        throw error;
      }
    },
    return: async (value?: unknown) => {
      try {
        return iterator.return ? await iterator.return(value) : { value: undefined, done: true as const };
      } finally {
        release();
      }
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * The transport-free core of subscriptions through the gateway, which `@apollo/gateway` does not
 * execute: each admitted subscription is planned with the query planner, its primary fetch is
 * forwarded to the owning subgraph over graphql-ws (one socket per subgraph, identical
 * subscriptions of one caller sharing one upstream), and every event's other fields are resolved
 * through the gateway's federated execution. graphql-ws, Server-Sent Events and multipart HTTP are
 * thin adapters over it.
 */
export class SubscriptionHub {
  private planner: SubscriptionPlanner | null = null;
  private readonly streams = new Map<string, SharedStream>();
  private readonly clients = new Map<string, Client>();

  constructor(private readonly options: SubscriptionHubOptions) {}

  /** The API schema subscriptions are validated against; throws before the first supergraph is loaded. */
  get schema(): GraphQLSchema {
    return this.current().schema;
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

  /** The subscription's results: an error result when it cannot start, else its events until it ends. */
  subscribe(request: SubscriptionRequest): ExecutionResult | AsyncIterableIterator<ExecutionResult> {
    try {
      return releasing(this.open(request), request.release);
    } catch (error) {
      request.release();
      return { errors: [error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error))] };
    }
  }

  /** Ends every upstream with `SERVICE_RESTART` and closes the sockets to the subgraphs. */
  async close(): Promise<void> {
    const restarting = new GraphQLError('The gateway is restarting; reconnect and resume', { extensions: { code: 'SERVICE_RESTART' } });
    for (const stream of [...this.streams.values()]) stream.terminate({ errors: [restarting] });
    await Promise.all([...this.clients.values()].map(async (client) => client.dispose()));
    this.clients.clear();
  }

  private current(): SubscriptionPlanner {
    if (!this.planner) throw new Error('The gateway has no schema yet');
    return this.planner;
  }

  private open(request: SubscriptionRequest): AsyncIterableIterator<ExecutionResult> {
    const { context, variables, source, operationName } = request;
    const prepared = this.current().prepare(request.document, source, operationName);
    const key = [source, operationName ?? '', JSON.stringify(variables), callerKey(context.caller)].join('\n');
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

  /**
   * An upstream failure as the client sees it: the subgraph's own errors, named as its (as over
   * HTTP, so a fault of its becomes `DOWNSTREAM_SERVICE_ERROR` naming it, and a caller's error
   * keeps its code), or the subgraph named as unavailable.
   */
  private failure(serviceName: string, error: unknown): ExecutionResult {
    if (Array.isArray(error)) return { errors: asGraphQLErrors(error, serviceName) };
    this.options.logger.warn({ err: error, subgraph: serviceName }, 'subscription upstream failed');
    return {
      errors: [
        new GraphQLError(`The ${serviceName} service ended the stream; subscribe again (with afterSeq to resume)`, {
          extensions: { code: DOWNSTREAM_SERVICE_ERROR, reason: SUBGRAPH_UNAVAILABLE, serviceName },
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
