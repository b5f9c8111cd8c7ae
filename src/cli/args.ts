/** Argument parsers shared by the CLI's commands: a bad value is one line naming the option (exit 2). */
import { InvalidArgumentError } from 'commander';
import { isCalendarDay, isDateFilter } from '../model/dates.ts';

/** `--limit`: a whole number from 1 to 100,000 (commander prints the message and exits 2). */
export function limitArg(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1 || n > 100_000) {
    throw new InvalidArgumentError('Give a whole number from 1 to 100000.');
  }
  return n;
}

/** `--published`: a calendar day that exists. */
export function dayArg(v: string): string {
  if (!isCalendarDay(v)) throw new InvalidArgumentError('Give a calendar day that exists, YYYY-MM-DD.');
  return v;
}

/** `--since` / `--until`: a day, month or year that exists. */
export function dateFilterArg(v: string): string {
  if (!isDateFilter(v)) throw new InvalidArgumentError('Give a date that exists: YYYY, YYYY-MM or YYYY-MM-DD.');
  return v;
}
