"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PracticeResolver = void 0;
const core_1 = require("@mikro-orm/core");
const type_graphql_1 = require("type-graphql");
const shared_1 = require("@nusa/shared");
const client_entity_js_1 = require("../client/client.entity.js");
const client_type_js_1 = require("../client/client.type.js");
const interaction_type_js_1 = require("../interaction/interaction.type.js");
const team_member_entity_js_1 = require("../team-member/team-member.entity.js");
const team_member_type_js_1 = require("../team-member/team-member.type.js");
const practice_deadlines_js_1 = require("./practice.deadlines.js");
const practice_entity_js_1 = require("./practice.entity.js");
const practice_enums_js_1 = require("./practice.enums.js");
const practice_input_js_1 = require("./practice.input.js");
const practice_type_js_1 = require("./practice.type.js");
const practice_workflow_js_1 = require("./practice.workflow.js");
const DEFAULT_TITLES = {
    [practice_enums_js_1.PracticeType.KITAS]: 'KITAS application',
    [practice_enums_js_1.PracticeType.KITAP]: 'KITAP application',
    [practice_enums_js_1.PracticeType.VISA]: 'Visa application',
    [practice_enums_js_1.PracticeType.PT_PMA]: 'PT PMA company setup',
    [practice_enums_js_1.PracticeType.TAX]: 'Tax filing',
    [practice_enums_js_1.PracticeType.PROPERTY]: 'Property due diligence',
    [practice_enums_js_1.PracticeType.LEGAL]: 'Legal matter',
};
async function activeMember(context, id, field) {
    const member = await context.loaders.memberById.load((0, shared_1.parseId)(id, field));
    if (!member?.active)
        throw (0, shared_1.badUserInput)(field, `no active team member has the id ${id}`);
    return member;
}
let PracticeResolver = class PracticeResolver {
    async practice(id, { loaders }) {
        return (await loaders.practiceById.load((0, shared_1.parseId)(id))) ?? null;
    }
    upcomingDeadlines(withinDays, { em }) {
        return (0, practice_deadlines_js_1.upcomingDeadlines)(em, withinDays);
    }
    async openPractice(input, context) {
        const { em } = context;
        const client = await context.loaders.clientById.load((0, shared_1.parseId)(input.clientId, 'input.clientId'));
        if (!client)
            throw (0, shared_1.notFound)('Client', input.clientId);
        const assignee = input.assigneeId ? await activeMember(context, input.assigneeId, 'input.assigneeId') : null;
        const practice = em.create(practice_entity_js_1.PracticeEntity, {
            client: em.getReference(client_entity_js_1.ClientEntity, client.id, { wrapped: true }),
            type: input.type,
            title: input.title?.trim() ?? DEFAULT_TITLES[input.type],
            assignee: assignee ? em.getReference(team_member_entity_js_1.TeamMemberEntity, assignee.id, { wrapped: true }) : null,
            dueDate: input.dueDate ?? null,
            expiryDate: input.expiryDate ?? null,
            notes: input.notes ?? null,
        });
        await em.flush();
        return practice;
    }
    updatePracticeStatus(id, status, { em }) {
        const practiceId = (0, shared_1.parseId)(id);
        return em.transactional(async (tx) => {
            const practice = await tx.findOne(practice_entity_js_1.PracticeEntity, { id: practiceId }, { lockMode: core_1.LockMode.PESSIMISTIC_WRITE });
            if (!practice)
                throw (0, shared_1.notFound)('Practice', id);
            (0, practice_workflow_js_1.assertTransition)(practice.status, status);
            practice.status = status;
            practice.statusChangedAt = new Date();
            return practice;
        });
    }
    async assignPractice(id, assigneeId, context) {
        const { em } = context;
        const practice = await em.findOne(practice_entity_js_1.PracticeEntity, { id: (0, shared_1.parseId)(id) });
        if (!practice)
            throw (0, shared_1.notFound)('Practice', id);
        const assignee = assigneeId ? await activeMember(context, assigneeId, 'assigneeId') : null;
        practice.assignee = assignee ? em.getReference(team_member_entity_js_1.TeamMemberEntity, assignee.id, { wrapped: true }) : null;
        await em.flush();
        return practice;
    }
    async client(practice, { loaders }) {
        const client = await loaders.clientById.load(practice.client.id);
        if (!client)
            throw (0, shared_1.notFound)('Client', practice.client.id);
        return client;
    }
    async assignee(practice, { loaders }) {
        return practice.assignee ? ((await loaders.memberById.load(practice.assignee.id)) ?? null) : null;
    }
    interactions(practice, { loaders }) {
        return loaders.interactionsByPractice.load(practice.id);
    }
    allowedTransitions(practice) {
        return practice_workflow_js_1.TRANSITIONS[practice.status];
    }
};
exports.PracticeResolver = PracticeResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => practice_type_js_1.Practice, { nullable: true }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], PracticeResolver.prototype, "practice", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => [practice_type_js_1.Practice], { description: 'Practices due or expiring within the window (days from today in Bali), soonest first.' }),
    __param(0, (0, type_graphql_1.Arg)('withinDays', () => type_graphql_1.Int)),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Number, Object]),
    __metadata("design:returntype", Promise)
], PracticeResolver.prototype, "upcomingDeadlines", null);
__decorate([
    (0, type_graphql_1.Authorized)([shared_1.Role.ADMIN, shared_1.Role.AGENT]),
    (0, type_graphql_1.Mutation)(() => practice_type_js_1.Practice, { description: 'Opens a case for a client, in status INQUIRY.' }),
    __param(0, (0, type_graphql_1.Arg)('input', () => practice_input_js_1.OpenPracticeInput)),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [practice_input_js_1.OpenPracticeInput, Object]),
    __metadata("design:returntype", Promise)
], PracticeResolver.prototype, "openPractice", null);
__decorate([
    (0, type_graphql_1.Authorized)([shared_1.Role.ADMIN, shared_1.Role.AGENT]),
    (0, type_graphql_1.Mutation)(() => practice_type_js_1.Practice, { description: 'Moves a practice along its workflow; an illegal step is BAD_USER_INPUT naming both states.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(1, (0, type_graphql_1.Arg)('status', () => practice_enums_js_1.PracticeStatus)),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String, Object]),
    __metadata("design:returntype", Promise)
], PracticeResolver.prototype, "updatePracticeStatus", null);
__decorate([
    (0, type_graphql_1.Authorized)([shared_1.Role.ADMIN, shared_1.Role.AGENT]),
    (0, type_graphql_1.Mutation)(() => practice_type_js_1.Practice, { description: 'Gives a practice to a team member, or to nobody with null.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(1, (0, type_graphql_1.Arg)('assigneeId', () => type_graphql_1.ID, { nullable: true })),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], PracticeResolver.prototype, "assignPractice", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => client_type_js_1.Client),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [practice_entity_js_1.PracticeEntity, Object]),
    __metadata("design:returntype", Promise)
], PracticeResolver.prototype, "client", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => team_member_type_js_1.TeamMember, { nullable: true }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [practice_entity_js_1.PracticeEntity, Object]),
    __metadata("design:returntype", Promise)
], PracticeResolver.prototype, "assignee", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [interaction_type_js_1.Interaction], { description: 'Newest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [practice_entity_js_1.PracticeEntity, Object]),
    __metadata("design:returntype", Promise)
], PracticeResolver.prototype, "interactions", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [practice_enums_js_1.PracticeStatus], { description: 'The statuses this practice may move to next.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [practice_entity_js_1.PracticeEntity]),
    __metadata("design:returntype", Array)
], PracticeResolver.prototype, "allowedTransitions", null);
exports.PracticeResolver = PracticeResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => practice_type_js_1.Practice)
], PracticeResolver);
//# sourceMappingURL=practice.resolver.js.map