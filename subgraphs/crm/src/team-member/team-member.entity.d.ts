import { OptionalProps } from '@mikro-orm/core';
import { Role } from '@nusa/shared';
export declare class TeamMemberEntity {
    [OptionalProps]?: 'active' | 'createdAt';
    id: string;
    email: string;
    name: string;
    role: Role;
    passwordHash: string;
    active: boolean;
    createdAt: Date;
}
//# sourceMappingURL=team-member.entity.d.ts.map