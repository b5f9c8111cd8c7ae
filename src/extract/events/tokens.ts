/**
 * Word tokens and word classes for event and relation finding.
 *
 * The events stage tokenises each sentence itself (it needs possessives split off and the
 * lowercased form of every word); offsets always point into `doc.text`. The word classes below
 * are the small closed-class vocabulary that the dependency-free argument patterns rely on.
 */
import type { Doc } from '../../model/doc.ts';
import { codePointMatchAt, codePointWidth, isSpace, letterOrDigitAt } from '../../text/chars.ts';
import { alternation, lexiconFile, wordSet } from '../../lexicon/load.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;

export interface Tok {
  start: number;
  end: number;
  text: string;
  lower: string;
}

/** A word (the reference form of `wordMatchEnd`, which `tokenize` uses): an acronym with dots ("U.S."), a number with digit groups, letters/digits with inner hyphens, dots or apostrophes ("Al-Sharaa", "n't"), or one other character. */
export const WORD = /(?:\p{Lu}\.){2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\p{L}\p{N}]+(?:[-.'’‘][\p{L}\p{N}]+)*|\S/gu;
/** One capital letter (a code point): what `capitalAt` asks of a character outside ASCII. */
const CAPITAL = /^\p{Lu}$/u;

/** Width of the capital letter at `i` (\p{Lu}); 0 when there is none. */
function capitalAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90 ? 1 : 0;
  return codePointMatchAt(s, i, CAPITAL);
}

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * End of the WORD match at `i` (not white space), WORD's alternatives read by hand in its order:
 * initials ("U.S."), a number with digit groups ("12,500.5"), a word with inner hyphens, dots and
 * apostrophes, else one character (code point).
 */
function wordMatchEnd(s: string, i: number): number {
  // (?:\p{Lu}\.){2,}
  let k = i;
  let pairs = 0;
  for (let w = capitalAt(s, k); w && s.charCodeAt(k + w) === 46 /* . */; w = capitalAt(s, k)) {
    k += w + 1;
    pairs++;
  }
  if (pairs >= 2) return k;
  // \d{1,3}(?:,\d{3})+(?:\.\d+)?  (a fourth leading digit leaves no comma after \d{1,3}: no match)
  let d = 0;
  while (d < 4 && isDigit(s, i + d)) d++;
  if (d >= 1 && d <= 3) {
    k = i + d;
    let groups = 0;
    while (s.charCodeAt(k) === 44 /* , */ && isDigit(s, k + 1) && isDigit(s, k + 2) && isDigit(s, k + 3)) {
      k += 4;
      groups++;
    }
    if (groups > 0) {
      if (s.charCodeAt(k) === 46 /* . */ && isDigit(s, k + 1)) for (k += 2; isDigit(s, k); k++);
      return k;
    }
  }
  // [\p{L}\p{N}]+(?:[-.'’‘][\p{L}\p{N}]+)*
  let w = letterOrDigitAt(s, i);
  if (w) {
    k = i;
    for (;;) {
      while ((w = letterOrDigitAt(s, k))) k += w;
      const c = s.charCodeAt(k);
      if ((c === 45 || c === 46 || c === 39 || c === 0x2019 || c === 0x2018) && (w = letterOrDigitAt(s, k + 1)))
        k += 1 + w;
      else return k;
    }
  }
  // \S
  return i + codePointWidth(s, i);
}

/** Possessive ending split off as its own token, so "Starmer's" reads as name + 's. */
const POSSESSIVE = /^(.*[\p{L}\p{N}])(['’‘]s)$/u;

/** Whether a word ends in an apostrophe and "s" (what POSSESSIVE needs, checked without running it on every word). */
function mayBePossessive(w: string): boolean {
  const n = w.length;
  if (n < 3 || w.charCodeAt(n - 1) !== 115 /* s */) return false;
  const q = w.charCodeAt(n - 2);
  return q === 39 /* ' */ || q === 0x2019 /* ’ */ || q === 0x2018; /* ‘ */
}

/** Whether a token is one straight or curly single quote: `/^['’‘]$/` without a regex run per token. */
function isLoneQuote(t: string): boolean {
  if (t.length !== 1) return false;
  const c = t.charCodeAt(0);
  return c === 39 /* ' */ || c === 0x2019 /* ’ */ || c === 0x2018; /* ‘ */
}

export function tokenize(text: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  const slice = text.slice(from, to);
  // the WORD matches of the slice, found by `wordMatchEnd` (the same matches, about three times cheaper)
  for (let i = 0; i < slice.length;) {
    if (isSpace(slice.charCodeAt(i))) {
      i++;
      continue;
    }
    const end = wordMatchEnd(slice, i);
    const s = from + i;
    const w = slice.slice(i, end);
    const poss = mayBePossessive(w) ? POSSESSIVE.exec(w) : null;
    if (poss) {
      out.push(mk(text, s, s + poss[1].length));
      out.push(mk(text, s + poss[1].length, s + w.length));
    } else out.push(tokOf(w, s, s + w.length)); // (mk(text, s, s + w.length) without slicing the word again)
    i = end;
  }
  // a lone quote mark followed by "s" ("Starmer ‘s") is a possessive too
  for (let i = 0; i + 1 < out.length; i++) {
    if (isLoneQuote(out[i].text) && out[i + 1].lower === 's' && out[i + 1].start === out[i].end) {
      out.splice(i, 2, mk(text, out[i].start, out[i + 1].end));
    }
  }
  return out;
}

/** Curly single quotes, folded to the straight one in `lower`. */
const CURLY_QUOTE = /[’‘]/g;

function mk(text: string, start: number, end: number): Tok {
  return tokOf(text.slice(start, end), start, end);
}

/** The token of text `t` at `[start, end)`. */
function tokOf(t: string, start: number, end: number): Tok {
  const lower = t.toLowerCase();
  // most words hold no curly quote: skip the replace (and its copy) for them
  return {
    start,
    end,
    text: t,
    lower: lower.includes('’') || lower.includes('‘') ? lower.replace(CURLY_QUOTE, "'") : lower,
  };
}

export interface Span {
  start: number;
  end: number;
}

/** Sentences of the doc: the sentence layer when it exists, else a simple splitter (end punctuation, line breaks). */
export function sentencesOf(doc: Doc): Span[] {
  if (doc.sentences.length > 0) return doc.sentences;
  const out: Span[] = [];
  const re = /[^\n.!?]+(?:[.!?]+["'’”]?|\n|$)/g;
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    let s = m.index;
    let e = m.index + m[0].length;
    while (s < e && /\s/.test(doc.text[s])) s++;
    while (e > s && /\s/.test(doc.text[e - 1])) e--;
    if (e > s) {
      // merge splits after abbreviations ("U.S.", "Lt.", "Gen.") with the next piece
      const prev = out[out.length - 1];
      if (
        prev &&
        /(?:\b\p{Lu}\.|\b(?:Lt|Gen|Col|Mr|Mrs|Ms|Dr|St|Sgt|Capt|Maj|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)$/u.test(
          doc.text.slice(prev.start, prev.end),
        ) &&
        !doc.text.slice(prev.end, s).includes('\n')
      ) {
        prev.end = e;
      } else out.push({ start: s, end: e });
    }
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
/** Weekdays, months and relative day words (and ordinals, years): time adverbials skipped when looking for a subject. */
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

export function isCap(t: Tok): boolean {
  return CAPITALISED.test(t.text);
}
export function isWord(t: Tok): boolean {
  return /[\p{L}\p{N}]/u.test(t.text);
}
