import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useLiveEvents } from '../apollo/use-live-events';
import { graphql } from '../gql';
import { InteractionList } from '../interactions/interaction-list';
import { LogInteractionForm } from '../interactions/log-interaction-form';
import { MemoryPanel } from '../memory/memory-panel';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { clientStatusLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { ClientActivity } from './client-activity';
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
      interactions {
        id
        channel
        summary
        occurredAt
        author {
          id
          name
        }
        practice {
          id
          title
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

const CLIENT_EVENTS = graphql(`
  subscription ClientEvents($clientId: ID!) {
    clientEvents(clientId: $clientId) {
      entry {
        id
        action
        actorName
      }
      practice {
        id
        status
        statusChangedAt
        allowedTransitions
      }
    }
  }
`);

/** One client: details, practices with their status, interactions, conversations and the assistant's memory. */
export function ClientPage({ clientId }: { clientId: string }) {
  const { data, loading, error, refetch } = useQuery(CLIENT_PAGE, {
    variables: { id: clientId },
    // Others change clients too (and this session on other screens): show the cached page, then the fresh one.
    fetchPolicy: 'cache-and-network',
  });
  // Each committed change, by anyone on any instance, reads the page and its activity again (no polling).
  const [version, setVersion] = useState(0);
  useLiveEvents(CLIENT_EVENTS, { clientId }, () => {
    void refetch();
    setVersion((previous) => previous + 1);
  });
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
        <p className="actions">
          <Link href={paths.editClient(client.id)}>Edit details</Link>
          <Link href={paths.openPractice(client.id)}>Open a practice</Link>
        </p>
      </header>
      <div className="columns">
        <div>
          <section aria-labelledby="practices-title">
            <h2 id="practices-title">Practices</h2>
            <PracticeList practices={client.practices} />
          </section>
          <section aria-labelledby="client-interactions-title">
            <h2 id="client-interactions-title">Interactions</h2>
            <InteractionList interactions={client.interactions} showPractice />
            <details className="log-details">
              <summary>Log an interaction</summary>
              <LogInteractionForm clientId={client.id} refetch={['ClientPage']} />
            </details>
          </section>
          <section aria-labelledby="activity-title">
            <h2 id="activity-title">Activity</h2>
            <ClientActivity clientId={client.id} version={version} />
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
