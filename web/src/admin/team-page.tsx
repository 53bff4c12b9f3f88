import { useQuery } from '@apollo/client/react';
import { TEAM_MEMBERS } from '../practices/assignee-form';
import { roleLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { formatDateTime } from '../ui/format';
import { AdminNav } from './admin-nav';

/** The active team, read-only: the API cannot invite or deactivate members yet. */
export function TeamPage() {
  const { data, loading, error } = useQuery(TEAM_MEMBERS);
  return (
    <section aria-labelledby="team-title">
      <header className="page-header">
        <AdminNav />
        <h1 id="team-title">Team</h1>
        <p className="muted">Inviting and deactivating members is not in the API yet; this list is read-only.</p>
      </header>
      <ErrorMessage error={error} />
      {loading && !data && <p>Loading the team…</p>}
      {data?.teamMembers.length === 0 && <p className="muted">No active team members.</p>}
      {data && data.teamMembers.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Team members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Member since</th>
              </tr>
            </thead>
            <tbody>
              {data.teamMembers.map((member) => (
                <tr key={member.id}>
                  <td>{member.name}</td>
                  <td>{member.email}</td>
                  <td>{roleLabels[member.role]}</td>
                  <td>{formatDateTime(member.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
