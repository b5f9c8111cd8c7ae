/**
 * Word tokens and word classes for event finding.
 *
 * The events stage reads the Doc's sentence and token layers (`nlp/sentences.ts`, `nlp/tokens.ts`):
 * `sentenceToks` gives a sentence's tokens with their text and lower-cased form, offsets into
 * `doc.text`. The word classes below are the small closed-class vocabulary that the
 * dependency-free argument patterns rely on (`data/lexicons/event-words.json`).
 */
import type { Doc } from '../../model/doc.ts';
import { alternation, lexiconFile, wordSet } from '../../lexicon/load.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;
/** A letter or digit anywhere. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A token of a sentence as the event patterns read it. */
export interface Tok {
  start: number;
  end: number;
  text: string;
  /** Lower case, curly single quotes folded to the straight one ("’s" → "'s"). */
  lower: string;
}

/** A sentence (or any span of the text). */
export interface Span {
  start: number;
  end: number;
}

/** Curly single quotes, folded to the straight one in `lower`. */
const CURLY_QUOTE = /[’‘]/g;

/**
 * The tokens of sentence `si` as the event patterns read them: the Doc's tokens (the token layer)
 * with their text and lower-case form, curly single quotes folded to the straight one ("n’t" → "n't").
 */
export function sentenceToks(doc: Doc, si: number): Tok[] {
  const [from, to] = doc.sentenceTokens(si);
  const out: Tok[] = [];
  for (let i = from; i < to; i++) {
    const t = doc.tokens[i];
    const lower = doc.lower(i);
    out.push({
      start: t.start,
      end: t.end,
      text: doc.tokenText(i),
      lower: lower.includes('’') || lower.includes('‘') ? lower.replace(CURLY_QUOTE, "'") : lower,
    });
  }
  return out;
}

// ---------------------------------------------------------------- word classes
// (data/lexicons/event-words.json and plover/coding.json, each list documented there)
/** The lexicon file of the events' word classes. */
const WORDS = 'event-words';
/** Auxiliaries, modals and adverbs that sit between a subject and its verb ("has", "will", "then"). */
export const AUX = wordSet(WORDS, 'auxiliaries');
/** Words that end a noun phrase: prepositions (bar "of"), conjunctions, relative words, reporting verbs. */
export const NP_BREAK = wordSet(WORDS, 'phraseBreaks');
/** Determiners and quantifiers stripped from the edges of a noun phrase. */
export const DETERMINERS = wordSet(WORDS, 'determiners');
/**
 * Weekdays, months and relative day words (and ordinals, years): time adverbials skipped when looking for a subject.
 */
export const TIME_WORDS = new RegExp(String.raw`^(${alternation(WORDS, 'timeWords')}|\d{1,4}(st|nd|rd|th)?)$`);
/** Verbs that report speech: the subject of "X said (that) ..." is the source of what follows. */
export const REPORTING = wordSet(WORDS, 'reportingVerbs');
/** Verbs whose object names the event ("launched air strikes", "staged a protest", "held talks"). */
export const LIGHT_VERBS = wordSet(WORDS, 'lightVerbs');
/** Personal pronouns that stand for an actor and need resolving. */
export const PRONOUNS = wordSet('pronouns', 'actorPronouns');
/** Nouns that make a phrase an actor even without a capital letter ("government forces", "rebels"). */
export const ACTOR_NOUNS = wordSet(WORDS, 'actorNouns');

/** A PLOVER code and the words (pattern pieces) that give it. */
interface CodedWords {
  code: string;
  words: string[];
}

/** A table of plover/coding.json as (pattern, code) pairs: the words between word boundaries, case-insensitive. */
function codedPatterns(key: string): [RegExp, string][] {
  const rows = lexiconFile('plover/coding')[key] as CodedWords[];
  return rows.map((r) => [new RegExp(String.raw`\b(${r.words.join('|')})\b`, 'i'), r.code]);
}

/** Sector of an actor from the words of its phrase (PLOVER sectors, lowercased). */
export const SECTORS = codedPatterns('sectors');
/** Weapons named as the "by" phrase of a passive are instruments, not actors; they set the ASSAULT mode. */
export const INSTRUMENTS = codedPatterns('instruments');
/** Head nouns of weapons: a "by" phrase ending in one names an instrument. */
export const INSTRUMENT_WORD = wordSet(WORDS, 'instrumentWords');

/** Whether a token opens with a capital letter. */
export function isCap(t: Tok): boolean {
  return CAPITALISED.test(t.text);
}
/** Whether a token holds a letter or digit (a word or number, not punctuation). */
export function isWord(t: Tok): boolean {
  return LETTER_OR_DIGIT.test(t.text);
}
