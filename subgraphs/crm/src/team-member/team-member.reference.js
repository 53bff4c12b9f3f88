"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveTeamMemberReference = void 0;
const shared_1 = require("@nusa/shared");
exports.resolveTeamMemberReference = (0, shared_1.referenceVia)((context) => context.loaders.memberById);
//# sourceMappingURL=team-member.reference.js.map