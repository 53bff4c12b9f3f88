import type { EntityManager } from '@mikro-orm/postgresql';
import { requireCaller, type ServiceContext } from '@nusa/platform';
import { auditActor, recordAuditEntry, type AuditRecordOf } from '@nusa/subgraph';
import { AuditEntryEntity } from './audit-entry.entity.js';

export { auditFields } from '@nusa/subgraph';

/** What a CRM write says about itself; the actor and the time are added from the request. */
export type AuditRecord = AuditRecordOf<AuditEntryEntity>;

/**
 * Adds the audit entry of a write to `em`'s unit of work, so it is inserted by the same flush, in
 * the same transaction, as the change: both are kept or neither is. Returns false (and records
 * nothing) when the write changed no field.
 */
export function recordAudit(em: EntityManager, context: ServiceContext, record: AuditRecord): boolean {
  return recordAuditEntry(em, AuditEntryEntity, auditActor(requireCaller(context)), record);
}
