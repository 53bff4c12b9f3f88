import { useMutation } from '@apollo/client/react';
import { useEffect } from 'react';
import { ErrorMessage } from '../ui/error-message';
import { AnswerText, SourceList } from './answer-text';
import { CANCEL_GENERATION } from './chat-documents';
import type { CitationView } from './citations';
import { ReviewBadge, type ReviewMarkView } from './review-badge';
import { StreamStatus } from './stream-status';
import { useAnswerStream } from './use-answer-stream';

interface LiveAnswerProps {
  messageId: string;
  /** The stored message's citations, once it is no longer STREAMING. */
  citations: readonly CitationView[];
  /** The stored message's review mark, once it is no longer STREAMING (an answer served from a reviewed answer). */
  reviewed: ReviewMarkView | null | undefined;
  /** Called once when the stream has ended (done, stopped or failed for good). */
  onSettled: (messageId: string) => void;
}

/** An answer as it streams in: its text token by token, its state, a stop button, and a retry after a lost connection. */
export function LiveAnswer({ messageId, citations, reviewed, onSettled }: LiveAnswerProps) {
  const snapshot = useAnswerStream(messageId);
  const [cancel, cancelled] = useMutation(CANCEL_GENERATION);
  const settled = snapshot.status !== 'STREAMING';
  useEffect(() => {
    if (settled) onSettled(messageId);
  }, [settled, messageId, onSettled]);
  const active = snapshot.state !== 'done' && snapshot.state !== 'failed';
  return (
    <div className="live-answer" aria-busy={active} data-seq={snapshot.lastSeq}>
      <ReviewBadge reviewed={reviewed} />
      <AnswerText text={snapshot.text} citations={citations} />
      <SourceList text={snapshot.text} citations={citations} />
      <div className="answer-footer">
        <StreamStatus snapshot={snapshot} />
        {active && (
          <button type="button" onClick={() => void cancel({ variables: { messageId } })} disabled={cancelled.loading}>
            Stop
          </button>
        )}
        {snapshot.state === 'failed' && !settled && (
          <button type="button" onClick={snapshot.retry}>
            Retry
          </button>
        )}
      </div>
      <ErrorMessage error={cancelled.error} />
    </div>
  );
}
