export declare enum PracticeType {
    KITAS = "KITAS",
    KITAP = "KITAP",
    VISA = "VISA",
    PT_PMA = "PT_PMA",
    TAX = "TAX",
    PROPERTY = "PROPERTY",
    LEGAL = "LEGAL"
}
export declare enum PracticeStatus {
    INQUIRY = "INQUIRY",
    DOCUMENTS_PENDING = "DOCUMENTS_PENDING",
    SUBMITTED = "SUBMITTED",
    IN_PROGRESS = "IN_PROGRESS",
    APPROVED = "APPROVED",
    COMPLETED = "COMPLETED",
    REJECTED = "REJECTED",
    CANCELLED = "CANCELLED"
}
//# sourceMappingURL=practice.enums.d.ts.map