import { Field, ObjectType } from 'type-graphql';
import { auditConnectionOf, AuditEntryFields } from '@nusa/subgraph';
import { AuditAction, AuditEntityType } from './audit.enums.js';

export { AuditFieldChange } from '@nusa/subgraph';

@ObjectType({ description: 'A recorded write: who changed what, when, and the fields before and after. Entries are never changed.' })
export class AuditEntry extends AuditEntryFields {
  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => AuditEntityType)
  entityType!: AuditEntityType;
}

export const AuditEntryConnection = auditConnectionOf(AuditEntry, 'AuditEntry');
