/**
 * The grammar of English time expressions in news: what counts as a time expression and what it
 * means before it is anchored to a day.
 *
 * Every rule is a regular expression plus a parser that turns the match into a `Sem` (the meaning
 * with its anchor left open: "last Sunday" is `{ k: 'dow', dow: 7, mode: 'last' }`). Resolution
 * against a reference day happens in `resolve.ts`; choosing among overlapping matches happens in
 * `../times.ts`. The vocabulary (`words.ts`, from `data/lexicons/time-words.json`) and the guards
 * against context that makes a match no time (`guards.ts`) are read from their own modules.
 */
import {
  AGE_AFTER,
  CLOCK_CUE_BEFORE,
  EXTENT_BEFORE,
  MONTH_CUE_BEFORE,
  NUMBER_DASH_BEFORE,
  RATE_BEFORE,
  SEASON_CUE_BEFORE,
  SENTENCE_START_BEFORE,
  TIMES_BEFORE,
  WEEKDAY_NAME_AFTER,
  WEEKDAY_NAME_BEFORE,
  WEEKDAY_PAPER_BEFORE,
  YEAR_COUNT_AFTER,
  YEAR_COUNT_BEFORE,
  YEAR_DASH_BEFORE,
  YEAR_GLUE_AFTER,
  YEAR_GLUE_BEFORE,
} from './guards.ts';
import { alternation, wordList } from '../../lexicon/load.ts';
import {
  DAY,
  DURATION_HEAD,
  HOLIDAY_NOT_BEFORE,
  HOLIDAY_PATTERNS,
  HOLIDAYS,
  MODE,
  MONTH_ANY,
  MONTH_FULL,
  MONTH_NAMES,
  ORDINALS,
  PART_OF_DAY,
  POD,
  QUANTITY,
  QUANTITY_BEFORE,
  QUARTER_ORDINALS,
  REF_WORDS,
  REFERENCE_ALONE,
  REFERENCE_WORDS,
  SEASONS,
  SET_WORD,
  SET_WORDS,
  UNIT,
  UNIT_SINGULAR,
  VAGUE_QUANTITY,
  WEEKDAY,
  WEEKDAY_NAMES,
  WEEKDAYS,
  YEAR,
  ZONE,
  dayOf,
  durationValue,
  monthOf,
  quantity,
  unitOf,
  word,
} from './words.ts';

export { durationValue, quantity } from './words.ts';
export { MONTHS, PART_OF_DAY, UNIT_ISO, WEEKDAYS, ZONES } from './words.ts';

// ---------------------------------------------------------------------------------------------
// Meaning before anchoring
// ---------------------------------------------------------------------------------------------

export type Sem =
  /** A calendar date; a missing year is chosen relative to the reference day. */
  | { k: 'date'; y?: number; m?: number; d?: number; pod?: string; yRel?: number }
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
  /** `n` units from the date in focus ("two days later", "the year-earlier quarter"): `anaphora.ts`. */
  | { k: 'anaphor'; unit: 'day' | 'week' | 'month' | 'quarter' | 'year'; n: number; whole: boolean }
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

/** Up to `width` characters of the text before `index`: the context a guard reads. */
function before(text: string, index: number, width = 40): string {
  return text.slice(Math.max(0, index - width), index);
}

/** Up to `width` characters of the text from `index` on. */
function after(text: string, index: number, width = 40): string {
  return text.slice(index, index + width);
}

/** The lower-cased word right before `index` (skipping spaces and hyphens). Read from the characters, not
 * the Doc's tokens: the grammar runs on a text alone (`findCandidates`, `scripts/eval-times.ts`), and a
 * rule's match need not start at a token ("mid-May", "on-Mondays"). */
function lastWord(text: string, index: number): string {
  let j = index;
  while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '-' || text[j - 1] === '\n')) j--;
  let i = j;
  while (i > 0 && /\w/.test(text[i - 1])) i--;
  return text.slice(i, j).toLowerCase();
}

