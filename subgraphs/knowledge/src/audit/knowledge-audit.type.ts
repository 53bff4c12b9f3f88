import { Field, ObjectType } from 'type-graphql';
import { auditConnectionOf, AuditEntryFields } from '@nusa/subgraph';
import { KnowledgeAuditAction, KnowledgeAuditEntityType } from './knowledge-audit.entity.js';

@ObjectType({
  description: 'A recorded write to the knowledge base: who, when, which document, the fields before and after. Never changed.',
})
export class KnowledgeAuditEntry extends AuditEntryFields {
  @Field(() => KnowledgeAuditAction)
  action!: KnowledgeAuditAction;

  @Field(() => KnowledgeAuditEntityType)
  entityType!: KnowledgeAuditEntityType;
}

export const KnowledgeAuditEntryConnection = auditConnectionOf(KnowledgeAuditEntry, 'KnowledgeAuditEntry');
