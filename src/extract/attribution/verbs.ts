/**
 * Reporting verbs ("said", "told", "warned") and claim verbs ("believe", "understands"): the
 * lexicon of `data/lexicons/reporting-verbs.json` with its inflections generated, and the search
 * for them in a stretch of text (through a per-text index of words, since the quote and claim
 * stages ask sentence by sentence, many times).
 */
import { wordList, wordSet, wordTable } from '../../lexicon/load.ts';
import { letterOrDigitAt } from '../../text/chars.ts';
import type { Span } from './spans.ts';
import { WORD, wordEnd } from './words.ts';

/** A reporting verb found in the text. */
export interface VerbHit extends Span {
  text: string;
  lemma: string;
}

/** Verbs that introduce reported speech or writing (lemmas; inflections are generated). */
const REPORTING_VERB_LEMMAS = wordList('reporting-verbs', 'lemmas');

/** Forms English spells irregularly; the rest follow `inflect`. */
const IRREGULAR_FORMS = wordTable<string[]>('reporting-verbs', 'irregular');

/** Verbs that double their last consonant before -ed/-ing (admitted, regretted). */
const DOUBLING_VERBS = wordSet('reporting-verbs', 'doubling');

/** Regular English inflections of a verb lemma: 3rd person, past, -ing. */
function inflect(lemma: string): string[] {
  if (Object.hasOwn(IRREGULAR_FORMS, lemma)) return [lemma, ...IRREGULAR_FORMS[lemma]];
  // Consonant + y: testify → testifies, testified, testifying.
  if (/[^aeiou]y$/.test(lemma)) return [lemma, lemma.slice(0, -1) + 'ies', lemma.slice(0, -1) + 'ied', lemma + 'ing'];
  const s = /(s|sh|ch|x|z)$/.test(lemma) ? lemma + 'es' : lemma + 's';
  let stem = lemma;
  if (DOUBLING_VERBS.has(lemma)) stem = lemma + lemma.slice(-1);
  const ed = lemma.endsWith('e') ? lemma + 'd' : stem + 'ed';
  const ing = lemma.endsWith('e') && !lemma.endsWith('ee') ? lemma.slice(0, -1) + 'ing' : stem + 'ing';
  return [lemma, s, ed, ing];
}

/** Every form of every reporting verb, mapped to its lemma. */
export const REPORTING_VERBS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const l of REPORTING_VERB_LEMMAS) for (const f of inflect(l)) m.set(f, l);
  return m;
})();

/** Lemmas that introduce a proposition someone vouches for (a claim), not just any speech act. */
export const CLAIM_VERB_LEMMAS: ReadonlySet<string> = wordSet('reporting-verbs', 'claimLemmas');

/**
 * Extra claim verbs that are not speech verbs ("officials believe", "this paper understands"),
 * form → lemma: looked up for every word (a map, unlike an object, has no inherited keys).
 */
const CLAIM_ONLY_MAP: ReadonlyMap<string, string> = new Map(
  Object.entries(wordTable('reporting-verbs', 'claimOnlyForms')),
);

/** Reporting verbs (and, with `claims`, claim-only verbs) in `[from, to)`, in text order. */
export function findReportingVerbs(text: string, from: number, to: number, claims = false): VerbHit[] {
  const out: VerbHit[] = [];
  const ws = wordIndex(text);
  const i = lowerBoundEnd(ws.ends, from);
  if (i >= ws.starts.length || ws.starts[i] >= from) {
    // `from` lies between words: the words of the whole text from i on that end by `to`, of which
    // only the verb forms (listed once per text) can be hits
    for (let h = lowerBound(ws.verbs, i); h < ws.verbs.length; h++) {
      const k = ws.verbs[h];
      if (ws.ends[k] > to) break;
      const w = ws.verbLower[h];
      const lemma = REPORTING_VERBS.get(w) ?? (claims ? CLAIM_ONLY_MAP.get(w) : undefined);
      if (lemma) out.push({ start: ws.starts[k], end: ws.ends[k], text: text.slice(ws.starts[k], ws.ends[k]), lemma });
    }
    return out;
  }
  // `from` cuts a word: scan from there
  WORD.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) && m.index < to) {
    if (m.index + m[0].length > to) break;
    const w = m[0].toLowerCase();
    const lemma = REPORTING_VERBS.get(w) ?? (claims ? CLAIM_ONLY_MAP.get(w) : undefined);
    if (lemma) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], lemma });
  }
  return out;
}

/** The words (WORD matches) of one text, with their lower case: the text last asked about is kept. */
interface WordIndex {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  /** Indices of the words that are reporting verbs or claim-only verb forms, in text order. */
  verbs: Int32Array;
  /** The lower case of each of those words (`verbLower[h]` is word `verbs[h]`'s). */
  verbLower: string[];
}

