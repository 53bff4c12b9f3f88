import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';

/** How long after a dropped subscription it is started again (the socket does not retry by itself). */
const RESUBSCRIBE_AFTER_MS = 2_000;

/**
 * Follows a subscription of change events and calls `onEvent` for each one (typically: read the
 * screen again). Events missed while disconnected are not replayed, so when the subscription ends or
 * fails it is started again shortly after, and `onEvent` runs once more to catch up.
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
    onError: again,
    onComplete: again,
  });
  restartRef.current = restart;
  useEffect(() => () => window.clearTimeout(timer.current), []);
}
