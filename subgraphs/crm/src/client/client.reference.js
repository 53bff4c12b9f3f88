"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveClientReference = void 0;
const shared_1 = require("@nusa/shared");
exports.resolveClientReference = (0, shared_1.referenceVia)((context) => context.loaders.clientById);
//# sourceMappingURL=client.reference.js.map