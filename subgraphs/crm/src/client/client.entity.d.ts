import { OptionalProps } from '@mikro-orm/core';
import { ClientStatus } from './client-status.js';
export declare class ClientEntity {
    [OptionalProps]?: 'status' | 'email' | 'phone' | 'nationality' | 'notes' | 'createdAt' | 'updatedAt';
    id: string;
    fullName: string;
    email: string | null;
    phone: string | null;
    nationality: string | null;
    status: ClientStatus;
    notes: string | null;
    createdAt: Date;
    updatedAt: Date;
}
//# sourceMappingURL=client.entity.d.ts.map