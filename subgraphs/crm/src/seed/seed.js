"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seedEmptyDatabase = seedEmptyDatabase;
const node_crypto_1 = require("node:crypto");
const shared_1 = require("@nusa/shared");
const password_js_1 = require("../auth/password.js");
const client_entity_js_1 = require("../client/client.entity.js");
const interaction_entity_js_1 = require("../interaction/interaction.entity.js");
const practice_entity_js_1 = require("../practice/practice.entity.js");
const team_member_entity_js_1 = require("../team-member/team-member.entity.js");
const demo_data_js_1 = require("./demo-data.js");
const DAY_MS = 24 * 60 * 60 * 1000;
function daysFrom(now, days) {
    return new Date(now.getTime() + days * DAY_MS);
}
function dayFrom(now, days) {
    return days === null ? null : daysFrom(now, days).toISOString().slice(0, 10);
}
function insertDemoData(em, now, passwordHash) {
    const data = (0, demo_data_js_1.demoData)();
    const members = new Map(data.members.map((m) => [m.key, em.create(team_member_entity_js_1.TeamMemberEntity, { name: m.name, email: m.email, role: m.role, passwordHash })]));
    const clients = new Map(data.clients.map((c) => {
        const createdAt = daysFrom(now, -c.createdDaysAgo);
        const client = em.create(client_entity_js_1.ClientEntity, {
            fullName: c.fullName,
            email: c.email,
            phone: c.phone,
            nationality: c.nationality,
            status: c.status,
            notes: c.notes,
            createdAt,
            updatedAt: createdAt,
        });
        return [c.key, client];
    }));
    const practices = new Map(data.practices.map((p) => {
        const openedAt = daysFrom(now, -p.openedDaysAgo);
        const assignee = p.assigneeKey ? members.get(p.assigneeKey) : undefined;
        const practice = em.create(practice_entity_js_1.PracticeEntity, {
            client: clients.get(p.clientKey),
            type: p.type,
            status: p.status,
            title: p.title,
            assignee: assignee ?? null,
            dueDate: dayFrom(now, p.dueInDays),
            expiryDate: dayFrom(now, p.expiresInDays),
            notes: p.notes,
            statusChangedAt: openedAt,
            createdAt: openedAt,
            updatedAt: openedAt,
        });
        return [p.key, practice];
    }));
    for (const i of data.interactions) {
        const occurredAt = daysFrom(now, -i.daysAgo);
        em.create(interaction_entity_js_1.InteractionEntity, {
            client: clients.get(i.clientKey),
            practice: i.practiceKey ? (practices.get(i.practiceKey) ?? null) : null,
            author: members.get(i.authorKey) ?? null,
            channel: i.channel,
            summary: i.summary,
            occurredAt,
            createdAt: occurredAt,
        });
    }
    return clients.size;
}
/**
 * First start only (no team member exists yet): creates the first admin and, when asked, the demo
 * team, clients, practices and interactions, all in one transaction.
 */
async function seedEmptyDatabase(em, options, logger) {
    await em.transactional(async (tx) => {
        // Serialises concurrent first starts of several instances.
        await tx.execute('lock table "team_member" in exclusive mode');
        if ((await tx.count(team_member_entity_js_1.TeamMemberEntity)) > 0)
            return;
        if (options.admin) {
            tx.create(team_member_entity_js_1.TeamMemberEntity, {
                name: 'Administrator',
                email: options.admin.email,
                role: shared_1.Role.ADMIN,
                passwordHash: await (0, password_js_1.hashPassword)(options.admin.password),
            });
            logger.info({ email: options.admin.email }, 'created the first admin');
        }
        if (options.demoData) {
            // Demo team members cannot sign in: their password is random and thrown away.
            const clients = insertDemoData(tx, new Date(), await (0, password_js_1.hashPassword)((0, node_crypto_1.randomBytes)(24).toString('hex')));
            logger.info({ clients }, 'loaded demo data');
        }
    });
}
//# sourceMappingURL=seed.js.map