import { PracticeType } from './practice.enums.js';
export declare class OpenPracticeInput {
    clientId: string;
    type: PracticeType;
    title?: string | null;
    assigneeId?: string | null;
    dueDate?: string | null;
    expiryDate?: string | null;
    notes?: string | null;
}
//# sourceMappingURL=practice.input.d.ts.map