"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CLOSED_STATUSES = exports.TRANSITIONS = void 0;
exports.assertTransition = assertTransition;
const shared_1 = require("@nusa/shared");
const practice_enums_js_1 = require("./practice.enums.js");
const S = practice_enums_js_1.PracticeStatus;
/** Which status may follow which: the agency's case workflow. */
exports.TRANSITIONS = {
    [S.INQUIRY]: [S.DOCUMENTS_PENDING, S.CANCELLED],
    [S.DOCUMENTS_PENDING]: [S.SUBMITTED, S.CANCELLED],
    [S.SUBMITTED]: [S.IN_PROGRESS, S.REJECTED, S.CANCELLED],
    [S.IN_PROGRESS]: [S.APPROVED, S.REJECTED, S.CANCELLED],
    [S.APPROVED]: [S.COMPLETED],
    [S.REJECTED]: [S.DOCUMENTS_PENDING, S.CANCELLED],
    [S.COMPLETED]: [],
    [S.CANCELLED]: [],
};
/** Statuses in which nothing more happens to a practice. */
exports.CLOSED_STATUSES = [S.COMPLETED, S.CANCELLED];
/** Throws `BAD_USER_INPUT` naming both states when `to` may not follow `from`. */
function assertTransition(from, to) {
    const allowed = exports.TRANSITIONS[from];
    if (allowed.includes(to))
        return;
    const next = allowed.length > 0 ? `allowed from ${from}: ${allowed.join(', ')}` : `${from} is final`;
    throw (0, shared_1.badUserInput)('status', `a practice cannot move from ${from} to ${to} (${next})`);
}
//# sourceMappingURL=practice.workflow.js.map