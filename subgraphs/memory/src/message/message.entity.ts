import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { ConversationEntity } from '../conversation/conversation.entity.js';
import type { CitationRecord } from '@nusa/subgraph';
import { MessageRole, MessageStatus } from './message.enums.js';

/** A source the assistant relied on, kept with its answer (messages stored before headings were kept have none). */
export type StoredCitation = Omit<CitationRecord, 'headingPath'> & Partial<Pick<CitationRecord, 'headingPath'>>;

@Entity({ tableName: 'message' })
@Unique({ properties: ['conversation', 'seq'] })
@Unique({ properties: ['conversation', 'idempotencyKey'] })
export class MessageEntity {
  [OptionalProps]?:
    | 'status'
    | 'authorId'
    | 'model'
    | 'inputTokens'
    | 'outputTokens'
    | 'latencyMs'
    | 'offline'
    | 'citations'
    | 'error'
    | 'idempotencyKey'
    | 'createdAt'
    | 'updatedAt'
    | 'completedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ConversationEntity, { ref: true, deleteRule: 'cascade' })
  conversation!: Ref<ConversationEntity>;

  /** 1, 2, 3 ... within the conversation, with no gaps. */
  @Property({ type: 'integer' })
  seq!: number;

  @Enum({ items: () => MessageRole, type: 'string' })
  role!: MessageRole;

  @Property({ type: 'text' })
  content!: string;

  @Enum({ items: () => MessageStatus, type: 'string' })
  status: MessageStatus = MessageStatus.COMPLETE;

  /** The team member who wrote it (USER messages). */
  @Property({ type: 'uuid', nullable: true })
  authorId: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  model: string | null = null;

  @Property({ type: 'integer', nullable: true })
  inputTokens: number | null = null;

  @Property({ type: 'integer', nullable: true })
  outputTokens: number | null = null;

  @Property({ type: 'integer', nullable: true })
  latencyMs: number | null = null;

  /** Written by the offline responder rather than the model. */
  @Property({ type: 'boolean' })
  offline: boolean = false;

  @Property({ type: 'json', nullable: true })
  citations: StoredCitation[] | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  idempotencyKey: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;
}
