import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { useLiveEvents } from '../apollo/use-live-events';
import { graphql } from '../gql';
import type { ChatMessageFragment } from '../gql/graphql';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { ErrorMessage } from '../ui/error-message';
import { randomId } from '../ui/random-id';
import { CHAT_CONVERSATION, SEND_MESSAGE } from './chat-documents';
import { Composer } from './composer';
import { MessageItem } from './message-item';

const SHOWN_ROLES = new Set(['USER', 'ASSISTANT']);

const CONVERSATION_EVENTS = graphql(`
  subscription ConversationEvents($conversationId: ID!) {
    conversationEvents(conversationId: $conversationId) {
      kind
      conversation {
        id
        messageCount
      }
      message {
        id
        role
        status
        content
      }
    }
  }
`);

interface ChatPageProps {
  conversationId: string;
  /** The caller is an administrator: complete answers can be saved as reviewed. */
  canReview: boolean;
}

/** A conversation: its messages, the answer streaming in, and the question box. */
export function ChatPage({ conversationId, canReview }: ChatPageProps) {
  const { data, loading, error, refetch } = useQuery(CHAT_CONVERSATION, {
    variables: { id: conversationId },
    // A review mark the knowledge subgraph cannot give is left out; the messages still show.
    errorPolicy: 'all',
  });
  // A question another session sends, or an answer reaching its final status: read the conversation
  // again; the answer then streams in token by token from messageStream.
  useLiveEvents(CONVERSATION_EVENTS, { conversationId }, () => void refetch());
  const [send, sending] = useMutation(SEND_MESSAGE);
  const [sent, setSent] = useState<ChatMessageFragment[]>([]);
  const [followed, setFollowed] = useState<ReadonlySet<string>>(new Set());
  const [settled, setSettled] = useState<ReadonlySet<string>>(new Set());
  // One key per question, kept until it is stored, so a retried send never asks twice.
  const [idempotencyKey, setIdempotencyKey] = useState(randomId);

  const onSettled = useCallback(
    (messageId: string) => {
      setSettled((previous) => new Set(previous).add(messageId));
      // Keep showing the text as it streamed; the refetch brings the stored citations.
      setFollowed((previous) => new Set(previous).add(messageId));
      void refetch();
    },
    [refetch],
  );

  const onSend = async (content: string) => {
    try {
      const result = await send({ variables: { input: { conversationId, content, idempotencyKey } } });
      const payload = result.data?.sendMessage;
      if (!payload) return false;
      setSent((previous) => [...previous, payload.userMessage, payload.assistantMessage]);
      setFollowed((previous) => new Set(previous).add(payload.assistantMessage.id));
      setIdempotencyKey(randomId());
      return true;
    } catch {
      return false;
    }
  };

  if (loading && !data) return <p>Loading the conversation…</p>;
  const conversation = data?.conversation;
  if (!conversation) return <ErrorMessage error={error ?? new Error('This conversation does not exist or is not yours to see.')} />;

  const stored = conversation.messages.edges.map((edge) => edge.node);
  const storedIds = new Set(stored.map((message) => message.id));
  const messages = [...stored, ...sent.filter((message) => !storedIds.has(message.id))].filter((message) => SHOWN_ROLES.has(message.role));
  const isLive = (message: ChatMessageFragment) => message.status === 'STREAMING' || followed.has(message.id);
  const busy = messages.some((message) => message.role === 'ASSISTANT' && message.status === 'STREAMING' && !settled.has(message.id));

  return (
    <section className="chat" aria-labelledby="chat-title">
      <header className="page-header">
        <h1 id="chat-title">{conversation.title}</h1>
        {conversation.client && (
          <p>
            About <Link href={paths.client(conversation.client.id)}>{conversation.client.fullName}</Link>
          </p>
        )}
      </header>
      {messages.length === 0 ? (
        <p className="muted">No messages yet. Ask about a visa, a company setup, a tax or a property question.</p>
      ) : (
        <ol className="messages" aria-label="Messages">
          {messages.map((message) => (
            <MessageItem key={message.id} message={message} live={isLive(message)} canReview={canReview} onSettled={onSettled} />
          ))}
        </ol>
      )}
      <ErrorMessage error={sending.error} />
      <Composer conversationId={conversationId} busy={busy} onSend={onSend} />
    </section>
  );
}
