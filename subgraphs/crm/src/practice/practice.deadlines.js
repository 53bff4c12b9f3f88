"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.upcomingDeadlines = upcomingDeadlines;
const shared_1 = require("@nusa/shared");
const practice_entity_js_1 = require("./practice.entity.js");
const practice_enums_js_1 = require("./practice.enums.js");
/** The office's time zone: "today" for a deadline is today in Bali (WITA). */
const OFFICE_TIME_ZONE = 'Asia/Makassar';
const MAX_WINDOW_DAYS = 366;
const MAX_RESULTS = 500;
function dayInOffice(date) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
function addDays(day, days) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
}
/** The earliest of a practice's due and expiry dates that falls inside [from, to]. */
function deadlineIn(practice, from, to) {
    return [practice.dueDate, practice.expiryDate].filter((day) => day !== null && day >= from && day <= to).sort()[0];
}
/**
 * Practices whose due date (while the practice is open) or expiry date (while it is not
 * cancelled: a completed KITAS still expires) falls within `withinDays` from today, soonest first.
 */
async function upcomingDeadlines(em, withinDays, now = new Date()) {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WINDOW_DAYS) {
        throw (0, shared_1.badUserInput)('withinDays', `must be between 0 and ${MAX_WINDOW_DAYS}, got ${withinDays}`);
    }
    const from = dayInOffice(now);
    const to = addDays(from, withinDays);
    const practices = await em.find(practice_entity_js_1.PracticeEntity, {
        $or: [
            { dueDate: { $gte: from, $lte: to }, status: { $nin: [practice_enums_js_1.PracticeStatus.COMPLETED, practice_enums_js_1.PracticeStatus.CANCELLED] } },
            { expiryDate: { $gte: from, $lte: to }, status: { $ne: practice_enums_js_1.PracticeStatus.CANCELLED } },
        ],
    }, { limit: MAX_RESULTS });
    return practices
        .map((practice) => ({ practice, deadline: deadlineIn(practice, from, to) ?? to }))
        .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.practice.id.localeCompare(b.practice.id))
        .map(({ practice }) => practice);
}
//# sourceMappingURL=practice.deadlines.js.map