/** Whether a word opens with an ASCII capital. */
function capitalised(s: string): boolean {
  return /^[A-Z]/.test(s);
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

// What rules' matches must contain (`Rule.needs`), read off their patterns.
/** A reference word, in either case, or "n the past"/"n the future". */
const NEEDS_REFERENCE = [
  ...REFERENCE_ALONE.flatMap((w) => [w, w[0].toUpperCase() + w.slice(1)]),
  'n the past',
  'n the future',
];
/** Every weekday name (`WEEKDAY`). */
const NEEDS_WEEKDAY = WEEKDAY_NAMES;
/** Every month name and abbreviation (`MONTH_ANY`, `MONTH_FULL`) starts with one of these. */
const NEEDS_MONTH = MONTH_NAMES.map((m) => m.slice(0, 3));
/** A holiday pattern's leading words ("Christmas(?: Day| Eve)?" → "Christmas", "Valentine[’']s Day" →
 * "Valentine"): every holiday match contains one. */
const NEEDS_HOLIDAY = HOLIDAY_PATTERNS.map((h) => h.split(/[([]/)[0]);
/** Every set word contains one of these ("fortnightly" contains "nightly", "annually" "annual"). */
const NEEDS_SET_WORD = Object.keys(SET_WORDS);
/** Periods after "this"/"last"/"next" ("this weekend"), and parts of a period ("the end of"). */
const RELATIVE_PERIODS = alternation('time-words', 'relativePeriods');
const PERIOD_PARTS = alternation('time-words', 'periodParts');
/** The units of "this week", "the end of the month" (`relative-period`, `period-part`). */
const NEEDS_PERIOD = ['week', 'month', 'year', 'quarter', 'decade'];

/** The rules, most specific first (on a tie in length, the earlier rule wins). */
export const RULES: Rule[] = [
  // "Saturday, July 19, 2025", "Saturday 19 July": the weekday only confirms the date.
  {
    name: 'weekday-date',
    needs: NEEDS_WEEKDAY,
    re: new RegExp(
      `\\b${WEEKDAY},?\\s+(?:(${MONTH_ANY})\\s+(${DAY})|(?:the\\s+)?(${DAY})\\s+(?:of\\s+)?(${MONTH_ANY}))` +
        `(?:,?\\s+(${YEAR}))?\\b`,
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
  // "July 2025", "July of 2025", "June last year"
  {
    name: 'month-year',
    needs: NEEDS_MONTH,
    re: new RegExp(`\\b(${MONTH_ANY}),?\\s+(?:of\\s+)?(?:(${YEAR})|([Tt]his|[Ll]ast|[Nn]ext)\\s+year)\\b`, 'g'),
    kind: 'date',
    parse: (m) =>
      m[2]
        ? { k: 'date', m: monthOf(m[1]), y: +m[2] }
        : { k: 'date', m: monthOf(m[1]), yRel: { this: 0, last: -1, next: 1 }[word(m[3])] },
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
      `\\b(?:[Tt]he\\s+)?(?:(?<year>${YEAR})\\s+|(?<ago>year-(?:earlier|ago))\\s+)?` +
        `(?<nth>${QUARTER_ORDINALS})[\\s-]+(?<part>quarter|half)` +
        `(?:\\s+of\\s+(?:(?<ofYear>${YEAR})|(?:the|this)\\s+year|` +
        `(?<rel>last|next|the previous|the following)\\s+year))?\\b`,
      'g',
    ),
    kind: 'date',
    parse: (m) => {
      const g = m.groups!;
      const year = g.ofYear ?? g.year;
      const ofYear = year !== undefined || /\byear$/.test(m[0]);
      if (g.part === 'half' && (!ofYear || g.nth === 'last' || g.nth === 'final')) return null;
      const rel = g.rel ? (/last|previous/.test(g.rel) ? -1 : 1) : g.ago ? -1 : ofYear && !year ? 0 : undefined;
      if (g.nth === 'last' && !ofYear) return { k: 'part', code: 'Q', prev: true };
      const n = g.nth === 'last' ? 4 : ORDINALS[g.nth];
      const code = g.part === 'half' ? `H${n <= 2 ? n : 2}` : `Q${n}`;
      return { k: 'part', code, y: year ? +year : undefined, rel };
    },
  },
  {
    name: 'quarter-code',
    needs: ['Q', 'H'].flatMap((c) => [1, 2, 3, 4].map((n) => `${c}${n}`)),
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
    needs: wordList('time-words', 'seasonNeeds'),
    re: new RegExp(
      `\\b(?:([Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Ee]arly|[Ll]ate|[Tt]he)\\s+)?` +
        `([Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\\s+(?:of\\s+)?(${YEAR}))?\\b`,
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
        SEASON_CUE_BEFORE.test(before(text, m.index)) &&
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
    re: new RegExp(String.raw`\b([Tt]his|[Ll]ast|[Nn]ext)\s+(${RELATIVE_PERIODS})\b`, 'g'),
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
    re: new RegExp(String.raw`\b[Tt]he\s+(?:very\s+)?(?:${PERIOD_PARTS})\s+of\s+the\s+(week|month|year|decade)\b`, 'g'),
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
      if (!m[1] && WEEKDAY_NAME_BEFORE.test(before(text, m.index))) return null;
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
    needs: NEEDS_HOLIDAY,
    re: new RegExp(`\\b(${HOLIDAYS})(?:,?\\s+(${YEAR}))?\\b(?!\\s+(?:${HOLIDAY_NOT_BEFORE})\\b)`, 'g'),
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
      `\\b(?:([01]?\\d|2[0-3]):([0-5]\\d)|([01]\\d|2[0-3])([0-5]\\d)(?=\\s*(?:GMT|UTC|hrs\\b)))` +
        `(?:\\s*(${ZONE}|hrs\\b|h\\b))?(?![\\d:])`,
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
    needs: NEEDS_SET_WORD,
    re: new RegExp(String.raw`\b(${SET_WORD})\b`, 'g'),
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
      // Read the head backwards: "[the past|next] [quantity] unit". `whole` is the duration's text,
      // from `start`; `periodWord` ("past", "next"), `amount` (the quantity) and `unitWord` its parts.
      const head = DURATION_HEAD.exec(before(text, u.index, 60))!;
      const whole = head[0] + u[0];
      const periodWord: string | undefined = head[1];
      const amount: string | undefined = head[2];
      const unitWord = u[1];
      const start = u.index - head[0].length;
      const end = u.index + u[0].length;
      if (AGE_AFTER.test(after(text, end))) return null;
      if (/^\s+ago\b/i.test(after(text, end))) return null;
      const unit = unitOf(unitWord);
      const plural = /s$/i.test(unitWord) && unit !== unitWord.toLowerCase();
      const period = periodWord ? word(periodWord) : '';
      if (!amount) {
        // A bare unit is a duration only after "the past/next" ("the past decade") or when plural
        // after a preposition of extent ("for years", "over the years", "in recent years").
        if (period && /^the\s/i.test(whole) && !plural)
          return { k: 'fixed', value: durationValue(1, unit), from: start };
        if (plural && /-long$/i.test(whole)) return { k: 'fixed', value: durationValue(NaN, unit), from: start };
        if (plural && EXTENT_BEFORE.test(before(text, start))) {
          return { k: 'fixed', value: durationValue(NaN, unit), from: start };
        }
        return null;
      }
      // "last year" is a date rule's
      if (period && !/^the\s/i.test(whole) && !['first', 'final'].includes(period)) return null;
      const n = quantity(amount);
      if (Number.isNaN(n) && !new RegExp(`^${VAGUE_QUANTITY}$`, 'i').test(amount.trim())) return null;
      if (/^an?$/i.test(amount.trim()) && RATE_BEFORE.test(before(text, start))) return null; // a rate
      if (/^(?:an?|one)\s+second$/i.test(whole) && /^\s+\w/.test(after(text, end))) return null; // "a second plane"
      // A hyphenated "27-year" before a noun is a duration adjective; "year-old" was excluded above.
      return { k: 'fixed', value: durationValue(n, unit), from: start };
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
  // "recently", "now", "currently", "at present", "in the past", "in the future"
  {
    name: 'reference',
    needs: NEEDS_REFERENCE,
    re: new RegExp(`\\b(?:[Ii]n (the (?:past|future))|${REFERENCE_WORDS})\\b`, 'g'),
    kind: 'date',
    parse: (m) => ({
      k: 'fixed',
      value: REF_WORDS[word(m[1] ?? m[0])] ?? 'PAST_REF',
      from: m[1] ? m.index + m[0].length - m[1].length : m.index,
    }),
  },
];

/** Modifiers that join the expression they precede without changing its value (TimeML `mod`). */
export const DATE_PREFIX = new RegExp(
  String.raw`\b(?:[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater|[Mm]id|[Tt]he (?:${PERIOD_PARTS}) of(?: the)?|` +
    String.raw`[Tt]he (?:first|second|last) (?:days?|weeks?|months?) of)(?:-|\s+)$`,
);
/** Approximations that join a duration ("almost two years"); bounds ("more than", "over") stay out,
 * as annotators of news leave them out ("more than a week" → "a week"). */
export const DURATION_PREFIX = /\b(?:[Aa]lmost|[Nn]early|[Aa]bout|[Aa]round|[Ss]ome|[Rr]oughly|[Aa]pproximately)\s+$/;

/** A span of years ("from 2009 to 2011", "between 2014 and 2016", "2009-2011"): a duration of its
 * own, reported beside the two years it joins. */
export const YEAR_RANGE = new RegExp(
  `\\b(?:(?:[Ff]rom|[Bb]etween)\\s+(${YEAR})\\s+(?:to|and|until|through|till)\\s+(${YEAR})|` +
    `(${YEAR})\\s*[-–]\\s*(${YEAR}))\\b`,
  'g',
);
/** "the first half of 2025": a half-year prefix that changes a year's value to `2025-H1`. */
export const HALF_PREFIX = /\b[Tt]he (first|second) half of\s+$/;
