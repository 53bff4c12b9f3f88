import { PracticeStatus } from './practice.enums.js';
/** Which status may follow which: the agency's case workflow. */
export declare const TRANSITIONS: Readonly<Record<PracticeStatus, readonly PracticeStatus[]>>;
/** Statuses in which nothing more happens to a practice. */
export declare const CLOSED_STATUSES: readonly PracticeStatus[];
/** Throws `BAD_USER_INPUT` naming both states when `to` may not follow `from`. */
export declare function assertTransition(from: PracticeStatus, to: PracticeStatus): void;
//# sourceMappingURL=practice.workflow.d.ts.map