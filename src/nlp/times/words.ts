/**
 * The vocabulary of the time grammar: month and weekday names, number words, units of duration,
 * time zones and holidays, read from `data/lexicons/time-words.json`, and the pattern pieces built
 * from them (in file order, so that a longer word is tried before its prefix). Also the readings of
 * those words: a month's number, a quantity's value, a duration's ISO 8601 value.
 */
import { alternation, escapeRegExp, wordList, wordTable } from '../../lexicon/load.ts';

/** The lexicon file of time words. */
const LEX = 'time-words';

/** A non-capturing group of a lexicon list's entries (`raw`: the entries are pattern pieces). */
function group(key: string, raw = false): string {
  return `(?:${alternation(LEX, key, raw)})`;
}

/** Month names and their usual news abbreviations (capitalised: lower-case "may"/"march" are words). */
export const MONTHS: Readonly<Record<string, number>> = wordTable<number>(LEX, 'monthNumbers');
/** Full month names ("January"): a lone one may be a month. */
export const MONTH_NAMES = wordList(LEX, 'monthNames');
/** A full month name, as a pattern. */
export const MONTH_FULL = group('monthNames');
/** Abbreviations only count with a day or year after them ("Jan" alone is also a first name). */
export const MONTH_ABBR = `${group('monthAbbreviations')}\\.?`;
/** A full or abbreviated month name. */
export const MONTH_ANY = `(?:${MONTH_FULL}|${MONTH_ABBR})`;

/** Weekday names, Monday first (ISO 8601 weekday numbers 1-7). */
export const WEEKDAY_NAMES = wordList(LEX, 'weekdays');
/** A weekday's ISO number by its lower-case name ("monday" → 1). */
export const WEEKDAYS: Readonly<Record<string, number>> = Object.fromEntries(
  WEEKDAY_NAMES.map((d, i) => [d.toLowerCase(), i + 1]),
);
/** A weekday name, as a pattern. */
export const WEEKDAY = group('weekdays');

/** Parts of the day, as TimeML writes them after a date (`2025-07-19TMO`). */
export const PART_OF_DAY: Record<string, string> = {
  morning: 'MO',
  afternoon: 'AF',
  evening: 'EV',
  night: 'NI',
};
/** A part of the day, as a pattern. */
export const POD = '(?:morning|afternoon|evening|night)';

/** Years news writes as years: 1600-2099 (counts in that range are screened by YEAR_* guards). */
export const YEAR = '(?:1[6-9]\\d\\d|20\\d\\d)';
/** A day of the month, with or without an ordinal suffix, not the start of a longer number. */
export const DAY = '(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?(?![\\d%]|[.:]\\d)';

/** Number words and their values ("a dozen" → 12). */
const SMALL_NUMBERS = wordTable<number>(LEX, 'numberValues');
/** Quantities that make a duration of unknown length ("several years" → `PXY`). */
export const VAGUE_QUANTITY = group('vagueQuantities');
/** Number words of tens ("twenty") and of units ("one"), joined in "twenty-one". */
const TENS = group('tens');
const UNITS_WORD = group('unitNumbers');
/** A number word: "twenty-one", "a couple of", "seventeen", "forty", "seven", "an" (longer first). */
export const NUMBER_WORD =
  `(?:${TENS}[- ]${UNITS_WORD}|${alternation(LEX, 'numberWordsLong')}|` +
  `${TENS}|${alternation(LEX, 'numberWordsShort')}|an?)`;
/** A number of units: digits, number words, "two and a half", "half a". */
export const QUANTITY = `(?:half an?|(?:\\d+(?:\\.\\d+)?|${NUMBER_WORD})(?: and a half)?)`;

/** Units of duration and their ISO 8601 designators (decades and centuries count in years). */
export const UNIT_ISO = wordTable<{ designator: string; time: boolean; factor: number }>(LEX, 'unitIso');
/** Words that make a quantity a period before a unit ("the past two years", "the first week"). */
const DURATION_PERIODS = alternation(LEX, 'durationPeriods');
/** A quantity right before a unit ("three" in "three years ago"), read backwards from the unit. */
export const QUANTITY_BEFORE = new RegExp(`(?<![\\w-])(${QUANTITY})[\\s-]+$`, 'i');
/** What may stand before a unit in a duration, read backwards ("the past", "two and a half"). */
export const DURATION_HEAD = new RegExp(
  `(?:\\b(?:[Tt]he\\s+)?(${DURATION_PERIODS})\\s+)?(?:(?<![\\w-])(${QUANTITY}|${VAGUE_QUANTITY})[\\s-]+)?$`,
  'i',
);
/** A unit of duration, singular or plural. */
export const UNIT = group('unitPattern', true);
/** A unit of duration in the singular ("a week", "per year"). */
export const UNIT_SINGULAR = group('unitsSingular');

