import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@nusa/platform';
import type { GatewayContext } from '../context.js';
import type { Admission } from './admission.js';

/**
 * The admission of operations Apollo Server executes (HTTP POST and GET, batches, persisted
 * queries, and queries and mutations sent over graphql-ws): each resolved operation passes
 * {@link Admission.admit} before anything executes; after a sign-in fails, it counts against the
 * caller and the account. Subscriptions never reach Apollo Server: their transports admit them.
 */
export function admissionPlugin(admission: Admission): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: async ({ operation, document, request, contextValue, schema, source }) => {
          if (!operation) return;
          const admitted = await admission.admit({
            caller: contextValue.caller,
            clientIp: contextValue.clientIp,
            source,
            document,
            operation,
            variables: request.variables ?? {},
            schema,
            apiPrecount: contextValue.apiPrecount,
          });
          if (admitted.loginAccount) contextValue.loginAccount = admitted.loginAccount;
        },
        willSendResponse: async ({ contextValue, response }) => {
          const account = contextValue.loginAccount;
          if (!account || response.body.kind !== 'single') return;
          if (response.body.singleResult.errors?.some((error) => error.extensions?.code === ErrorCode.Unauthenticated)) {
            await admission.loginFailed(contextValue.caller, contextValue.clientIp, account);
          }
        },
      }),
  };
}
