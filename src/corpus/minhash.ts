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
/**
 * Signature length: the estimate's standard error is about 1/sqrt(128) ≈ 0.09. A multiple of 4
 * (`signature` computes four at a time).
 */
export const NUM_HASHES = 128;
/**
 * 32 bands of 4 rows: a pair with Jaccard s becomes a candidate with probability 1 - (1 - s^4)^32,
 * about 0.4 at s = 0.3, 0.9 at s = 0.45 and 1.0 above 0.6.
 */
export const BANDS = 32;
/** Signature values per band. */
export const ROWS = NUM_HASHES / BANDS;
/** Estimated Jaccard similarity at or above which two articles are copies of one story. */
export const SAME_STORY_JACCARD = 0.5;

/**
 * Fixed pseudo-random seeds, one per hash function, so signatures are stable across runs and
 * machines. Hash function i is the murmur3 finaliser of (shingle XOR seed i): a well-mixed 32-bit
 * permutation computed in a few integer operations (the earlier (a·x + b) mod 2^31 − 1 family
 * cost several floating-point divisions per value and dominated the time to store an article).
 */
export const SEEDS: Uint32Array = (() => {
  let s = 0x9e3779b9;
  const out = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s >>> 0;
  }
  return out;
})();

/** 32-bit FNV-1a hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Hashes of the distinct shingles of a word list (from `wordsOf`, src/text/words.ts): FNV-1a of each run of `size`
 * words joined by spaces; a caller that has `w.join(' ')` already passes it as `joined`.
 */
export function wordShingles(w: string[], size = SHINGLE_WORDS, joined = w.join(' ')): Set<number> {
  const out = new Set<number>();
  for (const h of shingleHashes(w, size, joined)) out.add(h >>> 0);
  return out;
}

/**
 * The hash of every shingle of a word list, repeats kept, as signed 32-bit integers (the bits of
 * `wordShingles`' values): what `signatureOf` reads. A MinHash signature takes minima, which
 * repeats do not change, so storing skips building the Set of distinct shingles (each add
 * hashes the value into a table). Shingles are read in place from the whole list joined once
 * (no string per shingle).
 */
export function shingleHashes(w: string[], size = SHINGLE_WORDS, joined = w.join(' ')): Int32Array {
  if (w.length < size) return w.length ? Int32Array.of(fnv1a(joined)) : new Int32Array(0);
  // starts[i]: where word i begins in `joined`; a shingle of words i..i+size-1 ends one space before starts[i + size].
  const starts = new Uint32Array(w.length + 1);
  for (let i = 0, at = 0; i < w.length; i++) {
    starts[i] = at;
    at += w[i].length + 1;
  }
  starts[w.length] = joined.length + 1;
  const out = new Int32Array(w.length - size + 1);
  for (let i = 0; i + size <= w.length; i++) {
    let h = 0x811c9dc5;
    for (let c = starts[i], end = starts[i + size] - 1; c < end; c++) {
      h ^= joined.charCodeAt(c);
      h = Math.imul(h, 0x01000193);
    }
    out[i] = h;
  }
  return out;
}

/** SEEDS as signed 32-bit integers (the same bits), the representation the hashing below works in. */
const SEEDS_I32 = new Int32Array(SEEDS.buffer);
/** XOR with the sign bit maps unsigned order onto signed order: minima are taken on signed integers. */
const SIGN_BIT = 0x80000000 | 0;

/** murmur3's 32-bit finaliser (fmix32): a bijection on 32-bit values, returned as a signed integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The MinHash signature of a set of shingle hashes: for each hash function, the least value it
 * gives any shingle. Computed here four hash functions per pass over the
 * shingles, each running minimum in a register, on signed 32-bit integers (biased by the sign bit
 * so that their order is the unsigned one): V8 then never leaves integer arithmetic. About a
 * fifth faster than one function per pass on unsigned values.
 */
export function signature(set: Set<number>): Uint32Array {
  return signatureOf(Int32Array.from(set));
}

/**
 * `signature` of the values in a list (as signed 32-bit integers, the same bits), which may
 * repeat: minima do not change with repeats (`shingleHashes` gives such a list).
 */
export function signatureOf(values: Int32Array): Uint32Array {
  const n = values.length;
  const sig = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i += 4) {
    const s0 = SEEDS_I32[i];
    const s1 = SEEDS_I32[i + 1];
    const s2 = SEEDS_I32[i + 2];
    const s3 = SEEDS_I32[i + 3];
    let m0 = 0x7fffffff; // 0xffffffff biased: the largest value
    let m1 = m0;
    let m2 = m0;
    let m3 = m0;
    for (let j = 0; j < n; j++) {
      const v = values[j];
      const h0 = fmix32(v ^ s0) ^ SIGN_BIT;
      if (h0 < m0) m0 = h0;
      const h1 = fmix32(v ^ s1) ^ SIGN_BIT;
      if (h1 < m1) m1 = h1;
      const h2 = fmix32(v ^ s2) ^ SIGN_BIT;
      if (h2 < m2) m2 = h2;
      const h3 = fmix32(v ^ s3) ^ SIGN_BIT;
      if (h3 < m3) m3 = h3;
    }
    sig[i] = m0 ^ SIGN_BIT;
    sig[i + 1] = m1 ^ SIGN_BIT;
    sig[i + 2] = m2 ^ SIGN_BIT;
    sig[i + 3] = m3 ^ SIGN_BIT;
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

/** A signature as the bytes stored in `articles.signature`. */
export function encodeSignature(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

/** A signature read back from its stored bytes. */
export function decodeSignature(buf: Uint8Array): Uint32Array {
  const copy = new Uint8Array(buf); // aligned copy
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}
