/**
 * Emission sums of the tagger's fast path for quantised models: the passes' int16 weights
 * interleaved by bucket, the buckets whose weights are all zero, and the integer sum of one
 * token's weights over its cached word rows, word pairs and context features.
 */
import type { FeatureBuffer } from '../hashing.ts';
import { N_LABELS } from './labels.ts';
import type { LinearModel } from './model.ts';
import { PAIR_FEATURES } from './word-features.ts';

/**
 * Which buckets of the weight table hold a non-zero weight in some pass, and where the table holds
 * a bucket's weights (`rowOf`). Most buckets are all zero (about 80% of the shipped model's: the
 * training features fill a fifth of the table), and a feature never seen in training mostly hashes
 * to one of those. A model file holds the non-zero buckets' rows only (`base`).
 */
export interface ZeroBuckets {
  /** Bit b set: bucket b has a non-zero weight for some pass and label. */
  nonZero: Uint32Array;
  /** A row whose weights are all zero, -1 if none (a table of every bucket may have none). */
  zero: number;
  /** The model's bucket mask. */
  mask: number;
  /**
   * A table of the non-zero buckets' rows only, in bucket order (then a zero row, `zero`): per
   * word of `nonZero`, the rows before its buckets. Absent: the table has a row for every bucket.
   */
  base?: Uint32Array;
}

