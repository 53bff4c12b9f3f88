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
exports.TeamMemberResolver = void 0;
const type_graphql_1 = require("type-graphql");
const shared_1 = require("@nusa/shared");
const team_member_entity_js_1 = require("./team-member.entity.js");
const team_member_type_js_1 = require("./team-member.type.js");
let TeamMemberResolver = class TeamMemberResolver {
    teamMembers({ em }) {
        return em.find(team_member_entity_js_1.TeamMemberEntity, { active: true }, { orderBy: { name: 'asc' } });
    }
    async me(context) {
        const caller = (0, shared_1.requireCaller)(context);
        if (caller.kind !== 'member')
            return null;
        return (await context.loaders.memberById.load(caller.id)) ?? null;
    }
};
exports.TeamMemberResolver = TeamMemberResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => [team_member_type_js_1.TeamMember], { description: 'The active team, by name.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], TeamMemberResolver.prototype, "teamMembers", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => team_member_type_js_1.TeamMember, { nullable: true, description: 'The signed-in team member; null for an API key.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], TeamMemberResolver.prototype, "me", null);
exports.TeamMemberResolver = TeamMemberResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => team_member_type_js_1.TeamMember)
], TeamMemberResolver);
//# sourceMappingURL=team-member.resolver.js.map