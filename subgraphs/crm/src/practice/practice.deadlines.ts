import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '@nusa/platform';
import { PracticeEntity } from './practice.entity.js';
import { PracticeStatus } from './practice.enums.js';

/** The office's time zone: "today" for a deadline is today in Bali (WITA). */
const OFFICE_TIME_ZONE = 'Asia/Makassar';
const MAX_WINDOW_DAYS = 366;
const MAX_RESULTS = 500;

function dayInOffice(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The earliest of a practice's due and expiry dates that falls inside [from, to]. */
function deadlineIn(practice: PracticeEntity, from: string, to: string): string | undefined {
  return [practice.dueDate, practice.expiryDate].filter((day): day is string => day !== null && day >= from && day <= to).sort()[0];
}

/**
 * Practices whose due date (while the practice is open) or expiry date (while it is not
 * cancelled: a completed KITAS still expires) falls within `withinDays` from today, soonest first.
 */
export async function upcomingDeadlines(em: EntityManager, withinDays: number, now = new Date()): Promise<PracticeEntity[]> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WINDOW_DAYS) {
    throw badUserInput('withinDays', `must be between 0 and ${MAX_WINDOW_DAYS}, got ${withinDays}`);
  }
  const from = dayInOffice(now);
  const to = addDays(from, withinDays);
  const practices = await em.find(
    PracticeEntity,
    {
      $or: [
        { dueDate: { $gte: from, $lte: to }, status: { $nin: [PracticeStatus.COMPLETED, PracticeStatus.CANCELLED] } },
        { expiryDate: { $gte: from, $lte: to }, status: { $ne: PracticeStatus.CANCELLED } },
      ],
    },
    { limit: MAX_RESULTS },
  );
  return practices
    .map((practice) => ({ practice, deadline: deadlineIn(practice, from, to) ?? to }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.practice.id.localeCompare(b.practice.id))
    .map(({ practice }) => practice);
}
