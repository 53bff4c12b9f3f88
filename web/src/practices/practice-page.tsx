import { useQuery } from '@apollo/client/react';
import { useLiveEvents } from '../apollo/use-live-events';
import { graphql } from '../gql';
import { InteractionList } from '../interactions/interaction-list';
import { LogInteractionForm } from '../interactions/log-interaction-form';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { practiceStatusLabels, practiceTypeLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { formatDateTime, formatDeadline } from '../ui/format';
import { AuditList } from '../audit/audit-list';
import { AssigneeForm } from './assignee-form';
import { DocumentChecklist } from './document-checklist';
import { PracticeStatusForm } from './practice-status-form';

const PRACTICE_PAGE = graphql(`
  query PracticePage($id: ID!) {
    practice(id: $id) {
      id
      type
      title
      status
      dueDate
      expiryDate
      notes
      statusChangedAt
      createdAt
      allowedTransitions
      client {
        id
        fullName
      }
      assignee {
        id
        name
      }
      documents {
        name
        state
        updatedAt
        updatedBy {
          id
          name
        }
      }
      history {
        id
        at
        action
        actorName
        actor {
          id
          name
        }
        changes {
          field
          before
          after
        }
      }
      interactions {
        id
        channel
        summary
        occurredAt
        author {
          id
          name
        }
      }
    }
  }
`);

const PRACTICE_CHANGES = graphql(`
  subscription PracticeChanges($clientId: ID!) {
    clientEvents(clientId: $clientId) {
      practice {
        id
      }
    }
  }
`);

/** Reads the practice again when a change to it is committed, by anyone (its client's events that concern it). */
function PracticeLive({ clientId, practiceId, onChange }: { clientId: string; practiceId: string; onChange: () => void }) {
  useLiveEvents(PRACTICE_CHANGES, { clientId }, (event) => {
    // No event: the subscription was started again after a drop, and what it missed is unknown.
    if (!event || event.clientEvents.practice?.id === practiceId) onChange();
  });
  return null;
}

/** One practice: where it stands, its next steps, who works on it, and the contacts about it. */
export function PracticePage({ practiceId }: { practiceId: string }) {
  const { data, loading, error, refetch } = useQuery(PRACTICE_PAGE, { variables: { id: practiceId }, fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <p>Loading the practice…</p>;
  const practice = data?.practice;
  if (!practice) return <ErrorMessage error={error ?? new Error('This practice does not exist.')} />;
  return (
    <article className="practice-page" aria-labelledby="practice-title">
      <PracticeLive clientId={practice.client.id} practiceId={practice.id} onChange={() => void refetch()} />
      <header className="page-header">
        <p>
          <Link href={paths.client(practice.client.id)}>← {practice.client.fullName}</Link>
        </p>
        <h1 id="practice-title">
          {practiceTypeLabels[practice.type]}: {practice.title}
        </h1>
        <p>
          Status: <strong className="practice-status">{practiceStatusLabels[practice.status]}</strong>
          <span className="muted"> since {formatDateTime(practice.statusChangedAt)}</span>
        </p>
      </header>
      <div className="columns">
        <div>
          <section aria-labelledby="next-steps-title">
            <h2 id="next-steps-title">Next step</h2>
            <PracticeStatusForm practiceId={practice.id} allowedTransitions={practice.allowedTransitions} />
          </section>
          <section aria-labelledby="documents-title">
            <h2 id="documents-title">Documents</h2>
            <DocumentChecklist practiceId={practice.id} documents={practice.documents} />
          </section>
          <section aria-labelledby="interactions-title">
            <h2 id="interactions-title">Interactions</h2>
            <InteractionList interactions={practice.interactions} />
            <h3>Log an interaction</h3>
            <LogInteractionForm clientId={practice.client.id} practiceId={practice.id} refetch={['PracticePage']} />
          </section>
          <section aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <AuditList entries={practice.history} label="Practice history" />
          </section>
        </div>
        <section className="side-panel" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <dl className="details">
            <dt>Due</dt>
            <dd>{practice.dueDate ? formatDeadline(practice.dueDate) : 'No due date'}</dd>
            <dt>Expires</dt>
            <dd>{practice.expiryDate ? formatDeadline(practice.expiryDate) : 'No expiry date'}</dd>
            <dt>Opened</dt>
            <dd>{formatDateTime(practice.createdAt)}</dd>
            {practice.notes && (
              <>
                <dt>Notes</dt>
                <dd className="notes">{practice.notes}</dd>
              </>
            )}
          </dl>
          <AssigneeForm practiceId={practice.id} assigneeId={practice.assignee?.id ?? null} />
          <p className="muted">The dates are set when a practice is opened; the API has no way to change them afterwards yet.</p>
        </section>
      </div>
    </article>
  );
}
