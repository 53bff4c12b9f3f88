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
exports.TeamMember = void 0;
const type_graphql_1 = require("type-graphql");
const shared_1 = require("@nusa/shared");
(0, type_graphql_1.registerEnumType)(shared_1.Role, { name: 'Role', description: 'What a caller may do: ADMIN and AGENT are the team, PARTNER an API key.' });
let TeamMember = class TeamMember {
    id;
    name;
    email;
    role;
    active;
    createdAt;
};
exports.TeamMember = TeamMember;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], TeamMember.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], TeamMember.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], TeamMember.prototype, "email", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => shared_1.Role),
    __metadata("design:type", String)
], TeamMember.prototype, "role", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Boolean),
    __metadata("design:type", Boolean)
], TeamMember.prototype, "active", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], TeamMember.prototype, "createdAt", void 0);
exports.TeamMember = TeamMember = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A member of the team who works on clients and practices.' }),
    (0, type_graphql_1.Directive)('@key(fields: "id")')
], TeamMember);
//# sourceMappingURL=team-member.type.js.map