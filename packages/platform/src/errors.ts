import { GraphQLError } from 'graphql';

/** The `extensions.code` values a client can rely on (see the public contract). */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  RateLimited: 'RATE_LIMITED',
  /** An idempotency key sent again with a different request than the one it was first used for. */
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error whose message is safe to show to the caller, with a stable `extensions.code`. */
export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Invalid input; `field` names the argument or input field at fault (for example `input.email`). */
export function badUserInput(field: string, message: string): GraphQLError {
  return clientError(ErrorCode.BadUserInput, `${field}: ${message}`, { field });
}

export function notFound(entity: string, id: string): GraphQLError {
  return clientError(ErrorCode.NotFound, `${entity} ${id} does not exist`, { entity, id });
}

export function unauthenticated(message = 'Sign in first: send Authorization: Bearer <token>'): GraphQLError {
  return clientError(ErrorCode.Unauthenticated, message);
}

export function forbidden(message: string): GraphQLError {
  return clientError(ErrorCode.Forbidden, message);
}

/**
 * Codes beyond ours that tell a client what to do: a stream to subscribe again to (the schema
 * changed, a service restarts), a service to retry later, another transport to use, a subgraph's failure.
 */
const RETRY_CODES = [
  'SCHEMA_RELOADED',
  'SERVICE_RESTART',
  'SERVICE_UNAVAILABLE',
  'SUBSCRIPTION_TRANSPORT_REQUIRED',
  'DOWNSTREAM_SERVICE_ERROR',
];
const clientCodes = new Set<string>([...Object.values(ErrorCode), ...RETRY_CODES]);

/**
 * True when an error was raised on purpose for the caller (it carries one of our codes, or is a
 * GraphQL request error such as a parse or validation failure) rather than by a fault.
 */
export function isClientFacing(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && isClientCode(code);
}

/** Whether `code` is one a client can act on: ours but `INTERNAL_SERVER_ERROR`, GraphQL's request errors, Apollo's request codes. */
export function isClientCode(code: string): boolean {
  return (
    code !== ErrorCode.InternalServerError &&
    (clientCodes.has(code) ||
      code.startsWith('GRAPHQL_') ||
      code === 'PERSISTED_QUERY_NOT_FOUND' ||
      code === 'PERSISTED_QUERY_NOT_SUPPORTED' ||
      code === 'OPERATION_RESOLUTION_FAILURE' ||
      code === 'BAD_REQUEST')
  );
}
