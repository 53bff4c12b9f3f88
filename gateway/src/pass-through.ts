import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  getNamedType,
  getVariableValues,
  isLeafType,
  isObjectType,
  Kind,
  OperationTypeNode,
  parse,
  print,
  type DocumentNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from './context.js';
import { PassedThroughData } from './result-json.js';

/**
 * One operation's single subgraph fetch made by {@link passingThroughSingleFetches}: the subgraph's
 * answer, when it is the operation's whole answer as it came, and otherwise that fetch's outcome,
 * which the subgraph's data source hands @apollo/gateway's own execution instead of fetching again.
 */
export interface PassThrough {
  serviceName: string;
  /** The operation the query planner wrote for the subgraph. */
  query: string;
  /** The subgraph's bytes (`{"data":…}`), set by its data source when they hold no errors or extensions. */
  answer?: Buffer;
  /** The fetch's outcome, once it is not passed through. */
  replay?: Promise<GatewayGraphQLResponse>;
}

/** A fetch for a client's operation, as @apollo/gateway describes it to a data source. */
type OperationFetch = Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>;
/** `GraphQLDataSourceRequestKind.INCOMING_OPERATION`, whose enum @apollo/gateway's entry does not export. */
const INCOMING_OPERATION = 'incoming operation' as unknown as OperationFetch['kind'];

/** Whether every selection is a field without directives or fragments whose type is an object or leaf type (no interface or union). */
function selectsPlainly(selectionSet: SelectionSetNode, parent: GraphQLObjectType): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return false;
    if (selection.name.value === '__typename') return selection.selectionSet === undefined;
    const field = parent.getFields()[selection.name.value];
    if (!field) return false;
    const type = getNamedType(field.type);
    if (isObjectType(type)) return selection.selectionSet !== undefined && selectsPlainly(selection.selectionSet, type);
    return isLeafType(type);
  });
}

/**
 * Whether a subgraph's answer to `upstream` is, as it comes, the answer to the client's operation:
 * the upstream operation selects exactly what the client's selects (printed alike, so no field
 * added, renamed or reordered by the planner) and the selection is plain (fields only, no
 * directives, fragments, interfaces or unions), so @apollo/gateway's reshaping would copy every
 * value unchanged. Only over a supergraph that {@link hidesParts} nothing.
 */
export function answersAsIs(upstream: DocumentNode, client: OperationDefinitionNode, schema: GraphQLSchema): boolean {
  if ((client.directives?.length ?? 0) > 0) return false;
  const [operation, ...others] = upstream.definitions;
  if (others.length > 0 || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== client.operation) return false;
  const root = schema.getRootType(client.operation);
  return (
    root !== undefined &&
    root !== null &&
    selectsPlainly(client.selectionSet, root) &&
    print(operation.selectionSet) === print(client.selectionSet)
  );
}

/**
 * Whether the supergraph applies `@inaccessible` anywhere (its definition aside): then no answer is
 * passed through, since @apollo/gateway's reshaping hides the values of what it marks.
 */
export function hidesParts(supergraphSdl: string): boolean {
  return /@inaccessible\b/.test(supergraphSdl.replace(/directive @inaccessible\b[^\n]*/g, ''));
}

/**
 * The operations whose query plan is one fetch answered as is ({@link answersAsIs}), learnt from
 * the plans @apollo/gateway resolves, by document (Apollo Server keeps one parsed document per
 * operation text) and operation name; forgotten when the schema changes.
 */
export class SingleFetchRoutes {
  private routes = new WeakMap<DocumentNode, Map<string, FetchNode | null>>();
  private schema?: GraphQLSchema;
  /** Whether the current supergraph lets any answer pass through ({@link hidesParts}). */
  private passable = false;

  useSchema(apiSchema: GraphQLSchema, supergraphSdl: string): void {
    this.schema = apiSchema;
    this.passable = !hidesParts(supergraphSdl);
    this.routes = new WeakMap();
  }

  /** The API schema variables are checked against, as @apollo/gateway checks them. */
  apiSchema(): GraphQLSchema | undefined {
    return this.schema;
  }

