import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { apolloAnswerSource } from './answer-source';
import { AnswerStream, type AnswerSnapshot } from './answer-stream';

/** Follows an answer's stream while the component is mounted; `retry` restarts it after a connection failure. */
export function useAnswerStream(messageId: string): AnswerSnapshot & { retry: () => void } {
  const apollo = useApolloClient();
  const [stream] = useState(() => new AnswerStream(apolloAnswerSource(apollo, messageId)));
  useEffect(() => {
    stream.start();
    return () => stream.dispose();
  }, [stream]);
  const snapshot = useSyncExternalStore(stream.subscribe, stream.getSnapshot);
  return { ...snapshot, retry: () => stream.start() };
}
