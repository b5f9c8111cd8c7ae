/**
 * Sentence boundaries, per block (a sentence never crosses a block boundary).
 *
 * A candidate boundary is a run of `.`, `?`, `!` or `…`, optionally followed by closing quotes or
 * brackets, then whitespace, then something that can open a sentence (a capital, a digit, an
 * opening quote or bracket). A full stop after an abbreviation, an initial or a dotted acronym is
 * then kept or rejected by the abbreviation lists (`data/lexicons/abbreviations.json`, shared with
 * the tokenizer). One regular-expression pass per block and constant work per candidate: fast
 * enough for bulk runs (see the speed check in the tests).
 */
import type { Sentence } from '../model/analysis.ts';
import type { Doc } from '../model/doc.ts';
import type { Stage } from '../model/stage.ts';
import {
  AMBIGUOUS_ABBREVIATIONS,
  INNER_ABBREVIATIONS,
  NUMBER_ABBREVIATIONS,
  SENTENCE_STARTERS,
  TITLE_ABBREVIATIONS,
} from '../lexicon/abbreviations.ts';

/** End punctuation, closing quotes/brackets after it, and the whitespace that must follow. */
const CANDIDATE = /[.?!…]+['"’”»)\]]*\s+/g;
/** What may open the next sentence: a capital, a digit, or an opening quote or bracket. */
const OPENER = /[\p{Lu}\p{N}'"‘“«([]/u;
/** Time abbreviations ("10 a.m.") end a sentence when a capital follows: news rarely continues them with a name. */
const TIME_ABBREVIATION = /^(?:a\.m|p\.m)$/i;
/** Dotted acronyms ("U.S", "U.K", "U.N"): treated like the ambiguous abbreviations. */
const DOTTED_ACRONYM = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
/** A single capital: an initial ("J. K. Rowling"), unless a sentence-opening word follows. */
const INITIAL = /^\p{Lu}$/u;
/** The end punctuation is followed by a closing quote or bracket: "...vital.’ I spoke" ends there. */
const CLOSED = /['"’”»)\]]$/;
/** Leading characters stripped from the word before a full stop (opening quotes and brackets). */
const LEADING_PUNCT = /^[\p{Ps}\p{Pi}'"‘“]+/u;

/** Split `text[start, end)` into sentences (offsets into `text`), trimmed of whitespace. */
export function splitSentences(text: string, start = 0, end = text.length): Sentence[] {
  const out: Sentence[] = [];
  let from = skipSpace(text, start, end);
  CANDIDATE.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) !== null && m.index < end) {
    const spaceAt = m.index + m[0].trimEnd().length;
    const next = spaceAt + (m[0].length - m[0].trimEnd().length);
    if (next >= end) break;
    if (!isBoundary(text, m.index, m[0], next, from)) continue;
    if (spaceAt > from) out.push({ start: from, end: spaceAt });
    from = next;
  }
  let last = end;
  while (last > from && isSpace(text.charCodeAt(last - 1))) last--;
  if (last > from) out.push({ start: from, end: last });
  return out;
}

/** Decide whether the candidate `match` at `at` (next sentence would start at `next`) is a boundary. */
function isBoundary(text: string, at: number, match: string, next: number, sentenceStart: number): boolean {
  const opener = text[next];
  if (!OPENER.test(opener)) return false;
  const punct = match[0];
  // "?", "!" and "…" end a sentence when something sentence-like follows; so does "..." and a quote.
  if (punct !== '.' || match.startsWith('..')) return true;
  if (CLOSED.test(match.trimEnd())) return true;
  // A single full stop: look at the word before it.
  let w = at;
  while (w > sentenceStart && !isSpace(text.charCodeAt(w - 1))) w--;
  const word = text.slice(w, at).replace(LEADING_PUNCT, '');
  if (!word) return true;
  if (TITLE_ABBREVIATIONS.has(word)) return false;
  const nextWord = wordAt(text, next);
  if (NUMBER_ABBREVIATIONS.has(word) && /\p{N}/u.test(opener)) return false;
  if (INNER_ABBREVIATIONS.has(word)) return false;
  if (TIME_ABBREVIATION.test(word)) return true;
  if (AMBIGUOUS_ABBREVIATIONS.has(word) || DOTTED_ACRONYM.test(word) || INITIAL.test(word)) {
    return SENTENCE_STARTERS.has(nextWord);
  }
  return true;
}

/** The run of letters starting at `i` (after opening quotes), for the sentence-starter check. */
function wordAt(text: string, i: number): string {
  let j = i;
  while (j < text.length && /[\p{L}]/u.test(text[j])) j++;
  return text.slice(i, j);
}

/** White space between sentences: ASCII space and line breaks, no-break and typographic spaces. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 9 ||
    c === 13 ||
    c === 160 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x3000
  );
}

/** The first index at or after `i` (before `end`) that is not white space. */
function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Fill `doc.sentences`, block by block. */
export const sentenceStage: Stage = {
  name: 'sentences',
  reads: ['text', 'blocks'],
  adds: ['sentences'],
  run(doc: Doc) {
    const out: Sentence[] = [];
    for (const b of doc.blocks) for (const s of splitSentences(doc.text, b.start, b.end)) out.push(s);
    doc.sentences = out;
  },
};
