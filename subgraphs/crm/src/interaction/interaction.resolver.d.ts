import { ClientEntity } from '../client/client.entity.js';
import type { CrmContext } from '../context.js';
import { PracticeEntity } from '../practice/practice.entity.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { InteractionEntity } from './interaction.entity.js';
import { LogInteractionInput } from './interaction.input.js';
export declare class InteractionResolver {
    logInteraction(input: LogInteractionInput, context: CrmContext): Promise<InteractionEntity>;
    client(interaction: InteractionEntity, { loaders }: CrmContext): Promise<ClientEntity>;
    practice(interaction: InteractionEntity, { loaders }: CrmContext): Promise<PracticeEntity | null>;
    author(interaction: InteractionEntity, { loaders }: CrmContext): Promise<TeamMemberEntity | null>;
}
//# sourceMappingURL=interaction.resolver.d.ts.map