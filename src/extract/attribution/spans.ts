/**
 * Spans of text the quote and claim stages walk: paragraphs (the Doc's blocks cut at line
 * breaks, where quotations run on), the sentence holding an offset, white-space trimming, and
 * whether a stretch holds a quotation.
 */
import type { Doc } from '../../model/doc.ts';
import type { Sentence } from '../../model/analysis.ts';
import { alternation } from '../../lexicon/load.ts';

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
    re.lastIndex = b.start;
    let s = b.start;
    const seg = doc.text.slice(0, b.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(seg))) {
      pushTrimmed(doc.text, out, s, m.index, b.kind);
      s = m.index + m[0].length;
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

/** Index of the sentence containing `offset` (or the last one starting before it). */
export function sentenceAt(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
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
