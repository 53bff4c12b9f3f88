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
exports.PracticeEntity = void 0;
const node_crypto_1 = require("node:crypto");
const core_1 = require("@mikro-orm/core");
const client_entity_js_1 = require("../client/client.entity.js");
const team_member_entity_js_1 = require("../team-member/team-member.entity.js");
const practice_enums_js_1 = require("./practice.enums.js");
let PracticeEntity = class PracticeEntity {
    [core_1.OptionalProps];
    id = (0, node_crypto_1.randomUUID)();
    client;
    type;
    status = practice_enums_js_1.PracticeStatus.INQUIRY;
    title;
    assignee = null;
    dueDate = null;
    expiryDate = null;
    notes = null;
    statusChangedAt = new Date();
    createdAt = new Date();
    updatedAt = new Date();
};
exports.PracticeEntity = PracticeEntity;
__decorate([
    (0, core_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], PracticeEntity.prototype, "id", void 0);
__decorate([
    (0, core_1.ManyToOne)(() => client_entity_js_1.ClientEntity, { ref: true, deleteRule: 'cascade', index: true }),
    __metadata("design:type", Object)
], PracticeEntity.prototype, "client", void 0);
__decorate([
    (0, core_1.Enum)({ items: () => practice_enums_js_1.PracticeType, type: 'string' }),
    __metadata("design:type", String)
], PracticeEntity.prototype, "type", void 0);
__decorate([
    (0, core_1.Enum)({ items: () => practice_enums_js_1.PracticeStatus, type: 'string' }),
    __metadata("design:type", String)
], PracticeEntity.prototype, "status", void 0);
__decorate([
    (0, core_1.Property)({ type: 'string', length: 200 }),
    __metadata("design:type", String)
], PracticeEntity.prototype, "title", void 0);
__decorate([
    (0, core_1.ManyToOne)(() => team_member_entity_js_1.TeamMemberEntity, { ref: true, nullable: true, deleteRule: 'set null' }),
    __metadata("design:type", Object)
], PracticeEntity.prototype, "assignee", void 0);
__decorate([
    (0, core_1.Index)(),
    (0, core_1.Property)({ type: 'date', nullable: true }),
    __metadata("design:type", Object)
], PracticeEntity.prototype, "dueDate", void 0);
__decorate([
    (0, core_1.Index)(),
    (0, core_1.Property)({ type: 'date', nullable: true }),
    __metadata("design:type", Object)
], PracticeEntity.prototype, "expiryDate", void 0);
__decorate([
    (0, core_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], PracticeEntity.prototype, "notes", void 0);
__decorate([
    (0, core_1.Property)({ type: 'datetime' }),
    __metadata("design:type", Date)
], PracticeEntity.prototype, "statusChangedAt", void 0);
__decorate([
    (0, core_1.Property)({ type: 'datetime' }),
    __metadata("design:type", Date)
], PracticeEntity.prototype, "createdAt", void 0);
__decorate([
    (0, core_1.Property)({ type: 'datetime', onUpdate: () => new Date() }),
    __metadata("design:type", Date)
], PracticeEntity.prototype, "updatedAt", void 0);
exports.PracticeEntity = PracticeEntity = __decorate([
    (0, core_1.Entity)({ tableName: 'practice' })
], PracticeEntity);
//# sourceMappingURL=practice.entity.js.map