import { Field, ID, ObjectType } from 'type-graphql';
import { auditConnectionOf, AuditEntryFields } from '@nusa/subgraph';
import { MemoryAuditAction, MemoryAuditEntityType } from './memory-audit.entity.js';

@ObjectType({
  description: 'A recorded write to what the assistant remembers: who, when, which fact, the fields before and after. Never changed.',
})
export class MemoryAuditEntry extends AuditEntryFields {
  @Field(() => MemoryAuditAction)
  action!: MemoryAuditAction;

  @Field(() => MemoryAuditEntityType)
  entityType!: MemoryAuditEntityType;

  @Field(() => ID, { description: 'The client the fact is about.' })
  clientId!: string;
}

export const MemoryAuditEntryConnection = auditConnectionOf(MemoryAuditEntry, 'MemoryAuditEntry');
