import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { buildOperationContext, executeQueryPlan, type ServiceMap } from '@apollo/gateway';
import type { GraphQLDataSource } from '@apollo/gateway';
import { QueryPlanner, type FetchNode, type QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Logger } from '@nusa/platform';
import type { GatewayContext } from '../context.js';
import { answersAsIs, hidesParts } from '../pass-through.js';

/** The name under which an upstream event is fed to the query plan as if fetched. */
const EVENT_SERVICE = '__subscription_event__';
const PLAN_CACHE_LIMIT = 1000;

/**
 * A subgraph's errors as graphql-ws sends them (`toJSON` is called on each), as `GraphQLError`s named
 * as the subgraph's (`extensions.serviceName`, as over HTTP), so a fault of its becomes
 * `DOWNSTREAM_SERVICE_ERROR` naming it and a caller's error keeps its code.
 */
export function asGraphQLErrors(errors: readonly unknown[], serviceName: string): GraphQLError[] {
  return errors.map((error) => {
    const formatted = error instanceof GraphQLError ? error : (error as GraphQLFormattedError);
    return new GraphQLError(formatted.message ?? 'Unknown error', {
      path: formatted.path,
      extensions: { ...formatted.extensions, serviceName },
    });
  });
}

/** A subscription operation planned against the supergraph: what to ask the owning subgraph, and how to finish each event. */
export interface PreparedSubscription {
  /** The subgraph that owns the root field. */
  serviceName: string;
  /** The operation sent to it, as the query planner wrote it. */
  upstreamQuery: string;
  /** The variables it uses, by name. */
  variableUsages: string[];
  /** Resolves one upstream event into the client's result, fetching other subgraphs' fields through the plan. */
  resolve: (raw: ExecutionResult, variables: Record<string, unknown>, context: GatewayContext) => Promise<ExecutionResult>;
}

/**
 * Plans subscriptions with Apollo's own query planner on the current supergraph, and executes the
 * rest of each event's plan with @apollo/gateway's `executeQueryPlan`: the upstream event stands in
 * for the primary fetch, and fields other subgraphs own are fetched exactly as for a query.
 */
export class SubscriptionPlanner {
  private readonly planner: QueryPlanner;
  private readonly apiSchema: Schema;
  private readonly supergraphSchema: GraphQLSchema;
  private readonly plans = new Map<string, PreparedSubscription>();
  /** Whether the supergraph hides anything (`@inaccessible`): then every event goes through the plan. */
  private readonly hidesParts: boolean;

  constructor(
    supergraphSdl: string,
    readonly schema: GraphQLSchema,
    private readonly services: ServiceMap,
    private readonly logger: Logger,
  ) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.planner = new QueryPlanner(supergraph);
    this.hidesParts = hidesParts(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  }

  /** The plan of a validated subscription document, cached by its text and operation name. */
  prepare(document: DocumentNode, source: string, operationName: string | null | undefined): PreparedSubscription {
    const key = `${operationName ?? ''}\n${source}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.apiSchema, document, { operationName: operationName ?? undefined });
    const plan = this.planner.buildQueryPlan(operation);
    if (plan.node?.kind !== 'Subscription') throw new GraphQLError('Not a subscription operation');
    const { primary, rest } = plan.node;
    const eventPlan: QueryPlan = {
      kind: 'QueryPlan',
      node: rest
        ? { kind: 'Sequence', nodes: [{ ...primary, serviceName: EVENT_SERVICE }, rest] }
        : ({ ...primary, serviceName: EVENT_SERVICE } satisfies FetchNode),
    };
    const operationContext = buildOperationContext({
      schema: this.schema,
      operationDocument: document,
      operationName: operationName ?? undefined,
    });
    // When the subgraph owns every field asked for and is asked exactly the client's selection, its
    // events are already the client's results: no plan to run, no reshaping.
    const passThrough = !rest && !this.hidesParts && answersAsIs(parse(primary.operation), operationContext.operation, this.schema);
    const prepared: PreparedSubscription = {
      serviceName: primary.serviceName,
      upstreamQuery: primary.operation,
      variableUsages: primary.variableUsages ?? [],
      resolve: async (raw, variables, context) => {
        if (!raw.data)
          return {
            errors: raw.errors
              ? asGraphQLErrors(raw.errors, primary.serviceName)
              : [new GraphQLError('The subgraph sent an event without data')],
          };
        if (passThrough)
          return raw.errors ? { data: raw.data, errors: asGraphQLErrors(raw.errors, primary.serviceName) } : { data: raw.data };
        const event: GraphQLDataSource = { process: () => Promise.resolve({ data: raw.data, errors: raw.errors }) };
        const requestContext = {
          request: { query: source, variables, operationName: operationName ?? undefined },
          context,
          logger: this.logger,
          metrics: {},
          schema: this.schema,
          document,
          source,
          operationName: operationName ?? null,
          operation: operationContext.operation,
        } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
        const result = await executeQueryPlan(
          eventPlan,
          { ...this.services, [EVENT_SERVICE]: event },
          requestContext,
          operationContext,
          this.supergraphSchema,
          this.apiSchema,
        );
        // The event came from the owning subgraph, fed to the plan under a stand-in name: its errors are that subgraph's.
        const errors = (result.errors as GraphQLError[] | undefined)?.map((error) =>
          error.extensions.serviceName === EVENT_SERVICE
            ? new GraphQLError(error.message, {
                path: error.path,
                originalError: error.originalError,
                extensions: { ...error.extensions, serviceName: primary.serviceName },
              })
            : error,
        );
        return { data: result.data, errors };
      },
    };
    if (this.plans.size >= PLAN_CACHE_LIMIT) this.plans.delete(this.plans.keys().next().value as string);
    this.plans.set(key, prepared);
    return prepared;
  }
}
