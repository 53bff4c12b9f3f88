import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientEntity } from './client/client.entity.js';
import { InteractionEntity } from './interaction/interaction.entity.js';
import { PracticeEntity } from './practice/practice.entity.js';
import { TeamMemberEntity } from './team-member/team-member.entity.js';
/** Every loader a CRM request may use, made fresh per request so nothing is cached across callers. */
export declare function createLoaders(em: EntityManager): {
    clientById: import("dataloader")<string, ClientEntity | undefined, string>;
    practiceById: import("dataloader")<string, PracticeEntity | undefined, string>;
    interactionById: import("dataloader")<string, InteractionEntity | undefined, string>;
    memberById: import("dataloader")<string, TeamMemberEntity | undefined, string>;
    practicesByClient: import("dataloader")<string, PracticeEntity[], string>;
    interactionsByClient: import("dataloader")<string, InteractionEntity[], string>;
    interactionsByPractice: import("dataloader")<string, InteractionEntity[], string>;
};
export type CrmLoaders = ReturnType<typeof createLoaders>;
//# sourceMappingURL=loaders.d.ts.map