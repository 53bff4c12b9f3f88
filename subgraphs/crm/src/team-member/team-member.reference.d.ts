import type { CrmContext } from '../context.js';
export declare const resolveTeamMemberReference: (reference: {
    id: string;
}, context: CrmContext) => Promise<import("./team-member.entity.js").TeamMemberEntity | null>;
//# sourceMappingURL=team-member.reference.d.ts.map