import type { CrmContext } from '../context.js';
export declare const resolveInteractionReference: (reference: {
    id: string;
}, context: CrmContext) => Promise<import("./interaction.entity.js").InteractionEntity | null>;
//# sourceMappingURL=interaction.reference.d.ts.map