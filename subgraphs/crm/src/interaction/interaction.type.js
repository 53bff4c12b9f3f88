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
exports.Interaction = void 0;
const type_graphql_1 = require("type-graphql");
const interaction_channel_js_1 = require("./interaction-channel.js");
let Interaction = class Interaction {
    id;
    channel;
    summary;
    occurredAt;
    createdAt;
};
exports.Interaction = Interaction;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], Interaction.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => interaction_channel_js_1.InteractionChannel),
    __metadata("design:type", String)
], Interaction.prototype, "channel", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Interaction.prototype, "summary", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Interaction.prototype, "occurredAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Interaction.prototype, "createdAt", void 0);
exports.Interaction = Interaction = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A contact with a client (a message, a call, a meeting) or an internal note.' }),
    (0, type_graphql_1.Directive)('@key(fields: "id")')
], Interaction);
//# sourceMappingURL=interaction.type.js.map