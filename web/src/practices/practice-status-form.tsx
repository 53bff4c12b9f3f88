import { CombinedGraphQLErrors } from '@apollo/client';
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

/** The documents the CRM named when it refused SUBMITTED (extensions.missingDocuments), if it did. */
function missingDocumentsOf(error: unknown): string[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  for (const entry of error.errors) {
    const missing = entry.extensions?.missingDocuments;
    if (Array.isArray(missing)) return missing.filter((name): name is string => typeof name === 'string');
  }
  return [];
}

interface PracticeStatusFormProps {
  practiceId: string;
  allowedTransitions: readonly PracticeStatus[];
}

/** The practice's next workflow step: only the statuses the CRM allows next are offered. */
export function PracticeStatusForm({ practiceId, allowedTransitions }: PracticeStatusFormProps) {
  const [next, setNext] = useState<PracticeStatus | ''>(allowedTransitions[0] ?? '');
  const [update, { loading, error }] = useMutation(UPDATE_PRACTICE_STATUS, { refetchQueries: ['PracticePage'] });
  const missing = missingDocumentsOf(error);
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
      {missing.length > 0 ? (
        <div className="error missing-documents" role="alert">
          <p>Cannot move to Submitted: {missing.length === 1 ? 'this document is' : 'these documents are'} still missing.</p>
          <ul aria-label="Missing documents">
            {missing.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
          <p>Tick each one received or not needed in the checklist, then try again.</p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
    </>
  );
}
