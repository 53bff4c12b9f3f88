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
exports.Service = void 0;
const type_graphql_1 = require("type-graphql");
const practice_enums_js_1 = require("../practice/practice.enums.js");
let Service = class Service {
    code;
    type;
    name;
    description;
    priceIdr;
    typicalDurationDays;
    requiredDocuments;
};
exports.Service = Service;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { description: 'Stable code, for example KITAS_INVESTOR.' }),
    __metadata("design:type", String)
], Service.prototype, "code", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => practice_enums_js_1.PracticeType, { description: 'The kind of practice this service opens.' }),
    __metadata("design:type", String)
], Service.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Service.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Service.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'List price in Indonesian rupiah, government fees included.' }),
    __metadata("design:type", Number)
], Service.prototype, "priceIdr", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], Service.prototype, "typicalDurationDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String]),
    __metadata("design:type", Array)
], Service.prototype, "requiredDocuments", void 0);
exports.Service = Service = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A service the agency sells, with its list price.' })
], Service);
//# sourceMappingURL=service.type.js.map