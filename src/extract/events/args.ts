/**
 * Finding the arguments of an event trigger inside its sentence, without a parser.
 *
 * Simple, general patterns of English news prose:
 *   - a verb's actor is the noun phrase before it (auxiliaries, adverbs and time words skipped),
 *     its target the first noun phrase after it that names someone (capitalised or an actor noun);
 *   - a passive ("was hit by X") swaps them, and a weapon in the "by" phrase is an instrument;
 *   - a nominal trigger takes its actor from a possessive ("Israel's offensive"), a light verb
 *     ("Israel launched air strikes"), "by X" or "between X and Y", its target from
 *     "against/on/of/with X";
 *   - a description after a copula ("X ... to become the first minister to visit") stands for X;
 *   - counts of dead, injured, displaced and arrested are read from number phrases around the
 *     trigger, numbers in words converted, vague quantities ("hundreds") kept as text.
 */
import {
  ACTOR_NOUNS,
  AUX,
  DETERMINERS,
  INSTRUMENT_WORD,
  LIGHT_VERBS,
  NP_BREAK,
  PRONOUNS,
  REPORTING,
  TIME_WORDS,
  isCap,
  isWord,
  type Tok,
} from './tokens.ts';
import { countryOfDemonym } from '../../lexicon/countries.ts';

/** A noun phrase found for an argument: token range `[from, to)` in the sentence, or a pronoun to resolve. */
export interface Phrase {
  from: number;
  to: number;
  pronoun?: string;
}

/** Punctuation that closes a clause. */
const CLAUSE_PUNCT = /^[,;:()[\]–—.!?]$|^--$/;
/** Quotation marks, skipped when walking over words. */
const QUOTE = /^['‘’"“”`]+$/;
/** Copulas linking a description to its subject ("X became the first minister ..."). */
const COPULA = /^(become|became|becomes|becoming|be|is|was|were|are|as|remain|remains|remained)$/;
/** Words after which a new clause starts; the right-hand search stops there. */
const CLAUSE_WORDS = new Set([
  'which',
  'who',
  'whom',
  'that',
  'said',
  'says',
  'but',
  'while',
  'as',
  'after',
  'before',
  'because',
  'if',
  'unless',
  'when',
  'where',
  'although',
  'though',
  'whose',
  'according',
]);
/** Particles and prepositions that may open the right-hand side of a trigger. */
const RIGHT_OPENERS = new Set([
  'to',
  'with',
  'on',
  'upon',
  'against',
  'at',
  'into',
  'that',
  'for',
  'up',
  'out',
  'down',
  'off',
  'over',
  'of',
  'from',
  'in',
]);
/** Prepositions introducing the target of a nominal trigger ("attack on", "killing of", "strikes against"). */
const NOMINAL_TARGET_PREP = new Set(['against', 'on', 'of', 'with', 'at', 'targeting', 'upon']);
/** Be-forms before a participle mark the passive voice. */
const BE = /^(was|were|is|are|been|being|be|get|got)$/;
/** Participles that do not end in -ed. */
const IRREGULAR_PARTICIPLE = /^(hit|shot|struck|held|beaten|taken|seen|caught|driven|thrown|sent|brought|forced|told)$/;
/** A lowercase past-tense verb inside a leftward phrase ends it ("the army lifted Friday a ..."). */
const PAST_VERB = /^[a-z]+ed$/;
/** Prepositions that introduce where something happens rather than to whom. */
const PLACE_PREP = /^(in|at|near|inside|outside|within|across|throughout)$/;
/** Longest noun phrase kept, in words. */
const MAX_NP = 8;
/** How far to the right a target is looked for, in words. */
const RIGHT_WINDOW = 14;

function isNpWord(t: Tok): boolean {
  if (QUOTE.test(t.text)) return false;
  if (t.lower === "'s" || t.lower === '-' || t.lower === '&') return true;
  if (!isWord(t)) return false;
  if (NP_BREAK.has(t.lower) || REPORTING.has(t.lower)) return false;
  return true;
}

function stripEdges(toks: Tok[], from: number, to: number): [number, number] {
  while (
    from < to &&
    (DETERMINERS.has(toks[from].lower) ||
      toks[from].lower === 'and' ||
      toks[from].lower === "'s" ||
      QUOTE.test(toks[from].text))
  )
    from++;
  while (
    to > from &&
    (toks[to - 1].lower === 'and' ||
      toks[to - 1].lower === 'of' ||
      QUOTE.test(toks[to - 1].text) ||
      (TIME_WORDS.test(toks[to - 1].lower) && to - 1 > from))
  )
    to--;
  return [from, to];
}

/** Does the phrase name someone: a capitalised word or an actor noun. */
export function namesSomeone(toks: Tok[], p: Phrase): boolean {
  for (let k = p.from; k < p.to; k++)
    if (
      (isCap(toks[k]) && k > 0) ||
      ACTOR_NOUNS.test(toks[k].lower) ||
      (isCap(toks[k]) && !DETERMINERS.has(toks[k].lower))
    )
      return true;
  return false;
}

/** The noun phrase ending just before token `i` (inclusive), after skipping auxiliaries and time words. */
export function leftPhrase(toks: Tok[], i: number, skipLight = false): Phrase | null {
  let j = i;
  let lastWasTime = false;
  for (; j >= 0; j--) {
    const l = toks[j].lower;
    if (QUOTE.test(toks[j].text)) continue;
    if (AUX.has(l) && !(l === 'first' && j > 0 && DETERMINERS.has(toks[j - 1].lower))) {
      lastWasTime = false;
      continue;
    }
    if (
      TIME_WORDS.test(l) &&
      !(
        isCap(toks[j]) &&
        !/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday)$/.test(
          l,
        )
      )
    ) {
      lastWasTime = true;
      continue;
    }
    if (lastWasTime && /^(on|in|at|late|early|last|this|since|of)$/.test(l)) continue;
    if (skipLight && (LIGHT_VERBS.test(l) || DETERMINERS.has(l))) {
      skipLight = DETERMINERS.has(l);
      continue;
    }
    break;
  }
  if (j < 0) return null;
  if (PRONOUNS.has(toks[j].lower)) return { from: j, to: j + 1, pronoun: toks[j].lower };
  let k = j;
  while (
    k >= 0 &&
    j - k < MAX_NP &&
    isNpWord(toks[k]) &&
    !(
      k < j &&
      !isCap(toks[k]) &&
      (LIGHT_VERBS.test(toks[k].lower) || PAST_VERB.test(toks[k].lower)) &&
      k > 0 &&
      isWord(toks[k - 1]) &&
      !DETERMINERS.has(toks[k - 1].lower)
    )
  )
    k--;
  const [from, to] = stripEdges(toks, k + 1, j + 1);
  if (from >= to) return null;
  // "X ... to become the first British minister to ...": the description stands for X
  if (k >= 0 && COPULA.test(toks[k].lower)) {
    const subj = leftPhrase(toks, k - 1);
    if (subj && !subj.pronoun && hasName(toks, subj)) return subj;
  }
  return { from, to };
}

