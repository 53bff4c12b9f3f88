import { OptionalProps, type Ref } from '@mikro-orm/core';
import { ClientEntity } from '../client/client.entity.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { PracticeStatus, PracticeType } from './practice.enums.js';
export declare class PracticeEntity {
    [OptionalProps]?: 'status' | 'assignee' | 'dueDate' | 'expiryDate' | 'notes' | 'statusChangedAt' | 'createdAt' | 'updatedAt';
    id: string;
    client: Ref<ClientEntity>;
    type: PracticeType;
    status: PracticeStatus;
    title: string;
    assignee: Ref<TeamMemberEntity> | null;
    dueDate: string | null;
    expiryDate: string | null;
    notes: string | null;
    statusChangedAt: Date;
    createdAt: Date;
    updatedAt: Date;
}
//# sourceMappingURL=practice.entity.d.ts.map