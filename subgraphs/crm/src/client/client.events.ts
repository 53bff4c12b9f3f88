import type { EventArgs, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EventBus } from '@nusa/subgraph';
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
export class ClientEventPublisher implements EventSubscriber<AuditEntryEntity> {
  private readonly pending = new WeakMap<object, ClientEventPayload[]>();

  constructor(private readonly events: EventBus) {}

  getSubscribedEntities() {
    return [AuditEntryEntity];
  }

  afterCreate({ entity, em }: EventArgs<AuditEntryEntity>): void {
    if (!entity.clientId) return;
    const transaction = em.getTransactionContext<object>();
    const payload = { clientId: entity.clientId, auditEntryId: entity.id, practiceId: entity.practiceId };
    if (!transaction) {
      void this.publish([payload]);
      return;
    }
    this.pending.set(transaction, [...(this.pending.get(transaction) ?? []), payload]);
  }

  async afterTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const transaction = args.transaction as object | undefined;
    const payloads = transaction ? this.pending.get(transaction) : undefined;
    if (!payloads || !transaction) return;
    this.pending.delete(transaction);
    await this.publish(payloads);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    const transaction = args.transaction as object | undefined;
    if (transaction) this.pending.delete(transaction);
  }

  private async publish(payloads: ClientEventPayload[]): Promise<void> {
    for (const payload of payloads) {
      await this.events.publish(clientTopic(payload.clientId), payload);
      // A practice's change may move it into someone's deadline window (practiceDeadlines).
      if (payload.practiceId) await this.events.publish(PRACTICES_TOPIC, { practiceId: payload.practiceId });
    }
  }
}
