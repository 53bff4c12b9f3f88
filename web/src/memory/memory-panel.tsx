import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { AuditList } from '../audit/audit-list';
import { graphql } from '../gql';
import type { ClientMemoryQuery } from '../gql/graphql';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { factKindLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { formatDateTime } from '../ui/format';

const CLIENT_MEMORY = graphql(`
  query ClientMemory($id: ID!) {
    client(id: $id) {
      id
      memoryFacts {
        id
        kind
        content
        source
        validFrom
        sourceMessage {
          id
          conversation {
            id
            title
          }
        }
      }
      memoryActivity(first: 10) {
        totalCount
        edges {
          node {
            id
            at
            action
            actorName
            changes {
              field
              before
              after
            }
          }
        }
      }
    }
  }
`);

const REMEMBER_FACT = graphql(`
  mutation RememberFact($input: RememberFactInput!) {
    rememberFact(input: $input) {
      id
    }
  }
`);

const FORGET_FACT = graphql(`
  mutation ForgetFact($id: ID!) {
    forgetFact(id: $id)
  }
`);

type Fact = NonNullable<ClientMemoryQuery['client']>['memoryFacts'][number];

function FactSource({ fact }: { fact: Fact }) {
  const conversation = fact.sourceMessage?.conversation;
  if (conversation) {
    return (
      <>
        learned in <Link href={paths.conversation(conversation.id)}>{conversation.title}</Link>
      </>
    );
  }
  return <>told by the team</>;
}

/** What the assistant remembers about a client, where each fact comes from, and forgetting one. */
export function MemoryPanel({ clientId }: { clientId: string }) {
  const { data, loading, error, refetch } = useQuery(CLIENT_MEMORY, { variables: { id: clientId } });
  const facts = data?.client?.memoryFacts;
  const history = data?.client?.memoryActivity;
  const [remember, remembering] = useMutation(REMEMBER_FACT);
  const [forget, forgetting] = useMutation(FORGET_FACT);
  const [content, setContent] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!content.trim()) return;
    try {
      await remember({ variables: { input: { clientId, content: content.trim() } } });
      setContent('');
      await refetch();
    } catch {
      // Shown by ErrorMessage below.
    }
  };
  const forgetFact = async (id: string) => {
    try {
      await forget({ variables: { id } });
      await refetch();
    } catch {
      // Shown by ErrorMessage below.
    }
  };
  return (
    <section className="memory-panel" aria-labelledby="memory-title">
      <h2 id="memory-title">Memory</h2>
      <ErrorMessage error={error ?? remembering.error ?? forgetting.error} />
      {loading && !facts && <p>Loading what the assistant remembers…</p>}
      {facts?.length === 0 && <p className="muted">The assistant remembers nothing about this client yet.</p>}
      {facts && facts.length > 0 && (
        <ul className="fact-list">
          {facts.map((fact) => (
            <li key={fact.id} className="fact">
              <p>
                <span className="badge">{factKindLabels[fact.kind]}</span> {fact.content}
              </p>
              <p className="muted">
                Since {formatDateTime(fact.validFrom)}, <FactSource fact={fact} />
              </p>
              <button type="button" className="secondary" onClick={() => void forgetFact(fact.id)} disabled={forgetting.loading}>
                Forget<span className="visually-hidden"> “{fact.content}”</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="new-fact">Remember a fact</label>
        <input id="new-fact" placeholder="Prefers WhatsApp" value={content} onChange={(event) => setContent(event.target.value)} />
        <button type="submit" disabled={remembering.loading || content.trim() === ''}>
          Remember
        </button>
      </form>
      {history && (
        <details className="memory-history">
          <summary>
            Memory history <span className="count">({history.totalCount})</span>
          </summary>
          <p className="muted">What was remembered, restated, superseded or forgotten, and by whom; the newest 10.</p>
          <AuditList entries={history.edges.map((edge) => edge.node)} label="Memory history" />
        </details>
      )}
    </section>
  );
}
