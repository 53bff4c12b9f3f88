import type { CrmContext } from '../context.js';
export declare const resolveClientReference: (reference: {
    id: string;
}, context: CrmContext) => Promise<import("./client.entity.js").ClientEntity | null>;
//# sourceMappingURL=client.reference.d.ts.map