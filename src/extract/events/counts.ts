/**
 * Casualty, displacement and arrest counts of an event sentence: number phrases read from the
 * count patterns of `data/lexicons/casualty-counts.json` ("killing at least 14 people", "hundreds
 * were displaced"), numbers in words converted, vague or approximate quantities kept as text.
 */
import { alternation, lexiconFile, wordTable } from '../../lexicon/load.ts';

/** The lexicon file of number words and count patterns. */
const COUNTS = 'casualty-counts';
/** Which count a pattern gives. */
type CountKey = 'dead' | 'injured' | 'displaced' | 'arrested';
/** A count pattern as the lexicon file writes it. */
interface CountPatternSpec {
  count: CountKey;
  pattern: string;
  cue: string;
}

/** Cardinal number words and their values ("one" … "ninety"). */
const CARDINALS = wordTable<number>(COUNTS, 'cardinals');
/** Number words and their values ("one" … "ninety", and "a", "an", "single" for one). */
const SMALL: Record<string, number> = { ...CARDINALS, ...wordTable<number>(COUNTS, 'singulars') };
/** Multipliers ("hundred", "thousand", "million"). */
const SCALE: Record<string, number> = { ...wordTable<number>(COUNTS, 'scales') };
/** Words that make a count approximate ("at least", "more than"). */
const APPROXIMATORS = alternation(COUNTS, 'approximators');
/** The cardinal words (units first, then tens) and the units alone, as pattern alternations. */
const CARDINAL_WORDS = Object.keys(CARDINALS).join('|');
/** The cardinal words under ten: the unit after a ten ("twenty-one"). */
const UNIT_WORDS = Object.keys(CARDINALS)
  .filter((w) => CARDINALS[w] < 10)
  .join('|');
/** A number in digits, maybe with a multiplier ("12,500", "1.2 million"). */
const IN_DIGITS = String.raw`\d[\d,]*(?:\.\d+)?(?:\s+(?:million|thousand|hundred))?`;
/** A number in words ("twenty-one", "five hundred"). */
const IN_WORDS = String.raw`(?:(?:${CARDINAL_WORDS})(?:[\s-]+(?:${UNIT_WORDS}))?(?:\s+(?:hundred|thousand|million))*)`;
/** A vague quantity ("hundreds", "tens of thousands", "a dozen"). */
const VAGUE_WORDS = alternation(COUNTS, 'vagueQuantities');
/** Nouns of quantity after "a" ("a dozen"). */
const A_QUANTITIES = alternation(COUNTS, 'aQuantities');
/** A vague quantity ("hundreds", "tens of thousands", "a dozen"). */
const VAGUE = String.raw`(?:${VAGUE_WORDS})(?:\s+of\s+(?:thousands|millions))?|a (?:${A_QUANTITIES})`;
/** A number phrase: digits, number words, or a vague quantity, maybe approximate ("at least 14"). */
const NUM = String.raw`(?:(?:${APPROXIMATORS})\s+)?(?:${IN_DIGITS}|${IN_WORDS}|${VAGUE})`;
/** The people counted after a number, optional ("14 civilians", "two police officers", "300 Syrians"). */
const PEOPLE_NOUNS = alternation(COUNTS, 'peopleNouns', true);
/** The people counted after a number, optional ("14 civilians", "two police officers", "300 Syrians"). */
const PEOPLE = String.raw`(?:\s+(?:of\s+)?(?:[\p{L}-]+\s+){0,3}?(?:${PEOPLE_NOUNS}|\p{Lu}[\p{L}]+s))?`;

/** A count pattern of the file with its number and people phrases filled in, case-insensitive. */
function countPattern(source: string): RegExp {
  return new RegExp(source.replace('{NUM}', NUM).replace('{PEOPLE}', PEOPLE), 'iu');
}

/**
 * Count cues: (pattern, which count, cue); group 1 holds the number phrase. The cue is the
 * pattern's own keyword alternation with its flags, which every match holds: a cheap scan that
 * spares a sentence the costly pattern (led by a number phrase, tried at every offset).
 */
const COUNT_PATTERNS: [RegExp, CountKey, RegExp][] = (lexiconFile(COUNTS).countPatterns as CountPatternSpec[]).map(
  (p) => [countPattern(p.pattern), p.count, new RegExp(p.cue, 'iu')],
);
/** A second count of injured: "killing one soldier and wounding two others". */
const SECOND_COUNT_SPEC = lexiconFile(COUNTS).secondCount as Omit<CountPatternSpec, 'count'>;
/** The compiled second-count pattern. */
const SECOND_COUNT = countPattern(SECOND_COUNT_SPEC.pattern);
/** A phrase opening with a word of approximation, kept as text. */
const APPROXIMATE = new RegExp(String.raw`^(${APPROXIMATORS})\s`);

/** Number value of a number phrase: a number when exact ("five hundred" → 500, "1,000" → 1000), else the text. */
export function numberValue(phrase: string): number | string {
  const p = phrase.trim().toLowerCase();
  if (APPROXIMATE.test(p)) return phrase.trim();
  const digits = /^(\d[\d,]*(?:\.\d+)?)(?:\s+(million|thousand|hundred))?$/.exec(p);
  if (digits) return Number(digits[1].replace(/,/g, '')) * (digits[2] ? SCALE[digits[2]] : 1);
  const words = p.split(/[\s-]+/);
  let total = 0;
  let cur = 0;
  for (const w of words) {
    if (w in SMALL) cur += SMALL[w];
    else if (w === 'hundred') cur = (cur || 1) * 100;
    else if (w in SCALE) {
      total += (cur || 1) * SCALE[w];
      cur = 0;
    } else return phrase.trim();
  }
  return total + cur;
}

/**
 * The cues of every count pattern above (and SECOND_COUNT) in one pattern, with the same flags:
 * a sentence without any of them has no counts, and the costly patterns are not tried on it.
 */
const COUNT_CUE = new RegExp([...COUNT_PATTERNS.map(([, , cue]) => cue.source), SECOND_COUNT_SPEC.cue].join('|'), 'iu');

type Counts = Partial<Record<CountKey, number | string>>;

/** The sentence last counted, and its counts: each trigger of a sentence asks for them again. */
let lastCounted: { text: string; counts: Readonly<Counts> } | undefined;

/** Casualty, displacement and arrest counts of a sentence (the result is shared: read it, do not change it). */
export function findCounts(text: string): Readonly<Counts> {
  if (lastCounted && lastCounted.text === text) return lastCounted.counts;
  const counts = countsOf(text);
  lastCounted = { text, counts };
  return counts;
}

/** The counts of a sentence, each from the first pattern of its kind that matches. */
function countsOf(text: string): Counts {
  const out: Counts = {};
  if (!COUNT_CUE.test(text)) return out;
  for (const [re, key, cue] of COUNT_PATTERNS) {
    if (out[key] !== undefined || !cue.test(text)) continue;
    const m = re.exec(text);
    if (m) out[key] = numberValue(m[1]);
  }
  if (out.injured === undefined) {
    const m = SECOND_COUNT.exec(text);
    if (m) out.injured = numberValue(m[1]);
  }
  return out;
}
