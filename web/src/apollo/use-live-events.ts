import { CombinedGraphQLErrors, type OperationVariables, type TypedDocumentNode } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';

/** How long after a dropped subscription it is started again (the socket does not retry by itself). */
const RESUBSCRIBE_AFTER_MS = 2_000;
/** Refusals that asking again cannot change: the subscription is not started again after them. */
const FINAL_REFUSALS = new Set(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED']);

/** Whether `error` is the server refusing the subscription for good (not a dropped connection or an outage). */
export function refusedForGood(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((entry) => FINAL_REFUSALS.has(typeof entry.extensions?.code === 'string' ? entry.extensions.code : ''))
  );
}

/**
 * Follows a subscription of change events and calls `onEvent` for each one (typically: read the
 * screen again). Events missed while disconnected are not replayed, so when the subscription ends or
 * fails it is started again shortly after, and `onEvent` runs once more to catch up; a refusal for
 * good (the client does not exist, the caller may not see it) is not asked again.
 */
export function useLiveEvents<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  onEvent: (data: TData | undefined) => void,
): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  const timer = useRef<number | undefined>(undefined);
  const restartRef = useRef<() => void>(() => undefined);
  const again = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      restartRef.current();
      latest.current(undefined);
    }, RESUBSCRIBE_AFTER_MS);
  };
  const { restart } = useSubscription(document, {
    variables,
    ignoreResults: true,
    onData: ({ data }) => latest.current(data.data ?? undefined),
    onError: (error) => {
      if (!refusedForGood(error)) again();
    },
    onComplete: again,
  });
  restartRef.current = restart;
  useEffect(() => () => window.clearTimeout(timer.current), []);
}
