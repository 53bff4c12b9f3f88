"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolvePracticeReference = void 0;
const shared_1 = require("@nusa/shared");
exports.resolvePracticeReference = (0, shared_1.referenceVia)((context) => context.loaders.practiceById);
//# sourceMappingURL=practice.reference.js.map