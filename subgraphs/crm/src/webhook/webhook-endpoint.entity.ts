import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import type { WebhookEventType } from './webhook.enums.js';

/** A partner's URL that receives the events it subscribed to, signed with its secret. */
@Entity({ tableName: 'webhook_endpoint' })
export class WebhookEndpointEntity {
  [OptionalProps]?: 'enabled' | 'disabledReason' | 'disabledAt' | 'consecutiveFailures' | 'createdBy' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 2048 })
  url!: string;

  @Property({ type: 'text[]' })
  eventTypes!: WebhookEventType[];

  /**
   * The signing secret (`whsec_…`). Kept as it is, because every delivery is signed with it; it is
   * shown once, in createWebhookEndpoint's answer, and never read out again.
   */
  @Property({ type: 'string', length: 80, hidden: true })
  secret!: string;

  @Property({ type: 'boolean' })
  enabled: boolean = true;

  /** Why it is disabled: an administrator did it, or the deliveries kept failing (with the last failure). */
  @Property({ type: 'text', nullable: true })
  disabledReason: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;

  /** Failed attempts since the last accepted one, over every delivery to this endpoint. */
  @Property({ type: 'integer' })
  consecutiveFailures: number = 0;

  @ManyToOne(() => TeamMemberEntity, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy: Ref<TeamMemberEntity> | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
