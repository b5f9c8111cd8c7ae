/**
 * The day format of the data model: `published`, filters and resolved dates are ISO 8601 calendar
 * days (`YYYY-MM-DD`), months (`YYYY-MM`) or years (`YYYY`). These checks reject what looks right
 * but names no day ("2026-13-45", "2026-02-30") wherever a date comes in: CLI, records, API.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL = /^(\d{4})(?:-(\d{2}))?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `s` is a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** Whether `s` is a day, a month (`YYYY-MM`) or a year (`YYYY`) that exists: what date filters take. */
export function isDateFilter(s: string): boolean {
  if (isCalendarDay(s)) return true;
  const m = PARTIAL.exec(s);
  return m !== null && (m[2] === undefined || (Number(m[2]) >= 1 && Number(m[2]) <= 12));
}
