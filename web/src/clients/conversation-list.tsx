import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { navigate } from '../routing/history';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { ErrorMessage } from '../ui/error-message';
import { formatDateTime } from '../ui/format';

const START_CONVERSATION = graphql(`
  mutation StartConversation($input: StartConversationInput!) {
    startConversation(input: $input) {
      id
    }
  }
`);

export interface ConversationView {
  id: string;
  title: string;
  messageCount: number;
  lastMessageAt: string | null;
  createdAt: string;
}

/** A client's conversations with the assistant, and a form to start one. */
export function ConversationList({ clientId, conversations }: { clientId: string; conversations: readonly ConversationView[] }) {
  const [title, setTitle] = useState('');
  const [start, { loading, error }] = useMutation(START_CONVERSATION);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await start({ variables: { input: { clientId, title: title.trim() || null } } });
      if (result.data) navigate(paths.conversation(result.data.startConversation.id));
    } catch {
      // Shown by ErrorMessage below.
    }
  };
  return (
    <>
      {conversations.length === 0 ? (
        <p className="muted">No conversations yet.</p>
      ) : (
        <ul className="conversation-list">
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <Link href={paths.conversation(conversation.id)}>{conversation.title}</Link>
              <span className="muted">
                {' '}
                · {conversation.messageCount} messages · {formatDateTime(conversation.lastMessageAt ?? conversation.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="conversation-title">New conversation</label>
        <input
          id="conversation-title"
          placeholder="Stay permit questions"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <button type="submit" disabled={loading}>
          Start
        </button>
      </form>
      <ErrorMessage error={error} />
    </>
  );
}
