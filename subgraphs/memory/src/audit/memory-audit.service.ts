import type { EntityManager } from '@mikro-orm/postgresql';
import { auditFields, recordAuditEntry, type AuditActor, type AuditFields } from '@nusa/subgraph';
import type { MemoryFactEntity } from '../fact/fact.entity.js';
import { MemoryAuditAction, MemoryAuditEntityType, MemoryAuditEntryEntity } from './memory-audit.entity.js';

/** The fact fields an audit entry compares. */
const AUDITED = ['kind', 'slot', 'content', 'source', 'sourceMessage', 'validTo', 'supersededById'] as const;

/** A fact's audited fields, for the `before` of a change. */
export function factFields(fact: MemoryFactEntity): AuditFields {
  return auditFields(fact, AUDITED);
}

/**
 * Adds the audit entry of a write to `fact` to `em`'s unit of work, inserted by the flush (and in
 * the transaction) of the change itself. `before` is null for a fact just remembered; a forgotten
 * fact has no after. Nothing is recorded when no audited field changed.
 */
export function auditFact(
  em: EntityManager,
  actor: AuditActor,
  action: MemoryAuditAction,
  fact: MemoryFactEntity,
  before: AuditFields | null,
): boolean {
  return recordAuditEntry(em, MemoryAuditEntryEntity, actor, {
    action,
    entityType: MemoryAuditEntityType.MEMORY_FACT,
    entityId: fact.id,
    clientId: fact.clientId,
    before,
    after: action === MemoryAuditAction.FACT_FORGOTTEN ? null : factFields(fact),
  });
}

/**
 * The entry of erasing a client's memory: how many facts and conversations went, never what they
 * said (an erasure that kept the words in an append-only log would not be one).
 */
export function auditErasure(
  em: EntityManager,
  actor: AuditActor,
  clientId: string,
  erased: { facts: number; conversations: number },
): void {
  recordAuditEntry(em, MemoryAuditEntryEntity, actor, {
    action: MemoryAuditAction.CLIENT_MEMORY_ERASED,
    entityType: MemoryAuditEntityType.CLIENT,
    entityId: clientId,
    clientId,
    before: erased,
    after: null,
  });
}
