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
exports.ClientConnection = exports.ClientEdge = exports.Client = void 0;
const type_graphql_1 = require("type-graphql");
const shared_1 = require("@nusa/shared");
const client_status_js_1 = require("./client-status.js");
let Client = class Client {
    id;
    fullName;
    email;
    phone;
    nationality;
    status;
    notes;
    createdAt;
    updatedAt;
};
exports.Client = Client;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], Client.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], Client.prototype, "fullName", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Client.prototype, "email", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'E.164, for example +6281234567890.' }),
    __metadata("design:type", Object)
], Client.prototype, "phone", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, for example AU.' }),
    __metadata("design:type", Object)
], Client.prototype, "nationality", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => client_status_js_1.ClientStatus),
    __metadata("design:type", String)
], Client.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], Client.prototype, "notes", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Client.prototype, "createdAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Date),
    __metadata("design:type", Date)
], Client.prototype, "updatedAt", void 0);
exports.Client = Client = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A person the agency serves.' }),
    (0, type_graphql_1.Directive)('@key(fields: "id")')
], Client);
let ClientEdge = class ClientEdge {
    cursor;
    node;
};
exports.ClientEdge = ClientEdge;
__decorate([
    (0, type_graphql_1.Field)(() => String),
    __metadata("design:type", String)
], ClientEdge.prototype, "cursor", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Client),
    __metadata("design:type", Client)
], ClientEdge.prototype, "node", void 0);
exports.ClientEdge = ClientEdge = __decorate([
    (0, type_graphql_1.ObjectType)()
], ClientEdge);
let ClientConnection = class ClientConnection {
    edges;
    pageInfo;
    totalCount;
};
exports.ClientConnection = ClientConnection;
__decorate([
    (0, type_graphql_1.Field)(() => [ClientEdge]),
    __metadata("design:type", Array)
], ClientConnection.prototype, "edges", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => shared_1.PageInfo),
    __metadata("design:type", shared_1.PageInfo)
], ClientConnection.prototype, "pageInfo", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'How many clients match the filter, over all pages.' }),
    __metadata("design:type", Number)
], ClientConnection.prototype, "totalCount", void 0);
exports.ClientConnection = ClientConnection = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A page of clients, newest first.' })
], ClientConnection);
//# sourceMappingURL=client.type.js.map