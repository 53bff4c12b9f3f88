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
exports.OpenPracticeInput = void 0;
const class_validator_1 = require("class-validator");
const type_graphql_1 = require("type-graphql");
const practice_enums_js_1 = require("./practice.enums.js");
const DATE_MESSAGE = 'must be a date as YYYY-MM-DD';
let OpenPracticeInput = class OpenPracticeInput {
    clientId;
    type;
    title;
    assigneeId;
    dueDate;
    expiryDate;
    notes;
};
exports.OpenPracticeInput = OpenPracticeInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], OpenPracticeInput.prototype, "clientId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => practice_enums_js_1.PracticeType),
    __metadata("design:type", String)
], OpenPracticeInput.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Defaults to the service name of the type.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Length)(1, 200),
    (0, class_validator_1.Matches)(/\S/, { message: 'must not be blank' }),
    __metadata("design:type", Object)
], OpenPracticeInput.prototype, "title", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], OpenPracticeInput.prototype, "assigneeId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'YYYY-MM-DD' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }, { message: DATE_MESSAGE }),
    (0, class_validator_1.Matches)(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE }),
    __metadata("design:type", Object)
], OpenPracticeInput.prototype, "dueDate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'YYYY-MM-DD' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }, { message: DATE_MESSAGE }),
    (0, class_validator_1.Matches)(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE }),
    __metadata("design:type", Object)
], OpenPracticeInput.prototype, "expiryDate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(10_000),
    __metadata("design:type", Object)
], OpenPracticeInput.prototype, "notes", void 0);
exports.OpenPracticeInput = OpenPracticeInput = __decorate([
    (0, type_graphql_1.InputType)()
], OpenPracticeInput);
//# sourceMappingURL=practice.input.js.map