/** The number of bits set in a 32-bit word. */
function bitCount(w: number): number {
  const a = w - ((w >>> 1) & 0x55555555);
  const b = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  return Math.imul((b + (b >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The number of bits set in a bitmap. */
export function countBits(words: Uint32Array): number {
  let n = 0;
  for (const w of words) n += bitCount(w);
  return n;
}

/** The `ZeroBuckets` of a table of every bucket whose non-zero buckets are known (a second-version model file's). */
export function zeroBucketsOf(nonZero: Uint32Array, bits: number): ZeroBuckets {
  const buckets = 1 << bits;
  let zero = -1;
  for (let k = 0; k < nonZero.length && zero < 0; k++) {
    if (nonZero[k] === 0xffffffff) continue;
    for (let b = k * 32; b < (k + 1) * 32 && b < buckets; b++) {
      if (!(nonZero[k] & (1 << (b & 31)))) {
        zero = b;
        break;
      }
    }
  }
  return { nonZero, zero, mask: buckets - 1 };
}

/** The `ZeroBuckets` of a table holding the non-zero buckets' rows only, then a zero row (a model file's). */
export function sparseBuckets(nonZero: Uint32Array, bits: number): ZeroBuckets {
  const base = new Uint32Array(nonZero.length);
  let rows = 0;
  for (let k = 0; k < nonZero.length; k++) {
    base[k] = rows;
    rows += bitCount(nonZero[k]);
  }
  return { nonZero, zero: rows, mask: (1 << bits) - 1, base };
}

/**
 * The row of the weight table holding the weights of feature `id`'s bucket: `zero` for a bucket
 * whose weights are all zero (its own row in a table of every bucket that has no zero row).
 */
export function rowOf(z: ZeroBuckets, id: number): number {
  const b = id & z.mask;
  const word = z.nonZero[b >>> 5];
  const bit = 1 << (b & 31);
  if (!(word & bit)) return z.zero >= 0 ? z.zero : b;
  return z.base ? z.base[b >>> 5] + bitCount(word & (bit - 1)) : b;
}

/** Writes every feature id of `feats[0..end)` as its row (`rowOf`). */
export function toRows(z: ZeroBuckets, feats: Int32Array | Uint32Array, end: number): void {
  for (let k = 0; k < end; k++) feats[k] = rowOf(z, feats[k]);
}

/**
 * The `ZeroBuckets` of the passes' weights interleaved (`interleavedWeights`, `stride` weights a
 * bucket): one scan of the table, two weights at a time where the table lies at a multiple of 4
 * bytes and a bucket's weights are an even number (the shipped model's: 18).
 */
export function zeroBuckets(weights: Int16Array, stride: number, bits: number): ZeroBuckets {
  const buckets = 1 << bits;
  const nonZero = new Uint32Array(Math.ceil(buckets / 32));
  let zero = -1;
  const pairs = stride % 2 === 0 && weights.byteOffset % 4 === 0;
  const w = pairs ? new Int32Array(weights.buffer, weights.byteOffset, weights.length >>> 1) : weights;
  const n = pairs ? stride >>> 1 : stride;
  for (let b = 0, at = 0; b < buckets; b++, at += n) {
    let any = 0;
    for (let k = 0; k < n; k++) any |= w[at + k];
    if (any !== 0) nonZero[b >>> 5] |= 1 << (b & 31);
    else if (zero < 0) zero = b;
  }
  return { nonZero, zero, mask: buckets - 1 };
}

/**
 * Both (all) passes' int16 weights in one table, `[bucket][pass][label]`: a feature's weights for
 * every pass share a cache line.
 */
export function interleavedWeights(passes: readonly LinearModel[]): Int16Array {
  const P = passes.length;
  const stride = P * N_LABELS;
  const buckets = 1 << passes[0].bits;
  const out = new Int16Array(buckets * stride);
  for (let p = 0; p < P; p++) {
    const w = passes[p].w;
    for (let b = 0; b < buckets; b++) {
      const from = b * N_LABELS;
      const to = b * stride + p * N_LABELS;
      for (let y = 0; y < N_LABELS; y++) out[to + y] = w[from + y];
    }
  }
  return out;
}

/**
 * Writes to `out[outAt..outAt + stride)` every pass's integer emission sums for token `i`
 * (pass p at `p * 9`): the cached sums of its word and of its neighbours' words in their roles
 * (rows of the slab `sums`, starting at `at[i + 2]` for word i: `at` holds two `<s>` rows before
 * the sentence and two `</s>` after), its word pairs' weights and its buffered context features'
 * weights. The passes are summed one after the other; the second finds the rows in cache.
 */
export function sumToken(
  at: Int32Array,
  sums: Int32Array,
  i: number,
  pairs: Uint32Array,
  buf: FeatureBuffer,
  weights: Int16Array,
  mask: number,
  stride: number,
  out: Int32Array,
  outAt: number,
): void {
  // where the rows of the word and its neighbours start in the slab, plus the offset of their role
  // in it (own, as i-1, as i+1, as i-2, as i+2)
  const q0 = at[i + 2];
  const q1 = at[i + 1] + stride;
  const q2 = at[i + 3] + 2 * stride;
  const q3 = at[i] + 3 * stride;
  const q4 = at[i + 4] + 4 * stride;
  // the pair (i-1, i) gives token i its right-word features, the pair (i, i+1) its left-word ones
  const pl = i * PAIR_FEATURES + 2;
  const pr = (i + 1) * PAIR_FEATURES;
  const f0 = (pairs[pl] & mask) * stride,
    f1 = (pairs[pl + 1] & mask) * stride;
  const f2 = (pairs[pr] & mask) * stride,
    f3 = (pairs[pr + 1] & mask) * stride;
  const feats = buf.feats;
  const k0 = buf.offsets[i],
    k1 = buf.offsets[i + 1];
  const u = sums;
  const w = weights;
  for (let po = 0; po < stride; po += N_LABELS) {
    const r0 = q0 + po,
      r1 = q1 + po,
      r2 = q2 + po,
      r3 = q3 + po,
      r4 = q4 + po;
    const e0 = f0 + po,
      e1 = f1 + po,
      e2 = f2 + po,
      e3 = f3 + po;
    let s0 = u[r0] + u[r1] + u[r2] + u[r3] + u[r4] + w[e0] + w[e1] + w[e2] + w[e3];
    let s1 = u[r0 + 1] + u[r1 + 1] + u[r2 + 1] + u[r3 + 1] + u[r4 + 1] + w[e0 + 1] + w[e1 + 1] + w[e2 + 1] + w[e3 + 1];
    let s2 = u[r0 + 2] + u[r1 + 2] + u[r2 + 2] + u[r3 + 2] + u[r4 + 2] + w[e0 + 2] + w[e1 + 2] + w[e2 + 2] + w[e3 + 2];
    let s3 = u[r0 + 3] + u[r1 + 3] + u[r2 + 3] + u[r3 + 3] + u[r4 + 3] + w[e0 + 3] + w[e1 + 3] + w[e2 + 3] + w[e3 + 3];
    let s4 = u[r0 + 4] + u[r1 + 4] + u[r2 + 4] + u[r3 + 4] + u[r4 + 4] + w[e0 + 4] + w[e1 + 4] + w[e2 + 4] + w[e3 + 4];
    let s5 = u[r0 + 5] + u[r1 + 5] + u[r2 + 5] + u[r3 + 5] + u[r4 + 5] + w[e0 + 5] + w[e1 + 5] + w[e2 + 5] + w[e3 + 5];
    let s6 = u[r0 + 6] + u[r1 + 6] + u[r2 + 6] + u[r3 + 6] + u[r4 + 6] + w[e0 + 6] + w[e1 + 6] + w[e2 + 6] + w[e3 + 6];
    let s7 = u[r0 + 7] + u[r1 + 7] + u[r2 + 7] + u[r3 + 7] + u[r4 + 7] + w[e0 + 7] + w[e1 + 7] + w[e2 + 7] + w[e3 + 7];
    let s8 = u[r0 + 8] + u[r1 + 8] + u[r2 + 8] + u[r3 + 8] + u[r4 + 8] + w[e0 + 8] + w[e1 + 8] + w[e2 + 8] + w[e3 + 8];
    for (let k = k0; k < k1; k++) {
      const b = (feats[k] & mask) * stride + po;
      s0 += w[b];
      s1 += w[b + 1];
      s2 += w[b + 2];
      s3 += w[b + 3];
      s4 += w[b + 4];
      s5 += w[b + 5];
      s6 += w[b + 6];
      s7 += w[b + 7];
      s8 += w[b + 8];
    }
    const o = outAt + po;
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
    out[o + 4] = s4;
    out[o + 5] = s5;
    out[o + 6] = s6;
    out[o + 7] = s7;
    out[o + 8] = s8;
  }
}
