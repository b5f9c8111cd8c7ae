/**
 * Word tokens (offsets only), inside sentences: a token never crosses a sentence boundary.
 *
 * A hand-written scanner (one pass, no backtracking) so it runs at bulk speed. What stays one
 * token, and why, is listed below; everything else that is not a letter or digit is a token of
 * its own character.
 */
import type { Token } from '../model/analysis.ts';
import type { Doc } from '../model/doc.ts';
import type { Stage } from '../model/stage.ts';
import {
  AMBIGUOUS_ABBREVIATIONS,
  INNER_ABBREVIATIONS,
  NUMBER_ABBREVIATIONS,
  TITLE_ABBREVIATIONS,
} from '../lexicon/abbreviations.ts';
import { wordSet } from '../lexicon/load.ts';

/** URLs stay whole: a link is one reference, not a sentence of words. */
const URL_START = /(?:https?:\/\/|www\.)/iy;
/** Characters a URL never ends with in running text (the sentence's punctuation follows it). */
const URL_TRAILING = /[.,;:!?'"’”»)\]]+$/;
/** E-mail addresses stay whole. */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/uy;
/** Dotted abbreviations and acronyms stay whole with their full stops: "U.S.", "e.g.", "a.m.", "Ph.D.". */
const DOTTED = /(?:\p{L}{1,2}\.){2,}/uy;
/** Hyphens that join the parts of one word: "Al-Sharaa", "Druze-linked", "2025-07-19", "COVID-19". */
const HYPHENS = new Set([0x2d, 0x2010, 0x2011]);
/** Apostrophes, including the left single quote that typesetting often puts in "Starmer‘s". */
const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x2bc]);
/** Separators inside numbers, joined only between digits: "1,000", "3.5", "12:30", "19/07/2025". */
const NUMBER_JOINERS = new Set([0x2c, 0x2e, 0x3a, 0x2f]);
/** Clitics split off as their own token after an apostrophe: possessive "’s" and contractions. */
const CLITICS = wordSet('clitics', 'clitics');
/** Words that keep a following full stop as part of the token ("Mr.", "Gen.", "Inc.", "No. 10"). */
const PERIOD_WORDS = new Set([...TITLE_ABBREVIATIONS, ...INNER_ABBREVIATIONS, ...AMBIGUOUS_ABBREVIATIONS]);
/** Runs of the same punctuation that read as one mark: "...", "--", "!!", "??". */
const REPEATABLE = new Set([0x2e, 0x2d, 0x21, 0x3f]);

/** Word characters (letters, digits, combining marks) in the Basic Multilingual Plane, looked up once. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const wordCache = new Int8Array(65536);

/** Whether code unit `c` is a word character (ASCII by range, the rest through `wordCache`). */
function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  let v = wordCache[c];
  if (v === 0) {
    v = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    wordCache[c] = v;
  }
  return v === 1;
}

/** An ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** White space between tokens, zero-width space and byte-order mark included (they separate words). */
function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 9 ||
    c === 13 ||
    c === 160 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x202f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** End (exclusive) of the run of word characters starting at `i`. */
function wordEnd(text: string, i: number, end: number): number {
  while (i < end && isWordCode(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Tokenize `text[start, end)`. Pure: offsets are into `text`. Words, numbers and punctuation are
 * tokens; hyphenated and apostrophised names stay whole ("Al-Sharaa", "O'Neill"); possessive and
 * contraction clitics split off ("Starmer" "‘s", "do" "n’t"); abbreviations keep their full stop;
 * URLs and e-mail addresses stay whole.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      i++;
      continue;
    }
    const j = scanToken(text, i, end, c, out.length > 0 ? out[out.length - 1].end : -1);
    out.push({ start: i, end: j });
    // A "n’t" clitic split off the end of a word is pushed as a second token.
    if (pendingEnd > j) {
      out.push({ start: j, end: pendingEnd });
      i = pendingEnd;
      pendingEnd = -1;
    } else i = j;
  }
  return out;
}

/** End of a "n’t" clitic found while scanning a word ("don’t" → "do" + "n’t"); -1 when none. */
let pendingEnd = -1;

