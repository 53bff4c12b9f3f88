export type DemoRole = 'ADMIN' | 'AGENT';
export type DemoClientStatus = 'LEAD' | 'ACTIVE' | 'INACTIVE';
export type DemoPracticeType = 'KITAS' | 'KITAP' | 'VISA' | 'PT_PMA' | 'TAX' | 'PROPERTY' | 'LEGAL';
export type DemoPracticeStatus = 'INQUIRY' | 'DOCUMENTS_PENDING' | 'SUBMITTED' | 'IN_PROGRESS' | 'APPROVED' | 'COMPLETED' | 'REJECTED' | 'CANCELLED';
export type DemoChannel = 'WHATSAPP' | 'EMAIL' | 'PHONE' | 'MEETING' | 'NOTE';
export interface DemoMember {
    key: string;
    name: string;
    email: string;
    role: DemoRole;
}
export interface DemoClient {
    key: string;
    fullName: string;
    email: string | null;
    phone: string | null;
    nationality: string;
    status: DemoClientStatus;
    notes: string | null;
    createdDaysAgo: number;
}
export interface DemoPractice {
    key: string;
    clientKey: string;
    type: DemoPracticeType;
    status: DemoPracticeStatus;
    title: string;
    assigneeKey: string | null;
    dueInDays: number | null;
    expiresInDays: number | null;
    notes: string | null;
    openedDaysAgo: number;
}
export interface DemoInteraction {
    clientKey: string;
    practiceKey: string | null;
    authorKey: string;
    channel: DemoChannel;
    summary: string;
    daysAgo: number;
}
export interface DemoData {
    members: DemoMember[];
    clients: DemoClient[];
    practices: DemoPractice[];
    interactions: DemoInteraction[];
}
/** Deterministic demo data for an empty CRM database: team, clients, practices and interaction history. */
export declare function demoData(): DemoData;
//# sourceMappingURL=demo-data.d.ts.map