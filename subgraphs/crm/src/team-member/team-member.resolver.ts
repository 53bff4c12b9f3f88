import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireCaller, Role } from '@nusa/platform';
import type { CrmContext } from '../context.js';
import { TeamMemberEntity } from './team-member.entity.js';
import { changePassword, deactivateTeamMember, inviteTeamMember, MIN_PASSWORD_LENGTH, type Invitation } from './team-member.service.js';
import { InviteTeamMemberPayload, TeamMember } from './team-member.type.js';

@Resolver(() => TeamMember)
export class TeamMemberResolver {
  @Authorized()
  @Query(() => [TeamMember], { description: 'The active team, by name.' })
  teamMembers(@Ctx() { em }: CrmContext): Promise<TeamMemberEntity[]> {
    return em.find(TeamMemberEntity, { active: true }, { orderBy: { name: 'asc' } });
  }

  @Authorized([Role.ADMIN])
  @Query(() => [TeamMember], { description: 'Every team member, deactivated ones included, by name. Administrators only.' })
  allTeamMembers(@Ctx() { em }: CrmContext): Promise<TeamMemberEntity[]> {
    return em.find(TeamMemberEntity, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }

  @Authorized()
  @Query(() => TeamMember, { nullable: true, description: 'The signed-in team member; null for an API key.' })
  async me(@Ctx() context: CrmContext): Promise<TeamMemberEntity | null> {
    const caller = requireCaller(context);
    if (caller.kind !== 'member') return null;
    return (await context.loaders.memberById.load(caller.id)) ?? null;
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => InviteTeamMemberPayload, {
    description: 'Adds a team member (ADMIN or AGENT) with a temporary password, shown once in the answer. Administrators only.',
  })
  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  inviteTeamMember(
    @Ctx() context: CrmContext,
    @Arg('role', () => Role) role: Role,
    @Arg('name', () => String) name: string,
    @Arg('email', () => String) email: string,
  ): Promise<Invitation> {
    return inviteTeamMember(context, email, name, role);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => TeamMember, {
    description:
      'Deactivates a team member: they cannot sign in, and their sessions are refused from their next request. Not yourself. Administrators only.',
  })
  deactivateTeamMember(@Arg('id', () => ID) id: string, @Ctx() context: CrmContext): Promise<TeamMemberEntity> {
    return deactivateTeamMember(context, id);
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Boolean, {
    description: `Changes the signed-in member's password (at least ${MIN_PASSWORD_LENGTH} characters), for example the temporary one of an invitation. Always true.`,
  })
  changePassword(
    @Ctx() context: CrmContext,
    @Arg('newPassword', () => String) newPassword: string,
    @Arg('currentPassword', () => String) currentPassword: string,
  ): Promise<boolean> {
    return changePassword(context, currentPassword, newPassword);
  }
}
