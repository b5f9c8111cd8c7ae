/**
 * What the tagger's features read of a token's characters and of a sentence's casing: the
 * normalised form, word shapes, a casing/character class, and the casing class of a whole line
 * (headlines in capitals or title case behave unlike running text).
 */

/** Sentence casing classes: headlines in capitals or title case behave unlike running text. */
export const LINE_NORMAL = 0;
export const LINE_CAPS = 1;
export const LINE_LOWER = 2;
export const LINE_TITLE = 3;
/** Share of capitalised words above which a multi-word line reads as a title-case headline. */
export const TITLE_CASE_SHARE = 0.75;

/** The form features see: typographic quotes and dashes folded to ASCII. */
export function normalizeToken(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  return s
    .replace(/[‘’ʼ‛`´]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-');
}

/** Word shape: X for capitals, x for lower case, d for digits, other characters kept. */
export function wordShape(w: string): string {
  let s = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) s += 'X';
    else if (c >= 97 && c <= 122) s += 'x';
    else if (c >= 48 && c <= 57) s += 'd';
    else if (c > 127) {
      const ch = w[i];
      s += ch.toLowerCase() !== ch ? 'X' : ch.toUpperCase() !== ch ? 'x' : ch;
    } else s += w[i];
  }
  return s;
}

/** Shape with runs of the same class collapsed: "Xxxxx" → "Xx", "dd-dd" → "d-d". */
export function shortShape(shape: string): string {
  let s = '';
  let prev = '';
  for (let i = 0; i < shape.length; i++) {
    const c = shape[i];
    if (c !== prev) s += c;
    prev = c;
  }
  return s;
}

/** A capital letter (ASCII by range, others by case mapping). */
function isUpperCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c > 127 && String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c));
}
/** A lower-case letter (ASCII by range, others by case mapping). */
function isLowerCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c > 127 && String.fromCharCode(c).toUpperCase() !== String.fromCharCode(c));
}

/** Small integer class of a token's casing and characters (bit set). */
export function tokenClass(w: string): number {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let hyphen = 0;
  let apos = 0;
  let period = 0;
  let other = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (isUpperCode(c)) upper++;
    else if (isLowerCode(c)) lower++;
    else if (c >= 48 && c <= 57) digit++;
    else if (c === 45) hyphen++;
    else if (c === 39) apos++;
    else if (c === 46) period++;
    else other++;
  }
  const first = w.charCodeAt(0);
  let cls = 0;
  if (isUpperCode(first)) cls |= 1;
  if (upper > 0 && lower === 0) cls |= 2;
  if (upper > 1 && lower > 0) cls |= 4;
  if (digit > 0) cls |= 8;
  if (hyphen > 0) cls |= 16;
  if (apos > 0) cls |= 32;
  if (period > 0) cls |= 64;
  if (upper + lower + digit === 0) cls |= 128;
  if (other > 0) cls |= 256;
  return cls;
}

/** Whether a token starts with a capital. */
export function startsUpper(w: string): boolean {
  return isUpperCode(w.charCodeAt(0));
}
/** Whether a token has a letter. */
export function hasLetter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (isUpperCode(c) || isLowerCode(c)) return true;
  }
  return false;
}
/** Whether a token has a lower-case letter. */
export function hasLower(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (isLowerCode(w.charCodeAt(i))) return true;
  return false;
}
/** Whether a token has a capital. */
export function hasUpper(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (isUpperCode(w.charCodeAt(i))) return true;
  return false;
}

/** The casing class of a sentence: all capitals, all lower case, title case, or running text. */
export function lineClass(words: string[]): number {
  let letters = 0;
  let caps = 0;
  let lowerOnly = 0;
  let initCap = 0;
  let longWords = 0;
  for (const w of words) {
    if (!hasLetter(w)) continue;
    letters++;
    const lo = hasLower(w);
    const up = hasUpper(w);
    if (up && !lo) caps++;
    if (lo && !up) lowerOnly++;
    if (w.length > 3) {
      longWords++;
      if (startsUpper(w)) initCap++;
    }
  }
  if (letters === 0) return LINE_NORMAL;
  if (caps === letters && words.some((w) => w.length > 1 && hasLetter(w))) return LINE_CAPS;
  if (lowerOnly === letters && letters >= 3) return LINE_LOWER;
  if (longWords >= 3 && initCap / longWords >= TITLE_CASE_SHARE) return LINE_TITLE;
  return LINE_NORMAL;
}