function hasName(toks: Tok[], p: Phrase): boolean {
  for (let k = p.from; k < p.to; k++) if (isCap(toks[k]) && !countryOfDemonym(toks[k].text)) return true;
  return false;
}

/** Candidate noun phrases right of token `i` (exclusive of it) up to the end of the clause. */
export function rightPhrases(toks: Tok[], i: number, limit = RIGHT_WINDOW): Phrase[] {
  const out: Phrase[] = [];
  let cur = -1;
  let k = i;
  // "announced X and spoke of Y": a coordinated predicate is not the object
  if (toks[k]?.lower === 'and') return out;
  while (
    k < toks.length &&
    (RIGHT_OPENERS.has(toks[k].lower) || DETERMINERS.has(toks[k].lower) || QUOTE.test(toks[k].text))
  )
    k++;
  const end = Math.min(toks.length, k + limit);
  for (; k < end; k++) {
    const t = toks[k];
    if (CLAUSE_PUNCT.test(t.text)) break;
    if (PRONOUNS.has(t.lower) && cur < 0 && out.length === 0) {
      out.push({ from: k, to: k + 1, pronoun: t.lower });
      continue;
    }
    if (!isNpWord(t)) {
      flushPhrase(toks, out, cur, k);
      cur = -1;
      if (CLAUSE_WORDS.has(t.lower) && out.length > 0) break;
      continue;
    }
    // a lowercase past-tense verb after a noun starts the predicate ("farmers claimed hundreds")
    if (cur >= 0 && k > cur && PAST_VERB.test(t.text) && !DETERMINERS.has(toks[k - 1].lower)) {
      flushPhrase(toks, out, cur, k);
      cur = -1;
      break;
    }
    if (cur < 0) cur = k;
    if (k - cur >= MAX_NP) {
      flushPhrase(toks, out, cur, k);
      cur = -1;
    }
  }
  flushPhrase(toks, out, cur, k);
  return out;
}

