"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveInteractionReference = void 0;
const shared_1 = require("@nusa/shared");
exports.resolveInteractionReference = (0, shared_1.referenceVia)((context) => context.loaders.interactionById);
//# sourceMappingURL=interaction.reference.js.map