import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@nusa/platform';
import {
  auditLogConditions,
  AuditLogArgs,
  auditPage,
  AuditFieldChange,
  fieldChanges,
  type Connection,
  type EntityRecord,
} from '@nusa/subgraph';
import type { KnowledgeContext } from '../context.js';
import { KnowledgeAuditEntityType, KnowledgeAuditEntryEntity } from './knowledge-audit.entity.js';
import { KnowledgeAuditEntry, KnowledgeAuditEntryConnection } from './knowledge-audit.type.js';

type KnowledgeAuditRecord = EntityRecord<KnowledgeAuditEntryEntity>;

@Resolver(() => KnowledgeAuditEntry)
export class KnowledgeAuditResolver {
  @Authorized([Role.ADMIN])
  @Query(() => KnowledgeAuditEntryConnection, {
    description:
      "Knowledge's audit log (documents ingested, replaced, deleted), newest first, for administrators: the same filters and pages as the CRM's auditLog.",
  })
  knowledgeAuditLog(
    @Ctx() { em }: KnowledgeContext,
    @Args(() => AuditLogArgs) args: AuditLogArgs,
    @Arg('entityType', () => KnowledgeAuditEntityType, { nullable: true }) entityType: KnowledgeAuditEntityType | null,
  ): Promise<Connection<KnowledgeAuditRecord>> {
    return auditPage(em, KnowledgeAuditEntryEntity, auditLogConditions(args, entityType), args.first, args.after);
  }

  @FieldResolver(() => [AuditFieldChange], { description: 'The fields the change touched, by name; nothing else.' })
  changes(@Root() entry: KnowledgeAuditRecord): AuditFieldChange[] {
    return fieldChanges(entry);
  }
}
