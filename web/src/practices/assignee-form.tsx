import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { ErrorMessage } from '../ui/error-message';
import { StatusMessage } from '../ui/status-message';

export const TEAM_MEMBERS = graphql(`
  query TeamMembers {
    teamMembers {
      id
      name
      email
      role
      active
      createdAt
    }
  }
`);

const ASSIGN_PRACTICE = graphql(`
  mutation AssignPractice($id: ID!, $assigneeId: ID) {
    assignPractice(id: $id, assigneeId: $assigneeId) {
      id
      assignee {
        id
        name
      }
    }
  }
`);

/** Gives a practice to a member of the active team, or to nobody. */
export function AssigneeForm({ practiceId, assigneeId }: { practiceId: string; assigneeId: string | null }) {
  const team = useQuery(TEAM_MEMBERS);
  const [chosen, setChosen] = useState(assigneeId ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const [assign, { loading, error }] = useMutation(ASSIGN_PRACTICE);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    try {
      const result = await assign({ variables: { id: practiceId, assigneeId: chosen || null } });
      setSaved(result.data?.assignPractice.assignee ? `Assigned to ${result.data.assignPractice.assignee.name}.` : 'Unassigned.');
    } catch {
      // Shown by ErrorMessage below.
    }
  };
  const selectId = `assignee-${practiceId}`;
  return (
    <>
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={selectId}>Assignee</label>
        <select id={selectId} value={chosen} onChange={(event) => setChosen(event.target.value)} disabled={!team.data}>
          <option value="">Nobody</option>
          {team.data?.teamMembers.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary" disabled={loading || chosen === (assigneeId ?? '')}>
          Assign
        </button>
        <StatusMessage text={saved} />
      </form>
      <ErrorMessage error={error ?? team.error} />
    </>
  );
}
