/**
 * Anaphoric time expressions: dates that count from the date the narrative is at, not from the
 * publication day. "Kopp fled in June 1998 and returned later that year" (1998); "The attack came on
 * Monday. Two days later ..." (Wednesday); "Net income fell in the third quarter, from $5 million in
 * the year-earlier quarter" (the third quarter of the year before).
 *
 * The grammar part (`ANAPHORIC_RULES`) finds them and gives them an `anaphor` meaning: a shift of
 * `n` units from the date in focus. `../times.ts` chooses the focus (the last date the text gave
 * before, see `focusBefore` there) and `shiftValue` here applies the shift at the focus's own
 * precision: a year before a quarter is a quarter ("1988-Q3"), a year before a day is a day.
 *
 * Deictic forms stay with the grammar (`grammar.ts`): "next week", "three days ago" and "tomorrow"
 * count from the publication day (or the day a quotation was spoken).
 */
import {
  dayNumber,
  daysInMonth,
  fromDayNumber,
  isoDay,
  isoMonth,
  isoWeekMonday,
  isoWeekString,
  pad,
} from './calendar.ts';
import type { Rule, Sem } from './grammar.ts';
import { QUANTITY_BEFORE, quantity, unitOf } from './words.ts';
import { alternation, wordTable } from '../../lexicon/load.ts';

/** The units an anaphor shifts by. */
export type AnaphorUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** The lexicon file of time words. */
const LEX = 'time-words';
/** "following", "next" → +1; "previous", "preceding" → −1 (after "the"). */
const STEPS: Readonly<Record<string, number>> = wordTable<number>(LEX, 'anaphorSteps');
/** The unit a step is in ("the next morning" is a day on). */
const STEP_UNITS: Readonly<Record<string, AnaphorUnit>> = wordTable<AnaphorUnit>(LEX, 'anaphorUnits');

/** Units of shift, as written ("two days later", "the following week"). */
const UNIT_WORD = '(days?|weeks?|months?|years?)';

/** What follows "before"/"after" when they end the expression ("a week before, ..."), not when they
 * open a phrase of their own ("two days after the attack": counted from the attack, no date). */
