import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Memory's outbox for partner webhooks: one row per event, inserted in the transaction of the change
 * it reports, so it exists exactly when the change committed. The relay hands each to the crm (which
 * sends webhooks) and sets `relayedAt`; the id is the event's id there too, so a row relayed twice is
 * recorded once.
 */
@Entity({ tableName: 'outbox_event' })
@Index({ properties: ['relayedAt', 'seq'] })
export class OutboxEventEntity {
  [OptionalProps]?: 'seq' | 'occurredAt' | 'relayedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Insertion order from the database: rows are relayed in it. */
  @Property({ type: 'bigint', autoincrement: true, unique: true })
  seq?: string;

  /** The crm's `WebhookEventType` (`ANSWER_COMPLETED`). */
  @Property({ type: 'string', length: 64 })
  type!: string;

  /** `message`: what `entityId` names and what `payload` holds. */
  @Property({ type: 'string', length: 32 })
  entityType!: string;

  @Property({ type: 'uuid' })
  entityId!: string;

  /** The entity as it was after the change: the delivery's `data`. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  occurredAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  relayedAt: Date | null = null;
}
