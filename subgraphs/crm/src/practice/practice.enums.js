"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PracticeStatus = exports.PracticeType = void 0;
const type_graphql_1 = require("type-graphql");
var PracticeType;
(function (PracticeType) {
    PracticeType["KITAS"] = "KITAS";
    PracticeType["KITAP"] = "KITAP";
    PracticeType["VISA"] = "VISA";
    PracticeType["PT_PMA"] = "PT_PMA";
    PracticeType["TAX"] = "TAX";
    PracticeType["PROPERTY"] = "PROPERTY";
    PracticeType["LEGAL"] = "LEGAL";
})(PracticeType || (exports.PracticeType = PracticeType = {}));
var PracticeStatus;
(function (PracticeStatus) {
    PracticeStatus["INQUIRY"] = "INQUIRY";
    PracticeStatus["DOCUMENTS_PENDING"] = "DOCUMENTS_PENDING";
    PracticeStatus["SUBMITTED"] = "SUBMITTED";
    PracticeStatus["IN_PROGRESS"] = "IN_PROGRESS";
    PracticeStatus["APPROVED"] = "APPROVED";
    PracticeStatus["COMPLETED"] = "COMPLETED";
    PracticeStatus["REJECTED"] = "REJECTED";
    PracticeStatus["CANCELLED"] = "CANCELLED";
})(PracticeStatus || (exports.PracticeStatus = PracticeStatus = {}));
(0, type_graphql_1.registerEnumType)(PracticeType, {
    name: 'PracticeType',
    description: 'The kind of case: stay permits (KITAS, KITAP), visas, company setup (PT_PMA), tax, property, other legal work.',
});
(0, type_graphql_1.registerEnumType)(PracticeStatus, {
    name: 'PracticeStatus',
    description: 'INQUIRY → DOCUMENTS_PENDING → SUBMITTED → IN_PROGRESS → APPROVED → COMPLETED; REJECTED can go back to DOCUMENTS_PENDING; any open state can be CANCELLED.',
});
//# sourceMappingURL=practice.enums.js.map