import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, clientError, ErrorCode, notFound, type Caller } from '@nusa/platform';
import type { Cache, EventBus } from '@nusa/subgraph';
import { ConversationEventKind, publishMessageEvents } from '../conversation/conversation.events.js';
import { canSeeConversation } from '../conversation/conversation.access.js';
import { ConversationEntity } from '../conversation/conversation.entity.js';
import { recordAnswerCompleted } from '../outbox/outbox.answer.js';
import { MessageEntity, type StoredCitation } from './message.entity.js';
import { FINAL_STATUSES, MessageRole, MessageStatus } from './message.enums.js';
import { parseMessageViews, toMessageView, type MessageView } from './message.view.js';

/** The largest message content accepted, in bytes of UTF-8. */
export const MAX_CONTENT_BYTES = 32 * 1024;
/** How many of a conversation's latest messages are kept in the cache. */
export const RECENT_WINDOW = 50;
const RECENT_TTL_SECONDS = 3600;

export const recentKey = (conversationId: string) => `memory:recent:${conversationId}`;

export interface NewMessage {
  role: MessageRole;
  content: string;
  status?: MessageStatus;
  authorId?: string | null;
  idempotencyKey?: string | null;
}

/** Messages appended (or, under keys already used, found): `changed` when anything was written. */
export interface AppendedMessages {
  views: MessageView[];
  changed: boolean;
}

export interface FinalMessage {
  status: MessageStatus;
  content: string;
  model?: string | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  latencyMs?: number | null;
  offline?: boolean;
  citations?: StoredCitation[];
  error?: string | null;
}

function checkContent(content: string, allowEmpty: boolean): void {
  if (!allowEmpty && content.trim().length === 0) throw badUserInput('content', 'must not be empty');
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) throw badUserInput('content', `is ${bytes} bytes; the limit is ${MAX_CONTENT_BYTES}`);
}

/**
 * Messages are the record: appended in order, finished once, and their recent window cached; each
 * change, once committed, is told to the conversation's subscribers.
 */
export class MessageStore {
  constructor(
    private readonly cache: Cache,
    private readonly events: EventBus,
    /** Called once a transaction that wrote an outbox row has committed (wakes the relay). Default: nothing. */
    private readonly outboxWritten: () => void = () => undefined,
  ) {}

  /**
   * Appends messages to a conversation in one transaction. Sequence numbers come from the
   * conversation row, locked for the transaction, so concurrent appends keep their order and the
   * (conversation, seq) unique index can never be hit. A message whose idempotency key is already
   * in the conversation is returned as it is, and nothing is written.
   */
  async append(em: EntityManager, conversationId: string, messages: NewMessage[]): Promise<MessageView[]> {
    const written = await em.transactional((tx) => this.write(tx, conversationId, messages));
    await this.announce(conversationId, written);
    return written.views;
  }

