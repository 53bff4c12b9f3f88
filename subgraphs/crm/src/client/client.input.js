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
exports.ClientFilter = exports.UpdateClientInput = exports.CreateClientInput = void 0;
const class_validator_1 = require("class-validator");
const type_graphql_1 = require("type-graphql");
const practice_enums_js_1 = require("../practice/practice.enums.js");
const client_status_js_1 = require("./client-status.js");
const E164 = /^\+[1-9]\d{6,14}$/;
const COUNTRY = /^[A-Z]{2}$/;
const PHONE_MESSAGE = 'must be an international number in E.164 form, for example +6281234567890';
const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 code in capitals, for example AU';
let CreateClientInput = class CreateClientInput {
    fullName;
    email;
    phone;
    nationality;
    status;
    notes;
};
exports.CreateClientInput = CreateClientInput;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    (0, class_validator_1.Length)(1, 200, { message: 'must be 1 to 200 characters' }),
    (0, class_validator_1.Matches)(/\S/, { message: 'must not be blank' }),
    __metadata("design:type", String)
], CreateClientInput.prototype, "fullName", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsEmail)({}, { message: 'must be a valid email address' }),
    (0, class_validator_1.MaxLength)(320),
    __metadata("design:type", Object)
], CreateClientInput.prototype, "email", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(E164, { message: PHONE_MESSAGE }),
    __metadata("design:type", Object)
], CreateClientInput.prototype, "phone", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(COUNTRY, { message: COUNTRY_MESSAGE }),
    __metadata("design:type", Object)
], CreateClientInput.prototype, "nationality", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => client_status_js_1.ClientStatus, { nullable: true }),
    __metadata("design:type", Object)
], CreateClientInput.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(10_000),
    __metadata("design:type", Object)
], CreateClientInput.prototype, "notes", void 0);
exports.CreateClientInput = CreateClientInput = __decorate([
    (0, type_graphql_1.InputType)()
], CreateClientInput);
let UpdateClientInput = class UpdateClientInput {
    fullName;
    email;
    phone;
    nationality;
    status;
    notes;
};
exports.UpdateClientInput = UpdateClientInput;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Length)(1, 200, { message: 'must be 1 to 200 characters' }),
    (0, class_validator_1.Matches)(/\S/, { message: 'must not be blank' }),
    __metadata("design:type", Object)
], UpdateClientInput.prototype, "fullName", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsEmail)({}, { message: 'must be a valid email address' }),
    (0, class_validator_1.MaxLength)(320),
    __metadata("design:type", Object)
], UpdateClientInput.prototype, "email", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(E164, { message: PHONE_MESSAGE }),
    __metadata("design:type", Object)
], UpdateClientInput.prototype, "phone", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(COUNTRY, { message: COUNTRY_MESSAGE }),
    __metadata("design:type", Object)
], UpdateClientInput.prototype, "nationality", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => client_status_js_1.ClientStatus, { nullable: true }),
    __metadata("design:type", Object)
], UpdateClientInput.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(10_000),
    __metadata("design:type", Object)
], UpdateClientInput.prototype, "notes", void 0);
exports.UpdateClientInput = UpdateClientInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Fields to change; an omitted field stays as it is, null clears an optional one.' })
], UpdateClientInput);
let ClientFilter = class ClientFilter {
    search;
    status;
    nationality;
    practiceType;
    practiceStatus;
};
exports.ClientFilter = ClientFilter;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Part of the name or email, any case.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", Object)
], ClientFilter.prototype, "search", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => client_status_js_1.ClientStatus, { nullable: true }),
    __metadata("design:type", Object)
], ClientFilter.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(COUNTRY, { message: COUNTRY_MESSAGE }),
    __metadata("design:type", Object)
], ClientFilter.prototype, "nationality", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => practice_enums_js_1.PracticeType, { nullable: true, description: 'Clients with at least one practice of this type.' }),
    __metadata("design:type", Object)
], ClientFilter.prototype, "practiceType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => practice_enums_js_1.PracticeStatus, { nullable: true, description: 'Clients with at least one practice in this status.' }),
    __metadata("design:type", Object)
], ClientFilter.prototype, "practiceStatus", void 0);
exports.ClientFilter = ClientFilter = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Every given condition must hold.' })
], ClientFilter);
//# sourceMappingURL=client.input.js.map