import { ArgsType, Field, ID, Int, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput } from '@nusa/platform';
import { parseId } from '../ids.js';
import { PageInfo } from '../pagination.js';
import { AuditActorKind } from './audit-actor.js';
import type { AuditEntryBase } from './audit-entry.base.js';
import type { AuditConditions } from './audit-page.js';

/** The fields of an audit entry every subgraph's entry type has; each adds its own `action` and `entityType`. */
// Never returned itself, so never in a schema: type-graphql gives its fields to the classes that extend it.
@ObjectType()
export abstract class AuditEntryFields {
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

  @Field(() => ID)
  entityId!: string;
}

/** The edge and connection types of `entry`'s pages, named `<name>Edge` and `<name>Connection`. */
export function auditConnectionOf<T extends object>(entry: ClassType<T>, name: string): ClassType {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => entry)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: 'A page of audit entries, newest first.' })
  class AuditConnection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many entries match, over all pages.' })
    totalCount!: number;
  }
  return AuditConnection;
}

/** The filters and page of an audit log query, the same in every subgraph that keeps one (each adds `entityType`). */
@ArgsType()
export class AuditLogArgs {
  @Field(() => ID, { nullable: true, description: "A member's or an API key's id." })
  actorId?: string | null;

  @Field(() => ID, { nullable: true })
  entityId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Entries at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Entries before this time.' })
  to?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100. Default 20.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/** The conditions `args` (and an entity type, when given) ask for; `BAD_USER_INPUT` for a bad id or an empty time range. */
export function auditLogConditions<T extends AuditEntryBase>(args: AuditLogArgs, entityType?: string | null): AuditConditions<T> {
  const { actorId, entityId, from, to } = args;
  if (from && to && from.getTime() >= to.getTime()) throw badUserInput('to', 'must be after from');
  const equal: Record<string, string> = {
    ...(actorId ? { actorId: parseId(actorId, 'actorId') } : {}),
    ...(entityType ? { entityType } : {}),
    ...(entityId ? { entityId: parseId(entityId, 'entityId') } : {}),
  };
  return { equal: equal as AuditConditions<T>['equal'], ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