/** End (exclusive) of the token starting at `i`, whose first code unit is `c`. */
function scanToken(text: string, i: number, end: number, c: number, prevEnd: number): number {
  if (c === 0x68 || c === 0x48 || c === 0x77 || c === 0x57) {
    URL_START.lastIndex = i;
    if (URL_START.test(text)) {
      let j = i;
      while (j < end && !isSpaceCode(text.charCodeAt(j))) j++;
      const trail = URL_TRAILING.exec(text.slice(i, j));
      return trail ? j - trail[0].length : j;
    }
  }
  if (isWordCode(c)) return scanWord(text, i, end);
  if (APOSTROPHES.has(c) && prevEnd >= 0) {
    // A clitic after a word, also typeset with a space: "Starmer’s", "Starmer ‘s".
    const k = wordEnd(text, i + 1, end);
    const prevChar = text.charCodeAt(prevEnd - 1);
    if (k > i + 1 && CLITICS.has(text.slice(i + 1, k).toLowerCase()) && isWordCode(prevChar) && i - prevEnd <= 1) {
      return k;
    }
  }
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) return i + 2; // keep a surrogate pair together
  if (REPEATABLE.has(c)) {
    let j = i + 1;
    while (j < end && text.charCodeAt(j) === c) j++;
    return j;
  }
  return i + 1;
}

/** End of a word or number starting at `i`, with its joined parts and its abbreviation full stop. */
function scanWord(text: string, i: number, end: number): number {
  // E-mail address or dotted abbreviation: decided by what follows the first run of letters.
  let j = wordEnd(text, i, end);
  const after = j < end ? text.charCodeAt(j) : 0;
  if (
    (after === 0x40 || after === 0x2e || after === 0x2b || after === 0x5f || after === 0x2d) &&
    atBeforeSpace(text, j, end)
  ) {
    EMAIL.lastIndex = i;
    const m = EMAIL.exec(text);
    if (m && i + m[0].length <= end) return i + m[0].length;
  }
  if (after === 0x2e && j - i <= 2) {
    DOTTED.lastIndex = i;
    const m = DOTTED.exec(text);
    if (m && i + m[0].length <= end) return i + m[0].length;
  }
  let segStart = i;
  while (j < end) {
    const s = text.charCodeAt(j);
    const n = j + 1 < end ? text.charCodeAt(j + 1) : 0;
    if (HYPHENS.has(s) && isWordCode(n)) {
      segStart = j + 1;
      j = wordEnd(text, j + 1, end);
    } else if (
      NUMBER_JOINERS.has(s) &&
      isDigit(n) &&
      isDigit(text.charCodeAt(j - 1)) &&
      isDigit(text.charCodeAt(segStart))
    ) {
      j = wordEnd(text, j + 1, end);
    } else if (APOSTROPHES.has(s) && isWordCode(n)) {
      const k = wordEnd(text, j + 1, end);
      const suffix = text.slice(j + 1, k).toLowerCase();
      if (CLITICS.has(suffix)) return j; // "Starmer’s", "I’ve": the clitic is the next token
      if (suffix === 't' && j - 1 > i && (text.charCodeAt(j - 1) | 0x20) === 0x6e) {
        pendingEnd = k; // "don’t" → "do" + "n’t"
        return j - 1;
      }
      segStart = j + 1;
      j = k; // "O'Neill", "D’Souza"
    } else break;
  }
  // An abbreviation keeps its full stop: "Mr.", "Inc.", an initial "J.", "No." before a number.
  if (j < end && text.charCodeAt(j) === 0x2e) {
    const word = text.slice(i, j);
    if (PERIOD_WORDS.has(word) || (j - i === 1 && isInitial(text.charCodeAt(i)))) return j + 1;
    if (NUMBER_ABBREVIATIONS.has(word) && isDigit(nextNonSpace(text, j + 1, end))) return j + 1;
  }
  return j;
}

/** Whether an "@" comes before the next whitespace (only then is an e-mail address worth trying). */
function atBeforeSpace(text: string, i: number, end: number): boolean {
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x40) return true;
    if (isSpaceCode(c)) return false;
  }
  return false;
}

/** A capital letter before a full stop is an initial ("J. K."), except the pronoun "I" and "A" ("Plan A."). */
function isInitial(c: number): boolean {
  return c >= 65 && c <= 90 && c !== 73 && c !== 65;
}

/** The first code unit at or after `i` that is not white space (0 at the end). */
function nextNonSpace(text: string, i: number, end: number): number {
  while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
  return i < end ? text.charCodeAt(i) : 0;
}

/** Fill `doc.tokens`: the tokens of each sentence in order (the sentence layer must be filled). */
export const tokenStage: Stage = {
  name: 'tokens',
  reads: ['text', 'blocks', 'sentences'],
  adds: ['tokens'],
  run(doc: Doc) {
    const out: Token[] = [];
    const spans = doc.sentences.length > 0 ? doc.sentences : doc.blocks;
    for (const s of spans) for (const t of tokenize(doc.text, s.start, s.end)) out.push(t);
    doc.tokens = out;
  },
};
