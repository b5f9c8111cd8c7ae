/**
 * The word scanner of speaker search: words as the pattern `WORD` finds them, read by hand.
 *
 * Kept apart from the Doc's token layer on purpose: a WORD holds its inner apostrophes, hyphens
 * and full stops ("Ortiz’s", "al-Jazrawi", "U.S" are one word each), where the token layer splits
 * the possessive "’s" off and keeps "Mr." with its full stop. Speaker search reads name runs and
 * titles word by word over such words (a name run ends at "Ortiz’s"; the run, the honorific before
 * a mention and the words after a verb are compared with the Doc's entity mentions by offset), so
 * tokens would change what it finds; the golden output is held to these words. Reporting verbs
 * are read from the token layer (`verbs.ts`), with the same notion of a word standing alone.
 */
import { letterOrDigitAt } from '../../text/chars.ts';

/** A word with offsets. */
export interface Word {
  w: string;
  start: number;
  end: number;
}

/** Word pattern used to walk text word by word (letters, digits, inner apostrophes and hyphens). */
const WORD = /[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu;

/**
 * End of the WORD match that starts at `i` (a letter or digit): WORD read by hand, about three
 * times cheaper than running it over a whole text. A run of letters and digits, then any number
 * of ’ ' - . each followed by another run.
 */
export function wordEnd(text: string, i: number): number {
  const n = text.length;
  let w: number;
  for (;;) {
    while (i < n && (w = letterOrDigitAt(text, i))) i += w;
    const c = text.charCodeAt(i);
    if (
      i + 1 < n &&
      (c === 0x2019 || c === 39 /* ' */ || c === 45 /* - */ || c === 46) /* . */ &&
      (w = letterOrDigitAt(text, i + 1))
    )
      i += 1 + w;
    else return i;
  }
}

/** Word tokens (WORD matches, with offsets) lying wholly in `[lo, hi)`. */
export function wordsIn(text: string, lo: number, hi: number): Word[] {
  const out: Word[] = [];
  // the WORD matches from `lo`, found by `wordEnd` (unless `lo` splits a surrogate pair: the pattern's case)
  if (!(lo > 0 && (text.charCodeAt(lo) & 0xfc00) === 0xdc00 && (text.charCodeAt(lo - 1) & 0xfc00) === 0xd800)) {
    for (let i = lo, w = 0; i < hi; i += w || 1) {
      w = letterOrDigitAt(text, i);
      if (!w) continue;
      const end = wordEnd(text, i);
      if (end > hi) break;
      out.push({ w: text.slice(i, end), start: i, end });
      w = end - i;
    }
    return out;
  }
  const re = new RegExp(WORD.source, 'gu');
  re.lastIndex = lo;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < hi) {
    if (m.index + m[0].length > hi) break;
    out.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}