  /**
   * What {@link append} does in its transaction, for a caller that commits it together with more
   * (an idempotent request's stored response) and then calls {@link announce}.
   */
  async write(tx: EntityManager, conversationId: string, messages: NewMessage[]): Promise<AppendedMessages> {
    for (const message of messages) checkContent(message.content, message.status === MessageStatus.STREAMING);
    const conversation = await tx.findOne(ConversationEntity, { id: conversationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!conversation) throw notFound('Conversation', conversationId);
    const keys = messages.map((m) => m.idempotencyKey).filter((key): key is string => Boolean(key));
    const existing = keys.length > 0 ? await tx.find(MessageEntity, { conversation: conversationId, idempotencyKey: { $in: keys } }) : [];
    if (existing.length === keys.length && keys.length === messages.length) {
      return { views: existing.sort((a, b) => a.seq - b.seq).map(toMessageView), changed: false };
    }
    if (existing.length > 0)
      throw clientError(ErrorCode.BadUserInput, 'idempotencyKey: partly used before; send a new key', { field: 'idempotencyKey' });
    const now = new Date();
    const created = messages.map((message) => {
      conversation.messageCount += 1;
      return tx.create(MessageEntity, {
        conversation,
        seq: conversation.messageCount,
        role: message.role,
        content: message.content,
        status: message.status ?? MessageStatus.COMPLETE,
        authorId: message.authorId ?? null,
        idempotencyKey: message.idempotencyKey ?? null,
        createdAt: now,
        updatedAt: now,
        completedAt: message.status === MessageStatus.STREAMING ? null : now,
      });
    });
    conversation.lastMessageAt = now;
    return { views: created.map(toMessageView), changed: true };
  }

  /** Once messages written with {@link write} are committed: the recent window is read afresh, and subscribers are told. */
  async announce(conversationId: string, written: AppendedMessages): Promise<void> {
    if (!written.changed) return;
    await this.cache.delete([recentKey(conversationId)]);
    await publishMessageEvents(this.events, ConversationEventKind.MESSAGE_ADDED, written.views);
  }

  /**
   * Gives a STREAMING message its final status and content, once: finishing a message that is
   * already final changes nothing and returns it as it is. An assistant message finished as
   * COMPLETE records `answer.completed` in the outbox, in the same transaction.
   */
  async finish(em: EntityManager, messageId: string, final: FinalMessage): Promise<MessageView> {
    if (!FINAL_STATUSES.includes(final.status)) throw badUserInput('status', `must be one of ${FINAL_STATUSES.join(', ')}`);
    checkContent(final.content, true);
    const result = await em.transactional(async (tx) => {
      const message = await tx.findOne(MessageEntity, { id: messageId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!message) throw notFound('Message', messageId);
      if (message.status !== MessageStatus.STREAMING) return { view: toMessageView(message), changed: false, answered: false };
      Object.assign(message, {
        status: final.status,
        content: final.content,
        model: final.model ?? null,
        inputTokens: final.inputTokens ?? null,
        outputTokens: final.outputTokens ?? null,
        latencyMs: final.latencyMs ?? null,
        offline: final.offline ?? false,
        citations: final.citations ?? [],
        error: final.error ?? null,
        completedAt: new Date(),
      });
      const answered = message.role === MessageRole.ASSISTANT && final.status === MessageStatus.COMPLETE;
      if (answered) {
        const conversation = await tx.findOneOrFail(ConversationEntity, { id: message.conversation.id });
        recordAnswerCompleted(tx, message, conversation.clientId);
      }
      return { view: toMessageView(message), changed: true, answered };
    });
    if (result.answered) this.outboxWritten();
    if (result.changed) {
      await this.cache.delete([recentKey(result.view.conversationId)]);
      await publishMessageEvents(this.events, ConversationEventKind.MESSAGE_STATUS_CHANGED, [result.view]);
    }
    return result.view;
  }

  /** The latest {@link RECENT_WINDOW} messages, oldest first: from the cache, else PostgreSQL (then cached). */
  async recent(em: EntityManager, conversationId: string): Promise<MessageView[]> {
    const cached = await this.cache.get(recentKey(conversationId));
    if (cached) return parseMessageViews(cached);
    const rows = await em.find(MessageEntity, { conversation: conversationId }, { orderBy: { seq: 'desc' }, limit: RECENT_WINDOW });
    const views = rows.reverse().map(toMessageView);
    await this.cache.set(recentKey(conversationId), JSON.stringify(views), RECENT_TTL_SECONDS);
    return views;
  }

  /** A message with its conversation, or `NOT_FOUND` when it does not exist or `onBehalfOf` may not see it. */
  async visible(em: EntityManager, messageId: string, onBehalfOf: Caller | undefined): Promise<MessageView> {
    const message = await em.findOne(MessageEntity, { id: messageId }, { populate: ['conversation'] });
    if (!message || (onBehalfOf && !canSeeConversation(onBehalfOf, message.conversation.getEntity()))) throw notFound('Message', messageId);
    return toMessageView(message);
  }

  /** Messages still STREAMING that were opened more than `olderThanMs` ago, oldest first, at most 500. */
  async streamingSince(em: EntityManager, olderThanMs: number): Promise<MessageView[]> {
    const rows = await em.find(
      MessageEntity,
      { status: MessageStatus.STREAMING, createdAt: { $lt: new Date(Date.now() - olderThanMs) } },
      { orderBy: { createdAt: 'asc' }, limit: 500 },
    );
    return rows.map(toMessageView);
  }
}
