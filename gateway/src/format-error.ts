import type { GraphQLFormattedError } from 'graphql';
import { formatErrorFor, isClientCode, type Logger } from '@nusa/platform';
import { DOWNSTREAM_SERVICE_ERROR, SUBGRAPH_HTTP_ERROR, SUBGRAPH_UNAVAILABLE } from './subgraph-source.js';

/** The reasons of the errors the gateway itself raises about a subgraph: their messages are its own. */
const GATEWAY_REASONS = new Set<unknown>([SUBGRAPH_UNAVAILABLE, SUBGRAPH_HTTP_ERROR]);

/** Options of {@link gatewayFormatError}. */
export interface GatewayErrorPolicy {
  /** Pass a failing subgraph's own message on (development), else a generic one naming the subgraph (production). */
  exposeSubgraphErrors: boolean;
}

/**
 * Whether an error is a subgraph's failure rather than something the caller can fix: it names the
 * subgraph and carries no client code of ours (a subgraph's `BAD_USER_INPUT` or `NOT_FOUND` is the
 * caller's own error, passed on as it is).
 */
function isSubgraphFailure(
  extensions: GraphQLFormattedError['extensions'],
): extensions is Record<string, unknown> & { serviceName: string } {
  if (typeof extensions?.serviceName !== 'string') return false;
  const code = extensions.code;
  return code === DOWNSTREAM_SERVICE_ERROR || typeof code !== 'string' || !isClientCode(code);
}

/**
 * The gateway's `formatError`, for every transport: the shared policy (caller errors kept with
 * their code, GraphQL's own validation and parse codes included; faults masked and logged), and a
 * subgraph's failure as `DOWNSTREAM_SERVICE_ERROR` naming the subgraph (the request id is added
 * when the response is sent), with the subgraph's message only where the policy allows it.
 */
export function gatewayFormatError(logger: Logger, policy: GatewayErrorPolicy) {
  const base = formatErrorFor(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { extensions } = formatted;
    if (isSubgraphFailure(extensions)) {
      const { serviceName, reason, status } = extensions;
      const ours = GATEWAY_REASONS.has(reason);
      if (!ours) logger.warn({ err: error, subgraph: serviceName }, 'a subgraph failed to resolve a field');
      const message =
        policy.exposeSubgraphErrors || ours
          ? formatted.message
          : `The ${serviceName} service failed to resolve this field; the logs have the detail under the request id`;
      return {
        message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: DOWNSTREAM_SERVICE_ERROR, serviceName, ...(reason ? { reason } : {}), ...(status ? { status } : {}) },
      };
    }
    return base(formatted, error);
  };
}
