import { PracticeStatus, PracticeType } from '../practice/practice.enums.js';
import { ClientStatus } from './client-status.js';
export declare class CreateClientInput {
    fullName: string;
    email?: string | null;
    phone?: string | null;
    nationality?: string | null;
    status?: ClientStatus | null;
    notes?: string | null;
}
export declare class UpdateClientInput {
    fullName?: string | null;
    email?: string | null;
    phone?: string | null;
    nationality?: string | null;
    status?: ClientStatus | null;
    notes?: string | null;
}
export declare class ClientFilter {
    search?: string | null;
    status?: ClientStatus | null;
    nationality?: string | null;
    practiceType?: PracticeType | null;
    practiceStatus?: PracticeStatus | null;
}
//# sourceMappingURL=client.input.d.ts.map