import { PracticeStatus, PracticeType } from './practice.enums.js';
export declare class Practice {
    id: string;
    type: PracticeType;
    status: PracticeStatus;
    title: string;
    dueDate: string | null;
    expiryDate: string | null;
    notes: string | null;
    statusChangedAt: Date;
    createdAt: Date;
    updatedAt: Date;
}
//# sourceMappingURL=practice.type.d.ts.map