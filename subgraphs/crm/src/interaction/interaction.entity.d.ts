import { OptionalProps, type Ref } from '@mikro-orm/core';
import { ClientEntity } from '../client/client.entity.js';
import { PracticeEntity } from '../practice/practice.entity.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { InteractionChannel } from './interaction-channel.js';
export declare class InteractionEntity {
    [OptionalProps]?: 'practice' | 'author' | 'occurredAt' | 'createdAt';
    id: string;
    client: Ref<ClientEntity>;
    practice: Ref<PracticeEntity> | null;
    author: Ref<TeamMemberEntity> | null;
    channel: InteractionChannel;
    summary: string;
    occurredAt: Date;
    createdAt: Date;
}
//# sourceMappingURL=interaction.entity.d.ts.map