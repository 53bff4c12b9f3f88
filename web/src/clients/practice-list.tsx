import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { PracticeStatus, PracticeType } from '../gql/graphql';
import { practiceStatusLabels, practiceTypeLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { formatDay } from '../ui/format';

const UPDATE_PRACTICE_STATUS = graphql(`
  mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {
    updatePracticeStatus(id: $id, status: $status) {
      id
      status
      statusChangedAt
      allowedTransitions
    }
  }
`);

export interface PracticeView {
  id: string;
  type: PracticeType;
  title: string;
  status: PracticeStatus;
  dueDate: string | null;
  expiryDate: string | null;
  allowedTransitions: PracticeStatus[];
  assignee: { name: string } | null;
}

/** One practice with its workflow step: only the statuses the CRM allows next are offered. */
function PracticeItem({ practice }: { practice: PracticeView }) {
  const [next, setNext] = useState<PracticeStatus | ''>(practice.allowedTransitions[0] ?? '');
  const [update, { loading, error }] = useMutation(UPDATE_PRACTICE_STATUS);
  const selectId = `status-${practice.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!next) return;
    try {
      const result = await update({ variables: { id: practice.id, status: next } });
      setNext(result.data?.updatePracticeStatus.allowedTransitions[0] ?? '');
    } catch {
      // Shown by ErrorMessage below.
    }
  };
  return (
    <li className="card practice" data-practice-id={practice.id}>
      <p className="card-title">
        {practiceTypeLabels[practice.type]}: {practice.title}
      </p>
      <p>
        Status: <strong className="practice-status">{practiceStatusLabels[practice.status]}</strong>
        {practice.assignee && <span className="muted"> · {practice.assignee.name}</span>}
        {practice.dueDate && <span className="muted"> · due {formatDay(practice.dueDate)}</span>}
        {practice.expiryDate && <span className="muted"> · expires {formatDay(practice.expiryDate)}</span>}
      </p>
      {practice.allowedTransitions.length === 0 ? (
        <p className="muted">This practice is closed.</p>
      ) : (
        <form className="inline-form" onSubmit={(event) => void submit(event)}>
          <label htmlFor={selectId}>Move to</label>
          <select id={selectId} value={next} onChange={(event) => setNext(event.target.value as PracticeStatus)}>
            {practice.allowedTransitions.map((status) => (
              <option key={status} value={status}>
                {practiceStatusLabels[status]}
              </option>
            ))}
          </select>
          <button type="submit" disabled={loading || !next}>
            Change status
          </button>
        </form>
      )}
      <ErrorMessage error={error} />
    </li>
  );
}

export function PracticeList({ practices }: { practices: readonly PracticeView[] }) {
  if (practices.length === 0) return <p className="muted">No practices yet.</p>;
  return (
    <ul className="practice-list">
      {practices.map((practice) => (
        <PracticeItem key={practice.id} practice={practice} />
      ))}
    </ul>
  );
}
