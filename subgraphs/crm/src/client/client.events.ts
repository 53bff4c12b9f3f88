import type { EventBus } from '@nusa/subgraph';
import { AfterCommitSubscriber } from '../after-commit.js';
import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { PRACTICES_TOPIC } from '../practice/practice-deadline.events.js';

/** An event as it travels between instances: the audit entry of a change to a client, by id. */
export interface ClientEventPayload {
  clientId: string;
  auditEntryId: string;
  practiceId: string | null;
}

export const clientTopic = (clientId: string) => `client:${clientId}`;

/**
 * Tells the subscribers of a client, on any instance, about each recorded change to it (the client
 * itself, its practices, its interactions) once the transaction that wrote the change has
 * committed: a change rolled back is never announced. Every write is audited (see
 * audit.service.ts), so the audit entries are the changes.
 */
export class ClientEventPublisher extends AfterCommitSubscriber<AuditEntryEntity, ClientEventPayload> {
  constructor(private readonly events: EventBus) {
    super();
  }

  getSubscribedEntities() {
    return [AuditEntryEntity];
  }

  protected noted(entity: AuditEntryEntity): ClientEventPayload | undefined {
    if (!entity.clientId) return undefined;
    return { clientId: entity.clientId, auditEntryId: entity.id, practiceId: entity.practiceId };
  }

  protected async committed(payloads: ClientEventPayload[]): Promise<void> {
    for (const payload of payloads) {
      await this.events.publish(clientTopic(payload.clientId), payload);
      // A practice's change may move it into someone's deadline window (practiceDeadlines).
      if (payload.practiceId) await this.events.publish(PRACTICES_TOPIC, { practiceId: payload.practiceId });
    }
  }
}
