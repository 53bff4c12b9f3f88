import { badUserInput } from '@nusa/platform';
import { PracticeStatus } from './practice.enums.js';

const S = PracticeStatus;

/** Which status may follow which: the agency's case workflow. */
export const TRANSITIONS: Readonly<Record<PracticeStatus, readonly PracticeStatus[]>> = {
  [S.INQUIRY]: [S.DOCUMENTS_PENDING, S.CANCELLED],
  [S.DOCUMENTS_PENDING]: [S.SUBMITTED, S.CANCELLED],
  [S.SUBMITTED]: [S.IN_PROGRESS, S.REJECTED, S.CANCELLED],
  [S.IN_PROGRESS]: [S.APPROVED, S.REJECTED, S.CANCELLED],
  [S.APPROVED]: [S.COMPLETED],
  [S.REJECTED]: [S.DOCUMENTS_PENDING, S.CANCELLED],
  [S.COMPLETED]: [],
  [S.CANCELLED]: [],
};

/** Statuses in which nothing more happens to a practice. */
export const CLOSED_STATUSES: readonly PracticeStatus[] = [S.COMPLETED, S.CANCELLED];

/** Throws `BAD_USER_INPUT` naming both states when `to` may not follow `from`. */
export function assertTransition(from: PracticeStatus, to: PracticeStatus): void {
  const allowed = TRANSITIONS[from];
  if (allowed.includes(to)) return;
  const next = allowed.length > 0 ? `allowed from ${from}: ${allowed.join(', ')}` : `${from} is final`;
  throw badUserInput('status', `a practice cannot move from ${from} to ${to} (${next})`);
}
