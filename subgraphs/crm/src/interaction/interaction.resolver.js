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
exports.InteractionResolver = void 0;
const type_graphql_1 = require("type-graphql");
const shared_1 = require("@nusa/shared");
const client_entity_js_1 = require("../client/client.entity.js");
const client_type_js_1 = require("../client/client.type.js");
const practice_entity_js_1 = require("../practice/practice.entity.js");
const practice_type_js_1 = require("../practice/practice.type.js");
const team_member_entity_js_1 = require("../team-member/team-member.entity.js");
const team_member_type_js_1 = require("../team-member/team-member.type.js");
const interaction_entity_js_1 = require("./interaction.entity.js");
const interaction_input_js_1 = require("./interaction.input.js");
const interaction_type_js_1 = require("./interaction.type.js");
/** Clock skew allowed on a client-supplied time before it counts as "in the future". */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
let InteractionResolver = class InteractionResolver {
    async logInteraction(input, context) {
        const { em, loaders, caller } = context;
        const client = await loaders.clientById.load((0, shared_1.parseId)(input.clientId, 'input.clientId'));
        if (!client)
            throw (0, shared_1.notFound)('Client', input.clientId);
        let practice;
        if (input.practiceId) {
            practice = await loaders.practiceById.load((0, shared_1.parseId)(input.practiceId, 'input.practiceId'));
            if (!practice)
                throw (0, shared_1.notFound)('Practice', input.practiceId);
            if (practice.client.id !== client.id)
                throw (0, shared_1.badUserInput)('input.practiceId', 'belongs to another client');
        }
        if (input.occurredAt && input.occurredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
            throw (0, shared_1.badUserInput)('input.occurredAt', 'cannot be in the future');
        }
        const interaction = em.create(interaction_entity_js_1.InteractionEntity, {
            client: em.getReference(client_entity_js_1.ClientEntity, client.id, { wrapped: true }),
            practice: practice ? em.getReference(practice_entity_js_1.PracticeEntity, practice.id, { wrapped: true }) : null,
            author: caller.kind === 'member' ? em.getReference(team_member_entity_js_1.TeamMemberEntity, caller.id, { wrapped: true }) : null,
            channel: input.channel,
            summary: input.summary.trim(),
            occurredAt: input.occurredAt ?? new Date(),
        });
        await em.flush();
        return interaction;
    }
    async client(interaction, { loaders }) {
        const client = await loaders.clientById.load(interaction.client.id);
        if (!client)
            throw (0, shared_1.notFound)('Client', interaction.client.id);
        return client;
    }
    async practice(interaction, { loaders }) {
        return interaction.practice ? ((await loaders.practiceById.load(interaction.practice.id)) ?? null) : null;
    }
    async author(interaction, { loaders }) {
        return interaction.author ? ((await loaders.memberById.load(interaction.author.id)) ?? null) : null;
    }
};
exports.InteractionResolver = InteractionResolver;
__decorate([
    (0, type_graphql_1.Authorized)([shared_1.Role.ADMIN, shared_1.Role.AGENT]),
    (0, type_graphql_1.Mutation)(() => interaction_type_js_1.Interaction, { description: 'Records a contact with a client, by the signed-in team member.' }),
    __param(0, (0, type_graphql_1.Arg)('input', () => interaction_input_js_1.LogInteractionInput)),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [interaction_input_js_1.LogInteractionInput, Object]),
    __metadata("design:returntype", Promise)
], InteractionResolver.prototype, "logInteraction", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => client_type_js_1.Client),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [interaction_entity_js_1.InteractionEntity, Object]),
    __metadata("design:returntype", Promise)
], InteractionResolver.prototype, "client", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => practice_type_js_1.Practice, { nullable: true }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [interaction_entity_js_1.InteractionEntity, Object]),
    __metadata("design:returntype", Promise)
], InteractionResolver.prototype, "practice", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => team_member_type_js_1.TeamMember, { nullable: true, description: 'Who logged it; null when logged by an integration.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [interaction_entity_js_1.InteractionEntity, Object]),
    __metadata("design:returntype", Promise)
], InteractionResolver.prototype, "author", null);
exports.InteractionResolver = InteractionResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => interaction_type_js_1.Interaction)
], InteractionResolver);
//# sourceMappingURL=interaction.resolver.js.map