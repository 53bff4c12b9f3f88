"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createContext = createContext;
const loaders_js_1 = require("./loaders.js");
/** Per request: a fresh EntityManager fork (never the global one) and fresh loaders over it. */
function createContext(base, orm, session) {
    const em = orm.em.fork();
    return { ...base, em, loaders: (0, loaders_js_1.createLoaders)(em), session };
}
//# sourceMappingURL=context.js.map