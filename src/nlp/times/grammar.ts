/**
 * The grammar of English time expressions in news: what counts as a time expression and what it
 * means before it is anchored to a day.
 *
 * Every rule is a regular expression plus a parser that turns the match into a `Sem` (the meaning
 * with its anchor left open: "last Sunday" is `{ k: 'dow', dow: 7, mode: 'last' }`). Resolution
 * against a reference day happens in `resolve.ts`; choosing among overlapping matches happens in
 * `../times.ts`. The vocabulary comes first, each piece with the reason it exists.
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Month names and their usual news abbreviations (capitalised: lower-case "may"/"march" are words). */
export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH_FULL = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/** Abbreviations only count with a day or year after them ("Jan" alone is also a first name). */
const MONTH_ABBR = '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const MONTH_ANY = `(?:${MONTH_FULL}|${MONTH_ABBR})`;

export const WEEKDAYS: Record<string, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

/** Parts of the day, as TimeML writes them after a date (`2025-07-19TMO`). */
export const PART_OF_DAY: Record<string, string> = {
  morning: 'MO',
  afternoon: 'AF',
  evening: 'EV',
  night: 'NI',
};
const POD = '(?:morning|afternoon|evening|night)';

/** Years news writes as years: 1600-2099 (counts in that range are screened by YEAR_* guards). */
const YEAR = '(?:1[6-9]\\d\\d|20\\d\\d)';
/** A day of the month, with or without an ordinal suffix, not the start of a longer number. */
const DAY = '(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?(?![\\d:%]|\\.\\d)';

const SMALL_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  'a dozen': 12,
  'a couple of': 2,
  'a couple': 2,
  couple: 2,
  'a hundred': 100,
  'a thousand': 1000,
};
/** Quantities that make a duration of unknown length ("several years" → `PXY`). */
const VAGUE_QUANTITY = '(?:several|a few|few|many|a number of|dozens of|hundreds of|some|countless|numerous)';
const TENS = '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)';
const UNITS_WORD = '(?:one|two|three|four|five|six|seven|eight|nine)';
const NUMBER_WORD =
  `(?:${TENS}[- ]${UNITS_WORD}|a couple of|a dozen|a hundred|a thousand|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|` +
  `${TENS}|one|two|three|four|five|six|seven|eight|nine|ten|hundred|dozen|an?)`;
/** A number of units: digits, number words, "two and a half", "half a". */
const QUANTITY = `(?:half an?|(?:\\d+(?:\\.\\d+)?|${NUMBER_WORD})(?: and a half)?)`;

/** Units of duration and their ISO 8601 designators (decades and centuries count in years). */
export const UNIT_ISO: Record<string, { designator: string; time: boolean; factor: number }> = {
  second: { designator: 'S', time: true, factor: 1 },
  minute: { designator: 'M', time: true, factor: 1 },
  hour: { designator: 'H', time: true, factor: 1 },
  day: { designator: 'D', time: false, factor: 1 },
  night: { designator: 'D', time: false, factor: 1 },
  week: { designator: 'W', time: false, factor: 1 },
  fortnight: { designator: 'W', time: false, factor: 2 },
  month: { designator: 'M', time: false, factor: 1 },
  quarter: { designator: 'M', time: false, factor: 3 },
  year: { designator: 'Y', time: false, factor: 1 },
  decade: { designator: 'Y', time: false, factor: 10 },
  century: { designator: 'Y', time: false, factor: 100 },
};
/** A quantity right before a unit ("three" in "three years ago"), read backwards from the unit. */
const QUANTITY_BEFORE = new RegExp(`(?<![\\w-])(${QUANTITY})[\\s-]+$`, 'i');
/** What may stand before a unit in a duration, read backwards ("the past", "two and a half"). */
const DURATION_HEAD = new RegExp(
  `(?:\\b(?:[Tt]he\\s+)?(past|last|previous|next|coming|following|first|final)\\s+)?(?:(?<![\\w-])(${QUANTITY}|${VAGUE_QUANTITY})[\\s-]+)?$`,
  'i',
);
const UNIT = '(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|century|centuries)';
const UNIT_SINGULAR = '(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century)';

/** Time zones news quotes after a clock time, with their UTC offsets (`Z` for UTC itself). */
export const ZONES: Record<string, string> = {
  GMT: 'Z',
  UTC: 'Z',
  Z: 'Z',
  BST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  MSK: '+03:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  JST: '+09:00',
  AEST: '+10:00',
  AEDT: '+11:00',
  IST: '',
  ET: '',
  PT: '',
};
const ZONE =
  '(?:\\(?(?:GMT|UTC)\\s*[+-]\\s*\\d{1,2}(?::?\\d\\d)?\\)?|(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|JST|AEST|AEDT|IST|ET|PT|local time)\\b)';

