/**
 * Spans of text the quote and claim stages walk: paragraphs (the Doc's blocks cut at line
 * breaks, where quotations run on), the sentence holding an offset, white-space trimming, and
 * whether a stretch holds a quotation.
 */
import type { Doc } from '../../model/doc.ts';
import type { Sentence } from '../../model/analysis.ts';
import { alternation } from '../../lexicon/load.ts';
import { firstStartAtOrAfter } from '../../text/search.ts';

/** A stretch `[start, end)` of the Doc's text. */
export interface Span {
  start: number;
  end: number;
}

/** Paragraphs: the Doc's blocks, each further split at line breaks (plain text keeps them). */
export function paragraphsOf(doc: Doc): (Span & { kind: string })[] {
  const out: (Span & { kind: string })[] = [];
  for (const b of doc.blocks) {
    const re = /\n+/g;
    let s = b.start;
    const seg = doc.text.slice(b.start, b.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(seg))) {
      pushTrimmed(doc.text, out, s, b.start + m.index, b.kind);
      s = b.start + m.index + m[0].length;
    }
    pushTrimmed(doc.text, out, s, b.end, b.kind);
  }
  return out;
}

/** Pushes `[s, e)` of kind `kind` to `out` with its white space trimmed, unless nothing is left. */
function pushTrimmed(text: string, out: (Span & { kind: string })[], s: number, e: number, kind: string): void {
  while (s < e && /\s/.test(text[s])) s++;
  e = trimEnd(text, s, e);
  if (e > s) out.push({ start: s, end: e, kind });
}

/** End of `[start, end)` with trailing white space left out. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Start of `[start, end)` with leading white space left out. */
export function trimStart(text: string, start: number, end: number): number {
  while (start < end && /\s/.test(text[start])) start++;
  return start;
}

/** Marks that open no statement: a comma, colon, semicolon or dash left before a clause. */
const LEADING_MARK = /[,;:—–-]/;

/** Start of `[start, end)` with leading white space and commas, colons, semicolons and dashes left out. */
export function trimLeadingMarks(text: string, start: number, end: number): number {
  let s = trimStart(text, start, end);
  while (s < end && LEADING_MARK.test(text[s])) s = trimStart(text, s + 1, end);
  return s;
}

/** Characters `[a, b)` and `[c, d)` have in common. */
export function overlapLength(a: number, b: number, c: number, d: number): number {
  return Math.max(0, Math.min(b, d) - Math.max(a, c));
}

/**
 * Index of the first span of `spans` (sorted and apart, as paragraphs are) holding `offset`, its
 * end included; -1 when none does. A binary search.
 */
export function spanIndexAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo].start <= offset ? lo : -1;
}

/**
 * A test of whether any of `spans` (in any order, overlapping or not) overlaps `[a, b)`, answered
 * by a binary search: the spans sorted by start, with the furthest end reached so far.
 */
export function overlapTest(spans: readonly Span[]): (a: number, b: number) => boolean {
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  const reach: number[] = [];
  let far = -Infinity;
  for (const s of sorted) reach.push((far = Math.max(far, s.end)));
  return (a, b) => {
    const before = firstStartAtOrAfter(sorted, b); // the spans starting before b
    return before > 0 && reach[before - 1] > a;
  };
}

/** Index of the sentence containing `offset` (or the last one starting before it). */
export function sentenceAt(sentences: Sentence[], offset: number): number {
  return firstStartAtOrAfter(sentences, offset + 1) - 1;
}

/** An apostrophe word after a single mark ("’s", "’til", "’90s"): no quotation opens there. */
const ELISION = new RegExp(`^(?:${alternation('quotations', 'elisionsShort')})(?![\\p{L}])|^\\d\\d`, 'u');

/** Whether a stretch of text holds an opening quotation mark (a quotation the quote stage owns). */
export function holdsQuotation(text: string): boolean {
  const re = /(?:^|[\s([—–-])([‘“"«'])(?=[\p{L}\p{N}])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 5);
    if ((m[1] === '‘' || m[1] === "'") && ELISION.test(after)) continue;
    return true;
  }
  return false;
}

/** Counts the words (white-space separated, holding a letter or digit) of a string. */
export function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => HAS_WORD_CHARACTER.test(w)).length;
}

/** A letter or digit. */
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;
