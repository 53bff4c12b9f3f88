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
exports.TeamMemberEntity = void 0;
const node_crypto_1 = require("node:crypto");
const core_1 = require("@mikro-orm/core");
const shared_1 = require("@nusa/shared");
let TeamMemberEntity = class TeamMemberEntity {
    [core_1.OptionalProps];
    id = (0, node_crypto_1.randomUUID)();
    email;
    name;
    role;
    passwordHash;
    active = true;
    createdAt = new Date();
};
exports.TeamMemberEntity = TeamMemberEntity;
__decorate([
    (0, core_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], TeamMemberEntity.prototype, "id", void 0);
__decorate([
    (0, core_1.Property)({ type: 'string', length: 320, unique: true }),
    __metadata("design:type", String)
], TeamMemberEntity.prototype, "email", void 0);
__decorate([
    (0, core_1.Property)({ type: 'string', length: 200 }),
    __metadata("design:type", String)
], TeamMemberEntity.prototype, "name", void 0);
__decorate([
    (0, core_1.Enum)({ items: () => Object.values(shared_1.Role), type: 'string' }),
    __metadata("design:type", String)
], TeamMemberEntity.prototype, "role", void 0);
__decorate([
    (0, core_1.Property)({ type: 'string', length: 300, hidden: true }),
    __metadata("design:type", String)
], TeamMemberEntity.prototype, "passwordHash", void 0);
__decorate([
    (0, core_1.Property)({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], TeamMemberEntity.prototype, "active", void 0);
__decorate([
    (0, core_1.Property)({ type: 'datetime' }),
    __metadata("design:type", Date)
], TeamMemberEntity.prototype, "createdAt", void 0);
exports.TeamMemberEntity = TeamMemberEntity = __decorate([
    (0, core_1.Entity)({ tableName: 'team_member' })
], TeamMemberEntity);
//# sourceMappingURL=team-member.entity.js.map