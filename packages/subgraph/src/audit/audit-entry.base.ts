import { randomUUID } from 'node:crypto';
import { Enum, PrimaryKey, Property, type EntityClass, type EntityManager, type RequiredEntityData } from '@mikro-orm/core';
import { AuditActorKind, type AuditActor } from './audit-actor.js';
import { changedFields, type AuditFields } from './audit-fields.js';

/**
 * The columns every subgraph's audit table has; each subgraph's entity extends it with its own
 * `action` and `entityType` enums (and whatever it lists entries by) and its own table, since a
 * transaction cannot span databases. Rows are inserted in the transaction of the change they
 * describe and never changed (see {@link appendOnlySql}); no foreign keys, so an entry outlives
 * what it describes.
 */
export abstract class AuditEntryBase {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Set here, to the millisecond, so (at, id) cursors compare exactly. */
  @Property({ type: 'datetime' })
  at: Date = new Date();

  @Enum({ items: () => AuditActorKind, type: 'string' })
  actorKind!: AuditActorKind;

  /** The member's or the API key's id; null for a platform service. */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  /** The actor's name when the change was made (a member may be renamed later). */
  @Property({ type: 'string', length: 200 })
  actorName!: string;

  @Property({ type: 'uuid' })
  entityId!: string;

  /** The changed fields as they were; null for a creation. */
  @Property({ type: 'json', nullable: true })
  before: AuditFields | null = null;

  /** The changed fields as they became; null for a deletion. */
  @Property({ type: 'json', nullable: true })
  after: AuditFields | null = null;
}

/** What a write says about itself, besides its actor: what it did, to what, and the fields before and after. */
export type AuditRecordOf<T extends AuditEntryBase> = Omit<RequiredEntityData<T>, keyof AuditEntryBase> & {
  entityId: string;
  /** The fields before the change (null for a creation) and after (null for a deletion); only changed ones are kept. */
  before: AuditFields | null;
  after: AuditFields | null;
};

/**
 * Adds the audit entry of a write to `em`'s unit of work, so it is inserted by the same flush, in
 * the same transaction, as the change: both are kept or neither is. Returns false (and records
 * nothing) when the write changed no field.
 */
export function recordAuditEntry<T extends AuditEntryBase>(
  em: EntityManager,
  entity: EntityClass<T>,
  actor: AuditActor,
  record: AuditRecordOf<T>,
): boolean {
  const change = changedFields(record.before, record.after);
  if (!change) return false;
  em.create(entity, { ...record, ...actor, before: change.before, after: change.after } as unknown as RequiredEntityData<T>);
  return true;
}

/**
 * The SQL that makes `table` append-only, for its migration: a trigger refuses UPDATE, DELETE and
 * TRUNCATE, whoever asks (the services' own database role included).
 */
export function appendOnlySql(table: string): string[] {
  return [
    `create function "${table}_append_only"() returns trigger language plpgsql as $$
       begin
         raise exception '${table} is append-only: % is refused', tg_op using errcode = 'insufficient_privilege';
       end
       $$;`,
    `create trigger "${table}_no_update_or_delete" before update or delete on "${table}" for each row execute function "${table}_append_only"();`,
    `create trigger "${table}_no_truncate" before truncate on "${table}" for each statement execute function "${table}_append_only"();`,
  ];
}
