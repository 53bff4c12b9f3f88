import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { PracticeStatus } from '../gql/graphql';
import { practiceStatusLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';

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

interface PracticeStatusFormProps {
  practiceId: string;
  allowedTransitions: readonly PracticeStatus[];
}

/** The practice's next workflow step: only the statuses the CRM allows next are offered. */
export function PracticeStatusForm({ practiceId, allowedTransitions }: PracticeStatusFormProps) {
  const [next, setNext] = useState<PracticeStatus | ''>(allowedTransitions[0] ?? '');
  const [update, { loading, error }] = useMutation(UPDATE_PRACTICE_STATUS);
  const selectId = `status-${practiceId}`;
  // The choice must be one of the steps allowed now (they change with every move).
  const chosen = next && allowedTransitions.includes(next) ? next : (allowedTransitions[0] ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    try {
      const result = await update({ variables: { id: practiceId, status: chosen } });
      setNext(result.data?.updatePracticeStatus.allowedTransitions[0] ?? '');
    } catch {
      // Shown by ErrorMessage below.
    }
  };
  if (allowedTransitions.length === 0) return <p className="muted">This practice is closed.</p>;
  return (
    <>
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={selectId}>Move to</label>
        <select id={selectId} value={chosen} onChange={(event) => setNext(event.target.value as PracticeStatus)}>
          {allowedTransitions.map((status) => (
            <option key={status} value={status}>
              {practiceStatusLabels[status]}
            </option>
          ))}
        </select>
        <button type="submit" disabled={loading || !chosen}>
          Change status
        </button>
      </form>
      <ErrorMessage error={error} />
    </>
  );
}
