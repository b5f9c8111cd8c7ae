/**
 * Plain text → paragraphs (`TextBlock[]`), with whitespace normalised inside each line and no
 * other character changed.
 */
import type { TextBlock } from '../ingest/types.ts';
import { SENTENCE_END } from './patterns.ts';
import { isSpace } from '../text/chars.ts';

/** A blank line (possibly holding spaces) separates paragraphs. */
const BLANK_LINE = /\n[^\S\n]*\n/;
/** Runs of whitespace inside a line (tabs, no-break and thin spaces too) become one space. */
const INNER_SPACE = /\s+/g;
/**
 * A line at least this long that does not end a sentence is taken as hard-wrapped prose and joined
 * with the next line; a shorter one ("Source link") is a line of its own.
 */
const WRAP_MIN_CHARS = 40;
/** A line starting in lower case continues the previous line (a wrapped sentence). */
const STARTS_LOWER = /^\p{Ll}/u;

/** Collapse whitespace inside a line and trim it. */
export function normalizeSpace(s: string): string {
  // Most lines hold only single spaces: the replace would copy them unchanged.
  return hasIrregularSpace(s) ? s.replace(INNER_SPACE, ' ').trim() : s.trim();
}

/** Whether `INNER_SPACE` would change `s`: a white-space character other than a lone space, or two in a row. */
function hasIrregularSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (i + 1 < s.length && isSpace(s.charCodeAt(i + 1))) return true;
    } else if (isSpace(c)) return true;
  }
  return false;
}

/**
 * Split plain text into paragraphs: at blank lines when there are any, else at every line break.
 * Inside a blank-line paragraph, a single line break joins two lines of wrapped prose but splits
 * short unrelated lines (scraper debris such as "Share.\nExit mobile version").
 */
export function textToBlocks(text: string): TextBlock[] {
  const src = text.replace(/\r\n?/g, '\n');
  const chunks = BLANK_LINE.test(src) ? src.split(/\n[^\S\n]*\n/) : src.split('\n');
  const blocks: TextBlock[] = [];
  for (const chunk of chunks) {
    const lines = chunk
      .split('\n')
      .map(normalizeSpace)
      .filter((l) => l.length > 0);
    let current = '';
    for (const line of lines) {
      if (current && !continuesLine(current, line)) {
        blocks.push({ kind: 'paragraph', text: current });
        current = '';
      }
      current = current ? `${current} ${line}` : line;
    }
    if (current) blocks.push({ kind: 'paragraph', text: current });
  }
  return blocks;
}

/** Whether `next` continues the wrapped line `prev` rather than starting a new paragraph. */
function continuesLine(prev: string, next: string): boolean {
  if (SENTENCE_END.test(prev)) return false;
  return STARTS_LOWER.test(next) || prev.length >= WRAP_MIN_CHARS;
}
