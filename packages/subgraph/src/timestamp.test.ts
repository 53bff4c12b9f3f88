import { dateOf } from './timestamp';

/** `new Date(text)`'s time, NaN for an invalid date, to compare with `dateOf`'s. */
const timeOf = (date: Date) => date.getTime();

describe('dateOf', () => {
  it('reads what PostgreSQL writes exactly as new Date does', () => {
    for (const text of [
      '2026-12-08 01:46:14.649247+00',
      '2026-12-08 01:46:14.6499+00',
      '2026-12-08 01:46:14.64+00',
      '2026-12-08 01:46:14.6+00',
      '2026-12-08 01:46:14+00',
      '2026-12-08 01:46:14.6+05:30',
      '2026-12-08 01:46:14.6-07',
      '2026-12-08 23:59:59.999-09:30',
      '1969-12-31 23:59:59.999+00',
      '2024-02-29 12:00:00+00',
      '2000-02-29',
      '2026-12-08',
      '1000-01-01 00:00:00+00',
    ]) {
      expect([text, timeOf(dateOf(text))]).toEqual([text, timeOf(new Date(text))]);
    }
  });

  it('reads random timestamps at every precision and offset as new Date does', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % below;
    };
    const two = (value: number) => String(value).padStart(2, '0');
    for (let i = 0; i < 5_000; i += 1) {
      const date = new Date(Date.UTC(1900, 0, 1) + random(2_000_000_000) * 2_000 + random(1000));
      const fraction = String(random(1_000_000)).padStart(6, '0').slice(0, random(7));
      const offsetMinutes = random(2) ? random(15) * 60 : random(29) * 30;
      const sign = random(2) ? '+' : '-';
      const offset = `${sign}${two(Math.floor(offsetMinutes / 60))}${offsetMinutes % 60 || random(2) ? `:${two(offsetMinutes % 60)}` : ''}`;
      const iso = date.toISOString();
      const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}${offset}`;
      expect([text, timeOf(dateOf(text))]).toEqual([text, timeOf(new Date(text))]);
      const day = iso.slice(0, 10);
      expect([day, timeOf(dateOf(day))]).toEqual([day, timeOf(new Date(day))]);
    }
  });

  it('leaves to new Date what it does not read itself', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '2026-12-08 01:46:14.649247',
      '2026-12-08T01:46:14.649Z',
      '0050-06-01 00:00:00+00',
      '2026-02-30 00:00:00+00',
      '2026-13-01',
      '2026-12-08 24:00:00+00',
      '2026-12-08 01:46:14.+00',
      '2026-12-08 01:46:14 BC',
      '12026-12-08 01:46:14+00',
    ]) {
      expect([text, timeOf(dateOf(text))]).toEqual([text, timeOf(new Date(text))]);
    }
  });
});