/** Ends the phrase open since token `cur` (none when -1) at token `at`, keeping it when anything is left once its edges are stripped. */
function flushPhrase(toks: Tok[], out: Phrase[], cur: number, at: number): void {
  if (cur >= 0) {
    const [f, t] = stripEdges(toks, cur, at);
    if (f < t) out.push({ from: f, to: t });
  }
}

/** The word before phrase `p`, skipping determiners and quote marks, no further left than token `i` ('' when none). */
function wordBefore(toks: Tok[], i: number, p: Phrase): string {
  let k = p.from - 1;
  while (k >= i && (DETERMINERS.has(toks[k].lower) || QUOTE.test(toks[k].text))) k--;
  return k >= i ? toks[k].lower : '';
}

/** The target of a verb: the first phrase right of it that names someone, else the first phrase. */
export function rightTarget(toks: Tok[], i: number): Phrase | null {
  const cands = rightPhrases(toks, i);
  // the first phrase naming someone, not a place of the event ("in Niger"); else the direct object
  // ("against a wanted smuggler") unless it is an infinitive ("to ban voting")
  const named = cands.find((p) => p.pronoun || (namesSomeone(toks, p) && !PLACE_PREP.test(wordBefore(toks, i, p))));
  if (named) return named;
  const first = cands[0];
  return first && !first.pronoun && wordBefore(toks, i, first) !== 'to' ? first : null;
}

export function isPassive(toks: Tok[], from: number): boolean {
  const t = toks[from].lower;
  if (!(t.endsWith('ed') || t.endsWith('en') || IRREGULAR_PARTICIPLE.test(t))) return false;
  for (let j = from - 1; j >= 0 && j >= from - 3; j--) {
    if (BE.test(toks[j].lower)) return true;
    if (!AUX.has(toks[j].lower)) return false;
  }
  return false;
}

/** Index of the "by" phrase after the trigger in the same clause, if any. */
export function byPhrase(toks: Tok[], to: number): Phrase | null {
  for (let k = to - 1; k < toks.length && k < to + 4; k++) {
    if (k > to - 1 && CLAUSE_PUNCT.test(toks[k].text)) return null;
    if (toks[k].lower === 'by') return rightPhrases(toks, k + 1, 8)[0] ?? null;
  }
  return null;
}

/** Is the phrase a weapon ("a Hellfire missile"), i.e. an instrument rather than an actor. */
export function isInstrument(toks: Tok[], p: Phrase): boolean {
  return INSTRUMENT_WORD.test(toks[p.to - 1].lower);
}

/** Nominal trigger arguments: possessive/light-verb/by/between actor, prepositional target. */
export function nominalArgs(toks: Tok[], from: number, to: number): { actors: Phrase[]; targets: Phrase[] } {
  const actors: Phrase[] = [];
  const targets: Phrase[] = [];
  // "between A and B": both sides are parties
  if (toks[to]?.lower === 'between') {
    // the two sides run to the end of the clause; split at the first "and"
    let end = to + 1;
    while (
      end < toks.length &&
      end < to + 20 &&
      !CLAUSE_PUNCT.test(toks[end].text) &&
      !CLAUSE_WORDS.has(toks[end].lower) &&
      !(end > to + 1 && PAST_VERB.test(toks[end].text))
    )
      end++;
    const and = toks.findIndex((t, k) => k > to + 1 && k < end && t.lower === 'and');
    if (and > 0) {
      const a = stripEdges(toks, to + 1, and);
      const b = stripEdges(toks, and + 1, end);
      if (a[0] < a[1] && b[0] < b[1])
        return { actors: [{ from: a[0], to: a[1] }], targets: [{ from: b[0], to: b[1] }] };
    }
  }
  // "Israel's offensive", "the army's attack"
  if (from >= 2 && toks[from - 1].lower === "'s") {
    const p = leftPhrase(toks, from - 2);
    if (p) actors.push(p);
  } else if (
    from >= 1 &&
    (countryOfDemonym(toks[from - 1].text) ||
      (isCap(toks[from - 1]) && from - 1 > 0 && !DETERMINERS.has(toks[from - 1].lower)))
  ) {
    // "Palestinian riots", "Hamas attacks"
    actors.push({ from: from - 1, to: from });
  } else {
    // a light verb before it: "Israel then launched air strikes", "announced the reinstatement of"
    let j = from - 1;
    while (
      j >= 0 &&
      from - j <= 4 &&
      !LIGHT_VERBS.test(toks[j].lower) &&
      !CLAUSE_PUNCT.test(toks[j].text) &&
      !NP_BREAK.has(toks[j].lower)
    )
      j--;
    if (j >= 0 && LIGHT_VERBS.test(toks[j].lower)) {
      const p = leftPhrase(toks, j - 1);
      if (p) actors.push(p);
    }
  }
  const by = byPhrase(toks, to);
  if (by && !isInstrument(toks, by)) actors.push(by);
  // target after "against", "on", "of", "with"
  for (let k = to; k < toks.length && k < to + 6; k++) {
    if (CLAUSE_PUNCT.test(toks[k].text)) break;
    if (NOMINAL_TARGET_PREP.has(toks[k].lower)) {
      const p = rightPhrases(toks, k + 1, 10)[0];
      if (p && !(toks[k].lower === 'of' && isInstrument(toks, p))) targets.push(p);
      break;
    }
  }
  return { actors, targets };
}