/** Time zones news quotes after a clock time, with their UTC offsets (`Z` for UTC itself). */
export const ZONES: Readonly<Record<string, string>> = wordTable(LEX, 'zoneOffsets');
/** A zone after a clock time: an offset from GMT/UTC or a zone name. */
export const ZONE = `(?:\\(?(?:GMT|UTC)\\s*[+-]\\s*\\d{1,2}(?::?\\d\\d)?\\)?|${group('zoneNames')}\\b)`;

/** Ordinals of a quarter or half ("the third quarter"), and the words the pattern accepts there. */
export const ORDINALS: Readonly<Record<string, number>> = wordTable<number>(LEX, 'ordinals');
export const QUARTER_ORDINALS = alternation(LEX, 'quarterOrdinals');
/** Seasons and their TimeML codes ("fall" is autumn). */
export const SEASONS: Record<string, string> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };

/** Set adjectives and adverbs ("weekly", "annual") and the period TimeML gives them. */
export const SET_WORDS: Readonly<Record<string, string>> = wordTable(LEX, 'setWords');
/** The set words as an alternation, in file order. */
export const SET_WORD = Object.keys(SET_WORDS).map(escapeRegExp).join('|');

/** Vague reference words and their TimeML value ("recently" PAST_REF, "now" PRESENT_REF). "now" and
 * "currently" are marked as the annotators of news mark them (TimeBank, AQUAINT and MEANTIME); they carry
 * no date, so nothing downstream dates an event by them or puts them on a timeline. */
export const REF_WORDS: Readonly<Record<string, string>> = wordTable(LEX, 'referenceWords');

/** The reference words read alone (not "the past", "the future": those come after "in"). */
export const REFERENCE_ALONE = Object.keys(REF_WORDS).filter((w) => !w.startsWith('the '));
/** They as a pattern, either case for their first letter ("Now", "now"). */
export const REFERENCE_WORDS = REFERENCE_ALONE.map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`).join('|');

/** Fixed-date and computable holidays (year left open; resolve.ts picks it). */
export const HOLIDAY_PATTERNS = wordList(LEX, 'holidayPattern');
/** A holiday name, as a pattern. */
export const HOLIDAYS = group('holidayPattern', true);
/** Words after a holiday name that make it part of another name ("Easter Island", "Christmas tree"). */
export const HOLIDAY_NOT_BEFORE = alternation(LEX, 'holidayNotBefore');

/** "last"/"past"/"previous" → last, "next"/"coming" → next, "this" → this. */
export const MODE: Readonly<Record<string, 'last' | 'next' | 'this'>> = wordTable<'last' | 'next' | 'this'>(
  LEX,
  'relativeModes',
);

/** A matched word in lower case, white space as one space, curly apostrophes straight. */
export function word(s: string | undefined): string {
  return (s ?? '').toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
}

/** A month name's number (1-12), 0 when it is none. */
export function monthOf(s: string): number {
  return MONTHS[word(s).replace(/\.$/, '')] ?? 0;
}

/** A day of the month ("19th" → 19). */
export function dayOf(s: string): number {
  return parseInt(s, 10);
}

/** The value of a quantity phrase; NaN when it is vague. */
export function quantity(s: string): number {
  let w = word(s);
  let half = 0;
  if (w.startsWith('half a')) return 0.5;
  if (w.endsWith(' and a half')) {
    half = 0.5;
    w = w.slice(0, -' and a half'.length);
  }
  if (/^\d/.test(w)) return parseFloat(w) + half;
  if (w in SMALL_NUMBERS) return SMALL_NUMBERS[w] + half;
  const parts = w.split(/[- ]/);
  if (parts.length === 2 && parts[0] in SMALL_NUMBERS && parts[1] in SMALL_NUMBERS) {
    return SMALL_NUMBERS[parts[0]] + SMALL_NUMBERS[parts[1]] + half;
  }
  return NaN;
}

/** A unit word in the singular ("centuries" → "century"). */
export function unitOf(s: string): string {
  const w = word(s);
  if (w === 'centuries') return 'century';
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

/** ISO 8601 duration for `n` units; `X` for an unknown number. */
export function durationValue(n: number, unitWord: string): string {
  const u = UNIT_ISO[unitOf(unitWord)];
  if (!u) return 'PX';
  if (Number.isNaN(n)) return `P${u.time ? 'T' : ''}X${u.designator}`;
  let amount = n * u.factor;
  let designator = u.designator;
  let time = u.time;
  // Half units read better in the next smaller unit ("half an hour" → PT30M).
  if (!Number.isInteger(amount)) {
    if (designator === 'H') {
      amount *= 60;
      designator = 'M';
    } else if (designator === 'D' && !time) {
      amount *= 24;
      designator = 'H';
      time = true;
    } else if (designator === 'W') {
      amount *= 7;
      designator = 'D';
    }
  }
  const num = Number.isInteger(amount) ? String(amount) : String(Math.round(amount * 100) / 100);
  return `P${time ? 'T' : ''}${num}${designator}`;
}
