import { CombinedGraphQLErrors, type ApolloClient } from '@apollo/client';
import { graphql } from '../gql';
import type { AnswerSource } from './answer-stream';

/**
 * Only fields the chat subgraph owns, so the gateway passes each event straight through instead of
 * resolving the message in memory for every token; the finished message is read once at the end.
 */
const MESSAGE_STREAM = graphql(`
  subscription MessageStream($messageId: ID!, $afterSeq: Int) {
    messageStream(messageId: $messageId, afterSeq: $afterSeq) {
      seq
      delta
      done
      error
      status
    }
  }
`);

/** Codes after which subscribing again can succeed (the gateway reloaded its schema, a subgraph blinked). */
const TRANSIENT = new Set(['SCHEMA_RELOADED', 'SUBGRAPH_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

function isRetryable(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.every((entry) => TRANSIENT.has(String(entry.extensions?.code)));
  // A refused credential (4403) will be refused again; any other socket close or network error may pass.
  return !(error instanceof Error && /Socket closed with event 44(03|01)\b/.test(error.message));
}

/** `messageStream` over the Apollo Client's graphql-ws link, without caching the events. */
export function apolloAnswerSource(apollo: ApolloClient, messageId: string): AnswerSource {
  return (afterSeq, sink) => {
    const subscription = apollo
      .subscribe({ query: MESSAGE_STREAM, variables: { messageId, afterSeq }, fetchPolicy: 'no-cache' })
      .subscribe({
        next: (result) => {
          if (result.error) sink.error(result.error, isRetryable(result.error));
          else if (result.data) sink.next(result.data.messageStream);
        },
        error: (error: unknown) => sink.error(error, isRetryable(error)),
        complete: () => sink.complete(),
      });
    return () => subscription.unsubscribe();
  };
}
