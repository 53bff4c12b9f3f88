import { Entity, Enum, Index, OptionalProps, Property } from '@mikro-orm/core';
import { AuditEntryBase } from '@nusa/subgraph';
import { AuditAction, AuditEntityType } from './audit.enums.js';

export type { AuditFields } from '@nusa/subgraph';

/**
 * One recorded CRM write (the shared columns are {@link AuditEntryBase}'s), inserted in the
 * transaction of the change it describes. A database trigger refuses UPDATE and DELETE on the table.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['at', 'id'] })
@Index({ properties: ['clientId', 'at', 'id'] })
@Index({ properties: ['practiceId', 'at', 'id'] })
@Index({ properties: ['entityId', 'at', 'id'] })
@Index({ properties: ['actorId', 'at', 'id'] })
export class AuditEntryEntity extends AuditEntryBase {
  [OptionalProps]?: 'at' | 'actorId' | 'clientId' | 'practiceId' | 'before' | 'after';

  @Enum({ items: () => AuditAction, type: 'string' })
  action!: AuditAction;

  @Enum({ items: () => AuditEntityType, type: 'string' })
  entityType!: AuditEntityType;

  /** The client the change concerns (its own, its practice's, its interaction's), for Client.activity. */
  @Property({ type: 'uuid', nullable: true })
  clientId: string | null = null;

  /** The practice the change concerns, for Practice.history. */
  @Property({ type: 'uuid', nullable: true })
  practiceId: string | null = null;
}
