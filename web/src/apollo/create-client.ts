import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { Kind, OperationTypeNode } from 'graphql';
import type { Client } from 'graphql-ws';
import { readSession } from '../session/session-store';
import { createWsClient } from './ws-client';

/** The Authorization value of the stored session, if any. */
export function bearer(): string | null {
  const session = readSession();
  return session ? `Bearer ${session.token}` : null;
}

function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((entry) => entry.extensions?.code === 'UNAUTHENTICATED');
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * Apollo Client for the gateway on this page's origin: queries and mutations over HTTP, subscriptions
 * over graphql-ws on the same `/graphql`. `onSessionExpired` runs when the gateway no longer accepts
 * the token (except for `login` itself, whose refusal is a wrong password).
 */
export function createApolloClient(onSessionExpired: () => void): { apollo: ApolloClient; ws: Client } {
  const origin = window.location.origin;
  const ws = createWsClient(`${origin.replace(/^http/, 'ws')}/graphql`, bearer);
  const auth = new SetContextLink((previous) => {
    const authorization = bearer();
    return authorization ? { headers: { ...(previous.headers as Record<string, string>), authorization } } : {};
  });
  const expiry = new ErrorLink(({ error, operation }) => {
    if (operation.operationName !== 'Login' && isUnauthenticated(error)) onSessionExpired();
  });
  const http = ApolloLink.from([auth, new HttpLink({ uri: `${origin}/graphql` })]);
  const isSubscription = ({ query }: ApolloLink.Operation) =>
    query.definitions.some(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION,
    );
  const apollo = new ApolloClient({
    link: ApolloLink.from([expiry, ApolloLink.split(isSubscription, new GraphQLWsLink(ws), http)]),
    cache: new InMemoryCache(),
  });
  return { apollo, ws };
}
