import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';

/** One POST of a delivery and what came back. */
@Entity({ tableName: 'webhook_attempt' })
export class WebhookAttemptEntity {
  [OptionalProps]?: 'statusCode' | 'responseBody' | 'error' | 'nextAttemptAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WebhookDeliveryEntity, { ref: true, deleteRule: 'cascade', index: true })
  delivery!: Ref<WebhookDeliveryEntity>;

  /** 1 for the first attempt of the delivery. */
  @Property({ type: 'integer' })
  number!: number;

  /** When the request was sent. */
  @Property({ type: 'datetime' })
  at!: Date;

  /** The receiver's HTTP status; null when no answer came (timeout, refused connection). */
  @Property({ type: 'integer', nullable: true })
  statusCode: number | null = null;

  /** The start of the response body (at most RESPONSE_EXCERPT_BYTES). */
  @Property({ type: 'text', nullable: true })
  responseBody: string | null = null;

  @Property({ type: 'integer' })
  durationMs!: number;

  /** Why it failed without an HTTP answer, or which status it got. Null when accepted. */
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** When the next attempt was scheduled after this one; null when delivered or given up. */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;
}
