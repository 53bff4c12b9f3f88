import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { WebhookDeliveryStatus } from './webhook.enums.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';
import { WebhookEventEntity } from './webhook-event.entity.js';

/** One event for one endpoint: sent until the receiver answers 2xx or the retry window closes. */
@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['endpoint', 'entityId', 'status', 'seq'] })
@Index({ properties: ['endpoint', 'createdAt', 'id'] })
export class WebhookDeliveryEntity {
  [OptionalProps]?: 'seq' | 'status' | 'attemptCount' | 'nextAttemptAt' | 'lastAttemptAt' | 'deliveredAt' | 'resendOf' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Order of creation: a later delivery of the same entity to the same endpoint waits for the earlier ones. */
  @Property({ type: 'bigint', autoincrement: true, unique: true })
  seq?: string;

  @ManyToOne(() => WebhookEndpointEntity, { ref: true, deleteRule: 'cascade' })
  endpoint!: Ref<WebhookEndpointEntity>;

  @ManyToOne(() => WebhookEventEntity, { ref: true, deleteRule: 'cascade', index: true })
  event!: Ref<WebhookEventEntity>;

  /** The event's entity, copied here so the order check reads one index. */
  @Property({ type: 'uuid' })
  entityId!: string;

  @Enum({ items: () => WebhookDeliveryStatus, type: 'string' })
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer' })
  attemptCount: number = 0;

  /** When it is due; null once delivered or given up. */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = new Date();

  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;

  /** The delivery this one sends again (resendWebhookDelivery). */
  @Property({ type: 'uuid', nullable: true })
  resendOf: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
