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
exports.LogInteractionInput = void 0;
const class_validator_1 = require("class-validator");
const type_graphql_1 = require("type-graphql");
const interaction_channel_js_1 = require("./interaction-channel.js");
let LogInteractionInput = class LogInteractionInput {
    clientId;
    practiceId;
    channel;
    summary;
    occurredAt;
};
exports.LogInteractionInput = LogInteractionInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], LogInteractionInput.prototype, "clientId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'The practice this contact was about, if any; it must belong to the client.' }),
    __metadata("design:type", Object)
], LogInteractionInput.prototype, "practiceId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => interaction_channel_js_1.InteractionChannel),
    __metadata("design:type", String)
], LogInteractionInput.prototype, "channel", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    (0, class_validator_1.Length)(1, 10_000, { message: 'must be 1 to 10000 characters' }),
    (0, class_validator_1.Matches)(/\S/, { message: 'must not be blank' }),
    __metadata("design:type", String)
], LogInteractionInput.prototype, "summary", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date, { nullable: true, description: 'When it happened. Default: now. Not in the future.' }),
    (0, class_validator_1.IsOptional)(),
    __metadata("design:type", Object)
], LogInteractionInput.prototype, "occurredAt", void 0);
exports.LogInteractionInput = LogInteractionInput = __decorate([
    (0, type_graphql_1.InputType)()
], LogInteractionInput);
//# sourceMappingURL=interaction.input.js.map