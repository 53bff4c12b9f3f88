import { PageInfo } from '@nusa/shared';
import { ClientStatus } from './client-status.js';
export declare class Client {
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
export declare class ClientEdge {
    cursor: string;
    node: Client;
}
export declare class ClientConnection {
    edges: ClientEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}
//# sourceMappingURL=client.type.d.ts.map