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
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthPayload = void 0;
const type_graphql_1 = require("type-graphql");
const team_member_type_js_1 = require("../team-member/team-member.type.js");
let AuthPayload = class AuthPayload {
    token;
    expiresAt;
    member;
};
exports.AuthPayload = AuthPayload;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], AuthPayload.prototype, "token", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], AuthPayload.prototype, "expiresAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => team_member_type_js_1.TeamMember),
    __metadata("design:type", team_member_type_js_1.TeamMember)
], AuthPayload.prototype, "member", void 0);
exports.AuthPayload = AuthPayload = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A session: send `token` as `Authorization: Bearer <token>`.' })
], AuthPayload);
//# sourceMappingURL=auth.type.js.map