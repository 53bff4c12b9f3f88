import type { EntityManager } from '@mikro-orm/postgresql';
import { auditFields, recordAuditEntry, serviceActor, type AuditActor } from '@nusa/subgraph';
import type { DocumentEntity } from '../document/document.entity.js';
import { KnowledgeAuditAction, KnowledgeAuditEntityType, KnowledgeAuditEntryEntity } from './knowledge-audit.entity.js';

/** The document fields an audit entry compares; `id` too, since a new version of a source is a new document. */
const AUDITED = ['id', 'collection', 'title', 'source', 'contentHash', 'metadata'] as const;

/** Who ingests when no caller asks: the import CLI, the seed. */
export const KNOWLEDGE_IMPORT = serviceActor('knowledge import');

/**
 * Adds the audit entry of a document write to `tx`'s unit of work, inserted in the transaction of
 * the change: `previous` is the version replaced or deleted (null for a new document), `current`
 * the version stored (null for a deletion).
 */
export function auditDocument(tx: EntityManager, actor: AuditActor, previous: DocumentEntity | null, current: DocumentEntity | null): void {
  const subject = current ?? previous;
  if (!subject) return;
  recordAuditEntry(tx, KnowledgeAuditEntryEntity, actor, {
    action: !current
      ? KnowledgeAuditAction.DOCUMENT_DELETED
      : previous
        ? KnowledgeAuditAction.DOCUMENT_REPLACED
        : KnowledgeAuditAction.DOCUMENT_INGESTED,
    entityType: KnowledgeAuditEntityType.KNOWLEDGE_DOCUMENT,
    entityId: subject.id,
    before: previous ? auditFields(previous, AUDITED) : null,
    after: current ? auditFields(current, AUDITED) : null,
  });
}
