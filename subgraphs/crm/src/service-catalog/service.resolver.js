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
exports.ServiceResolver = void 0;
const type_graphql_1 = require("type-graphql");
const practice_enums_js_1 = require("../practice/practice.enums.js");
const service_entity_js_1 = require("./service.entity.js");
const service_type_js_1 = require("./service.type.js");
let ServiceResolver = class ServiceResolver {
    serviceCatalog(type, { em }) {
        return em.find(service_entity_js_1.ServiceEntity, { active: true, ...(type ? { type } : {}) }, { orderBy: { type: 'asc', priceIdr: 'asc' } });
    }
};
exports.ServiceResolver = ServiceResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => [service_type_js_1.Service], { description: "The agency's services and list prices, by type then price." }),
    __param(0, (0, type_graphql_1.Arg)('type', () => practice_enums_js_1.PracticeType, { nullable: true })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], ServiceResolver.prototype, "serviceCatalog", null);
exports.ServiceResolver = ServiceResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => service_type_js_1.Service)
], ServiceResolver);
//# sourceMappingURL=service.resolver.js.map