/** The index of the text last asked about. */
let lastWords: WordIndex | undefined;

/** The verb forms `wordIndex` looks for, and two facts of them that rule out most words unread. */
const VERB_FORMS = [...REPORTING_VERBS.keys(), ...CLAIM_ONLY_MAP.keys()];
/** Longest verb form: lower-casing never shortens a word, so a longer word is no verb form. */
const VERB_FORM_MAX_LENGTH = Math.max(...VERB_FORMS.map((v) => v.length));
/** First characters (lower case) of the verb forms; an ASCII first character lower-cases alone. */
const VERB_FORM_FIRST = new Set(VERB_FORMS.map((v) => v.charCodeAt(0)));

/** Whether the word at `[start, end)` may lower-case to a verb form (false: it certainly does not). */
function mayBeVerbForm(text: string, start: number, end: number): boolean {
  if (end - start > VERB_FORM_MAX_LENGTH) return false;
  const c = text.charCodeAt(start);
  if (c >= 128) return true;
  if (!VERB_FORM_FIRST.has(c >= 65 && c <= 90 ? c + 32 : c)) return false;
  // an ASCII word is a verb form only if its lower-case hash is one of theirs (read without making the string)
  const h = asciiLowerHash(text, start, end);
  return h < 0 || VERB_FORM_HASHES.has(h);
}

/**
 * A hash of the lower case of the ASCII word at `[start, end)` (ASCII lower-cases char by char:
 * A–Z to a–z, the rest as it is), or -1 when the word holds a character outside ASCII (whose
 * lower case the caller must make). Equal words hash equal; `VERB_FORM_HASHES` holds the verb forms'.
 */
export function asciiLowerHash(text: string, start: number, end: number): number {
  let h = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return -1;
    h = (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) & 0x3fffffff;
  }
  return h;
}
/** Hashes of the verb forms (all ASCII, lower case), for `mayBeVerbForm`. */
const VERB_FORM_HASHES = new Set(VERB_FORMS.map((v) => asciiLowerHash(v, 0, v.length)));

/**
 * Scratch offsets of `wordIndex`, grown to the longest text seen up to SCRATCH_MAX_WORDS (its
 * words are copied out).
 */
let scratchStarts = new Int32Array(0);
let scratchEnds = new Int32Array(0);
/** Longer texts get scratch arrays of their own, not kept: the kept ones stay small (2 × 4 bytes a word). */
const SCRATCH_MAX_WORDS = 1 << 18;

/**
 * The words of `text`, computed once per text (the stages ask for reporting verbs sentence by
 * sentence, many times).
 */
function wordIndex(text: string): WordIndex {
  if (lastWords && lastWords.text === text) return lastWords;
  // a text of n characters holds at most (n + 1) / 2 words (each a character, then a separator):
  // the offsets go to scratch arrays of that size, copied out at their length (cheaper than
  // growing plain arrays word by word and converting them)
  const most = (text.length + 1) >> 1;
  if (scratchStarts.length < most && most <= SCRATCH_MAX_WORDS) {
    scratchStarts = new Int32Array(most);
    scratchEnds = new Int32Array(most);
  }
  const kept = scratchStarts.length >= most;
  const starts = kept ? scratchStarts : new Int32Array(most);
  const ends = kept ? scratchEnds : new Int32Array(most);
  let count = 0;
  const verbs: number[] = [];
  const verbLower: string[] = [];
  // the WORD matches of the text, found by `wordEnd` (the same words, in the same order)
  for (let i = 0, w = 0; i < text.length; i += w || 1) {
    w = letterOrDigitAt(text, i);
    if (!w) continue;
    const end = wordEnd(text, i);
    if (mayBeVerbForm(text, i, end)) {
      const lw = text.slice(i, end).toLowerCase();
      if (REPORTING_VERBS.has(lw) || CLAIM_ONLY_MAP.has(lw)) {
        verbs.push(count);
        verbLower.push(lw);
      }
    }
    starts[count] = i;
    ends[count] = end;
    count++;
    w = end - i;
  }
  // (`new Int32Array(array)` copies a plain array directly; `Int32Array.from` walks it as an iterable)
  lastWords = {
    text,
    starts: starts.slice(0, count),
    ends: ends.slice(0, count),
    verbs: new Int32Array(verbs),
    verbLower,
  };
  return lastWords;
}

/** First index whose value is at least `value` (values ascending). */
function lowerBound(values: Int32Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose end is greater than `offset`. */
function lowerBoundEnd(ends: Int32Array, offset: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
