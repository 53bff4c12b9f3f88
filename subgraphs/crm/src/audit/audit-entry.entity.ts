import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { AuditAction, AuditActorKind, AuditEntityType } from './audit.enums.js';

/** Field values by field name: only the fields a change touched. */
export type AuditFields = Record<string, unknown>;

/**
 * One recorded write, inserted in the transaction of the change it describes. Rows are never
 * changed: a database trigger refuses UPDATE and DELETE on the table. It has no foreign keys, so
 * an entry outlives what it describes.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['at', 'id'] })
@Index({ properties: ['clientId', 'at', 'id'] })
@Index({ properties: ['practiceId', 'at', 'id'] })
@Index({ properties: ['entityId', 'at', 'id'] })
@Index({ properties: ['actorId', 'at', 'id'] })
export class AuditEntryEntity {
  [OptionalProps]?: 'at' | 'actorId' | 'clientId' | 'practiceId' | 'before' | 'after';

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

  @Enum({ items: () => AuditAction, type: 'string' })
  action!: AuditAction;

  @Enum({ items: () => AuditEntityType, type: 'string' })
  entityType!: AuditEntityType;

  @Property({ type: 'uuid' })
  entityId!: string;

  /** The client the change concerns (its own, its practice's, its interaction's), for Client.activity. */
  @Property({ type: 'uuid', nullable: true })
  clientId: string | null = null;

  /** The practice the change concerns, for Practice.history. */
  @Property({ type: 'uuid', nullable: true })
  practiceId: string | null = null;

  /** The changed fields as they were; null for a creation. */
  @Property({ type: 'json', nullable: true })
  before: AuditFields | null = null;

  /** The changed fields as they became. */
  @Property({ type: 'json', nullable: true })
  after: AuditFields | null = null;
}
