/**
 * Near-duplicate detection: MinHash signatures over word shingles, and locality-sensitive hashing
 * (LSH) bands to find candidate copies without comparing every pair.
 *
 * Syndicated copies of a story share most of their 5-word shingles even after a site adds
 * boilerplate, cuts a paragraph or writes a new headline; MinHash estimates that Jaccard overlap
 * from a fixed-size signature, and LSH turns "similar signatures" into "share a band bucket".
 */

/** Words per shingle: long enough that unrelated articles share few, short enough to survive edits. */
export const SHINGLE_WORDS = 5;
/** Signature length: the estimate's standard error is about 1/sqrt(128) ≈ 0.09. */
export const NUM_HASHES = 128;
/**
 * 32 bands of 4 rows: a pair with Jaccard s becomes a candidate with probability 1 - (1 - s^4)^32,
 * about 0.4 at s = 0.3, 0.9 at s = 0.45 and 1.0 above 0.6.
 */
export const BANDS = 32;
export const ROWS = NUM_HASHES / BANDS;
/** Estimated Jaccard similarity at or above which two articles are copies of one story. */
export const SAME_STORY_JACCARD = 0.5;

const MERSENNE = 0x7fffffff; // 2^31 - 1, the modulus of the universal hash family

/** Fixed pseudo-random coefficients so signatures are stable across runs and machines. */
const COEFFS: Array<[number, number]> = (() => {
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % MERSENNE;
  };
  return Array.from({ length: NUM_HASHES }, () => [next() | 1, next()] as [number, number]);
})();

/** The words of a text for shingling: lower case letters and digits only. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** 32-bit FNV-1a hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of the distinct word shingles of a text. */
export function shingles(text: string, size = SHINGLE_WORDS): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length < size) {
    if (w.length) out.add(fnv1a(w.join(' ')));
    return out;
  }
  for (let i = 0; i + size <= w.length; i++) out.add(fnv1a(w.slice(i, i + size).join(' ')));
  return out;
}

/** (a*x + b) mod (2^31 - 1) without losing precision in doubles. */
function mulMod(a: number, x: number, b: number): number {
  const hi = Math.floor(a / 65536);
  const lo = a % 65536;
  const t = ((hi * x) % MERSENNE) * 65536 + lo * x + b;
  return t % MERSENNE;
}

/** The MinHash signature of a set of shingle hashes. */
export function signature(set: Set<number>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const v of set) {
    const x = v % MERSENNE;
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = mulMod(COEFFS[i][0], x, COEFFS[i][1]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** LSH band keys of a signature: one string per band, "band:hash". */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < ROWS; r++) {
      h ^= sig[b * ROWS + r];
      h = Math.imul(h, 0x01000193);
    }
    keys.push(`${b}:${(h >>> 0).toString(36)}`);
  }
  return keys;
}

export function encodeSignature(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function decodeSignature(buf: Uint8Array): Uint32Array {
  const copy = new Uint8Array(buf); // aligned copy
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}
