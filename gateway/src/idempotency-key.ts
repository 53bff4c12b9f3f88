import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { checkIdempotencyKey, clientError, ErrorCode, IDEMPOTENCY_KEY_HEADER } from '@nusa/platform';
import type { GatewayContext } from './context.js';

/** A refused key is the request's fault: HTTP 400, as for any request error of ours. */
function checked(value: unknown, field: string): string | undefined {
  try {
    return checkIdempotencyKey(value, field);
  } catch (error) {
    throw clientError(ErrorCode.BadUserInput, (error as Error).message, { field, http: { status: 400 } });
  }
}

/**
 * Reads a mutation's idempotency key: the `Idempotency-Key` header, or `extensions.idempotencyKey`
 * in the request body (for each operation of a batch, which the header would cover all alike, and
 * over graphql-ws, whose `subscribe` payload's extensions the WebSocket endpoint passes on). Both, differing, are BAD_USER_INPUT. The key goes into the
 * operation's context, and from there to every subgraph fetch of the operation (see
 * subgraph-source.ts); on a query it is checked, then ignored.
 */
export const idempotencyKeyPlugin: ApolloServerPlugin<GatewayContext> = {
  requestDidStart: () =>
    Promise.resolve({
      didResolveOperation: ({ request, operation, contextValue }) => {
        const header = checked(request.http?.headers.get(IDEMPOTENCY_KEY_HEADER) ?? undefined, 'Idempotency-Key');
        const extension = checked(request.extensions?.idempotencyKey, 'extensions.idempotencyKey');
        if (header && extension && header !== extension) {
          throw clientError(
            ErrorCode.BadUserInput,
            'Idempotency-Key: the header and extensions.idempotencyKey differ; send one key per operation',
            { field: 'Idempotency-Key', http: { status: 400 } },
          );
        }
        const key = header ?? extension;
        if (key && operation?.operation === OperationTypeNode.MUTATION) contextValue.idempotencyKey = key;
        return Promise.resolve();
      },
    }),
};
