/**
 * Anchoring: turn the meaning of a time expression (`Sem`, see grammar.ts) into an ISO 8601 /
 * TimeML value, given the reference day (the publication day, or the day a quotation was spoken)
 * and the tense around the expression.
 *
 * Without a reference day, relative expressions keep their open parts as TimeML writes them:
 * `XXXX-XX-XX` ("yesterday"), `XXXX-WXX` ("this week"), `XXXX-XX` ("last month"), `XXXX`
 * ("next year"), `XXXX-07-19` ("July 19"), `XXXX-WXX-3` ("on Wednesday").
 */
import {
  dayNumber,
  easter,
  fromDayNumber,
  isoDay,
  isoMonth,
  isoWeekString,
  isoWeekday,
  nthWeekday,
  pad,
} from './calendar.ts';
import type { Sem } from './grammar.ts';
import { resolveAnaphor } from './anaphora.ts';
import { ZONES } from './words.ts';
import { wordTable } from '../../lexicon/load.ts';

/** TimeML's open value of a relative period when no reference day is known ("this week" → `XXXX-WXX`). */
const OPEN_VALUES = wordTable('time-words', 'openValues');

/** Tense around an expression: −1 past, +1 future, 0 unknown (news leans to the past). */
export type Direction = -1 | 0 | 1;

/** A month-day without a year in past-tense text may still lie this many days after the reference. */
const PAST_GRACE_DAYS = 3;
/** A month-day in future-tense text may lie this many days before the reference (late reporting). */
const FUTURE_GRACE_DAYS = 3;
/** A month-day without a year this close to the reference is in the reference's year, whatever the
 * tense (a reporter names the year of a date further away than a few weeks). */
const NEAR_DAYS = 31;

/**
 * The cost of a reading `d` days from the reference: |d| for a past reading, d × FUTURE_COST for a future
 * one (news reports the past), and with a future marker in the sentence ("will", "is due to") the past
 * costs PAST_COST_IN_FUTURE times as much instead. A past-tense verb is no surer sign of a past date than
 * none: the reporting verb of a sentence about next February is past too ("he said it would open in
 * February"). Chosen on the tuning part of TBAQ (`npm run eval:times -- --data …/TBAQ-cleaned`): value F1
 * 76.0 with the past tense as a hard constraint, 77.3 as it is; future weights from 1.5 to 3 score alike.
 */
const FUTURE_COST = 3;
const PAST_COST_IN_FUTURE = 1000;
const PAST_WEIGHT: Record<Direction, number> = { [-1]: 1, 0: 1, 1: PAST_COST_IN_FUTURE };
const FUTURE_WEIGHT: Record<Direction, number> = { [-1]: FUTURE_COST, 0: FUTURE_COST, 1: 1 };

