import type { EntityManager } from '@mikro-orm/postgresql';
import { requireCaller, type ServiceContext } from '@nusa/platform';
import { AuditEntryEntity, type AuditFields } from './audit-entry.entity.js';
import type { AuditAction, AuditEntityType } from './audit.enums.js';
import { AuditActorKind } from './audit.enums.js';

/** What a write says about itself; the actor and the time are added from the request. */
export interface AuditRecord {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  clientId?: string | null;
  practiceId?: string | null;
  /** The fields before the change (null for a creation) and after; {@link changedFields} keeps the changed ones. */
  before: AuditFields | null;
  after: AuditFields | null;
}

/** A value as an audit entry keeps it: a relation as its id, a Date as ISO text, undefined as null. */
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && 'id' in value) return value.id;
  return value;
}

/** `fields` of `entity` as plain values, for the before and after of an audit entry. */
export function auditFields<T extends object>(entity: T, fields: readonly (keyof T & string)[]): AuditFields {
  return Object.fromEntries(fields.map((field) => [field, plain(entity[field])]));
}

/** The fields whose values differ between `before` and `after`, with both sides; null when nothing changed. */
export function changedFields(
  before: AuditFields | null,
  after: AuditFields | null,
): { before: AuditFields | null; after: AuditFields } | null {
  if (!after) return null;
  if (!before) {
    const set = Object.entries(after).filter(([, value]) => value !== null);
    return { before: null, after: Object.fromEntries(set) };
  }
  const changed = Object.keys(after).filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null));
  if (changed.length === 0) return null;
  return {
    before: Object.fromEntries(changed.map((field) => [field, before[field] ?? null])),
    after: Object.fromEntries(changed.map((field) => [field, after[field] ?? null])),
  };
}

/**
 * Adds the audit entry of a write to `em`'s unit of work, so it is inserted by the same flush, in
 * the same transaction, as the change: both are kept or neither is. Returns false (and records
 * nothing) when the write changed no field.
 */
export function recordAudit(em: EntityManager, context: ServiceContext, record: AuditRecord): boolean {
  const change = changedFields(record.before, record.after);
  if (!change) return false;
  const caller = requireCaller(context);
  const actor =
    caller.kind === 'member'
      ? { actorKind: AuditActorKind.MEMBER, actorId: caller.id, actorName: caller.name }
      : caller.kind === 'apiKey'
        ? { actorKind: AuditActorKind.API_KEY, actorId: caller.id, actorName: caller.name }
        : { actorKind: AuditActorKind.SERVICE, actorId: null, actorName: caller.name };
  em.create(AuditEntryEntity, {
    ...actor,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    clientId: record.clientId ?? null,
    practiceId: record.practiceId ?? null,
    before: change.before,
    after: change.after,
  });
  return true;
}
