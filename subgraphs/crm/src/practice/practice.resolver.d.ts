import { ClientEntity } from '../client/client.entity.js';
import type { CrmContext } from '../context.js';
import { InteractionEntity } from '../interaction/interaction.entity.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { PracticeEntity } from './practice.entity.js';
import { PracticeStatus } from './practice.enums.js';
import { OpenPracticeInput } from './practice.input.js';
export declare class PracticeResolver {
    practice(id: string, { loaders }: CrmContext): Promise<PracticeEntity | null>;
    upcomingDeadlines(withinDays: number, { em }: CrmContext): Promise<PracticeEntity[]>;
    openPractice(input: OpenPracticeInput, context: CrmContext): Promise<PracticeEntity>;
    updatePracticeStatus(id: string, status: PracticeStatus, { em }: CrmContext): Promise<PracticeEntity>;
    assignPractice(id: string, assigneeId: string | null, context: CrmContext): Promise<PracticeEntity>;
    client(practice: PracticeEntity, { loaders }: CrmContext): Promise<ClientEntity>;
    assignee(practice: PracticeEntity, { loaders }: CrmContext): Promise<TeamMemberEntity | null>;
    interactions(practice: PracticeEntity, { loaders }: CrmContext): Promise<InteractionEntity[]>;
    allowedTransitions(practice: PracticeEntity): readonly PracticeStatus[];
}
//# sourceMappingURL=practice.resolver.d.ts.map