/** Split "Hungarian and Romanian officials" / "the US and Britain" into its parties. */
export function splitAnd(toks: Tok[], p: Phrase, any = false): Phrase[] {
  if (p.pronoun) return [p];
  const parts: Phrase[] = [];
  let s = p.from;
  for (let k = p.from; k < p.to; k++) {
    if (toks[k].lower === 'and' && k > s && k + 1 < p.to && (any || (isCap(toks[k - 1]) && isCap(toks[k + 1])))) {
      parts.push({ from: s, to: k });
      s = k + 1;
    }
  }
  parts.push({ from: s, to: p.to });
  return parts.filter((x) => x.from < x.to);
}

// ---------------------------------------------------------------- counts
const SMALL: Record<string, number> = {
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
  a: 1,
  an: 1,
  single: 1,
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1000, million: 1000000 };
/** A number phrase: digits, number words, or a vague quantity ("hundreds", "tens of thousands", "dozens"). */
const NUM = String.raw`(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as)\s+)?(?:\d[\d,]*(?:\.\d+)?(?:\s+(?:million|thousand|hundred))?|(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?(?:\s+(?:hundred|thousand|million))*)|(?:tens|hundreds|thousands|millions|dozens|scores)(?:\s+of\s+(?:thousands|millions))?|a (?:dozen|hundred|thousand|handful))`;
const PEOPLE = String.raw`(?:\s+(?:of\s+)?(?:[\p{L}-]+\s+){0,3}?(?:people|civilians|persons|soldiers|troops|men|women|children|protesters|demonstrators|residents|refugees|fighters|militants|rebels|police(?:men)?|officers|workers|students|villagers|lives|others|members|activists|supporters|prisoners|detainees|migrants|Palestinians|Israelis|\p{Lu}[\p{L}]+s))?`;
/**
 * Count cues: (pattern, which count, cue); group 1 holds the number phrase. The cue is the
 * pattern's own keyword alternation with its flags, which every match holds: a cheap scan that
 * spares a sentence the costly pattern (led by a number phrase, tried at every offset).
 */
const COUNT_PATTERNS: [RegExp, 'dead' | 'injured' | 'displaced' | 'arrested', RegExp][] = [
  [
    new RegExp(String.raw`\b(?:killing|killed|kill|claimed|claiming)\s+(${NUM})(?![\p{L}])${PEOPLE}`, 'iu'),
    'dead',
    /kill|claim/iu,
  ],
  [
    new RegExp(
      String.raw`\b(${NUM})${PEOPLE}\s+(?:(?:were|have been|had been|was|are)\s+)?(?:killed|dead|died|massacred|slain|murdered)`,
      'iu',
    ),
    'dead',
    /killed|dead|died|massacred|slain|murdered/iu,
  ],
  [new RegExp(String.raw`\bdeath toll\s+(?:\w+\s+){0,3}?(?:to|of|at)\s+(${NUM})`, 'iu'), 'dead', /death toll/iu],
  [
    new RegExp(String.raw`\b(?:wounding|wounded|injuring|injured)\s+(${NUM})${PEOPLE}`, 'iu'),
    'injured',
    /wound|injur/iu,
  ],
  [
    new RegExp(String.raw`\b(${NUM})${PEOPLE}\s+(?:(?:were|have been|was|are)\s+)?(?:wounded|injured|hurt)`, 'iu'),
    'injured',
    /wounded|injured|hurt/iu,
  ],
  [
    new RegExp(
      String.raw`\b(${NUM})${PEOPLE}\s+(?:(?:were|have been|had been|was|are)\s+)?(?:displaced|homeless|uprooted|fled|forced from|evacuated)`,
      'iu',
    ),
    'displaced',
    /displaced|homeless|uprooted|fled|forced from|evacuated/iu,
  ],
  [
    new RegExp(String.raw`\b(?:displacing|displaced|uprooting)\s+(${NUM})${PEOPLE}`, 'iu'),
    'displaced',
    /displac|uproot/iu,
  ],
  [
    new RegExp(String.raw`\b(?:arresting|arrested|detained|detaining|rounded up)\s+(${NUM})${PEOPLE}`, 'iu'),
    'arrested',
    /arrest|detain|rounded up/iu,
  ],
  [
    new RegExp(
      String.raw`\b(${NUM})${PEOPLE}\s+(?:(?:were|have been|had been|was|are)\s+)?(?:arrested|detained)`,
      'iu',
    ),
    'arrested',
    /arrested|detained/iu,
  ],
];
/** "others": "killing one soldier and wounding two others". */
const SECOND_COUNT = new RegExp(String.raw`\band\s+(?:wounded|injured|wounding|injuring)\s+(${NUM})`, 'iu');

