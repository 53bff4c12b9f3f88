import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { AllTeamMembersQuery, Role } from '../gql/graphql';
import { roleLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { FormField } from '../ui/form-field';
import { formatDateTime } from '../ui/format';
import { StatusMessage } from '../ui/status-message';
import { AdminNav } from './admin-nav';

const ALL_TEAM_MEMBERS = graphql(`
  query AllTeamMembers {
    allTeamMembers {
      id
      name
      email
      role
      active
      createdAt
    }
  }
`);

const INVITE_TEAM_MEMBER = graphql(`
  mutation InviteTeamMember($email: String!, $name: String!, $role: Role!) {
    inviteTeamMember(email: $email, name: $name, role: $role) {
      temporaryPassword
      member {
        id
        name
        email
        role
        active
        createdAt
      }
    }
  }
`);

const DEACTIVATE_TEAM_MEMBER = graphql(`
  mutation DeactivateTeamMember($id: ID!) {
    deactivateTeamMember(id: $id) {
      id
      active
    }
  }
`);

type Member = AllTeamMembersQuery['allTeamMembers'][number];

/** The roles a person can be invited with (partners are API keys, not members). */
const INVITABLE: Role[] = ['AGENT', 'ADMIN'];

/** Invites a member; the temporary password is shown here once, until it is dismissed. */
function InviteForm() {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('AGENT');
  const [invited, setInvited] = useState<{ name: string; password: string } | null>(null);
  const [invite, { loading, error }] = useMutation(INVITE_TEAM_MEMBER, { refetchQueries: ['AllTeamMembers', 'TeamMembers'] });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await invite({ variables: { email: email.trim(), name: name.trim(), role } });
      const payload = result.data?.inviteTeamMember;
      if (!payload) return;
      setInvited({ name: payload.member.name, password: payload.temporaryPassword });
      setEmail('');
      setName('');
    } catch {
      // Shown by ErrorMessage below.
    }
  };
  if (invited) {
    return (
      <div className="card invitation" role="group" aria-label="Invitation">
        <p role="status">{invited.name} is invited. Give them this temporary password over a private channel; it is not shown again.</p>
        <FormField id="temporary-password" label="Temporary password">
          <input id="temporary-password" readOnly value={invited.password} onFocus={(event) => event.target.select()} />
        </FormField>
        <button type="button" onClick={() => setInvited(null)}>
          I have given it
        </button>
      </div>
    );
  }
  return (
    <form className="stacked-form" onSubmit={(event) => void submit(event)} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a member</h2>
      <FormField id="invite-name" label="Name">
        <input id="invite-name" required value={name} onChange={(event) => setName(event.target.value)} />
      </FormField>
      <FormField id="invite-email" label="Email">
        <input id="invite-email" type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
      </FormField>
      <FormField id="invite-role" label="Role">
        <select id="invite-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {INVITABLE.map((value) => (
            <option key={value} value={value}>
              {roleLabels[value]}
            </option>
          ))}
        </select>
      </FormField>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Inviting…' : 'Invite'}
        </button>
      </div>
    </form>
  );
}

function MemberRow({ member }: { member: Member }) {
  const [confirming, setConfirming] = useState(false);
  const [deactivate, { loading, error }] = useMutation(DEACTIVATE_TEAM_MEMBER, { refetchQueries: ['TeamMembers'] });
  return (
    <tr data-member-id={member.id}>
      <td>{member.name}</td>
      <td>{member.email}</td>
      <td>{roleLabels[member.role]}</td>
      <td>{formatDateTime(member.createdAt)}</td>
      <td className="member-status">{member.active ? 'Active' : 'Deactivated'}</td>
      <td>
        {member.active &&
          (confirming ? (
            <div className="actions" role="group" aria-label={`Deactivate ${member.name}?`}>
              <span>Deactivate {member.name}? They cannot sign in, and their sessions end.</span>
              <button
                type="button"
                className="danger"
                disabled={loading}
                onClick={() => void deactivate({ variables: { id: member.id } }).catch(() => undefined)}
              >
                Yes, deactivate
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Deactivate {member.name}
            </button>
          ))}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

/** The whole team, deactivated members included: invite, and deactivate after a confirmation. */
export function TeamPage() {
  const { data, loading, error } = useQuery(ALL_TEAM_MEMBERS, { fetchPolicy: 'cache-and-network' });
  const members = data?.allTeamMembers ?? [];
  const active = members.filter((member) => member.active).length;
  return (
    <section aria-labelledby="team-title">
      <header className="page-header">
        <AdminNav />
        <h1 id="team-title">Team</h1>
      </header>
      <ErrorMessage error={error} />
      {loading && !data && <p>Loading the team…</p>}
      <StatusMessage text={data ? `${active} active of ${members.length} members` : null} />
      {members.length > 0 && (
        <div className="table-scroll">
          <table className="team-table">
            <caption className="visually-hidden">Team members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Member since</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <MemberRow key={member.id} member={member} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InviteForm />
    </section>
  );
}
