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
exports.ClientResolver = void 0;
const type_graphql_1 = require("type-graphql");
const shared_1 = require("@nusa/shared");
const interaction_type_js_1 = require("../interaction/interaction.type.js");
const practice_type_js_1 = require("../practice/practice.type.js");
const client_entity_js_1 = require("./client.entity.js");
const client_input_js_1 = require("./client.input.js");
const client_query_js_1 = require("./client.query.js");
const client_type_js_1 = require("./client.type.js");
const REQUIRED_ON_UPDATE = ['fullName', 'status'];
let ClientResolver = class ClientResolver {
    // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
    clients({ em }, filter, after, first) {
        return (0, client_query_js_1.clientPage)(em, first, after, filter);
    }
    async client(id, { loaders }) {
        return (await loaders.clientById.load((0, shared_1.parseId)(id))) ?? null;
    }
    async createClient(input, { em }) {
        const client = em.create(client_entity_js_1.ClientEntity, {
            fullName: input.fullName.trim(),
            email: input.email?.trim().toLowerCase() ?? null,
            phone: input.phone ?? null,
            nationality: input.nationality ?? null,
            notes: input.notes ?? null,
            ...(input.status ? { status: input.status } : {}),
        });
        await em.flush();
        return client;
    }
    async updateClient(id, input, { em }) {
        for (const field of REQUIRED_ON_UPDATE) {
            if (input[field] === null)
                throw (0, shared_1.badUserInput)(`input.${field}`, 'cannot be null');
        }
        const client = await em.findOne(client_entity_js_1.ClientEntity, { id: (0, shared_1.parseId)(id) });
        if (!client)
            throw (0, shared_1.notFound)('Client', id);
        if (input.fullName != null)
            client.fullName = input.fullName.trim();
        if (input.status != null)
            client.status = input.status;
        if (input.email !== undefined)
            client.email = input.email?.trim().toLowerCase() ?? null;
        if (input.phone !== undefined)
            client.phone = input.phone;
        if (input.nationality !== undefined)
            client.nationality = input.nationality;
        if (input.notes !== undefined)
            client.notes = input.notes;
        await em.flush();
        return client;
    }
    practices(client, { loaders }) {
        return loaders.practicesByClient.load(client.id);
    }
    interactions(client, { loaders }) {
        return loaders.interactionsByClient.load(client.id);
    }
};
exports.ClientResolver = ClientResolver;
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => client_type_js_1.ClientConnection, { description: 'Clients, newest first; at most 100 a page.' })
    // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
    ,
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('filter', () => client_input_js_1.ClientFilter, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('after', () => String, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { nullable: true, description: 'Page size, 1 to 100. Default 20.' })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], ClientResolver.prototype, "clients", null);
__decorate([
    (0, type_graphql_1.Authorized)(),
    (0, type_graphql_1.Query)(() => client_type_js_1.Client, { nullable: true }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], ClientResolver.prototype, "client", null);
__decorate([
    (0, type_graphql_1.Authorized)([shared_1.Role.ADMIN, shared_1.Role.AGENT]),
    (0, type_graphql_1.Mutation)(() => client_type_js_1.Client),
    __param(0, (0, type_graphql_1.Arg)('input', () => client_input_js_1.CreateClientInput)),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [client_input_js_1.CreateClientInput, Object]),
    __metadata("design:returntype", Promise)
], ClientResolver.prototype, "createClient", null);
__decorate([
    (0, type_graphql_1.Authorized)([shared_1.Role.ADMIN, shared_1.Role.AGENT]),
    (0, type_graphql_1.Mutation)(() => client_type_js_1.Client, { description: 'Changes the given fields; null clears an optional one.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(1, (0, type_graphql_1.Arg)('input', () => client_input_js_1.UpdateClientInput)),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, client_input_js_1.UpdateClientInput, Object]),
    __metadata("design:returntype", Promise)
], ClientResolver.prototype, "updateClient", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [practice_type_js_1.Practice], { description: 'Newest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [client_entity_js_1.ClientEntity, Object]),
    __metadata("design:returntype", Promise)
], ClientResolver.prototype, "practices", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [interaction_type_js_1.Interaction], { description: 'Newest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [client_entity_js_1.ClientEntity, Object]),
    __metadata("design:returntype", Promise)
], ClientResolver.prototype, "interactions", null);
exports.ClientResolver = ClientResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => client_type_js_1.Client)
], ClientResolver);
//# sourceMappingURL=client.resolver.js.map