const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  final: 4,
};
const SEASONS: Record<string, string> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };

/** Set adjectives and adverbs ("weekly", "annual") and the period TimeML gives them. */
const SET_WORDS: Record<string, string> = {
  hourly: 'PT1H',
  daily: 'P1D',
  nightly: 'P1D',
  weekly: 'P1W',
  fortnightly: 'P2W',
  monthly: 'P1M',
  quarterly: 'P3M',
  annual: 'P1Y',
  annually: 'P1Y',
  yearly: 'P1Y',
};

/** Vague reference words TimeML normalises to PAST_REF/PRESENT_REF/FUTURE_REF. "now" is left out on
 * purpose: in news it is mostly a discourse marker ("the country was now a safer place"); so are
 * "currently" and "these days" (PRESENT_REF carries no date an analyst can use). */
const REF_WORDS: Record<string, string> = {
  recently: 'PAST_REF',
  'the past': 'PAST_REF',
  'the future': 'FUTURE_REF',
};

/** Fixed-date and computable holidays (year left open; resolve.ts picks it). */
const HOLIDAYS =
  "(?:Christmas(?: Day| Eve)?|New Year[’']s(?: Day| Eve)?|Easter(?: Sunday| Monday)?|Good Friday|Halloween|Valentine[’']s Day|Boxing Day|Thanksgiving(?: Day)?|Fourth of July|Bastille Day|Labor Day|Memorial Day)";

// ---------------------------------------------------------------------------------------------
// Guards: context that makes a match something else than a time
// ---------------------------------------------------------------------------------------------

/** Words before a lone month name that make it a month ("in May", "since March", "last June"). */
const MONTH_CUE_BEFORE = new Set([
  'in',
  'since',
  'until',
  'till',
  'by',
  'during',
  'from',
  'to',
  'through',
  'throughout',
  'last',
  'next',
  'this',
  'early',
  'late',
  'mid',
  'before',
  'after',
  'of',
  'between',
  'and',
  'or',
  'on',
  'around',
  'about',
  'for',
  'that',
  'every',
  'each',
  'starting',
  'ending',
]);
/** Words after a weekday that make it part of a name ("Sunday Times", "Friday Prayers" is kept). */
const WEEKDAY_NAME_AFTER =
  /^\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Mail|Independent|Star|Sport|World|Tribune|Journal|Observer|Review|Magazine|Edition|Politics|School|League|Club|Market|Night Live|Morning Herald|Bloody|Business|Age|People|Sun)\b/;
