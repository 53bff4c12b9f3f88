import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { requireCaller } from '@nusa/platform';
import type { CrmContext } from '../context.js';
import { TeamMemberEntity } from './team-member.entity.js';
import { TeamMember } from './team-member.type.js';

@Resolver(() => TeamMember)
export class TeamMemberResolver {
  @Authorized()
  @Query(() => [TeamMember], { description: 'The active team, by name.' })
  teamMembers(@Ctx() { em }: CrmContext): Promise<TeamMemberEntity[]> {
    return em.find(TeamMemberEntity, { active: true }, { orderBy: { name: 'asc' } });
  }

  @Authorized()
  @Query(() => TeamMember, { nullable: true, description: 'The signed-in team member; null for an API key.' })
  async me(@Ctx() context: CrmContext): Promise<TeamMemberEntity | null> {
    const caller = requireCaller(context);
    if (caller.kind !== 'member') return null;
    return (await context.loaders.memberById.load(caller.id)) ?? null;
  }
}
