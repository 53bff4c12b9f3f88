export declare enum ClientStatus {
    LEAD = "LEAD",
    ACTIVE = "ACTIVE",
    INACTIVE = "INACTIVE"
}
//# sourceMappingURL=client-status.d.ts.map