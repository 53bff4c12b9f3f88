"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InteractionChannel = void 0;
const type_graphql_1 = require("type-graphql");
var InteractionChannel;
(function (InteractionChannel) {
    InteractionChannel["WHATSAPP"] = "WHATSAPP";
    InteractionChannel["EMAIL"] = "EMAIL";
    InteractionChannel["PHONE"] = "PHONE";
    InteractionChannel["MEETING"] = "MEETING";
    InteractionChannel["NOTE"] = "NOTE";
})(InteractionChannel || (exports.InteractionChannel = InteractionChannel = {}));
(0, type_graphql_1.registerEnumType)(InteractionChannel, { name: 'InteractionChannel', description: 'How the contact happened; NOTE is an internal note.' });
//# sourceMappingURL=interaction-channel.js.map