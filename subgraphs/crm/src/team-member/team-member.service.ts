import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { badUserInput, forbidden, notFound, requireCaller, Role } from '@nusa/platform';
import { parseId } from '@nusa/subgraph';
import { AuditAction, AuditEntityType } from '../audit/audit.enums.js';
import { auditFields, recordAudit } from '../audit/audit.service.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { CrmContext } from '../context.js';
import { TeamMemberEntity } from './team-member.entity.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TEAM_ROLES: readonly Role[] = [Role.ADMIN, Role.AGENT];
const AUDITED = ['email', 'name', 'role', 'active'] as const;

/** A new member and the password they sign in with first, shown once. */
export interface Invitation {
  member: TeamMemberEntity;
  temporaryPassword: string;
}

/** Adds a member to the team with a random first password (18 characters, 108 bits), returned once. */
export async function inviteTeamMember(context: CrmContext, email: string, name: string, role: Role): Promise<Invitation> {
  const normalised = email.trim().toLowerCase();
  if (!EMAIL.test(normalised) || normalised.length > 320) throw badUserInput('email', 'must be a valid email address');
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw badUserInput('name', 'must be 1 to 200 characters');
  if (!TEAM_ROLES.includes(role)) throw badUserInput('role', `must be ${TEAM_ROLES.join(' or ')}; PARTNER is for API keys`);
  const temporaryPassword = randomBytes(18).toString('base64url').slice(0, 18);
  const passwordHash = await hashPassword(temporaryPassword);
  const member = await context.em.transactional(async (tx) => {
    const existing = await tx.findOne(TeamMemberEntity, { email: normalised });
    if (existing) {
      throw badUserInput(
        'email',
        existing.active ? 'is already on the team' : 'belongs to a deactivated member; ask an engineer to reactivate them',
      );
    }
    const created = tx.create(TeamMemberEntity, { email: normalised, name: trimmed, role, passwordHash });
    recordAudit(tx, context, {
      action: AuditAction.TEAM_MEMBER_INVITED,
      entityType: AuditEntityType.TEAM_MEMBER,
      entityId: created.id,
      before: null,
      after: auditFields(created, AUDITED),
    });
    return created;
  });
  return { member, temporaryPassword };
}

/**
 * Deactivates a member: they cannot sign in, and every session they hold is revoked in the same
 * transaction (the Redis markers follow the commit). Their practices keep them as assignee until
 * reassigned. Deactivating an inactive member changes nothing; nobody can deactivate themselves,
 * so the administrator acting stays.
 */
export async function deactivateTeamMember(context: CrmContext, id: string): Promise<TeamMemberEntity> {
  const memberId = parseId(id);
  const caller = requireCaller(context);
  if (caller.kind === 'member' && caller.id === memberId)
    throw badUserInput('id', 'you cannot deactivate yourself; ask another administrator');
  const { member, sessions } = await context.em.transactional(async (tx) => {
    const found = await tx.findOne(TeamMemberEntity, { id: memberId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!found) throw notFound('TeamMember', id);
    if (!found.active) return { member: found, sessions: [] };
    const before = auditFields(found, AUDITED);
    found.active = false;
    recordAudit(tx, context, {
      action: AuditAction.TEAM_MEMBER_DEACTIVATED,
      entityType: AuditEntityType.TEAM_MEMBER,
      entityId: found.id,
      before,
      after: auditFields(found, AUDITED),
    });
    await tx.flush();
    return { member: found, sessions: await context.revocations.revokeMemberSessions(tx, found.id) };
  });
  await context.revocations.markSessionsRevoked(sessions);
  return member;
}

/** The shortest password a member may choose. */
export const MIN_PASSWORD_LENGTH = 12;

/** Replaces the signed-in member's password (the temporary one of an invitation, say) after checking the current one. */
export async function changePassword(context: CrmContext, currentPassword: string, newPassword: string): Promise<boolean> {
  const caller = requireCaller(context);
  if (caller.kind !== 'member') throw forbidden('Only a signed-in team member has a password; an API key has none');
  if (newPassword.length < MIN_PASSWORD_LENGTH) throw badUserInput('newPassword', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (newPassword === currentPassword) throw badUserInput('newPassword', 'must differ from the current password');
  const member = await context.em.findOne(TeamMemberEntity, { id: caller.id, active: true });
  if (!member || !(await verifyPassword(currentPassword, member.passwordHash))) throw badUserInput('currentPassword', 'is not correct');
  const passwordHash = await hashPassword(newPassword);
  await context.em.transactional((tx) => {
    const row = tx.merge(member);
    row.passwordHash = passwordHash;
    // The entry says that the password changed, never what it was or became.
    recordAudit(tx, context, {
      action: AuditAction.TEAM_MEMBER_PASSWORD_CHANGED,
      entityType: AuditEntityType.TEAM_MEMBER,
      entityId: member.id,
      before: { passwordChanged: false },
      after: { passwordChanged: true },
    });
    return Promise.resolve();
  });
  return true;
}