/** Pick the year of a month(-day) without one: the cheapest reading, past-leaning, tense-aware. */
function chooseYear(ref: number, dir: Direction, dayIn: (y: number) => number, grace: boolean): number {
  const y0 = fromDayNumber(ref).y;
  const years = [y0 - 1, y0, y0 + 1];
  const diffs = years.map((y) => dayIn(y) - ref);
  if (grace && Math.abs(diffs[1]) <= NEAR_DAYS) return years[1];
  const pastGrace = grace ? (dir > 0 ? -FUTURE_GRACE_DAYS : PAST_GRACE_DAYS) : 0;
  let best = 1;
  let bestCost = Infinity;
  for (let i = 0; i < years.length; i++) {
    const cost = diffs[i] <= pastGrace ? Math.abs(diffs[i]) * PAST_WEIGHT[dir] : diffs[i] * FUTURE_WEIGHT[dir];
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  return years[best];
}

/** The first day of the month of a day number. */
function monthStart(ref: number): number {
  const { y, m } = fromDayNumber(ref);
  return dayNumber(y, m, 1);
}

/** The month a quarter, half or season starts in (winter starts in December). */
const PART_START_MONTH: Record<string, number> = {
  Q1: 1,
  Q2: 4,
  Q3: 7,
  Q4: 10,
  H1: 1,
  H2: 7,
  SP: 3,
  SU: 6,
  FA: 9,
  WI: 12,
};

/** The day of a holiday in year `y` (1 January for a name it does not know). */
function holidayDay(name: string, y: number): number {
  switch (name) {
    case 'christmas':
    case 'christmas day':
      return dayNumber(y, 12, 25);
    case 'christmas eve':
      return dayNumber(y, 12, 24);
    case 'boxing day':
      return dayNumber(y, 12, 26);
    case "new year's day":
    case 'new year':
    case "new year's":
      return dayNumber(y, 1, 1);
    case "new year's eve":
      return dayNumber(y, 12, 31);
    case 'easter':
    case 'easter sunday':
      return easter(y);
    case 'easter monday':
      return easter(y) + 1;
    case 'good friday':
      return easter(y) - 2;
    case 'halloween':
      return dayNumber(y, 10, 31);
    case "valentine's day":
      return dayNumber(y, 2, 14);
    case 'fourth of july':
      return dayNumber(y, 7, 4);
    case 'bastille day':
      return dayNumber(y, 7, 14);
    case 'thanksgiving':
    case 'thanksgiving day':
      return nthWeekday(y, 11, 4, 4);
    case 'labor day':
      return nthWeekday(y, 9, 1, 1);
    case 'memorial day':
      return nthWeekday(y, 6, 1, 1) - 7;
    default:
      return dayNumber(y, 1, 1);
  }
}

/** A date value with its part of day (`2025-07-19TMO`). */
function withPod(value: string, pod: string | undefined): string {
  return pod ? `${value}T${pod}` : value;
}

/** Resolve a meaning against `ref` (a day number, or null when the anchor is unknown). */
export function resolveSem(sem: Sem, ref: number | null, dir: Direction): string {
  switch (sem.k) {
    case 'fixed':
      return sem.value;
    case 'date': {
      const { m, d } = sem;
      let y = sem.y;
      if (y === undefined && m !== undefined && sem.yRel !== undefined && ref !== null)
        y = fromDayNumber(ref).y + sem.yRel;
      if (y === undefined && m !== undefined) {
        if (ref === null) return withPod(d ? `XXXX-${pad(m)}-${pad(d)}` : `XXXX-${pad(m)}`, sem.pod);
        y = d
          ? chooseYear(ref, dir, (yy) => dayNumber(yy, m, Math.min(d, 28)), true)
          : chooseYear(monthStart(ref), dir, (yy) => dayNumber(yy, m, 1), false);
      }
      if (y === undefined) return 'XXXX';
      if (m === undefined) return String(y);
      return withPod(d ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : `${pad(y, 4)}-${pad(m)}`, sem.pod);
    }
    case 'rel': {
      if (ref === null) {
        return withPod(OPEN_VALUES[sem.unit], sem.pod);
      }
      const { y, m } = fromDayNumber(ref);
      switch (sem.unit) {
        case 'day':
          return withPod(isoDay(ref + sem.n), sem.pod);
        case 'week':
          return isoWeekString(ref + 7 * sem.n);
        case 'weekend':
          return `${isoWeekString(ref + 7 * sem.n)}-WE`;
        case 'month':
          return isoMonth(y, m + sem.n);
        case 'year':
          return String(y + sem.n);
        case 'quarter': {
          const q = Math.floor((m - 1) / 3) + sem.n;
          const yy = y + Math.floor(q / 4);
          return `${yy}-Q${(((q % 4) + 4) % 4) + 1}`;
        }
        case 'decade':
          return String(Math.floor(y / 10) + sem.n);
      }
      return 'XXXX';
    }
    case 'dow': {
      if (ref === null) return withPod(`XXXX-WXX-${sem.dow}`, sem.pod);
      const today = isoWeekday(ref);
      const back = (today - sem.dow + 7) % 7; // days back to the most recent such weekday (0 = today)
      const ahead = (sem.dow - today + 7) % 7;
      let day: number;
      if (sem.mode === 'last') day = ref - (back === 0 ? 7 : back);
      else if (sem.mode === 'next') day = ref + (ahead === 0 ? 7 : ahead);
      else if (sem.mode === 'this') day = dir < 0 ? ref - back : ref + ahead;
      else {
        // a past-tense verb beside a weekday is sure ("on Tuesday delivered"): the weekday is past
        const next = ahead === 0 ? 7 : ahead;
        day = dir < 0 || back * PAST_WEIGHT[dir] <= next * FUTURE_WEIGHT[dir] ? ref - back : ref + next;
      }
      return withPod(isoDay(day), sem.pod);
    }
    case 'month': {
      if (ref === null) return `XXXX-${pad(sem.m)}`;
      const { y, m } = fromDayNumber(ref);
      if (sem.mode === 'this') return isoMonth(y, sem.m);
      if (sem.mode === 'last') return isoMonth(sem.m < m ? y : y - 1, sem.m);
      return isoMonth(sem.m > m ? y : y + 1, sem.m);
    }
    case 'ago': {
      if (ref === null) return sem.unit === 'year' ? 'XXXX' : 'XXXX-XX-XX';
      const { y, m } = fromDayNumber(ref);
      const n = sem.n;
      switch (sem.unit) {
        case 'second':
        case 'minute':
        case 'hour':
          return isoDay(ref - Math.floor(n / (sem.unit === 'hour' ? 24 : 1440)));
        case 'day':
        case 'night':
          return isoDay(ref - Math.round(n));
        case 'week':
          return isoWeekString(ref - Math.round(7 * n));
        case 'fortnight':
          return isoWeekString(ref - Math.round(14 * n));
        case 'month':
          return isoMonth(y, m - Math.round(n));
        case 'quarter':
          return isoMonth(y, m - Math.round(3 * n));
        case 'year':
          return String(y - Math.round(n));
        case 'decade':
          return String(y - Math.round(10 * n));
        case 'century':
          return String(y - Math.round(100 * n));
      }
      return 'PAST_REF';
    }
    case 'part': {
      if (sem.y !== undefined) return `${sem.y}-${sem.code}`;
      if (ref === null) return `XXXX-${sem.code}`;
      const { y, m } = fromDayNumber(ref);
      if (sem.prev) {
        const q = Math.floor((m - 1) / 3) - 1;
        return `${y + Math.floor(q / 4)}-Q${(((q % 4) + 4) % 4) + 1}`;
      }
      if (sem.rel !== undefined) return `${y + sem.rel}-${sem.code}`;
      const start = PART_START_MONTH[sem.code] ?? 1;
      if (dir > 0) return `${start + 2 >= m ? y : y + 1}-${sem.code}`;
      return `${start <= m ? y : y - 1}-${sem.code}`;
    }
    case 'holiday': {
      if (sem.y !== undefined) return isoDay(holidayDay(sem.name, sem.y));
      if (ref === null) return 'XXXX-XX-XX';
      const y = chooseYear(ref, dir, (yy) => holidayDay(sem.name, yy), true);
      return isoDay(holidayDay(sem.name, y));
    }
    case 'clock':
      return clockValue(sem.h, sem.min, sem.zone, null);
    case 'anaphor':
      return resolveAnaphor(sem, null, ref);
  }
}

/** `2025-07-19T15:00Z`, or `T15:00` when no day is known. */
export function clockValue(h: number, min: number, zone: string, day: string | null): string {
  const z = zone.replace(/[()\s]/g, '');
  const explicit = /^(?:GMT|UTC)([+-])(\d{1,2}):?(\d\d)?$/.exec(z);
  const offset = explicit ? `${explicit[1]}${pad(+explicit[2])}:${explicit[3] ?? '00'}` : (ZONES[z] ?? '');
  return `${day ?? ''}T${pad(h)}:${pad(min)}${offset}`;
}
