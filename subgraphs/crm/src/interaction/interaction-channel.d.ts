export declare enum InteractionChannel {
    WHATSAPP = "WHATSAPP",
    EMAIL = "EMAIL",
    PHONE = "PHONE",
    MEETING = "MEETING",
    NOTE = "NOTE"
}
//# sourceMappingURL=interaction-channel.d.ts.map