import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { MemoryPanel } from '../memory/memory-panel';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { clientStatusLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { ConversationList } from './conversation-list';
import { PracticeList } from './practice-list';

const CLIENT_PAGE = graphql(`
  query ClientPage($id: ID!) {
    client(id: $id) {
      id
      fullName
      email
      phone
      nationality
      status
      notes
      practices {
        id
        type
        title
        status
        dueDate
        expiryDate
        allowedTransitions
        assignee {
          id
          name
        }
      }
      conversations(first: 20) {
        edges {
          node {
            id
            title
            messageCount
            lastMessageAt
            createdAt
          }
        }
      }
    }
  }
`);

/** One client: details, practices with their status, conversations and the assistant's memory. */
export function ClientPage({ clientId }: { clientId: string }) {
  const { data, loading, error } = useQuery(CLIENT_PAGE, { variables: { id: clientId } });
  if (loading && !data) return <p>Loading the client…</p>;
  const client = data?.client;
  if (!client) return <ErrorMessage error={error ?? new Error('This client does not exist.')} />;
  const contact = [client.email, client.phone, client.nationality].filter(Boolean).join(' · ');
  return (
    <article className="client-page" aria-labelledby="client-title">
      <header className="page-header">
        <p>
          <Link href={paths.clients}>← Clients</Link>
        </p>
        <h1 id="client-title">{client.fullName}</h1>
        <p>
          <span className={`badge badge-${client.status.toLowerCase()}`}>{clientStatusLabels[client.status]}</span> {contact}
        </p>
        {client.notes && <p className="notes">{client.notes}</p>}
      </header>
      <div className="columns">
        <div>
          <section aria-labelledby="practices-title">
            <h2 id="practices-title">Practices</h2>
            <PracticeList practices={client.practices} />
          </section>
          <section aria-labelledby="conversations-title">
            <h2 id="conversations-title">Conversations</h2>
            <ConversationList clientId={client.id} conversations={client.conversations.edges.map((edge) => edge.node)} />
          </section>
        </div>
        <MemoryPanel clientId={client.id} />
      </div>
    </article>
  );
}