const CLAUSE_END_AFTER = /^\s*(?:[.,;:!?)"”]|$)/;

/** A match's text, lower-cased. */
const lower = (s: string | undefined) => (s ?? '').toLowerCase();

export const ANAPHORIC_RULES: Rule[] = [
  // "two days later", "a year earlier", "a week before," "three months after."
  {
    name: 'anaphor-shift',
    needs: ['later', 'earlier', 'before', 'after'],
    re: new RegExp(`\\b${UNIT_WORD}\\s+(later|earlier|before|after)\\b`, 'gi'),
    kind: 'date',
    parse: (m, text) => {
      const head = QUANTITY_BEFORE.exec(text.slice(Math.max(0, m.index - 40), m.index));
      if (!head) return null;
      const n = quantity(head[1]);
      if (!Number.isFinite(n) || n !== Math.round(n)) return null;
      const dir = lower(m[2]);
      if ((dir === 'before' || dir === 'after') && !CLAUSE_END_AFTER.test(text.slice(m.index + m[0].length)))
        return null;
      const sign = dir === 'later' || dir === 'after' ? 1 : -1;
      const from = m.index - head[0].length;
      return { k: 'anaphor', unit: unitOf(m[1]) as AnaphorUnit, n: sign * n, whole: false, from };
    },
  },
  // "the following day", "the next morning", "the previous year", "the preceding week"
  {
    name: 'anaphor-next',
    needs: Object.keys(STEPS),
    re: new RegExp(`\\b[Tt]he\\s+(${Object.keys(STEPS).join('|')})\\s+(${Object.keys(STEP_UNITS).join('|')})\\b`, 'g'),
    kind: 'date',
    parse: (m) => ({ k: 'anaphor', unit: STEP_UNITS[m[2]], n: STEPS[m[1]], whole: true }),
  },
  // "that day", "that same week", "the same month", "later that year" (the modifier joins in times.ts)
  {
    name: 'anaphor-same',
    needs: ['that', 'same'],
    re: /\b(?:[Tt]hat(?:\s+same)?|[Tt]he\s+same)\s+(day|week|month|year)\b/g,
    kind: 'date',
    parse: (m, text) => {
      // "that day" as an object of a verb of saying stays ("said that day"); "so that day-care" does not match
      if (/^\s*-/.test(text.slice(m.index + m[0].length))) return null;
      return { k: 'anaphor', unit: m[1] as AnaphorUnit, n: 0, whole: true };
    },
  },
  // "the quarter", "the latest quarter", "the year-earlier quarter", "the year-ago period", "year-earlier"
  {
    name: 'anaphor-quarter',
    needs: ['quarter', 'period', 'year-earlier', 'year-ago'],
    re: new RegExp(
      `\\b(?:[Tt]he\\s+(?:(${alternation(LEX, 'quarterAnaphorBefore')})\\s+)?(quarter|period)` +
        `(?!\\s+(?:${alternation(LEX, 'quarterAnaphorNotBefore')})\\b)|(year-earlier|year-ago)(?=\\s+[a-z]))\\b`,
      'g',
    ),
    kind: 'date',
    parse: (m) => {
      const ago = /year-(?:earlier|ago)/.test(m[1] ?? m[3] ?? '');
      if (m[2] === 'period' && !ago) return null; // "the period" alone is any time
      return { k: 'anaphor', unit: 'quarter', n: ago ? -4 : 0, whole: true };
    },
  },
];

/** The precision of a value the anaphor can count from, or null when it is none (a duration, `PAST_REF`). */
function precisionOf(value: string): 'day' | 'week' | 'month' | 'quarter' | 'year' | null {
  if (/^\d{4}-\d\d-\d\d/.test(value)) return 'day';
  if (/^\d{4}-W\d\d$/.test(value)) return 'week';
  if (/^\d{4}-\d\d$/.test(value)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(value)) return 'quarter';
  if (/^\d{4}$/.test(value)) return 'year';
  return null;
}

/** Whether a value can be the focus of an anaphor of `unit` (a quarter anaphor needs a quarter). */
export function canFocus(value: string, unit: AnaphorUnit): boolean {
  const p = precisionOf(value);
  return unit === 'quarter' ? p === 'quarter' : p !== null;
}

/** Months in a unit. */
const MONTHS_IN: Partial<Record<AnaphorUnit, number>> = { month: 1, quarter: 3, year: 12 };

/**
 * `focus` shifted by `n` units, at the focus's precision where the unit is as coarse or coarser ("a year
 * before 1989-Q3" is 1988-Q3), else at the unit's ("the next day" after July 1998 is not known to the day:
 * the month stays, 1998-07).
 */
export function shiftValue(focus: string, unit: AnaphorUnit, n: number): string {
  const p = precisionOf(focus);
  const y = +focus.slice(0, 4);
  switch (p) {
    case 'day': {
      const d = dayNumber(y, +focus.slice(5, 7), +focus.slice(8, 10));
      if (unit === 'day') return isoDay(d + n);
      if (unit === 'week') return isoDay(d + 7 * n);
      const { m, d: dd } = fromDayNumber(d);
      const shifted = isoMonth(y, m + n * MONTHS_IN[unit]!);
      return `${shifted}-${pad(Math.min(dd, daysInMonth(+shifted.slice(0, 4), +shifted.slice(5, 7))))}`;
    }
    case 'week': {
      const monday = isoWeekMonday(y, +focus.slice(6));
      if (unit === 'day' || unit === 'week') return isoWeekString(monday + (unit === 'week' ? 7 * n : n));
      return isoWeekString(monday + Math.round((365.25 / 12) * n * MONTHS_IN[unit]!));
    }
    case 'month':
      return unit === 'day' || unit === 'week' ? focus : isoMonth(y, +focus.slice(5, 7) + n * MONTHS_IN[unit]!);
    case 'quarter': {
      if (unit === 'day' || unit === 'week' || unit === 'month') return focus;
      const q = y * 4 + (+focus[6] - 1) + (unit === 'year' ? 4 * n : n);
      return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
    }
    case 'year':
      return unit === 'year' ? String(y + n) : focus;
  }
  return focus;
}

/** The quarter before the one holding a day: the quarter an earnings report speaks of ("the quarter"). */
export function reportedQuarter(day: number): string {
  const { y, m } = fromDayNumber(day);
  const q = y * 4 + Math.floor((m - 1) / 3) - 1;
  return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
}

/** The anaphor's value: a shift from the focus; with no focus, from the reference day (its quarter
 * anaphors from the quarter before it); open (`XXXX-XX-XX`) when there is neither. */
export function resolveAnaphor(sem: Extract<Sem, { k: 'anaphor' }>, focus: string | null, ref: number | null): string {
  if (focus === null && ref === null) return sem.unit === 'quarter' ? 'XXXX-QX' : 'XXXX-XX-XX';
  const from = focus ?? (sem.unit === 'quarter' ? reportedQuarter(ref!) : isoDay(ref!));
  const shifted = shiftValue(from, sem.unit, sem.n);
  return sem.whole ? truncate(shifted, sem.unit) : shifted;
}

/** A value cut to a unit's precision, where it is finer ("that year" in June 1998 is 1998). */
function truncate(value: string, unit: AnaphorUnit): string {
  const p = precisionOf(value);
  if (p === null || RANK[p] >= RANK[unit]) return value;
  const y = +value.slice(0, 4);
  switch (unit) {
    case 'year':
      return String(y);
    case 'quarter':
      return p === 'week' ? value : `${y}-Q${Math.floor((+value.slice(5, 7) - 1) / 3) + 1}`;
    case 'month':
      return p === 'day' ? value.slice(0, 7) : value;
    case 'week':
      return isoWeekString(dayNumber(y, +value.slice(5, 7), +value.slice(8, 10)));
  }
  return value;
}

/** Precisions from fine to coarse. */
const RANK: Record<AnaphorUnit, number> = { day: 0, week: 1, month: 2, quarter: 3, year: 4 };

/** Whether an anaphor's date becomes the date in focus: a comparison a year or more back ("from $5 million
 * a year earlier", "the year-earlier quarter") does not move the narrative, a step in it does ("the next day"). */
export function movesFocus(sem: Sem): boolean {
  if (sem.k !== 'anaphor') return true;
  return !(sem.unit === 'year' && !sem.whole) && !(sem.unit === 'quarter' && sem.n < 0);
}
