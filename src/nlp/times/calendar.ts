/**
 * Calendar arithmetic for time normalisation: days as integers (days since 1970-01-01, UTC, so no
 * time zone or DST can shift a date), ISO weeks, and the ISO 8601 strings TimeML values use.
 */

export interface Ymd {
  y: number;
  m: number; // 1-12
  d: number; // 1-31
}

/** Milliseconds in a day: day numbers count days since 1970-01-01 (UTC). */
const MS_PER_DAY = 86_400_000;

/** The day number of a calendar date. */
export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** The calendar date of a day number. */
export function fromDayNumber(n: number): Ymd {
  const dt = new Date(n * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(n: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** Parse `YYYY-MM-DD` (or a longer ISO timestamp) into a day number; null when not a valid date. */
export function parseIsoDay(s: string | undefined | null): number | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayNumber(y, mo, d);
}

/** Days in month `m` of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A number with leading zeros to `width` digits. */
export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A day number as `YYYY-MM-DD`. */
export function isoDay(n: number): string {
  const { y, m, d } = fromDayNumber(n);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** A month as `YYYY-MM`, months past either end of the year carried over. */
export function isoMonth(y: number, m: number): string {
  // Normalise month overflow (m = 0 → December of the previous year).
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return `${pad(yy, 4)}-${pad(mm)}`;
}

/** ISO 8601 week of a day number: `{ year, week }` (the week-year can differ from the calendar year). */
export function isoWeek(n: number): { year: number; week: number } {
  const thursday = n - isoWeekday(n) + 4; // the Thursday of this ISO week decides its year
  const year = fromDayNumber(thursday).y;
  const jan1 = dayNumber(year, 1, 1);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** The day number of the Monday of ISO week `week` of week-year `year` (week 1 holds 4 January). */
export function isoWeekMonday(year: number, week: number): number {
  const jan4 = dayNumber(year, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1) + (week - 1) * 7;
}

/** The ISO week of a day number as `YYYY-Www`. */
export function isoWeekString(n: number): string {
  const { year, week } = isoWeek(n);
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** Easter Sunday (Gregorian, anonymous algorithm) as a day number. */
export function easter(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(y, month, day);
}

/** The n-th (1-based) given ISO weekday of a month, as a day number. */
export function nthWeekday(y: number, m: number, weekday: number, nth: number): number {
  const first = dayNumber(y, m, 1);
  const offset = (weekday - isoWeekday(first) + 7) % 7;
  return first + offset + (nth - 1) * 7;
}
