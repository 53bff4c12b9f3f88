import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Role } from '@nusa/platform';
import { AuditActorKind, auditLogResolver, type Connection } from '@nusa/subgraph';
import { Client } from '../client/client.type.js';
import type { CrmContext } from '../context.js';
import type { ClientRecord, PracticeRecord, TeamMemberRecord } from '../loaders.js';
import { Practice } from '../practice/practice.type.js';
import { TeamMember } from '../team-member/team-member.type.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditEntityType } from './audit.enums.js';
import { auditPage, type AuditEntryRecord } from './audit.query.js';
import { AuditEntry, AuditEntryConnection } from './audit.type.js';

/** `auditLog` and each entry's `changes`. */
export const AuditLogResolver = auditLogResolver({
  queryName: 'auditLog',
  description: 'The whole audit log, newest first, for administrators: every given condition must hold; at most 100 a page.',
  entry: AuditEntry,
  connection: AuditEntryConnection,
  entity: AuditEntryEntity,
  entityTypes: AuditEntityType,
});

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @FieldResolver(() => TeamMember, {
    nullable: true,
    description: 'The team member who made the change; null for an API key or a service.',
  })
  async actor(@Root() entry: AuditEntryRecord, @Ctx() { loaders }: CrmContext): Promise<TeamMemberRecord | null> {
    if (entry.actorKind !== AuditActorKind.MEMBER || !entry.actorId) return null;
    return (await loaders.memberById.load(entry.actorId)) ?? null;
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
