import { Entity, Enum, Index, OptionalProps } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { AuditEntryBase } from '@nusa/subgraph';

/** Every write to the knowledge base that knowledge records. */
export enum KnowledgeAuditAction {
  DOCUMENT_INGESTED = 'DOCUMENT_INGESTED',
  DOCUMENT_REPLACED = 'DOCUMENT_REPLACED',
  DOCUMENT_DELETED = 'DOCUMENT_DELETED',
}

/** What kind of record a knowledge audit entry is about. */
export enum KnowledgeAuditEntityType {
  KNOWLEDGE_DOCUMENT = 'KNOWLEDGE_DOCUMENT',
}

registerEnumType(KnowledgeAuditAction, {
  name: 'KnowledgeAuditAction',
  description: 'The write a knowledge audit entry records: a document ingested, replaced by a new version of the same source, or deleted.',
});
registerEnumType(KnowledgeAuditEntityType, {
  name: 'KnowledgeAuditEntityType',
  description: 'The kind of record a knowledge audit entry is about.',
});

/**
 * One recorded write of the knowledge subgraph, in its own table (its transactions cannot reach the
 * CRM's), inserted in the transaction of the change. A trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity({ tableName: 'knowledge_audit_entry' })
@Index({ properties: ['at', 'id'] })
@Index({ properties: ['entityId', 'at', 'id'] })
@Index({ properties: ['actorId', 'at', 'id'] })
export class KnowledgeAuditEntryEntity extends AuditEntryBase {
  [OptionalProps]?: 'at' | 'actorId' | 'before' | 'after';

  @Enum({ items: () => KnowledgeAuditAction, type: 'string' })
  action!: KnowledgeAuditAction;

  @Enum({ items: () => KnowledgeAuditEntityType, type: 'string' })
  entityType!: KnowledgeAuditEntityType;
}
