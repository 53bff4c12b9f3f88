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
exports.InteractionEntity = void 0;
const node_crypto_1 = require("node:crypto");
const core_1 = require("@mikro-orm/core");
const client_entity_js_1 = require("../client/client.entity.js");
const practice_entity_js_1 = require("../practice/practice.entity.js");
const team_member_entity_js_1 = require("../team-member/team-member.entity.js");
const interaction_channel_js_1 = require("./interaction-channel.js");
let InteractionEntity = class InteractionEntity {
    [core_1.OptionalProps];
    id = (0, node_crypto_1.randomUUID)();
    client;
    practice = null;
    author = null;
    channel;
    summary;
    occurredAt = new Date();
    createdAt = new Date();
};
exports.InteractionEntity = InteractionEntity;
__decorate([
    (0, core_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], InteractionEntity.prototype, "id", void 0);
__decorate([
    (0, core_1.ManyToOne)(() => client_entity_js_1.ClientEntity, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], InteractionEntity.prototype, "client", void 0);
__decorate([
    (0, core_1.ManyToOne)(() => practice_entity_js_1.PracticeEntity, { ref: true, nullable: true, deleteRule: 'set null', index: true }),
    __metadata("design:type", Object)
], InteractionEntity.prototype, "practice", void 0);
__decorate([
    (0, core_1.ManyToOne)(() => team_member_entity_js_1.TeamMemberEntity, { ref: true, nullable: true, deleteRule: 'set null' }),
    __metadata("design:type", Object)
], InteractionEntity.prototype, "author", void 0);
__decorate([
    (0, core_1.Enum)({ items: () => interaction_channel_js_1.InteractionChannel, type: 'string' }),
    __metadata("design:type", String)
], InteractionEntity.prototype, "channel", void 0);
__decorate([
    (0, core_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], InteractionEntity.prototype, "summary", void 0);
__decorate([
    (0, core_1.Property)({ type: 'datetime' }),
    __metadata("design:type", Date)
], InteractionEntity.prototype, "occurredAt", void 0);
__decorate([
    (0, core_1.Property)({ type: 'datetime' }),
    __metadata("design:type", Date)
], InteractionEntity.prototype, "createdAt", void 0);
exports.InteractionEntity = InteractionEntity = __decorate([
    (0, core_1.Entity)({ tableName: 'interaction' }),
    (0, core_1.Index)({ properties: ['client', 'occurredAt'] })
], InteractionEntity);
//# sourceMappingURL=interaction.entity.js.map