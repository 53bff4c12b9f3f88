import { auditLogResolver } from '@nusa/subgraph';
import { KnowledgeAuditEntityType, KnowledgeAuditEntryEntity } from './knowledge-audit.entity.js';
import { KnowledgeAuditEntry, KnowledgeAuditEntryConnection } from './knowledge-audit.type.js';

/** `knowledgeAuditLog` and each entry's `changes`. */
export const KnowledgeAuditResolver = auditLogResolver({
  queryName: 'knowledgeAuditLog',
  description:
    "Knowledge's audit log (documents ingested, replaced, deleted), newest first, for administrators: the same filters and pages as the CRM's auditLog.",
  entry: KnowledgeAuditEntry,
  connection: KnowledgeAuditEntryConnection,
  entity: KnowledgeAuditEntryEntity,
  entityTypes: KnowledgeAuditEntityType,
});
