import type { CrmContext } from '../context.js';
export declare const resolvePracticeReference: (reference: {
    id: string;
}, context: CrmContext) => Promise<import("./practice.entity.js").PracticeEntity | null>;
//# sourceMappingURL=practice.reference.d.ts.map