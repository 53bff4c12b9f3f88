import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import { OperationTypeNode } from 'graphql';
import { badUserInput } from '@nusa/platform';
import type { GatewayContext } from './context.js';

interface Flight {
  result: Promise<GatewayExecutionResult>;
  context: GatewayContext;
}

/**
 * The key under which identical queries share one execution: who asks (the whole caller, as the
 * subgraphs will see it), the operation text's hash, its name and its variables. Mutations and
 * subscriptions never share.
 */
function flightKey(requestContext: GatewayGraphQLRequestContext): string | undefined {
  if (requestContext.operation.operation !== OperationTypeNode.QUERY) return undefined;
  const { caller } = requestContext.context as GatewayContext;
  const { operationName, variables } = requestContext.request;
  return `${JSON.stringify(caller)}\n${requestContext.queryHash}\n${operationName ?? ''}\n${variables ? JSON.stringify(variables) : ''}`;
}

/**
 * Runs the federated execution of a query once for all identical queries of the same caller in
 * flight at the same time; the others wait for it and answer with its result (and its subgraph
 * warnings). Everything around execution (authentication, limits, validation, metrics, error
 * formatting, serialisation) still runs for every request.
 */
export function sharingInflightQueries(executor: GatewayExecutor): GatewayExecutor {
  const flights = new Map<string, Flight>();
  return (requestContext) => {
    // Apollo Server leaves the operation unresolved when operationName names none of the document's.
    if (!requestContext.operation) {
      const name = requestContext.request.operationName;
      const problem = name ? `the document has no operation named "${name}"` : 'the document has several operations; name one';
      return Promise.resolve({ errors: [badUserInput('operationName', problem)] });
    }
    const key = flightKey(requestContext);
    if (key === undefined) return executor(requestContext);
    const context = requestContext.context as GatewayContext;
    const flight = flights.get(key);
    if (flight) {
      return flight.result.then((result) => {
        if (flight.context.warnings?.length) context.warnings?.push(...flight.context.warnings);
        return result;
      });
    }
    const result = executor(requestContext).finally(() => flights.delete(key));
    flights.set(key, { result, context });
    return result;
  };
}

/** `gateway` with `wrap` around the executor it hands Apollo Server. */
export function withExecutor(gateway: GatewayInterface, wrap: (executor: GatewayExecutor) => GatewayExecutor): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    load: async (options) => {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: loaded.executor && wrap(loaded.executor) };
    },
    stop: () => gateway.stop(),
  };
}

/** `gateway` with {@link sharingInflightQueries} around the executor it hands Apollo Server. */
export function withInflightQuerySharing(gateway: GatewayInterface): GatewayInterface {
  return withExecutor(gateway, sharingInflightQueries);
}
