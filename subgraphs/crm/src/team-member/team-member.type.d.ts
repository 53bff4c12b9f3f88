import { Role } from '@nusa/shared';
export declare class TeamMember {
    id: string;
    name: string;
    email: string;
    role: Role;
    active: boolean;
    createdAt: Date;
}
//# sourceMappingURL=team-member.type.d.ts.map