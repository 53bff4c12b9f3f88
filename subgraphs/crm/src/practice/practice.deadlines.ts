import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '@nusa/platform';
import { RecordReader } from '@nusa/subgraph';
import type { PracticeRecord } from '../loaders.js';
import { PracticeEntity } from './practice.entity.js';
import { PracticeStatus } from './practice.enums.js';

/** The office's time zone: "today" for a deadline is today in Bali (WITA). */
const OFFICE_TIME_ZONE = 'Asia/Makassar';
const MAX_WINDOW_DAYS = 366;
const MAX_RESULTS = 500;
/** How far back a passed expiry still counts as overdue: a permit expired long ago is history, not today's work. */
export const EXPIRED_LOOKBACK_DAYS = 30;
const DAY_MS = 86_400_000;

export enum DeadlineKind {
  DUE = 'DUE',
  EXPIRY = 'EXPIRY',
}

/** A practice's next date that needs attention, as of a day in the office. */
export interface Deadline {
  date: string;
  kind: DeadlineKind;
  /** Days from today in Bali; negative when it has passed. */
  daysLeft: number;
}

/** Made once: building a formatter costs far more than formatting with it, and every practice's next deadline asks. */
const OFFICE_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function dayInOffice(date: Date): string {
  return OFFICE_DAY.format(date);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The dates of a practice that still matter: the due date while the practice is open, the expiry
 * date while it is not cancelled (a completed KITAS still expires).
 */
function datesOf(practice: Pick<PracticeEntity, 'status' | 'dueDate' | 'expiryDate'>): { date: string; kind: DeadlineKind }[] {
  const dates: { date: string; kind: DeadlineKind }[] = [];
  const closed = practice.status === PracticeStatus.COMPLETED || practice.status === PracticeStatus.CANCELLED;
  if (practice.dueDate && !closed) dates.push({ date: practice.dueDate, kind: DeadlineKind.DUE });
  if (practice.expiryDate && practice.status !== PracticeStatus.CANCELLED)
    dates.push({ date: practice.expiryDate, kind: DeadlineKind.EXPIRY });
  return dates;
}

/**
 * The earliest date of a practice that falls on or after `from` (overdue ones included: a due date
 * of an open practice however old, an expiry up to {@link EXPIRED_LOOKBACK_DAYS} back); null when none.
 */
export function nextDeadline(practice: Pick<PracticeEntity, 'status' | 'dueDate' | 'expiryDate'>, now = new Date()): Deadline | null {
  const today = dayInOffice(now);
  const expiredSince = addDays(today, -EXPIRED_LOOKBACK_DAYS);
  const candidates = datesOf(practice)
    .filter(({ date, kind }) => kind === DeadlineKind.DUE || date >= expiredSince)
    .sort((a, b) => a.date.localeCompare(b.date));
  const first = candidates[0];
  return first ? { ...first, daysLeft: daysBetween(today, first.date) } : null;
}

/**
 * Practices whose due date (while the practice is open) or expiry date (while it is not
 * cancelled) falls within `withinDays` from today, soonest first; with `includeOverdue`, also those
 * whose due date has passed while still open and those whose permit expired in the last
 * {@link EXPIRED_LOOKBACK_DAYS} days, most overdue first.
 */
export async function upcomingDeadlines(
  em: EntityManager,
  withinDays: number,
  includeOverdue = false,
  now = new Date(),
): Promise<PracticeRecord[]> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WINDOW_DAYS) {
    throw badUserInput('withinDays', `must be between 0 and ${MAX_WINDOW_DAYS}, got ${withinDays}`);
  }
  const today = dayInOffice(now);
  const to = addDays(today, withinDays);
  const expiryFrom = includeOverdue ? addDays(today, -EXPIRED_LOOKBACK_DAYS) : today;
  // Read as records (a page of practices is only answered, never changed): no entities, identity map or references.
  const reader = RecordReader.of(em, PracticeEntity);
  // Overdue due dates count however old: with includeOverdue the due side has no lower bound.
  const dueFrom = includeOverdue ? [] : [today];
  const practices = await reader.read(
    em,
    `select ${reader.select} from "${reader.table}"
      where ("due_date" <= ?${includeOverdue ? '' : ' and "due_date" >= ?'} and "status" not in (?, ?))
         or ("expiry_date" >= ? and "expiry_date" <= ? and "status" <> ?)
      limit ${MAX_RESULTS}`,
    [to, ...dueFrom, PracticeStatus.COMPLETED, PracticeStatus.CANCELLED, expiryFrom, to, PracticeStatus.CANCELLED],
  );
  const deadlineOf = (practice: PracticeRecord): string => {
    const dates = datesOf(practice)
      .filter(({ date, kind }) => date <= to && date >= (includeOverdue ? (kind === DeadlineKind.DUE ? '' : expiryFrom) : today))
      .map(({ date }) => date)
      .sort();
    return dates[0] ?? to;
  };
  return practices
    .map((practice) => ({ practice, deadline: deadlineOf(practice) }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.practice.id.localeCompare(b.practice.id))
    .map(({ practice }) => practice);
}
