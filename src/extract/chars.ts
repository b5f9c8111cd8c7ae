/**
 * Character classes of the regular-expression syntax, read from char codes: the hand-written
 * word scanners of extraction (fast paths of `/…/u` word patterns) ask them once per character.
 */

/** White space as `\s` reads it (JavaScript's list: ASCII spaces, no-break and Unicode spaces, line and paragraph separators, BOM). */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
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
