import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, type Caller } from '@nusa/platform';
import { idempotentWrite, type IdempotentRequest, type ResultCodec } from '@nusa/subgraph';
import { MemoryFactEntity } from '../fact/fact.entity.js';
import { rankFacts } from '../fact/fact.search.js';
import { MessageRole, MessageStatus } from '../message/message.enums.js';
import { MessageEntity } from '../message/message.entity.js';
import type { AppendedMessages, MessageStore } from '../message/message.store.js';
import { toMessageView, type MessageView } from '../message/message.view.js';
import { canSeeConversation } from './conversation.access.js';
import { ConversationEntity } from './conversation.entity.js';

/** A question and the answer opened for it. */
export interface Turn {
  userMessage: MessageView;
  assistantMessage: MessageView;
}

/** A turn kept for a retry with its Idempotency-Key: the two messages' ids, read again when replayed (their status moves on). */
const turnResult: ResultCodec<AppendedMessages> = {
  store: (written) => written.views.map((view) => view.id),
  replay: async (stored, em) => {
    const found = await em.find(MessageEntity, { id: { $in: stored as string[] } }, { orderBy: { seq: 'asc' } });
    return { views: found.map(toMessageView), changed: false };
  },
};

/**
 * Stores a user's question and opens the assistant's answer (STREAMING) in one transaction; with an
 * idempotency key, asking again returns the same two messages. With the caller's `request` (their
 * Idempotency-Key), the response is stored in that transaction too, and the key sent again for a
 * different question is IDEMPOTENCY_KEY_REUSED. `onBehalfOf` must be able to see the
 * conversation, else `NOT_FOUND`.
 */
export async function openTurn(
  em: EntityManager,
  messages: MessageStore,
  turn: {
    conversationId: string;
    content: string;
    authorId?: string | null;
    idempotencyKey?: string;
    onBehalfOf?: Caller;
    request?: IdempotentRequest;
  },
): Promise<Turn> {
  if (turn.onBehalfOf) {
    const conversation = await em.findOne(ConversationEntity, { id: turn.conversationId });
    if (!conversation || !canSeeConversation(turn.onBehalfOf, conversation)) throw notFound('Conversation', turn.conversationId);
  }
  const key = turn.idempotencyKey;
  const drafts = [
    { role: MessageRole.USER, content: turn.content, authorId: turn.authorId ?? null, idempotencyKey: key ? `${key}:user` : null },
    { role: MessageRole.ASSISTANT, content: '', status: MessageStatus.STREAMING, idempotencyKey: key ? `${key}:assistant` : null },
  ];
  const write = (tx: EntityManager) => messages.write(tx, turn.conversationId, drafts);
  const written = turn.request ? await idempotentWrite(em, turn.request, write, turnResult) : await em.transactional(write);
  await messages.announce(turn.conversationId, written);
  const [userMessage, assistantMessage] = written.views;
  if (!userMessage || !assistantMessage) throw new Error('a turn appends two messages');
  return { userMessage, assistantMessage };
}

/** What a generation knows before it starts: the conversation, its recent messages, and the client's facts ranked for `query`. */
export async function turnContext(em: EntityManager, messages: MessageStore, conversationId: string, query: string, factLimit: number) {
  const conversation = await em.findOne(ConversationEntity, { id: conversationId });
  if (!conversation) throw notFound('Conversation', conversationId);
  const recent = await messages.recent(em, conversation.id);
  const facts = conversation.clientId
    ? rankFacts(await em.find(MemoryFactEntity, { clientId: conversation.clientId, validTo: null }), query, factLimit)
    : [];
  return {
    conversation: { id: conversation.id, clientId: conversation.clientId, title: conversation.title },
    recent,
    facts: facts.map((fact) => ({ id: fact.id, kind: fact.kind, content: fact.content, validFrom: fact.validFrom })),
  };
}
