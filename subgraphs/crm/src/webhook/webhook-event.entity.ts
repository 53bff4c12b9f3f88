import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { WebhookEventType } from './webhook.enums.js';

/**
 * The outbox: one row per change partners can subscribe to, inserted by the flush that writes the
 * change, so both commit or neither does. The dispatcher turns each into one delivery per endpoint
 * subscribed at the time (`fannedOutAt` then set).
 */
@Entity({ tableName: 'webhook_event' })
@Index({ properties: ['fannedOutAt', 'seq'] })
export class WebhookEventEntity {
  [OptionalProps]?: 'seq' | 'occurredAt' | 'fannedOutAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Insertion order from the database, so events of one entity (whose writes hold its row lock) keep their order. */
  @Property({ type: 'bigint', autoincrement: true, unique: true })
  seq?: string;

  @Enum({ items: () => WebhookEventType, type: 'string' })
  type!: WebhookEventType;

  /** `client` or `practice`: what `entityId` names and what `data` holds. */
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
  fannedOutAt: Date | null = null;
}
