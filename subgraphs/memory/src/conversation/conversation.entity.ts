import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'conversation' })
@Index({ properties: ['clientId', 'createdAt'] })
export class ConversationEntity {
  [OptionalProps]?: 'clientId' | 'createdById' | 'messageCount' | 'lastMessageAt' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The CRM client it is about, if any; the CRM owns the client. */
  @Property({ type: 'uuid', nullable: true })
  clientId: string | null = null;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  /** Also the last sequence number handed out: the next message gets messageCount + 1. */
  @Property({ type: 'integer' })
  messageCount: number = 0;

  @Property({ type: 'datetime', nullable: true })
  lastMessageAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
