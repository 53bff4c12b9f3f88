import type { ChatMessageFragment } from '../gql/graphql';
import { AnswerText, SourceList } from './answer-text';
import { LiveAnswer } from './live-answer';
import { ReviewBadge, type ShownMessage } from './review-badge';
import { ReviewEditor } from './review-editor';

interface MessageItemProps {
  message: ShownMessage;
  /** Follow the answer's stream (it is being written, or it was followed on this page). */
  live: boolean;
  /** Offer "Save as reviewed" on a complete answer (administrators). */
  canReview: boolean;
  onSettled: (messageId: string) => void;
}

const ENDINGS: Partial<Record<ChatMessageFragment['status'], string>> = { CANCELLED: 'Stopped', FAILED: 'Failed' };

export function MessageItem({ message, live, canReview, onSettled }: MessageItemProps) {
  const settled = message.status !== 'STREAMING';
  const ending = ENDINGS[message.status];
  return (
    <li className={`message message-${message.role.toLowerCase()}`} data-message-id={message.id}>
      <p className="message-author">{message.role === 'USER' ? 'You' : message.offline ? 'Assistant (offline)' : 'Assistant'}</p>
      {message.role === 'ASSISTANT' && live ? (
        <LiveAnswer
          messageId={message.id}
          citations={settled ? message.citations : []}
          reviewed={settled ? message.reviewed : null}
          onSettled={onSettled}
        />
      ) : message.role === 'ASSISTANT' ? (
        <>
          <ReviewBadge reviewed={message.reviewed} />
          <AnswerText text={message.content} citations={message.citations} />
          <SourceList text={message.content} citations={message.citations} />
          {ending && <p className="muted">{message.error ? `${ending}: ${message.error}` : ending}</p>}
        </>
      ) : (
        <p className="user-text">{message.content}</p>
      )}
      {canReview && message.role === 'ASSISTANT' && message.status === 'COMPLETE' && (
        <ReviewEditor messageId={message.id} answer={message.content} />
      )}
    </li>
  );
}
