import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { Role } from '@nusa/platform';
import type { Connection } from '../pagination.js';
import type { EntityRecord } from '../records.js';
import type { AuditEntryBase } from './audit-entry.base.js';
import { AuditFieldChange, fieldChanges } from './audit-fields.js';
import { auditPage } from './audit-page.js';
import { auditLogConditions, AuditLogArgs } from './audit.type.js';

/** What a subgraph's audit log query is made of. */
export interface AuditLogOptions<T extends AuditEntryBase> {
  /** The root field, e.g. `memoryAuditLog`. */
  queryName: string;
  description: string;
  /** The GraphQL entry type (extends `AuditEntryFields`) and its connection (`auditConnectionOf`). */
  entry: ClassType;
  connection: ClassType;
  /** The MikroORM entity of the subgraph's audit table. */
  entity: EntityClass<T>;
  /** The subgraph's registered `entityType` enum, for the filter. */
  entityTypes: object;
}

/**
 * The resolver of a subgraph's audit log: the administrators' query (the filters of
 * {@link AuditLogArgs} and `entityType`, newest first, paged) and each entry's `changes`. Every
 * subgraph that keeps a trail serves its log through this, so the logs read alike.
 */
export function auditLogResolver<T extends AuditEntryBase>(options: AuditLogOptions<T>): ClassType {
  @Resolver(() => options.entry)
  class AuditLogResolver {
    @Authorized([Role.ADMIN])
    @Query(() => options.connection, { name: options.queryName, description: options.description })
    log(
      @Ctx() { em }: { em: EntityManager },
      @Args(() => AuditLogArgs) args: AuditLogArgs,
      @Arg('entityType', () => options.entityTypes, { nullable: true }) entityType: string | null,
    ): Promise<Connection<EntityRecord<T>>> {
      return auditPage(em, options.entity, auditLogConditions<T>(args, entityType), args.first, args.after);
    }

    @FieldResolver(() => [AuditFieldChange], { description: 'The fields the change touched, by name; nothing else.' })
    changes(@Root() entry: EntityRecord<AuditEntryBase>): AuditFieldChange[] {
      return fieldChanges(entry);
    }
  }
  return AuditLogResolver;
}
