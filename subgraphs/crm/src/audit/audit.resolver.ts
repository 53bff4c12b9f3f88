import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@nusa/platform';
import { AuditActorKind, auditLogConditions, AuditLogArgs, fieldChanges, type Connection } from '@nusa/subgraph';
import { Client } from '../client/client.type.js';
import type { CrmContext } from '../context.js';
import type { ClientRecord, PracticeRecord, TeamMemberRecord } from '../loaders.js';
import { Practice } from '../practice/practice.type.js';
import { TeamMember } from '../team-member/team-member.type.js';
import { AuditEntityType } from './audit.enums.js';
import { auditPage, type AuditEntryRecord } from './audit.query.js';
import { AuditEntry, AuditEntryConnection, AuditFieldChange } from './audit.type.js';

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Authorized([Role.ADMIN])
  @Query(() => AuditEntryConnection, {
    description: 'The whole audit log, newest first, for administrators: every given condition must hold; at most 100 a page.',
  })
  auditLog(
    @Ctx() { em }: CrmContext,
    @Args(() => AuditLogArgs) args: AuditLogArgs,
    @Arg('entityType', () => AuditEntityType, { nullable: true }) entityType: AuditEntityType | null,
  ): Promise<Connection<AuditEntryRecord>> {
    return auditPage(em, auditLogConditions(args, entityType), args.first, args.after);
  }

  @FieldResolver(() => TeamMember, {
    nullable: true,
    description: 'The team member who made the change; null for an API key or a service.',
  })
  async actor(@Root() entry: AuditEntryRecord, @Ctx() { loaders }: CrmContext): Promise<TeamMemberRecord | null> {
    if (entry.actorKind !== AuditActorKind.MEMBER || !entry.actorId) return null;
    return (await loaders.memberById.load(entry.actorId)) ?? null;
  }

  @FieldResolver(() => [AuditFieldChange], { description: 'The fields the change touched, by name; nothing else.' })
  changes(@Root() entry: AuditEntryRecord): AuditFieldChange[] {
    return fieldChanges(entry);
  }
}

@Resolver(() => Client)
export class ClientActivityResolver {
  @Authorized([Role.ADMIN, Role.AGENT])
  @FieldResolver(() => AuditEntryConnection, {
    description: 'Every recorded change to the client, its practices and its interactions, newest first; at most 100 a page.',
  })
  activity(
    @Root() client: ClientRecord,
    @Ctx() { em }: CrmContext,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100. Default 20.' }) first: number | null,
  ): Promise<Connection<AuditEntryRecord>> {
    return auditPage(em, { equal: { clientId: client.id } }, first, after);
  }
}

@Resolver(() => Practice)
export class PracticeHistoryResolver {
  @Authorized([Role.ADMIN, Role.AGENT])
  @FieldResolver(() => [AuditEntry], {
    description:
      'Every recorded change to the practice (status, assignee, documents, dates) and the interactions logged on it, newest first.',
  })
  history(@Root() practice: PracticeRecord, @Ctx() { loaders }: CrmContext): Promise<AuditEntryRecord[]> {
    return loaders.auditByPractice.load(practice.id);
  }
}
