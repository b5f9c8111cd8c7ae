/**
 * The word scanner of speaker search: words as the pattern `WORD` finds them.
 *
 * Kept apart from the Doc's token layer on purpose: a WORD holds its inner apostrophes, hyphens
 * and full stops ("Ortiz’s", "al-Jazrawi", "U.S" are one word each), where the token layer splits
 * the possessive "’s" off and keeps "Mr." with its full stop. Speaker search reads name runs and
 * titles word by word over such words (a name run ends at "Ortiz’s"; the run, the honorific before
 * a mention and the words after a verb are compared with the Doc's entity mentions by offset), so
 * tokens would change what it finds; the golden output is held to these words. Reporting verbs
 * are read from the token layer (`verbs.ts`), with the same notion of a word standing alone.
 */
/** A word with offsets. */
export interface Word {
  w: string;
  start: number;
  end: number;
}

/** Word pattern used to walk text word by word (letters, digits, inner apostrophes and hyphens). */
const WORD = /[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu;

/** Word tokens (WORD matches, with offsets) lying wholly in `[lo, hi)`. */
export function wordsIn(text: string, lo: number, hi: number): Word[] {
  const out: Word[] = [];
  const re = new RegExp(WORD.source, 'gu');
  re.lastIndex = lo;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < hi) {
    if (m.index + m[0].length > hi) break;
    out.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}
