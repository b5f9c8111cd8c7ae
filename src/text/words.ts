/**
 * The lower-cased words of a text: runs of letters and digits, whatever the case, spacing and
 * punctuation around them. Texts are compared on these: cleaning's repeated blocks and captions,
 * the corpus's content hash and its near-duplicate shingles.
 */
import { isLetterOrDigit } from './chars.ts';

/** A word: letters and digits (`wordsOf`'s definition). */
export const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased `WORD`s of a text, in order. */
export function wordsOf(text: string): string[] {
  // The same as `text.toLowerCase().match(WORD)`, scanned by hand: the Unicode-class pattern is about
  // twice as slow (the tests compare the two).
  const s = text.toLowerCase();
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    let c = s.codePointAt(i)!;
    if (!isLetterOrDigit(c)) {
      i += c > 0xffff ? 2 : 1;
      continue;
    }
    let j = i + (c > 0xffff ? 2 : 1);
    while (j < n) {
      c = s.codePointAt(j)!;
      if (!isLetterOrDigit(c)) break;
      j += c > 0xffff ? 2 : 1;
    }
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}
