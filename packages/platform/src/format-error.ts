import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, isClientFacing } from './errors.js';
import type { Logger } from './logger.js';

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

function firstFailure(failures: ValidationFailure[], prefix = ''): { field: string; message: string } | undefined {
  for (const failure of failures) {
    const field = prefix ? `${prefix}.${failure.property}` : failure.property;
    const message = failure.constraints ? Object.values(failure.constraints)[0] : undefined;
    if (message) return { field, message };
    const nested = firstFailure(failure.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Apollo's `formatError` for every service: errors meant for the caller keep their message and
 * code (class-validator failures become one `BAD_USER_INPUT` naming the field); anything else is
 * logged with its stack and replaced by a generic `INTERNAL_SERVER_ERROR`, so no SQL or stack
 * trace ever reaches a client.
 */
export function formatErrorFor(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const validation = (original as GraphQLError | undefined)?.extensions?.validationErrors as ValidationFailure[] | undefined;
    if (validation) {
      const failure = firstFailure(validation);
      if (failure) {
        return {
          message: `${failure.field}: ${failure.message}`,
          path: formatted.path,
          extensions: { code: ErrorCode.BadUserInput, field: failure.field },
        };
      }
    }
    if (original instanceof GraphQLError && isClientFacing(original)) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (isClientFacing(new GraphQLError(formatted.message, { extensions: formatted.extensions }))) {
      // Parse and validation errors arrive formatted, without an original error worth logging.
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while executing an operation');
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.InternalServerError },
    };
  };
}
