"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildCrmSchema = exports.openDatabase = void 0;
exports.createCrmServer = createCrmServer;
const shared_1 = require("@nusa/shared");
const context_js_1 = require("./context.js");
const schema_js_1 = require("./schema.js");
var orm_js_1 = require("./orm.js");
Object.defineProperty(exports, "openDatabase", { enumerable: true, get: function () { return orm_js_1.openDatabase; } });
var schema_js_2 = require("./schema.js");
Object.defineProperty(exports, "buildCrmSchema", { enumerable: true, get: function () { return schema_js_2.buildCrmSchema; } });
/** The CRM subgraph over HTTP, built but not listening. */
async function createCrmServer(deps) {
    const session = { jwtSecret: deps.jwtSecret, ttlSeconds: deps.sessionTtlSeconds };
    return (0, shared_1.createSubgraphServer)({
        name: 'crm',
        schema: await (0, schema_js_1.buildCrmSchema)(),
        internalSecret: deps.internalSecret,
        logger: deps.logger,
        context: (base) => (0, context_js_1.createContext)(base, deps.orm, session),
        readiness: async () => ({ postgres: await (0, shared_1.probe)(() => deps.orm.em.getConnection().execute('select 1')) }),
    });
}
//# sourceMappingURL=server.js.map