/** A capitalised word right before a weekday makes a name ("Bloody Sunday", "Mail on Sunday"). */
const WEEKDAY_NAME_BEFORE =
  /\b(?!(?:On|Last|Next|This|Since|By|Until|Till|Every|Each|Before|After|From|Through|Early|Late|And|Or|But|Then|Between|Of)\b)[A-Z][\w’'-]*\s+$/;
/** Newspapers named after a weekday ("The Mail on Sunday"). */
const WEEKDAY_PAPER_BEFORE =
  /\b(?:Mail|Independent|Express|Mirror|People|Post|Times|Telegraph|Herald|Observer|Sport|Star)\s+on\s+$/;
/** Quantity words before a four-digit number make it a count, not a year ("some 2000 troops"). */
const YEAR_COUNT_BEFORE =
  /(?:\b(?:about|around|some|nearly|almost|over|than|least|approximately|roughly|estimated|just|only|another|additional|extra|total of|up to|No\.?|number|page|pages|flight|route|model|room|code|article|resolution|section)\s+|[$£€¥#]\s*)$/i;
/** Count nouns after a four-digit number make it a count ("2000 people"). */
const YEAR_COUNT_AFTER =
  /^\s*(?:%|per cent|percent|people|persons|troops|soldiers|men|women|children|refugees|jobs|workers|employees|staff|homes|houses|units|cars|vehicles|aircraft|planes|flights|passengers|votes|cases|deaths|points|km|kilometres|kilometers|miles|metres|meters|feet|ft|m\b|tonnes|tons|barrels|acres|hectares|words|pages|euros|dollars|pounds|yen|shares|hp|rpm|calories|kg|lb)/i;
/** Characters glued to a four-digit number that make it part of another number ("1,2000", "20.2025"). */
const YEAR_GLUE_BEFORE = /[\d.,:/$£€]$/;
/** A number and a dash before a four-digit number: a phone number or a code ("212-859-1620"),
 * unless the number before is a year ("2009-2011"). */
const NUMBER_DASH_BEFORE = /\d[-–]$/;
const YEAR_DASH_BEFORE = /(?<!\d)(?:1[6-9]\d\d|20\d\d)\s*[-–]$/;
const YEAR_GLUE_AFTER = /^(?:[.,:/]\d|\d|[A-Za-z])/;
/** Ages are not durations ("a 27-year-old man"). */
const AGE_AFTER = /^[\s-]+old\b/i;
/** "Today", "Yesterday" capitalised mid-sentence are names ("the Today programme", "USA Today"). */
const SENTENCE_START_BEFORE = /(?:^|[.!?:;"“‘'([\n—–-]\s*|\n\s*)$/;
/** Before a clock time without am/pm or zone: words that make "10:30" a time (not a score). */
const CLOCK_CUE_BEFORE =
  /\b(?:at|by|from|until|till|to|around|about|before|after|since|between|and|approximately|shortly|roughly|circa)\s+$/i;
/** Something of money or count right before "a year"/"a day" makes it a rate ("$5 a day"). */
/** A frequency before "a week" ("twice a week", "three times a year"). */
const TIMES_BEFORE = new RegExp(`\\b(?:once|twice|thrice|(?:${NUMBER_WORD}|\\d+) times)\\s+$`, 'i');
const RATE_BEFORE =
  /(?:[\d%]|\b(?:bn|m|k|million|billion|trillion|thousand|hundred|dollars|pounds|euros|times|once|twice|thrice|cents|pence|hours|minutes|miles|kilometres|km|calories))[\s,]*$/i;

// ---------------------------------------------------------------------------------------------
// Meaning before anchoring
// ---------------------------------------------------------------------------------------------

export type Sem =
  /** A calendar date; a missing year is chosen relative to the reference day. */
  | { k: 'date'; y?: number; m?: number; d?: number; pod?: string }
  /** `n` units from the reference day ("yesterday" = day −1, "last month" = month −1). */
  | { k: 'rel'; unit: 'day' | 'week' | 'weekend' | 'month' | 'year' | 'quarter' | 'decade'; n: number; pod?: string }
  /** A weekday: the last one, the next one, or chosen by tense. */
  | { k: 'dow'; dow: number; mode: 'last' | 'next' | 'this' | 'bare'; pod?: string }
  /** A month with "last"/"next"/"this" and no year ("last July"). */
  | { k: 'month'; m: number; mode: 'last' | 'next' | 'this' }
  /** `n` units before the reference day ("three years ago"). */
  | { k: 'ago'; n: number; unit: string }
  /** A part of a year: quarter `Q1`..`Q4`, half `H1`/`H2`, season `SP`/`SU`/`FA`/`WI`. */
  | { k: 'part'; code: string; y?: number; rel?: number; prev?: boolean }
  | { k: 'holiday'; name: string; y?: number }
  /** A value that needs no anchor (durations, sets, decades, PAST_REF, bare years). */
  | { k: 'fixed'; value: string }
  /** A clock time, anchored later to the day it is on. */
  | { k: 'clock'; h: number; min: number; zone: string };

/** A meaning, and where the expression starts when the rule matched its head and read words before
 * it (rules match a rare head word such as "ago" or "years" first: much faster than a pattern that
 * may start at any word). */
export type Parsed = Sem & { from?: number };

export type Kind = 'date' | 'time' | 'duration' | 'set';

export interface Rule {
  name: string;
  re: RegExp;
  kind: Kind;
  /**
   * Strings one of which every match of `re` contains, in lower case when `re` ignores case: a text
   * without any of them cannot match, so the rule is skipped there (a speed filter only; it never
   * changes what is found). Left out when nearly every text has one (digits, "day", "year").
   * Lower-casing the text for a case-ignoring pattern is safe: without the `u` flag such a pattern
   * folds ASCII letters only onto ASCII letters, which lower-casing maps one to one.
   */
  needs?: readonly string[];
  /** Turn a match into a meaning, or reject it (null) when context shows it is no time. */
  parse(m: RegExpExecArray, text: string): Parsed | null;
  /** The kind when it depends on the match (a date with a part of day is a time). */
  kindOf?(sem: Sem): Kind;
}

function word(s: string | undefined): string {
  return (s ?? '').toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
}

function monthOf(s: string): number {
  return MONTHS[word(s).replace(/\.$/, '')] ?? 0;
}

function dayOf(s: string): number {
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

function unitOf(s: string): string {
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

function before(text: string, index: number, width = 40): string {
  return text.slice(Math.max(0, index - width), index);
}

function after(text: string, index: number, width = 40): string {
  return text.slice(index, index + width);
}

/** The lower-cased word right before `index` (skipping spaces and hyphens). */
function lastWord(text: string, index: number): string {
  let j = index;
  while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '-' || text[j - 1] === '\n')) j--;
  let i = j;
  while (i > 0 && /\w/.test(text[i - 1])) i--;
  return text.slice(i, j).toLowerCase();
}

function capitalised(s: string): boolean {
  return /^[A-Z]/.test(s);
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

// What rules' matches must contain (`Rule.needs`), read off their patterns.
/** Every weekday name (`WEEKDAY`). */
const NEEDS_WEEKDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Every month name and abbreviation (`MONTH_ANY`, `MONTH_FULL`) starts with one of these. */
const NEEDS_MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The units of "this week", "the end of the month" (`relative-period`, `period-part`). */
const NEEDS_PERIOD = ['week', 'month', 'year', 'quarter', 'decade'];

const MODE: Record<string, 'last' | 'next' | 'this'> = {
  last: 'last',
  past: 'last',
  previous: 'last',
  next: 'next',
  coming: 'next',
  this: 'this',
};

export const RULES: Rule[] = [
  // "Saturday, July 19, 2025", "Saturday 19 July": the weekday only confirms the date.
  {
    name: 'weekday-date',
    needs: NEEDS_WEEKDAY,
    re: new RegExp(
      `\\b${WEEKDAY},?\\s+(?:(${MONTH_ANY})\\s+(${DAY})|(?:the\\s+)?(${DAY})\\s+(?:of\\s+)?(${MONTH_ANY}))(?:,?\\s+(${YEAR}))?\\b`,
      'g',
    ),
    kind: 'date',
    parse: (m) => ({
      k: 'date',
      m: monthOf(m[1] ?? m[4]),
      d: dayOf(m[2] ?? m[3]),
      y: m[5] ? +m[5] : undefined,
    }),
  },
  // "July 19", "July 19th, 2025", "Sept. 5 2024"
  {
    name: 'month-day',
    needs: NEEDS_MONTH,
    re: new RegExp(`\\b(${MONTH_ANY})\\s+(${DAY})(?:(?:,\\s*|\\s+)(${YEAR}))?\\b`, 'g'),
    kind: 'date',
    parse: (m) => ({ k: 'date', m: monthOf(m[1]), d: dayOf(m[2]), y: m[3] ? +m[3] : undefined }),
  },
  // "19 July", "the 19th of July 2025"
  {
    name: 'day-month',
    needs: NEEDS_MONTH,
    re: new RegExp(`\\b(?:the\\s+)?(${DAY})\\s+(?:of\\s+)?(${MONTH_ANY})(?:,?\\s+(${YEAR}))?\\b`, 'g'),
    kind: 'date',
    parse: (m) => ({ k: 'date', m: monthOf(m[2]), d: dayOf(m[1]), y: m[3] ? +m[3] : undefined }),
  },
  // "July 2025", "July of 2025"
  {
    name: 'month-year',
    needs: NEEDS_MONTH,
    re: new RegExp(`\\b(${MONTH_ANY}),?\\s+(?:of\\s+)?(${YEAR})\\b`, 'g'),
    kind: 'date',
    parse: (m) => ({ k: 'date', m: monthOf(m[1]), y: +m[2] }),
  },
  // "last July", "next March", "this June"
  {
    name: 'month-relative',
    needs: NEEDS_MONTH,
    re: new RegExp(`\\b([Ll]ast|[Nn]ext|[Tt]his)\\s+(${MONTH_FULL})\\b`, 'g'),
    kind: 'date',
    parse: (m) => ({ k: 'month', m: monthOf(m[2]), mode: MODE[word(m[1])] }),
  },
  // "in May", "since March": a lone month only after a word that makes it one.
  {
    name: 'month',
    needs: NEEDS_MONTH,
    re: new RegExp(`\\b(${MONTH_FULL})\\b(?!\\s+\\d)`, 'g'),
    kind: 'date',
    parse: (m, text) => (MONTH_CUE_BEFORE.has(lastWord(text, m.index)) ? { k: 'date', m: monthOf(m[1]) } : null),
  },
  // ISO dates in text: "2025-07-19"
  {
    name: 'iso-date',
    re: /\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g,
    kind: 'date',
    parse: (m) => ({ k: 'date', y: +m[1], m: +m[2], d: +m[3] }),
  },
  // "the 1990s", "the '90s", "the 2010s"
  {
    name: 'decade',
    needs: ['0s'],
    re: /\b(?:[Tt]he\s+)?(?:(1[6-9]\d|20\d)0s\b|['’](\d)0s\b)/g,
    kind: 'date',
    parse: (m) => ({ k: 'fixed', value: m[1] ?? `19${m[2]}` }),
  },
  // "the 20th century", "the nineteenth century"
  {
    name: 'century',
    needs: ['century'],
    re: /\b(?:[Tt]he\s+)?(1\d|2[01]|nineteenth|twentieth|twenty-first)(?:st|nd|rd|th)?\s+century\b/g,
    kind: 'date',
    parse: (m) => {
      const n = { nineteenth: 19, twentieth: 20, 'twenty-first': 21 }[m[1]] ?? +m[1];
      return { k: 'fixed', value: String(n - 1).padStart(2, '0') };
    },
  },
  // "2025", "in 1998": a four-digit year unless context shows a count or a name.
  {
    name: 'year',
    re: new RegExp(`\\b(${YEAR})\\b`, 'g'),
    kind: 'date',
    parse: (m, text) => {
      const b = before(text, m.index);
      const a = after(text, m.index + m[0].length);
      if (YEAR_GLUE_BEFORE.test(b) || YEAR_GLUE_AFTER.test(a)) return null;
      if (NUMBER_DASH_BEFORE.test(b) && !YEAR_DASH_BEFORE.test(b)) return null; // a phone number
      if (YEAR_COUNT_BEFORE.test(b) || YEAR_COUNT_AFTER.test(a)) return null;
      return { k: 'fixed', value: m[1] };
    },
  },
  // "FY2025", "fiscal 2024"
  {
    name: 'fiscal-year',
    needs: ['FY', 'fiscal'],
    re: new RegExp(`\\b(?:FY\\s?|fiscal(?: year)?\\s+)(${YEAR}|\\d\\d)\\b`, 'g'),
    kind: 'date',
    parse: (m) => ({ k: 'fixed', value: `FY${m[1].length === 2 ? '20' + m[1] : m[1]}` }),
  },
  // "the third quarter of 2024", "the first half of the year", "Q3 2024", "H1"
  {
    name: 'quarter',
    needs: ['quarter', 'half'],
    re: new RegExp(
      `\\b(?:[Tt]he\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last)\\s+(quarter|half)(?:\\s+of\\s+(?:(${YEAR})|(?:the|this)\\s+year|(last|next|the previous|the following)\\s+year))?\\b`,
      'g',
    ),
    kind: 'date',
    parse: (m) => {
      const ofYear = m[3] !== undefined || /\byear$/.test(m[0]);
      if (m[2] === 'half' && (!ofYear || m[1] === 'last' || m[1] === 'final')) return null;
      const rel = m[4] ? (/last|previous/.test(m[4]) ? -1 : 1) : ofYear && !m[3] ? 0 : undefined;
      if (m[1] === 'last' && !ofYear) return { k: 'part', code: 'Q', prev: true };
      const n = m[1] === 'last' ? 4 : ORDINALS[m[1]];
      const code = m[2] === 'half' ? `H${n <= 2 ? n : 2}` : `Q${n}`;
      return { k: 'part', code, y: m[3] ? +m[3] : undefined, rel };
    },
  },
  {
    name: 'quarter-code',
    needs: ['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'H3', 'H4'],
    re: new RegExp(`\\b([QH])([1-4])(?:\\s+(${YEAR})|\\s*['’](\\d\\d))?\\b`, 'g'),
    kind: 'date',
    parse: (m) => {
      if (m[1] === 'H' && +m[2] > 2) return null;
      if (!m[3] && !m[4]) return null; // "Q3" alone is too often a product or a code
      return { k: 'part', code: `${m[1]}${m[2]}`, y: m[3] ? +m[3] : 2000 + +m[4] };
    },
  },
  // "summer 2024", "last winter", "this spring", "in the autumn"
  {
    name: 'season',
    needs: ['pring', 'ummer', 'utumn', 'Fall', 'fall', 'Winter', 'winter'],
    re: new RegExp(
      `\\b(?:([Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Ee]arly|[Ll]ate|[Tt]he)\\s+)?([Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\\s+(?:of\\s+)?(${YEAR}))?\\b`,
      'g',
    ),
    kind: 'date',
    parse: (m, text) => {
      const pre = word(m[1]);
      const season = SEASONS[word(m[2])];
      if (m[3]) return { k: 'part', code: season, y: +m[3] };
      if (pre === 'this') return { k: 'part', code: season, rel: 0 };
      if (pre === 'last' || pre === 'past') return { k: 'part', code: season, rel: -1 };
      if (pre === 'next') return { k: 'part', code: season, rel: 1 };
      if (season === 'FA' && word(m[2]) === 'fall') return null; // "the fall of Kabul"
      // "in the summer", "during the winter": the season of the reference year.
      if (
        pre === 'the' &&
        /\b(?:in|during|over|by|until|since|through|throughout|before|after)\s+$/i.test(before(text, m.index)) &&
        !/^\s+of\b/.test(after(text, m.index + m[0].length))
      ) {
        return { k: 'part', code: season };
      }
      return null;
    },
  },
  // "yesterday", "today", "tomorrow", "tonight", "yesterday morning", "the day before yesterday"
  {
    name: 'relative-day',
    needs: ['esterday', 'oday', 'omorrow', 'onight'],
    re: new RegExp(
      `\\b(?:(?:[Tt]he day (before|after))\\s+)?([Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)(?:\\s+(${POD}))?\\b`,
      'g',
    ),
    kind: 'date',
    parse: (m, text) => {
      if (capitalised(m[2]) && !m[1] && !SENTENCE_START_BEFORE.test(before(text, m.index))) return null;
      const w = word(m[2]);
      let n = w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0;
      if (m[1] === 'before') n -= 1;
      if (m[1] === 'after') n += 1;
      const pod = w === 'tonight' ? 'NI' : m[3] ? PART_OF_DAY[word(m[3])] : undefined;
      return { k: 'rel', unit: 'day', n, pod };
    },
    kindOf: (s) => ('pod' in s && s.pod ? 'time' : 'date'),
  },
  // "last night", "this morning"
  {
    name: 'relative-pod',
    needs: ['morning', 'afternoon', 'evening', 'night'],
    re: new RegExp(`\\b([Ll]ast|[Tt]his)\\s+(${POD})\\b`, 'g'),
    kind: 'time',
    parse: (m) => {
      const pod = PART_OF_DAY[word(m[2])];
      if (word(m[1]) === 'last') return pod === 'NI' || pod === 'EV' ? { k: 'rel', unit: 'day', n: -1, pod } : null;
      return { k: 'rel', unit: 'day', n: 0, pod };
    },
  },
  // "this week", "last month", "next year", "this weekend", "last decade"
  {
    name: 'relative-period',
    needs: NEEDS_PERIOD,
    re: /\b([Tt]his|[Ll]ast|[Nn]ext)\s+(week|weekend|month|year|quarter|decade)\b/g,
    kind: 'date',
    parse: (m, text) => {
      if (/\bthe\s+$/i.test(before(text, m.index))) return null; // "the last year" is a duration
      const n = word(m[1]) === 'last' ? -1 : word(m[1]) === 'next' ? 1 : 0;
      return { k: 'rel', unit: m[2] as 'week', n };
    },
  },
  // "the beginning of the year", "the end of the month": the period of the reference day.
  {
    name: 'period-part',
    needs: NEEDS_PERIOD,
    re: /\b[Tt]he\s+(?:very\s+)?(?:beginning|start|end|middle|rest|turn)\s+of\s+the\s+(week|month|year|decade)\b/g,
    kind: 'date',
    parse: (m) => ({ k: 'rel', unit: m[1] as 'week', n: 0 }),
  },
  // "on Wednesday", "last Sunday", "next Friday", "Monday night"
  {
    name: 'weekday',
    needs: NEEDS_WEEKDAY,
    re: new RegExp(`\\b(?:([Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\\s+)?(${WEEKDAY})(?:\\s+(${POD}))?\\b`, 'g'),
    kind: 'date',
    parse: (m, text) => {
      const end = m.index + m[0].length;
      if (!m[3] && WEEKDAY_NAME_AFTER.test(after(text, end))) return null;
      if (
        !m[1] &&
        WEEKDAY_NAME_BEFORE.test(before(text, m.index)) &&
        !SENTENCE_START_BEFORE.test(before(text, m.index).replace(/[A-Z][\w’'-]*\s+$/, ''))
      )
        return null;
      if (!m[1] && WEEKDAY_PAPER_BEFORE.test(before(text, m.index))) return null;
      const mode = m[1] ? MODE[word(m[1])] : 'bare';
      return { k: 'dow', dow: WEEKDAYS[word(m[2])], mode, pod: m[3] ? PART_OF_DAY[word(m[3])] : undefined };
    },
    kindOf: (s) => ('pod' in s && s.pod ? 'time' : 'date'),
  },
  // "three years ago", "a week ago", "years ago"
  {
    name: 'ago',
    needs: ['ago'],
    re: new RegExp(`\\b(${UNIT})\\s+ago\\b`, 'gi'),
    kind: 'date',
    parse: (m, text) => {
      const head = QUANTITY_BEFORE.exec(before(text, m.index));
      const n = head ? quantity(head[1]) : NaN;
      const from = head ? m.index - head[0].length : m.index;
      if (Number.isNaN(n)) return { k: 'fixed', value: 'PAST_REF', from };
      return { k: 'ago', n, unit: unitOf(m[1]), from };
    },
  },
  // Holidays: "Christmas", "Easter Sunday", "New Year's Eve"
  {
    name: 'holiday',
    needs: [
      'Christmas',
      'New Year',
      'Easter',
      'Good Friday',
      'Halloween',
      'Valentine',
      'Boxing Day',
      'Thanksgiving',
      'Fourth of July',
      'Bastille Day',
      'Labor Day',
      'Memorial Day',
    ],
    re: new RegExp(
      `\\b(${HOLIDAYS})(?:,?\\s+(${YEAR}))?\\b(?!\\s+(?:Island|Rising|Islands|tree|trees|card|cards|party|market|markets|shopping|lights|decorations|carol|carols)\\b)`,
      'g',
    ),
    kind: 'date',
    parse: (m) => ({ k: 'holiday', name: word(m[1]), y: m[2] ? +m[2] : undefined }),
  },
  // Clock times with am/pm: "3pm", "10.30am", "3:15 p.m. EST"
  {
    name: 'clock-ampm',
    re: new RegExp(`\\b(1[0-2]|0?[1-9])(?:[:.]([0-5]\\d))?\\s*([AaPp])(?:\\.[Mm]\\.|[Mm]\\b)(?:\\s+(${ZONE}))?`, 'g'),
    kind: 'time',
    parse: (m) => {
      let h = +m[1] % 12;
      if (word(m[3]) === 'p') h += 12;
      return { k: 'clock', h, min: m[2] ? +m[2] : 0, zone: m[4] ?? '' };
    },
  },
  // 24-hour clock: "18:00 UTC", "10:30 GMT", "at 14:45", "1800 GMT"
  {
    name: 'clock-24',
    re: new RegExp(
      `\\b(?:([01]?\\d|2[0-3]):([0-5]\\d)|([01]\\d|2[0-3])([0-5]\\d)(?=\\s*(?:GMT|UTC|hrs\\b)))(?:\\s*(${ZONE}|hrs\\b|h\\b))?(?![\\d:])`,
      'g',
    ),
    kind: 'time',
    parse: (m, text) => {
      const zone = m[5] ?? '';
      if (!zone && !CLOCK_CUE_BEFORE.test(before(text, m.index))) return null;
      return { k: 'clock', h: +(m[1] ?? m[3]), min: +(m[2] ?? m[4]), zone };
    },
  },
  // "noon", "midnight"
  {
    name: 'clock-word',
    needs: ['noon', 'midday', 'midnight'],
    re: /\b(noon|midday|midnight)\b/g,
    kind: 'time',
    parse: (m) => ({ k: 'clock', h: m[1] === 'midnight' ? 24 : 12, min: 0, zone: '' }),
  },
  // Sets: "every Monday", "each year", "every two weeks", "on Mondays"
  {
    name: 'set-every',
    needs: ['very', 'Each', 'each'],
    re: new RegExp(
      `\\b(?:[Ee]very|[Ee]ach)\\s+(?:(other)\\s+)?(?:(${QUANTITY})\\s+)?(${UNIT}|${WEEKDAY}|${POD})\\b`,
      'g',
    ),
    kind: 'set',
    parse: (m) => {
      const what = word(m[3]);
      if (what in WEEKDAYS) return { k: 'fixed', value: `XXXX-WXX-${WEEKDAYS[what]}` };
      if (what in PART_OF_DAY) return { k: 'fixed', value: `XXXX-XX-XXT${PART_OF_DAY[what]}` };
      const n = m[2] ? quantity(m[2]) : m[1] ? 2 : 1;
      return { k: 'fixed', value: durationValue(n, what) };
    },
  },
  {
    name: 'set-weekdays',
    needs: NEEDS_WEEKDAY.map((d) => d + 's'),
    re: new RegExp(`\\b(${WEEKDAY})s\\b`, 'g'),
    kind: 'set',
    parse: (m, text) =>
      lastWord(text, m.index) === 'on' ? { k: 'fixed', value: `XXXX-WXX-${WEEKDAYS[word(m[1])]}` } : null,
  },
  // Rates: "twice a week", "$5 a day", "per year"
  {
    name: 'set-rate',
    re: new RegExp(`\\b(?:[Aa]n?|[Pp]er)\\s+(${UNIT_SINGULAR})\\b`, 'g'),
    kind: 'set',
    parse: (m, text) => {
      const times = TIMES_BEFORE.exec(before(text, m.index));
      const rate = times !== null || /^per\s/i.test(m[0]);
      if (!rate && !RATE_BEFORE.test(before(text, m.index))) return null;
      if (AGE_AFTER.test(after(text, m.index + m[0].length))) return null;
      return { k: 'fixed', value: durationValue(1, m[1]), from: times ? m.index - times[0].length : m.index };
    },
  },
  {
    name: 'set-word',
    needs: ['hourly', 'daily', 'nightly', 'weekly', 'monthly', 'quarterly', 'annual', 'yearly'],
    re: /\b(hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|annual|annually|yearly)\b/g,
    kind: 'set',
    parse: (m) => ({ k: 'fixed', value: SET_WORDS[m[1]] }),
  },
  // Durations: "14 years", "a decade", "48 hours", "two and a half years", "the past decade",
  // "the next four years", "a 12-hour shift", "several years"
  {
    name: 'duration',
    re: new RegExp(`\\b(${UNIT})(?:-long)?\\b`, 'gi'),
    kind: 'duration',
    parse: (u, text) => {
      // Read the head backwards: "[the past|next] [quantity] unit".
      const head = DURATION_HEAD.exec(before(text, u.index, 60));
      const m = [head![0] + u[0], head![1], head![2], u[1]] as unknown as RegExpExecArray;
      m.index = u.index - head![0].length;
      const end = u.index + u[0].length;
      if (AGE_AFTER.test(after(text, end))) return null;
      if (/^\s+ago\b/i.test(after(text, end))) return null;
      const unit = unitOf(m[3]);
      const plural = /s$/i.test(m[3]) && unit !== m[3].toLowerCase();
      const period = m[1] ? word(m[1]) : '';
      if (!m[2]) {
        // A bare unit is a duration only after "the past/next" ("the past decade") or when plural
        // after a preposition of extent ("for years", "over the years", "in recent years").
        if (period && /^the\s/i.test(m[0]) && !plural)
          return { k: 'fixed', value: durationValue(1, unit), from: m.index };
        if (plural && /-long$/i.test(m[0])) return { k: 'fixed', value: durationValue(NaN, unit), from: m.index };
        if (
          plural &&
          /\b(?:for|over the|recent|for many|the past few|the last few|the next few|the coming|within|in)\s+$/i.test(
            before(text, m.index),
          )
        ) {
          return { k: 'fixed', value: durationValue(NaN, unit), from: m.index };
        }
        return null;
      }
      if (period && !/^the\s/i.test(m[0]) && !['first', 'final'].includes(period)) return null; // "last year": a date rule's
      const n = quantity(m[2]);
      if (Number.isNaN(n) && !new RegExp(`^${VAGUE_QUANTITY}$`, 'i').test(m[2].trim())) return null;
      if (/^an?$/i.test(m[2].trim()) && RATE_BEFORE.test(before(text, m.index))) return null; // a rate
      if (/^(?:an?|one)\s+second$/i.test(m[0]) && /^\s+\w/.test(after(text, end))) return null; // "a second plane"
      // A hyphenated "27-year" before a noun is a duration adjective; "year-old" was excluded above.
      return { k: 'fixed', value: durationValue(n, unit), from: m.index };
    },
  },
  // "over the years", "in recent years", "the past few months": durations of unknown length
  {
    name: 'vague-duration',
    needs: ['ver the', 'ecent', ' few'],
    re: new RegExp(`\\b(?:[Oo]ver the|[Rr]ecent|[Tt]he (?:past|last|next|coming) few)\\s+(${UNIT})\\b`, 'g'),
    kind: 'duration',
    parse: (m) => (/s$/.test(m[1]) ? { k: 'fixed', value: durationValue(NaN, m[1]) } : null),
  },
  // "recently", "currently", "in the past", "in the future", "these days"
  {
    name: 'reference',
    needs: ['ecently', 'n the past', 'n the future'],
    re: /\b(?:[Rr]ecently|[Ii]n (the (?:past|future)))\b/g,
    kind: 'date',
    parse: (m) => ({
      k: 'fixed',
      value: REF_WORDS[word(m[1] ?? m[0])] ?? 'PAST_REF',
      from: m[1] ? m.index + m[0].length - m[1].length : m.index,
    }),
  },
];

/** Modifiers that join the expression they precede without changing its value (TimeML `mod`). */
export const DATE_PREFIX =
  /\b(?:[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater|[Mm]id|[Tt]he (?:start|beginning|end|middle|turn|rest) of(?: the)?|[Tt]he (?:first|second|last) (?:days?|weeks?|months?) of)(?:-|\s+)$/;
/** Approximations that join a duration ("almost two years"); bounds ("more than", "over") stay out,
 * as annotators of news leave them out ("more than a week" → "a week"). */
export const DURATION_PREFIX = /\b(?:[Aa]lmost|[Nn]early|[Aa]bout|[Aa]round|[Ss]ome|[Rr]oughly|[Aa]pproximately)\s+$/;

/** A span of years ("from 2009 to 2011", "between 2014 and 2016", "2009-2011"): a duration of its
 * own, reported beside the two years it joins. */
export const YEAR_RANGE = new RegExp(
  `\\b(?:(?:[Ff]rom|[Bb]etween)\\s+(${YEAR})\\s+(?:to|and|until|through|till)\\s+(${YEAR})|(${YEAR})\\s*[-–]\\s*(${YEAR}))\\b`,
  'g',
);
/** "the first half of 2025": a half-year prefix that changes a year's value to `2025-H1`. */
export const HALF_PREFIX = /\b[Tt]he (first|second) half of\s+$/;
