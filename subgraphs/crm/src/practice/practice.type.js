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
exports.Practice = void 0;
const type_graphql_1 = require("type-graphql");
const practice_enums_js_1 = require("./practice.enums.js");
let Practice = class Practice {
    id;
    type;
    status;
    title;
    dueDate;
    expiryDate;
    notes;
    statusChangedAt;
    createdAt;
    updatedAt;
};
exports.Practice = Practice;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], Practice.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => practice_enums_js_1.PracticeType),
    __metadata("design:type", String)
], Practice.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => practice_enums_js_1.PracticeStatus),
    __metadata("design:type", String)
], Practice.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { description: 'A short description, for example "KITAS investor (E28A), new application".' }),
    __metadata("design:type", String)
], Practice.prototype, "title", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'When the next step is due (YYYY-MM-DD).' }),
    __metadata("design:type", Object)
], Practice.prototype, "dueDate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'When the permit or registration expires (YYYY-MM-DD).' }),
    __metadata("design:type", Object)
], Practice.prototype, "expiryDate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Practice.prototype, "notes", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Practice.prototype, "statusChangedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Practice.prototype, "createdAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Practice.prototype, "updatedAt", void 0);
exports.Practice = Practice = __decorate([
    (0, type_graphql_1.ObjectType)({ description: "A client's case: a KITAS application, a company setup, a tax return." }),
    (0, type_graphql_1.Directive)('@key(fields: "id")')
], Practice);
//# sourceMappingURL=practice.type.js.map