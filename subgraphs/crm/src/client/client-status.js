"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ClientStatus = void 0;
const type_graphql_1 = require("type-graphql");
var ClientStatus;
(function (ClientStatus) {
    ClientStatus["LEAD"] = "LEAD";
    ClientStatus["ACTIVE"] = "ACTIVE";
    ClientStatus["INACTIVE"] = "INACTIVE";
})(ClientStatus || (exports.ClientStatus = ClientStatus = {}));
(0, type_graphql_1.registerEnumType)(ClientStatus, {
    name: 'ClientStatus',
    description: 'LEAD: asked but not engaged; ACTIVE: has or had paid work; INACTIVE: no longer served.',
});
//# sourceMappingURL=client-status.js.map