  /** Learns the route of a request's operation from the plan resolved for it (once per operation). */
  learn(requestContext: GatewayGraphQLRequestContext, plan: QueryPlan): void {
    const { document, operation, request } = requestContext;
    if (!document || !operation || !this.schema) return;
    let byName = this.routes.get(document);
    if (!byName) this.routes.set(document, (byName = new Map<string, FetchNode | null>()));
    const name = request.operationName ?? '';
    if (byName.has(name)) return;
    const node = plan.node;
    const single =
      this.passable &&
      node?.kind === 'Fetch' &&
      !node.requires &&
      !node.hasDefers &&
      !node.inputRewrites?.length &&
      !node.outputRewrites?.length &&
      !node.contextRewrites?.length &&
      operation.operation !== OperationTypeNode.SUBSCRIPTION &&
      answersAsIs(node.operationDocumentNode ?? parse(node.operation), operation, this.schema);
    byName.set(name, single ? node : null);
  }

  /** The single fetch that answers a request's operation as is, once learnt. */
  of(requestContext: GatewayGraphQLRequestContext): FetchNode | undefined {
    const { document, request } = requestContext;
    return (document && this.routes.get(document)?.get(request.operationName ?? '')) ?? undefined;
  }
}

/** The variables a fetch uses, taken from the request as @apollo/gateway's `executeFetch` takes them. */
function fetchVariables(fetch: FetchNode, provided: Record<string, unknown> | undefined): Record<string, unknown> {
  const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
  }
  return variables;
}

/**
 * Around @apollo/gateway's executor: an operation planned as one fetch answered as is is sent by
 * this wrapper through the subgraph's own data source (identity, breaker, metrics, error mapping
 * alike), and a clean answer (no errors, no extensions) becomes the client's answer byte for byte:
 * no parse, no reshaping, no serialisation. Any other outcome (errors, warnings, an HTTP error, an
 * unreachable subgraph) goes to @apollo/gateway's own execution, which is handed the same outcome
 * instead of fetching again, so every such answer is exactly @apollo/gateway's. Variables are
 * checked first, as @apollo/gateway checks them; a request they fail is its own to answer.
 */
export function passingThroughSingleFetches(
  executor: GatewayExecutor,
  routes: SingleFetchRoutes,
  sourceOf: (serviceName: string) => GraphQLDataSource<GatewayContext> | undefined,
  onPassedThrough?: (serviceName: string) => void,
): GatewayExecutor {
  return async (requestContext) => {
    const fetch = routes.of(requestContext);
    const source = fetch && sourceOf(fetch.serviceName);
    const schema = routes.apiSchema();
    const { request, operation } = requestContext;
    if (!fetch || !source || !schema || !operation) return executor(requestContext);
    const definitions = operation.variableDefinitions ?? [];
    if (definitions.length > 0 && getVariableValues(schema, definitions, request.variables ?? {}).errors) return executor(requestContext);

    const context = requestContext.context as GatewayContext;
    const passThrough: PassThrough = { serviceName: fetch.serviceName, query: fetch.operation };
    context.passThrough = passThrough;
    const outcome = source.process({
      kind: INCOMING_OPERATION,
      request: { query: fetch.operation, variables: fetchVariables(fetch, request.variables), operationName: fetch.operationName },
      incomingRequestContext: requestContext as GatewayGraphQLRequestContext<GatewayContext>,
      context,
      document: fetch.operationDocumentNode,
      pathInIncomingRequest: [],
    });
    await outcome.catch(() => undefined);
    if (passThrough.answer) {
      context.passThrough = undefined;
      onPassedThrough?.(fetch.serviceName);
      return { data: new PassedThroughData(passThrough.answer) as unknown as Record<string, unknown> };
    }
    passThrough.replay = outcome;
    return executor(requestContext);
  };
}

/**
 * The outcome a data source hands @apollo/gateway's execution instead of fetching, when
 * {@link passingThroughSingleFetches} made the fetch and did not pass its answer through (once).
 */
export function takeReplay(
  context: GatewayContext | undefined,
  serviceName: string,
  query: string | undefined,
): Promise<GatewayGraphQLResponse> | undefined {
  const passThrough = context?.passThrough;
  if (!context || !passThrough?.replay || passThrough.serviceName !== serviceName || passThrough.query !== query) return undefined;
  context.passThrough = undefined;
  return passThrough.replay;
}

/** Whether a data source should keep a subgraph's answer for passing through rather than parse it: the wrapper's own fetch. */
export function passThroughOf(context: GatewayContext | undefined, serviceName: string): PassThrough | undefined {
  const passThrough = context?.passThrough;
  return passThrough && passThrough.serviceName === serviceName && !passThrough.replay && !passThrough.answer ? passThrough : undefined;
}
