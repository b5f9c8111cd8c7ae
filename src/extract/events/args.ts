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
import { wordSet } from '../../lexicon/load.ts';

/** The lexicon file of the events' word classes. */
const WORDS = 'event-words';

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
const COPULA = wordSet(WORDS, 'copulas');
/** Words after which a new clause starts; the right-hand search stops there. */
const CLAUSE_WORDS = wordSet(WORDS, 'clauseWords');
/** Particles and prepositions that may open the right-hand side of a trigger. */
const RIGHT_OPENERS = wordSet(WORDS, 'rightOpeners');
/** Prepositions introducing the target of a nominal trigger ("attack on", "killing of", "strikes against"). */
const NOMINAL_TARGET_PREP = wordSet(WORDS, 'nominalTargetPreps');
/** Be-forms before a participle mark the passive voice. */
const BE = wordSet(WORDS, 'passiveAuxiliaries');
/** Participles that do not end in -ed. */
const IRREGULAR_PARTICIPLE = wordSet(WORDS, 'irregularParticiples');
/** The time words that are names when capitalised (weekdays, months, "Today"). */
const NAMED_DAYS = wordSet(WORDS, 'namedDays');
/** Words that may open a time adverbial before its time word ("on Friday", "late last night"). */
const AFTER_TIME = wordSet(WORDS, 'afterTimeWords');
/** A lowercase past-tense verb inside a leftward phrase ends it ("the army lifted Friday a ..."). */
const PAST_VERB = /^[a-z]+ed$/;
/** Prepositions that introduce where something happens rather than to whom. */
const PLACE_PREP = wordSet(WORDS, 'placePreps');
/** Longest noun phrase kept, in words. */
const MAX_NP = 8;
/** How far to the right a target is looked for, in words. */
const RIGHT_WINDOW = 14;

/** Whether a token can be part of a noun phrase (not a quote mark, a phrase break or a reporting verb). */
function isNpWord(t: Tok): boolean {
  if (QUOTE.test(t.text)) return false;
  if (t.lower === "'s" || t.lower === '-' || t.lower === '&') return true;
  if (!isWord(t)) return false;
  if (NP_BREAK.has(t.lower) || REPORTING.has(t.lower)) return false;
  return true;
}

/**
 * `[from, to)` without determiners, "and", possessive marks and quotes at its start, nor "and", "of", quotes and
 * trailing time words at its end.
 */
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
      ACTOR_NOUNS.has(toks[k].lower) ||
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
    if (TIME_WORDS.test(l) && !(isCap(toks[j]) && !NAMED_DAYS.has(l))) {
      lastWasTime = true;
      continue;
    }
    if (lastWasTime && AFTER_TIME.has(l)) continue;
    if (skipLight && (LIGHT_VERBS.has(l) || DETERMINERS.has(l))) {
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
      (LIGHT_VERBS.has(toks[k].lower) || PAST_VERB.test(toks[k].lower)) &&
      k > 0 &&
      isWord(toks[k - 1]) &&
      !DETERMINERS.has(toks[k - 1].lower)
    )
  )
    k--;
  const [from, to] = stripEdges(toks, k + 1, j + 1);
  if (from >= to) return null;
  // "X ... to become the first British minister to ...": the description stands for X
  if (k >= 0 && COPULA.has(toks[k].lower)) {
    const subj = leftPhrase(toks, k - 1);
    if (subj && !subj.pronoun && hasName(toks, subj)) return subj;
  }
  return { from, to };
}

/** Whether the phrase holds a capitalised word that is not a demonym (a name rather than "British"). */
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

/**
 * Ends the phrase open since token `cur` (none when -1) at token `at`, keeping it when anything is left once its
 * edges are stripped.
 */
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
  const named = cands.find((p) => p.pronoun || (namesSomeone(toks, p) && !PLACE_PREP.has(wordBefore(toks, i, p))));
  if (named) return named;
  const first = cands[0];
  return first && !first.pronoun && wordBefore(toks, i, first) !== 'to' ? first : null;
}

/** Whether the participle at `from` is passive: a be-form (with at most two auxiliaries between) before it. */
export function isPassive(toks: Tok[], from: number): boolean {
  const t = toks[from].lower;
  if (!(t.endsWith('ed') || t.endsWith('en') || IRREGULAR_PARTICIPLE.has(t))) return false;
  for (let j = from - 1; j >= 0 && j >= from - 3; j--) {
    if (BE.has(toks[j].lower)) return true;
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
  return INSTRUMENT_WORD.has(toks[p.to - 1].lower);
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
      !LIGHT_VERBS.has(toks[j].lower) &&
      !CLAUSE_PUNCT.test(toks[j].text) &&
      !NP_BREAK.has(toks[j].lower)
    )
      j--;
    if (j >= 0 && LIGHT_VERBS.has(toks[j].lower)) {
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

// ---------------------------------------------------------------- auxiliary modes
/** Words before a trigger that negate it. */
const NEGATION = wordSet(WORDS, 'negations');
/** Words before a trigger that put it in the future. */
const FUTURE = wordSet(WORDS, 'futureWords');
/** Words that make it a possibility, a wish or a condition. */
const HYPOTHETICAL = wordSet(WORDS, 'hypotheticalWords');
/** How many words before the trigger the auxiliary words are looked for. */
const AUX_WINDOW = 5;

/** Negation, future, hypothesis and past perfect read from the few words before the trigger, within its clause. */
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
    if (NEGATION.has(l)) r.negated = true;
    if (FUTURE.has(l)) r.future = true;
    if (HYPOTHETICAL.has(l)) r.hypothetical = true;
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
