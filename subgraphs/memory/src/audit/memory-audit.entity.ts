import { Entity, Enum, Index, OptionalProps, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { AuditEntryBase } from '@nusa/subgraph';

/** Every write to what the assistant remembers that memory records. */
export enum MemoryAuditAction {
  FACT_REMEMBERED = 'FACT_REMEMBERED',
  FACT_RESTATED = 'FACT_RESTATED',
  FACT_SUPERSEDED = 'FACT_SUPERSEDED',
  FACT_FORGOTTEN = 'FACT_FORGOTTEN',
  CLIENT_MEMORY_ERASED = 'CLIENT_MEMORY_ERASED',
}

/** What kind of record a memory audit entry is about. */
export enum MemoryAuditEntityType {
  MEMORY_FACT = 'MEMORY_FACT',
  CLIENT = 'CLIENT',
}

registerEnumType(MemoryAuditAction, {
  name: 'MemoryAuditAction',
  description:
    'The write a memory audit entry records: a fact remembered, restated (same fact, new words or source), superseded by a newer one, forgotten; or everything about a client erased.',
});
registerEnumType(MemoryAuditEntityType, {
  name: 'MemoryAuditEntityType',
  description: 'The kind of record a memory audit entry is about.',
});

/**
 * One recorded write of the memory subgraph, in its own table (memory's transactions cannot reach
 * the CRM's), inserted in the transaction of the change. A trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity({ tableName: 'memory_audit_entry' })
@Index({ properties: ['at', 'id'] })
@Index({ properties: ['clientId', 'at', 'id'] })
@Index({ properties: ['entityId', 'at', 'id'] })
@Index({ properties: ['actorId', 'at', 'id'] })
export class MemoryAuditEntryEntity extends AuditEntryBase {
  [OptionalProps]?: 'at' | 'actorId' | 'before' | 'after';

  @Enum({ items: () => MemoryAuditAction, type: 'string' })
  action!: MemoryAuditAction;

  @Enum({ items: () => MemoryAuditEntityType, type: 'string' })
  entityType!: MemoryAuditEntityType;

  /** The client the remembered fact is about, for Client.memoryActivity. */
  @Property({ type: 'uuid' })
  clientId!: string;
}