/** Number value of a number phrase: a number when exact ("five hundred" → 500, "1,000" → 1000), else the text. */
export function numberValue(phrase: string): number | string {
  const p = phrase.trim().toLowerCase();
  if (/^(at least|more than|over|nearly|almost|about|around|some|up to|as many as)\s/.test(p)) return phrase.trim();
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
 * The words one of which every count pattern above (and SECOND_COUNT) holds, with the same flags:
 * a sentence without any of them has no counts, and the costly patterns are not tried on it.
 */
const COUNT_CUE =
  /kill|claim|dead|died|massacred|slain|murdered|death toll|wound|injur|hurt|displac|homeless|uproot|fled|forced from|evacuated|arrest|detain|rounded up/iu;

type Counts = Partial<Record<'dead' | 'injured' | 'displaced' | 'arrested', number | string>>;

/** The sentence last counted, and its counts: each trigger of a sentence asks for them again. */
let lastCounted: { text: string; counts: Readonly<Counts> } | undefined;

/** Casualty, displacement and arrest counts of a sentence (the result is shared: read it, do not change it). */
export function findCounts(text: string): Readonly<Counts> {
  if (lastCounted && lastCounted.text === text) return lastCounted.counts;
  const counts = countsOf(text);
  lastCounted = { text, counts };
  return counts;
}

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

// ---------------------------------------------------------------- auxiliary modes
/** Words before a trigger that negate it. */
const NEGATION = /^(not|n't|never|no|without|nor)$/;
/** Words before a trigger that put it in the future. */
const FUTURE = /^(will|shall|'ll|wo|plans|plan|planning|preparing|prepare|intends|intend|set|going|expected|due)$/;
/** Words that make it a possibility, a wish or a condition. */
const HYPOTHETICAL =
  /^(could|would|might|may|should|if|unless|want|wants|wanted|hope|hopes|whether|ought|try|tried|trying|attempt|attempted|seek|seeks)$/;
/** How many words before the trigger the auxiliary words are looked for. */
const AUX_WINDOW = 5;

export function auxModes(
  toks: Tok[],
  from: number,
): { negated: boolean; future: boolean; hypothetical: boolean; historical: boolean } {
  const r = { negated: false, future: false, hypothetical: false, historical: false };
  for (let j = from - 1; j >= 0 && j >= from - AUX_WINDOW; j--) {
    const l = toks[j].lower;
    if (CLAUSE_PUNCT.test(toks[j].text) || (CLAUSE_WORDS.has(l) && l !== 'that')) {
      if (l === 'if' || l === 'unless') r.hypothetical = true;
      break;
    }
    if (NEGATION.test(l)) r.negated = true;
    if (FUTURE.test(l)) r.future = true;
    if (HYPOTHETICAL.test(l)) r.hypothetical = true;
  }
  // "had withdrawn": past perfect, before the story's time
  if (from >= 1 && toks[from - 1].lower === 'had' && /ed$|en$|wn$/.test(toks[from].lower)) r.historical = true;
  return r;
}

/** The subject of a reporting verb left of token `i` ("Russia said Sudan must ..."). */
export function speakerBefore(toks: Tok[], i: number): Phrase | null {
  for (let k = i - 1; k >= 0; k--) {
    if (REPORTING.has(toks[k].lower)) return leftPhrase(toks, k - 1);
  }
  return null;
}
