import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { ErrorCode } from '@nusa/platform';
import { transportRequired } from '../subscriptions/transport-required.js';
import type { GatewayContext } from '../context.js';
import type { Admission } from './admission.js';

/**
 * The admission of operations Apollo Server executes (HTTP POST and GET, batches, persisted
 * queries, and queries and mutations sent over graphql-ws): each resolved operation passes
 * {@link Admission.admit} before anything executes; after a sign-in fails, it counts against the
 * caller and the account. Subscriptions are admitted by their streaming transports; one sent as a
 * plain JSON request is refused here, before it takes an open-subscription slot it would never give back.
 */
export function admissionPlugin(admission: Admission): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: async ({ operation, document, request, contextValue, schema, source }) => {
          if (!operation) return;
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) throw transportRequired();
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
