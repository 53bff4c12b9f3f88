import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, formatErrorFor, type Logger } from '@nusa/shared';
import { SUBGRAPH_UNAVAILABLE } from './subgraph-source.js';

/** Validation failures that are really bad argument values, reported as the caller's input error. */
const INPUT_VALUE_PROBLEM = /does not exist in ".+" enum|cannot represent|Expected value of type|Expected type|of required type/;

/**
 * The gateway's `formatError`: the shared policy (caller errors kept, faults masked), plus an
 * unreachable subgraph reported by name and bad literal argument values as `BAD_USER_INPUT`.
 */
export function gatewayFormatError(logger: Logger) {
  const base = formatErrorFor(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError && original.extensions.reason === SUBGRAPH_UNAVAILABLE) {
      return { message: original.message, path: formatted.path, extensions: original.extensions };
    }
    // A query-shape limit (depth, aliases) is refused in validation; it is the caller's input error, naming the limit.
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && typeof formatted.extensions.limit === 'string') {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BadUserInput } };
    }
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && INPUT_VALUE_PROBLEM.test(formatted.message)) {
      return { ...formatted, extensions: { code: ErrorCode.BadUserInput } };
    }
    return base(formatted, error);
  };
}
