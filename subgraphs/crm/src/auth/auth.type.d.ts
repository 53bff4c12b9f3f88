import { TeamMember } from '../team-member/team-member.type.js';
export declare class AuthPayload {
    token: string;
    expiresAt: Date;
    member: TeamMember;
}
//# sourceMappingURL=auth.type.d.ts.map