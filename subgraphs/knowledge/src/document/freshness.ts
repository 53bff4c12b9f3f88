/** How long a document may go unchecked before it needs review, by default (`KNOWLEDGE_REVIEW_AFTER_DAYS`). */
export const DEFAULT_REVIEW_AFTER_DAYS = 365;

/** What decides whether a document needs review. */
export interface Freshness {
  lastCheckedAt: Date;
  /** YYYY-MM-DD: the last day it holds. */
  validUntil: string | null;
}

/** A calendar day as YYYY-MM-DD, in UTC. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Past its last valid day, or not checked for longer than `reviewAfterDays`. */
export function needsReview(document: Freshness, reviewAfterDays: number, now: Date = new Date()): boolean {
  if (document.validUntil !== null && document.validUntil < dayOf(now)) return true;
  return now.getTime() - document.lastCheckedAt.getTime() > reviewAfterDays * 86_400_000;
}

/**
 * {@link needsReview} in SQL over the document aliased `d`, with one parameter: the number of days.
 * The same rule as the function, so counts, citations and the document agree.
 */
export const NEEDS_REVIEW_SQL = `(coalesce(d.valid_until < (now() at time zone 'utc')::date, false) or d.last_checked_at < now() - make_interval(days => ?))`;

/** A real calendar day written YYYY-MM-DD, else undefined. */
export function parseDay(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && dayOf(date) === text ? text : undefined;
}
