import type { EntityManager } from '@mikro-orm/postgresql';
import { AfterCommitSubscriber } from '../after-commit.js';
import type { ClientEntity } from '../client/client.entity.js';
import type { PracticeEntity } from '../practice/practice.entity.js';
import type { PracticeStatus } from '../practice/practice.enums.js';
import { WebhookEventType } from './webhook.enums.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookEventEntity } from './webhook-event.entity.js';

/**
 * Adds a webhook event to `em`'s unit of work, beside the change's audit entry (see recordAudit):
 * the same flush inserts both with the change, so an event exists exactly when its change committed.
 */
function recordWebhookEvent(
  em: EntityManager,
  type: WebhookEventType,
  entityType: string,
  entityId: string,
  payload: Record<string, unknown>,
) {
  em.create(WebhookEventEntity, { type, entityType, entityId, payload });
}

/** `client.created`: the client as it was created. */
export function recordClientCreated(em: EntityManager, client: ClientEntity): void {
  recordWebhookEvent(em, WebhookEventType.CLIENT_CREATED, 'client', client.id, {
    id: client.id,
    fullName: client.fullName,
    email: client.email,
    phone: client.phone,
    nationality: client.nationality,
    status: client.status,
    createdAt: client.createdAt.toISOString(),
  });
}

/** `practice.status_changed`: the practice after the move, with the status it left. */
export function recordPracticeStatusChanged(em: EntityManager, practice: PracticeEntity, previousStatus: PracticeStatus): void {
  recordWebhookEvent(em, WebhookEventType.PRACTICE_STATUS_CHANGED, 'practice', practice.id, {
    id: practice.id,
    clientId: practice.client.id,
    type: practice.type,
    title: practice.title,
    serviceCode: practice.serviceCode,
    status: practice.status,
    previousStatus,
    statusChangedAt: practice.statusChangedAt.toISOString(),
    assigneeId: practice.assignee?.id ?? null,
    dueDate: practice.dueDate,
    expiryDate: practice.expiryDate,
  });
}

/**
 * Wakes the dispatcher of this process once a transaction that wrote a webhook event (or a resent
 * delivery) has committed, so it leaves at once instead of at the next poll. Other instances find
 * it at their next poll.
 */
export class WebhookOutboxNudge extends AfterCommitSubscriber<WebhookEventEntity | WebhookDeliveryEntity, true> {
  constructor(private readonly wake: () => void) {
    super();
  }

  getSubscribedEntities() {
    return [WebhookEventEntity, WebhookDeliveryEntity];
  }

  protected noted(): true {
    return true;
  }

  protected committed(): void {
    this.wake();
  }
}
