"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildCrmSchema = buildCrmSchema;
const shared_1 = require("@nusa/shared");
const auth_resolver_js_1 = require("./auth/auth.resolver.js");
const client_reference_js_1 = require("./client/client.reference.js");
const client_resolver_js_1 = require("./client/client.resolver.js");
const interaction_reference_js_1 = require("./interaction/interaction.reference.js");
const interaction_resolver_js_1 = require("./interaction/interaction.resolver.js");
const practice_reference_js_1 = require("./practice/practice.reference.js");
const practice_resolver_js_1 = require("./practice/practice.resolver.js");
const service_resolver_js_1 = require("./service-catalog/service.resolver.js");
const team_member_reference_js_1 = require("./team-member/team-member.reference.js");
const team_member_resolver_js_1 = require("./team-member/team-member.resolver.js");
/** The CRM subgraph's executable schema. */
function buildCrmSchema() {
    return (0, shared_1.buildFederatedSchema)({
        resolvers: [auth_resolver_js_1.AuthResolver, client_resolver_js_1.ClientResolver, practice_resolver_js_1.PracticeResolver, interaction_resolver_js_1.InteractionResolver, team_member_resolver_js_1.TeamMemberResolver, service_resolver_js_1.ServiceResolver],
        authChecker: shared_1.roleAuthChecker,
        validate: { forbidUnknownValues: false },
    }, {
        Client: { __resolveReference: client_reference_js_1.resolveClientReference },
        Practice: { __resolveReference: practice_reference_js_1.resolvePracticeReference },
        Interaction: { __resolveReference: interaction_reference_js_1.resolveInteractionReference },
        TeamMember: { __resolveReference: team_member_reference_js_1.resolveTeamMemberReference },
    });
}
//# sourceMappingURL=schema.js.map