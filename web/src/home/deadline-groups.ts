import { daysBetween } from '../ui/format';

export interface Deadline<P> {
  practice: P;
  /** The day (YYYY-MM-DD, in Bali) and what happens on it. */
  day: string;
  kind: 'due' | 'expires';
  /** Days from today in Bali; negative when past. */
  days: number;
}

export interface DeadlineGroups<P> {
  overdue: Deadline<P>[];
  thisWeek: Deadline<P>[];
  thisMonth: Deadline<P>[];
}

interface Dated {
  dueDate: string | null;
  expiryDate: string | null;
}

/**
 * Each practice's nearest deadline from `today` on (its due date, else its expiry date; a due date
 * already past, or a permit already expired, makes it overdue), grouped: overdue, within 7 days,
 * within 30 days.
 */
export function groupDeadlines<P extends Dated>(practices: readonly P[], today: string): DeadlineGroups<P> {
  const groups: DeadlineGroups<P> = { overdue: [], thisWeek: [], thisMonth: [] };
  for (const practice of practices) {
    const candidates = [
      practice.dueDate ? { day: practice.dueDate, kind: 'due' as const } : null,
      practice.expiryDate ? { day: practice.expiryDate, kind: 'expires' as const } : null,
    ].filter((entry): entry is { day: string; kind: 'due' | 'expires' } => entry !== null);
    const upcoming = candidates.filter((entry) => entry.day >= today).sort((a, b) => a.day.localeCompare(b.day))[0];
    // A passed due date first, else a passed expiry (the CRM sends those with includeOverdue).
    const past = candidates.find((entry) => entry.kind === 'due' && entry.day < today) ?? candidates.find((entry) => entry.day < today);
    const chosen = past ?? upcoming;
    if (!chosen) continue;
    const deadline = { practice, ...chosen, days: daysBetween(today, chosen.day) };
    if (deadline.days < 0) groups.overdue.push(deadline);
    else if (deadline.days < 7) groups.thisWeek.push(deadline);
    else if (deadline.days <= 30) groups.thisMonth.push(deadline);
  }
  const byDay = (a: Deadline<P>, b: Deadline<P>) => a.day.localeCompare(b.day);
  for (const list of [groups.overdue, groups.thisWeek, groups.thisMonth]) list.sort(byDay);
  return groups;
}
