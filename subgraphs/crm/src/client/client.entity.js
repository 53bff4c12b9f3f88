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
exports.ClientEntity = void 0;
const node_crypto_1 = require("node:crypto");
const core_1 = require("@mikro-orm/core");
const client_status_js_1 = require("./client-status.js");
let ClientEntity = class ClientEntity {
    [core_1.OptionalProps];
    id = (0, node_crypto_1.randomUUID)();
    fullName;
    email = null;
    phone = null;
    nationality = null;
    status = client_status_js_1.ClientStatus.LEAD;
    notes = null;
    createdAt = new Date();
    updatedAt = new Date();
};
exports.ClientEntity = ClientEntity;
__decorate([
    (0, core_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], ClientEntity.prototype, "id", void 0);
__decorate([
    (0, core_1.Property)({ type: 'string', length: 200 }),
    __metadata("design:type", String)
], ClientEntity.prototype, "fullName", void 0);
__decorate([
    (0, core_1.Property)({ type: 'string', length: 320, nullable: true }),
    __metadata("design:type", Object)
], ClientEntity.prototype, "email", void 0);
__decorate([
    (0, core_1.Property)({ type: 'string', length: 32, nullable: true }),
    __metadata("design:type", Object)
], ClientEntity.prototype, "phone", void 0);
__decorate([
    (0, core_1.Property)({ type: 'string', length: 2, nullable: true }),
    __metadata("design:type", Object)
], ClientEntity.prototype, "nationality", void 0);
__decorate([
    (0, core_1.Enum)({ items: () => client_status_js_1.ClientStatus, type: 'string' }),
    __metadata("design:type", String)
], ClientEntity.prototype, "status", void 0);
__decorate([
    (0, core_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ClientEntity.prototype, "notes", void 0);
__decorate([
    (0, core_1.Property)({ type: 'datetime' }),
    __metadata("design:type", Date)
], ClientEntity.prototype, "createdAt", void 0);
__decorate([
    (0, core_1.Property)({ type: 'datetime', onUpdate: () => new Date() }),
    __metadata("design:type", Date)
], ClientEntity.prototype, "updatedAt", void 0);
exports.ClientEntity = ClientEntity = __decorate([
    (0, core_1.Entity)({ tableName: 'client' }),
    (0, core_1.Index)({ properties: ['createdAt', 'id'] })
], ClientEntity);
//# sourceMappingURL=client.entity.js.map