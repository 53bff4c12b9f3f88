import type { CrmContext } from '../context.js';
import { TeamMemberEntity } from './team-member.entity.js';
export declare class TeamMemberResolver {
    teamMembers({ em }: CrmContext): Promise<TeamMemberEntity[]>;
    me(context: CrmContext): Promise<TeamMemberEntity | null>;
}
//# sourceMappingURL=team-member.resolver.d.ts.map