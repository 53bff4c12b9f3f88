import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, Role } from '@nusa/platform';
import { parseId, type Connection } from '@nusa/subgraph';
import { Client } from '../client/client.type.js';
import type { CrmContext } from '../context.js';
import type { ClientRecord, PracticeRecord, TeamMemberRecord } from '../loaders.js';
import { Practice } from '../practice/practice.type.js';
import { TeamMember } from '../team-member/team-member.type.js';
import { AuditActorKind, AuditEntityType } from './audit.enums.js';
import { auditPage, auditValue, type AuditEntryRecord } from './audit.query.js';
import { AuditEntry, AuditEntryConnection, AuditFieldChange } from './audit.type.js';

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Authorized([Role.ADMIN])
  @Query(() => AuditEntryConnection, {
    description: 'The whole audit log, newest first, for administrators: every given condition must hold; at most 100 a page.',
  })
  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  auditLog(
    @Ctx() { em }: CrmContext,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100. Default 20.' }) first: number | null,
    @Arg('to', () => Date, { nullable: true, description: 'Entries before this time.' }) to: Date | null,
    @Arg('from', () => Date, { nullable: true, description: 'Entries at or after this time.' }) from: Date | null,
    @Arg('entityId', () => ID, { nullable: true }) entityId: string | null,
    @Arg('entityType', () => AuditEntityType, { nullable: true }) entityType: AuditEntityType | null,
    @Arg('actorId', () => ID, { nullable: true, description: "A member's or an API key's id." }) actorId: string | null,
  ): Promise<Connection<AuditEntryRecord>> {
    if (from && to && from.getTime() >= to.getTime()) throw badUserInput('to', 'must be after from');
    return auditPage(
      em,
      {
        ...(actorId ? { actorId: parseId(actorId, 'actorId') } : {}),
        ...(entityType ? { entityType } : {}),
        ...(entityId ? { entityId: parseId(entityId, 'entityId') } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      },
      first,
      after,
    );
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
    const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
    return fields.map((field) => ({ field, before: auditValue(entry.before?.[field]), after: auditValue(entry.after?.[field]) }));
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
    return auditPage(em, { clientId: client.id }, first, after);
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
