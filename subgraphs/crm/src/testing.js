"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEST_ADMIN = exports.TEST_SECRETS = void 0;
exports.startCrm = startCrm;
const shared_1 = require("@nusa/shared");
const testing_1 = require("@nusa/shared/testing");
const orm_js_1 = require("./orm.js");
const seed_js_1 = require("./seed/seed.js");
const server_js_1 = require("./server.js");
const team_member_entity_js_1 = require("./team-member/team-member.entity.js");
exports.TEST_SECRETS = {
    jwtSecret: 'test-jwt-secret-test-jwt-secret-test-jwt',
    internalSecret: 'test-internal-secret-test-internal-secret',
};
exports.TEST_ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
async function startCrm(label, options = {}) {
    const database = await (0, testing_1.createTestDatabase)(label);
    const logger = (0, shared_1.createLogger)('crm-test', 'silent');
    const orm = await (0, orm_js_1.openDatabase)(database.url, logger);
    let queries = 0;
    orm.em
        .getConnection()
        .getKnex()
        .on('query', () => {
        queries += 1;
    });
    await (0, seed_js_1.seedEmptyDatabase)(orm.em.fork(), { admin: exports.TEST_ADMIN, demoData: options.demoData ?? false }, logger);
    const em = orm.em.fork();
    const adminRow = await em.findOneOrFail(team_member_entity_js_1.TeamMemberEntity, { email: exports.TEST_ADMIN.email });
    const agentRow = em.create(team_member_entity_js_1.TeamMemberEntity, { name: 'Komang Agent', email: 'agent@example.com', role: shared_1.Role.AGENT, passwordHash: 'x' });
    await em.flush();
    const crm = await (0, server_js_1.createCrmServer)({ orm, logger, ...exports.TEST_SECRETS, sessionTtlSeconds: 3600 });
    const port = await (0, shared_1.listen)(crm.server, 0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/graphql`;
    const member = (row) => ({ kind: 'member', id: row.id, role: row.role, name: row.name, email: row.email });
    return {
        url,
        orm,
        database,
        admin: member(adminRow),
        agent: member(agentRow),
        as: (caller) => (query, variables) => (0, testing_1.postGraphQL)(url, query, variables, (0, testing_1.identityHeaders)(caller, exports.TEST_SECRETS.internalSecret)),
        queryCount: () => queries,
        resetQueryCount: () => {
            queries = 0;
        },
        stop: async () => {
            await crm.stop();
            await orm.close();
            await database.drop();
        },
    };
}
//# sourceMappingURL=testing.js.map