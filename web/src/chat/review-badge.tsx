import type { ChatMessageFragment, ChatReviewMarkFragment } from '../gql/graphql';
import { formatDate } from '../ui/format';

/** Who reviewed an answer and when, as the message carries it (`Message.reviewed`). */
export type ReviewMarkView = NonNullable<ChatReviewMarkFragment['reviewed']>;

/** A message as the chat shows it: a stored one carries its review mark, one just sent does not yet. */
export type ShownMessage = ChatMessageFragment & Partial<ChatReviewMarkFragment>;

/** "Reviewed by Ayu · 3 Dec 2026" on an answer served from a reviewed answer. */
export function ReviewBadge({ reviewed }: { reviewed: ReviewMarkView | null | undefined }) {
  if (!reviewed) return null;
  return (
    <p className="review-mark">
      <span className="badge badge-active">
        Reviewed by {reviewed.reviewedBy} · <time dateTime={reviewed.reviewedAt}>{formatDate(reviewed.reviewedAt)}</time>
      </span>
    </p>
  );
}
