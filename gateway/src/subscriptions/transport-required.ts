import { GraphQLError } from 'graphql';

/** The code of a subscription sent as a plain JSON request, which cannot stream its events. */
export const SUBSCRIPTION_TRANSPORT_REQUIRED = 'SUBSCRIPTION_TRANSPORT_REQUIRED';

/** A subscription sent as a plain JSON request (POST or GET): HTTP 400 naming the three ways to subscribe. */
export function transportRequired(): GraphQLError {
  return new GraphQLError(
    'A subscription needs a streaming transport: open a graphql-ws WebSocket (protocol graphql-transport-ws) on /graphql, ' +
      'or send this request with "Accept: text/event-stream" (Server-Sent Events) ' +
      'or with \'Accept: multipart/mixed;subscriptionSpec="1.0"\' (multipart HTTP, as Apollo Client sends it)',
    { extensions: { code: SUBSCRIPTION_TRANSPORT_REQUIRED, http: { status: 400 } } },
  );
}
