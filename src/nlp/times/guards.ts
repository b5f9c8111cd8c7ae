/**
 * Guards of the time grammar: the context that makes a match something else than a time (a count,
 * a newspaper's name, a rate, an age), and the context words that make a match a time. Their words
 * are in `data/lexicons/time-words.json`.
 */
import { alternation, wordSet } from '../../lexicon/load.ts';
import { NUMBER_WORD } from './words.ts';

/** The lexicon file of time words. */
const LEX = 'time-words';

/** Words before a lone month name that make it a month ("in May", "since March", "last June"). */
export const MONTH_CUE_BEFORE = wordSet(LEX, 'monthCueBefore');
/** Words after a weekday that make it part of a name ("Sunday Times", "Friday Prayers" is kept). */
export const WEEKDAY_NAME_AFTER = new RegExp(String.raw`^\s+(?:${alternation(LEX, 'weekdayNameAfter')})\b`);
/** A word that with the weekday after it names a day or a person ("Bloody Sunday", "Man Friday"). Any other
 * capitalised word before a weekday is a subject or a place: "Clinton Saturday vowed", "in Miami Wednesday". */
export const WEEKDAY_NAME_BEFORE = new RegExp(String.raw`\b(?:${alternation(LEX, 'weekdayNamedBefore')})\s+$`);
/** Newspapers named after a weekday ("The Mail on Sunday"). */
export const WEEKDAY_PAPER_BEFORE = new RegExp(String.raw`\b(?:${alternation(LEX, 'weekdayPaperBefore')})\s+on\s+$`);
/** Quantity words before a four-digit number make it a count, not a year ("some 2000 troops"). */
export const YEAR_COUNT_BEFORE = new RegExp(
  String.raw`(?:\b(?:${alternation(LEX, 'yearCountBeforePattern', true)})\s+|[$£€¥#]\s*)$`,
  'i',
);
/** Count nouns after a four-digit number make it a count ("2000 people"). */
export const YEAR_COUNT_AFTER = new RegExp(String.raw`^\s*(?:${alternation(LEX, 'yearCountAfterPattern', true)})`, 'i');
/** Characters glued to a four-digit number that make it part of another number ("1,2000", "20.2025"). */
export const YEAR_GLUE_BEFORE = /[\d.,:/$£€]$/;
/** A number and a dash before a four-digit number: a phone number or a code ("212-859-1620"),
 * unless the number before is a year ("2009-2011"). */
export const NUMBER_DASH_BEFORE = /\d[-–]$/;
/** A year and a dash before a four-digit number: a span of years ("2009-2011"). */
export const YEAR_DASH_BEFORE = /(?<!\d)(?:1[6-9]\d\d|20\d\d)\s*[-–]$/;
/** Letters or digits glued after a four-digit number ("2025a", "2025.5"). */
export const YEAR_GLUE_AFTER = /^(?:[.,:/]\d|\d|[A-Za-z])/;
/** Ages are not durations ("a 27-year-old man"). */
export const AGE_AFTER = /^[\s-]+old\b/i;
/** "Today", "Yesterday" capitalised mid-sentence are names ("the Today programme", "USA Today"). */
export const SENTENCE_START_BEFORE = /(?:^|[.!?:;"“‘'([\n—–-]\s*|\n\s*)$/;
/** Before a clock time without am/pm or zone: words that make "10:30" a time (not a score). */
export const CLOCK_CUE_BEFORE = new RegExp(String.raw`\b(?:${alternation(LEX, 'clockCueBefore')})\s+$`, 'i');
/** A frequency before "a week" ("twice a week", "three times a year"). */
export const TIMES_BEFORE = new RegExp(`\\b(?:once|twice|thrice|(?:${NUMBER_WORD}|\\d+) times)\\s+$`, 'i');
/** Something of money or count right before "a year"/"a day" makes it a rate ("$5 a day"). */
export const RATE_BEFORE = new RegExp(String.raw`(?:[\d%]|\b(?:${alternation(LEX, 'rateBefore')}))[\s,]*$`, 'i');
/** Prepositions before "the summer" that make it the season of the reference year ("in the summer"). */
export const SEASON_CUE_BEFORE = new RegExp(String.raw`\b(?:${alternation(LEX, 'seasonBefore')})\s+$`, 'i');
/** Words of extent before a bare plural unit that make it a duration ("for years", "in recent years"). */
export const EXTENT_BEFORE = new RegExp(String.raw`\b(?:${alternation(LEX, 'extentBefore')})\s+$`, 'i');
