const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const idrFormat = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR' });

/** The office's time zone: deadlines are days in Bali (WITA, UTC+8), as the CRM counts them. */
export const OFFICE_TIME_ZONE = 'Asia/Makassar';

const officeDay = new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** A date-time from the API (ISO 8601) for people. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** The day of a date-time from the API (ISO 8601), for people. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** A calendar date from the API (YYYY-MM-DD, no time zone) for people. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return dateFormat.format(new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1));
}

/** A deadline (a day in Bali) in the viewer's locale, saying which time zone the day is in. */
export function formatDeadline(day: string): string {
  return `${formatDay(day)} (WITA)`;
}

/** A price in rupiah, as Indonesians write it (Rp 12.500.000). */
export function formatIdr(amount: number): string {
  return idrFormat.format(amount);
}

/** Today in Bali (YYYY-MM-DD). */
export function todayInOffice(now = new Date()): string {
  return officeDay.format(now);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "today", "tomorrow", "in 5 days", "3 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
