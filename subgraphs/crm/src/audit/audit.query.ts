import type { EntityManager } from '@mikro-orm/postgresql';
import { auditPage as page, type AuditConditions, type Connection, type EntityRecord } from '@nusa/subgraph';
import { AuditEntryEntity } from './audit-entry.entity.js';

export type AuditEntryRecord = EntityRecord<AuditEntryEntity>;

/** A Relay page of CRM audit entries matching `conditions`, newest first. */
export function auditPage(
  em: EntityManager,
  conditions: AuditConditions<AuditEntryEntity>,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<AuditEntryRecord>> {
  return page(em, AuditEntryEntity, conditions, first, after);
}
