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
exports.ServiceEntity = void 0;
const core_1 = require("@mikro-orm/core");
const practice_enums_js_1 = require("../practice/practice.enums.js");
/** A priced service of the agency; rows come from a migration, the agency's published price list. */
let ServiceEntity = class ServiceEntity {
    [core_1.OptionalProps];
    code;
    type;
    name;
    description;
    priceIdr;
    typicalDurationDays;
    requiredDocuments;
    active = true;
};
exports.ServiceEntity = ServiceEntity;
__decorate([
    (0, core_1.PrimaryKey)({ type: 'string', length: 64 }),
    __metadata("design:type", String)
], ServiceEntity.prototype, "code", void 0);
__decorate([
    (0, core_1.Enum)({ items: () => practice_enums_js_1.PracticeType, type: 'string' }),
    __metadata("design:type", String)
], ServiceEntity.prototype, "type", void 0);
__decorate([
    (0, core_1.Property)({ type: 'string', length: 200 }),
    __metadata("design:type", String)
], ServiceEntity.prototype, "name", void 0);
__decorate([
    (0, core_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], ServiceEntity.prototype, "description", void 0);
__decorate([
    (0, core_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], ServiceEntity.prototype, "priceIdr", void 0);
__decorate([
    (0, core_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], ServiceEntity.prototype, "typicalDurationDays", void 0);
__decorate([
    (0, core_1.Property)({ type: 'text[]' }),
    __metadata("design:type", Array)
], ServiceEntity.prototype, "requiredDocuments", void 0);
__decorate([
    (0, core_1.Property)({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], ServiceEntity.prototype, "active", void 0);
exports.ServiceEntity = ServiceEntity = __decorate([
    (0, core_1.Entity)({ tableName: 'service' })
], ServiceEntity);
//# sourceMappingURL=service.entity.js.map