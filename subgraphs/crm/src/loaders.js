"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLoaders = createLoaders;
const shared_1 = require("@nusa/shared");
const client_entity_js_1 = require("./client/client.entity.js");
const interaction_entity_js_1 = require("./interaction/interaction.entity.js");
const practice_entity_js_1 = require("./practice/practice.entity.js");
const team_member_entity_js_1 = require("./team-member/team-member.entity.js");
/** Every loader a CRM request may use, made fresh per request so nothing is cached across callers. */
function createLoaders(em) {
    return {
        clientById: (0, shared_1.entityLoader)(em, client_entity_js_1.ClientEntity),
        practiceById: (0, shared_1.entityLoader)(em, practice_entity_js_1.PracticeEntity),
        interactionById: (0, shared_1.entityLoader)(em, interaction_entity_js_1.InteractionEntity),
        memberById: (0, shared_1.entityLoader)(em, team_member_entity_js_1.TeamMemberEntity),
        practicesByClient: (0, shared_1.groupedLoader)(em, practice_entity_js_1.PracticeEntity, 'client', (p) => p.client.id, { createdAt: 'desc', id: 'desc' }),
        interactionsByClient: (0, shared_1.groupedLoader)(em, interaction_entity_js_1.InteractionEntity, 'client', (i) => i.client.id, { occurredAt: 'desc', id: 'desc' }),
        interactionsByPractice: (0, shared_1.groupedLoader)(em, interaction_entity_js_1.InteractionEntity, 'practice', (i) => i.practice?.id ?? '', {
            occurredAt: 'desc',
            id: 'desc',
        }),
    };
}
//# sourceMappingURL=loaders.js.map