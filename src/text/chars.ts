/**
 * Character classes of the regular-expression syntax, read from char codes: the hand-written
 * word scanners (fast paths of `/…/u` word patterns in cleaning, extraction and the corpus) ask
 * them once per character.
 */

/** White space as `\s` reads it (JavaScript's list: ASCII spaces, no-break and Unicode spaces, line and
 * paragraph separators, BOM). */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Width in code units of the code point at `i` (2 for a surrogate pair, else 1). */
export function codePointWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** An ASCII letter or digit ([A-Za-z0-9]). */
export function isAsciiLetterOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * Width of the code point at `i` when `oneCodePoint` (an anchored one-character class with the
 * `u` flag, such as /^[\p{L}\p{N}]$/u) matches it; 0 when it does not or `i` is past the end.
 * The scanners ask it only of characters outside ASCII, which they classify by code.
 */
export function codePointMatchAt(s: string, i: number, oneCodePoint: RegExp): number {
  if (i >= s.length) return 0;
  const w = codePointWidth(s, i);
  return oneCodePoint.test(s.slice(i, i + w)) ? w : 0;
}

/** One letter or digit (a code point): the class that `isLetterOrDigit` reads from a table. */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** `LETTER_OR_DIGIT` per Basic Multilingual Plane code unit, filled on first use (0 unknown, 1 yes, 2 no). */
const letterOrDigitTable = new Int8Array(0x10000);

/** Whether code point `c` is a letter or digit ([\p{L}\p{N}]); a lone surrogate is neither. */
export function isLetterOrDigit(c: number): boolean {
  if (c < 128) return isAsciiLetterOrDigit(c);
  if (c > 0xffff) return LETTER_OR_DIGIT.test(String.fromCodePoint(c));
  let v = letterOrDigitTable[c];
  if (v === 0) {
    v = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    letterOrDigitTable[c] = v;
  }
  return v === 1;
}

/** Width (1, or 2 for a surrogate pair) of the letter or digit ([\p{L}\p{N}]) at `i`; 0 when there is none. */
export function letterOrDigitAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return isAsciiLetterOrDigit(c) ? 1 : 0;
  const w = codePointWidth(s, i);
  return isLetterOrDigit(w === 2 ? s.codePointAt(i)! : c) ? w : 0;
}
