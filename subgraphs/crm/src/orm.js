"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.crmDatabase = void 0;
exports.openDatabase = openDatabase;
const shared_1 = require("@nusa/shared");
const client_entity_js_1 = require("./client/client.entity.js");
const interaction_entity_js_1 = require("./interaction/interaction.entity.js");
const index_js_1 = require("./migrations/index.js");
const practice_entity_js_1 = require("./practice/practice.entity.js");
const service_entity_js_1 = require("./service-catalog/service.entity.js");
const team_member_entity_js_1 = require("./team-member/team-member.entity.js");
exports.crmDatabase = {
    entities: [team_member_entity_js_1.TeamMemberEntity, client_entity_js_1.ClientEntity, practice_entity_js_1.PracticeEntity, interaction_entity_js_1.InteractionEntity, service_entity_js_1.ServiceEntity],
    migrations: index_js_1.migrations,
    migrationsTable: 'crm_migrations',
};
/** The CRM database at `url`, migrated. */
function openDatabase(url, logger) {
    return (0, shared_1.openDatabase)(exports.crmDatabase, url, logger);
}
//# sourceMappingURL=orm.js.map