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
exports.AuthResolver = void 0;
const node_crypto_1 = require("node:crypto");
const type_graphql_1 = require("type-graphql");
const shared_1 = require("@nusa/shared");
const team_member_entity_js_1 = require("../team-member/team-member.entity.js");
const auth_type_js_1 = require("./auth.type.js");
const password_js_1 = require("./password.js");
const WRONG_CREDENTIALS = 'Email or password is incorrect';
let AuthResolver = class AuthResolver {
    async login(email, password, { em, session }) {
        const member = await em.findOne(team_member_entity_js_1.TeamMemberEntity, { email: email.trim().toLowerCase(), active: true });
        const valid = await (0, password_js_1.verifyPassword)(password, member?.passwordHash ?? (await password_js_1.decoyHash));
        if (!member || !valid)
            throw (0, shared_1.unauthenticated)(WRONG_CREDENTIALS);
        const issuedAt = Math.floor(Date.now() / 1000);
        const expiresAt = issuedAt + session.ttlSeconds;
        const token = (0, shared_1.signSessionToken)({ sub: member.id, role: member.role, name: member.name, email: member.email, jti: (0, node_crypto_1.randomUUID)(), iat: issuedAt, exp: expiresAt }, session.jwtSecret);
        return { token, expiresAt: new Date(expiresAt * 1000), member };
    }
};
exports.AuthResolver = AuthResolver;
__decorate([
    (0, type_graphql_1.Mutation)(() => auth_type_js_1.AuthPayload, { description: 'Signs a team member in. The answer never tells whether the email exists.' }),
    __param(0, (0, type_graphql_1.Arg)('email', () => String)),
    __param(1, (0, type_graphql_1.Arg)('password', () => String)),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String, Object]),
    __metadata("design:returntype", Promise)
], AuthResolver.prototype, "login", null);
exports.AuthResolver = AuthResolver = __decorate([
    (0, type_graphql_1.Resolver)()
], AuthResolver);
//# sourceMappingURL=auth.resolver.js.map