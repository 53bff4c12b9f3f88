/** The number the two digits of `text` at `at` spell, or NaN when either is not a digit. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Powers of ten a fraction of one, two or three digits is scaled by, to milliseconds. */
const MILLIS_SCALE = [0, 100, 10, 1];
const MINUTE = 60_000;
const DAY = 86_400_000;

function isDay(year: number, month: number, day: number): boolean {
  if (!(month >= 0 && month <= 11 && day >= 1)) return false;
  const leap = month === 1 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (DAYS_IN_MONTH[month] ?? 0) + (leap ? 1 : 0);
}

/** Days since 1970-01-01 of a day of the proleptic Gregorian calendar (month from 0, year ≥ 1000): Date.UTC's arithmetic. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month < 2 ? year - 1 : year;
  const era = (y / 400) | 0;
  const yearOfEra = y - era * 400;
  const dayOfYear = (((153 * (month < 2 ? month + 10 : month - 2) + 2) / 5) | 0) + day - 1;
  return era * 146097 + yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear - 719468;
}

/**
 * PostgreSQL's text of a `date` or a `timestamptz` as a Date, exactly as `new Date(text)` reads it
 * (milliseconds truncated, the offset applied), at about two thirds of its cost: a page of records holds
 * a few hundred timestamps. `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS[.f…](+|-)HH[:MM]` are read here;
 * any other text (no offset, a year before 1000, `infinity`, BC, anything out of range) goes to `new Date`.
 */
export function dateOf(text: string): Date {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return new Date(text);
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5) - 1;
  const day = twoDigits(text, 8);
  if (!(year >= 1000) || !isDay(year, month, day)) return new Date(text);
  if (length === 10) return new Date(daysSinceEpoch(year, month, day) * DAY);
  if (length < 22 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return new Date(text);
  const hours = twoDigits(text, 11);
  const minutes = twoDigits(text, 14);
  const seconds = twoDigits(text, 17);
  if (!(hours <= 23 && minutes <= 59 && seconds <= 59)) return new Date(text);
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === 46) {
    // Digits past the third are read over, as `new Date` truncates them.
    at += 1;
    let digits = 0;
    for (let digit = text.charCodeAt(at) - 48; digit >= 0 && digit <= 9; digit = text.charCodeAt(at) - 48) {
      if (digits < 3) millis = millis * 10 + digit;
      digits += 1;
      at += 1;
    }
    if (digits === 0) return new Date(text);
    millis *= MILLIS_SCALE[Math.min(digits, 3)] ?? 0;
  }
  const sign = text.charCodeAt(at);
  const withMinutes = length === at + 6 && text.charCodeAt(at + 3) === 58;
  if ((sign !== 43 && sign !== 45) || !(length === at + 3 || withMinutes)) return new Date(text);
  const offset = twoDigits(text, at + 1) * 60 + (withMinutes ? twoDigits(text, at + 4) : 0);
  if (!(offset <= 24 * 60)) return new Date(text);
  const minutesOfDay = hours * 60 + minutes - (sign === 43 ? offset : -offset);
  return new Date(daysSinceEpoch(year, month, day) * DAY + minutesOfDay * MINUTE + seconds * 1000 + millis);
}
