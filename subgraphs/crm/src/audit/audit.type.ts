import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@nusa/subgraph';
import { AuditAction, AuditActorKind, AuditEntityType } from './audit.enums.js';

@ObjectType({ description: 'One field a change touched, with its value before and after.' })
export class AuditFieldChange {
  @Field(() => String, { description: 'The field, as the API names it (a document of a practice is `documents.<name>`).' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before: text as it was, other values as JSON; null when unset or new.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, written as `before` is; null when cleared.' })
  after!: string | null;
}

@ObjectType({ description: 'A recorded write: who changed what, when, and the fields before and after. Entries are never changed.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => AuditActorKind)
  actorKind!: AuditActorKind;

  @Field(() => ID, { nullable: true, description: "The member's or the API key's id; null for a platform service." })
  actorId!: string | null;

  @Field(() => String, { description: "The actor's name at the time of the change." })
  actorName!: string;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => AuditEntityType)
  entityType!: AuditEntityType;

  @Field(() => ID)
  entityId!: string;
}

@ObjectType()
export class AuditEntryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEntry)
  node!: AuditEntry;
}

@ObjectType({ description: 'A page of audit entries, newest first.' })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many entries match, over all pages.' })
  totalCount!: number;
}
