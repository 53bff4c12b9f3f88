import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import type { InteractionChannel } from '../gql/graphql';
import { interactionChannelLabels } from '../ui/enum-labels';
import { formatDateTime } from '../ui/format';

export interface InteractionView {
  id: string;
  channel: InteractionChannel;
  summary: string;
  occurredAt: string;
  author: { name: string } | null;
  practice?: { id: string; title: string } | null;
}

/** Contacts with a client, newest first: how, when, who logged it, and the practice it was about. */
export function InteractionList({
  interactions,
  showPractice = false,
}: {
  interactions: readonly InteractionView[];
  showPractice?: boolean;
}) {
  if (interactions.length === 0) return <p className="muted">No interactions logged yet.</p>;
  return (
    <ol className="interaction-list" aria-label="Interactions">
      {interactions.map((interaction) => (
        <li key={interaction.id} className="interaction">
          <p className="interaction-meta">
            <span className="badge">{interactionChannelLabels[interaction.channel]}</span>{' '}
            <time dateTime={interaction.occurredAt}>{formatDateTime(interaction.occurredAt)}</time>
            <span className="muted"> · {interaction.author?.name ?? 'an integration'}</span>
            {showPractice && interaction.practice && (
              <span className="muted">
                {' '}
                · about <Link href={paths.practice(interaction.practice.id)}>{interaction.practice.title}</Link>
              </span>
            )}
          </p>
          <p className="interaction-summary">{interaction.summary}</p>
        </li>
      ))}
    </ol>
  );
}
