import type { ChatMessageFragment } from '../gql/graphql';
import { formatDate } from '../ui/format';

/** Who reviewed an answer and when, as the message carries it (`Message.reviewed`). */
export type ReviewMarkView = NonNullable<ChatMessageFragment['reviewed']>;

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
