/**
 * The tagger's model: a hashed linear scorer per pass plus label-transition weights, decoded with
 * Viterbi under IOB2 constraints (an I-X only after B-X or I-X), and its compact binary file.
 *
 * File layout (`model.bin`, little-endian):
 *   8 bytes magic "SRNER03\0", u32 header length, header JSON (padded to 4 bytes), then one bit a
 *   bucket, in u32 words, set when the bucket holds a non-zero weight of some pass (`ZeroBuckets`),
 *   then the rows of those buckets only, in bucket order, and one row of zeros: a row is a
 *   bucket's Int16 weights of every pass, [passes × labels] (see `interleavedWeights`); padded to 4
 *   bytes; then per pass the Float32 transitions [(labels + 1) × labels] (the last row is the start
 *   of a sentence). Weights are quantised with one scale per pass, in the header. The tagger sums
 *   from these rows where the file's bytes lie (`NerModel.weights`, `rowOf`): four buckets in five of
 *   the shipped model are all zero, and the whole table (19 MB) took 60 ms of every start to read,
 *   most of it the memory it fills.
 *   Files of the first two versions still load, the tagger summing from the whole table then:
 *   "SRNER01\0", per pass its weights [buckets × labels] then its transitions (interleaved at
 *   load); "SRNER02\0", the whole table [buckets × passes × labels], the transitions, the bitmap.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { FeatureBuffer } from '../hashing.ts';
import { countBits, interleavedWeights, zeroBuckets } from './emissions.ts';
import { LABELS, N_LABELS } from './labels.ts';

/** The first bytes of a model file (format and version). */
const MAGIC = 'SRNER03\0';
/** The first bytes of files of the first and second versions (every bucket's weights: per pass, interleaved). */
const MAGIC_V1 = 'SRNER01\0';
const MAGIC_V2 = 'SRNER02\0';
/** Quantisation range: int16 keeps four significant digits of the averaged weights. */
const QMAX = 32767;

/** One pass's weights. */
export class LinearModel {
  readonly bits: number;
  readonly mask: number;
  readonly scale: number;
  /** Transition weights, `[prev * N_LABELS + label]`; prev = N_LABELS is the sentence start. */
  readonly trans: Float32Array;
  /** The weights, or how to make them on first use (`w`). */
  private weights: Int16Array | Float32Array | undefined;
  private readonly make: (() => Int16Array) | undefined;

  /**
   * `w` the weights, or a function making them when first read: a loaded model keeps its passes'
   * weights interleaved (`NerModel.weights`), and only the reference path reads one pass's alone.
   */
  constructor(bits: number, w: Int16Array | Float32Array | (() => Int16Array), trans: Float32Array, scale = 1) {
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    if (typeof w === 'function') this.make = w;
    else this.weights = w;
    this.trans = trans;
    this.scale = scale;
  }

  /** Emission weights, `[bucket * N_LABELS + label]`, times `scale`. */
  get w(): Int16Array | Float32Array {
    return (this.weights ??= this.make!());
  }

  /** Emission scores of every token and label: `scores[i * N_LABELS + y]`. */
  emissions(buf: FeatureBuffer, scores: Float32Array): void {
    const { w, mask, scale } = this;
    const feats = buf.feats;
    const offs = buf.offsets;
    for (let i = 0; i < buf.n; i++) {
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0,
        s4 = 0,
        s5 = 0,
        s6 = 0,
        s7 = 0,
        s8 = 0;
      for (let k = offs[i], e = offs[i + 1]; k < e; k++) {
        const b = (feats[k] & mask) * 9;
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
      const o = i * 9;
      scores[o] = s0 * scale;
      scores[o + 1] = s1 * scale;
      scores[o + 2] = s2 * scale;
      scores[o + 3] = s3 * scale;
      scores[o + 4] = s4 * scale;
      scores[o + 5] = s5 * scale;
      scores[o + 6] = s6 * scale;
      scores[o + 7] = s7 * scale;
      scores[o + 8] = s8 * scale;
    }
  }

  /** Quantised copy (int16 with one scale) for shipping. */
  quantize(): LinearModel {
    if (this.w instanceof Int16Array) return this;
    let max = 0;
    for (let i = 0; i < this.w.length; i++) max = Math.max(max, Math.abs(this.w[i]));
    const scale = max > 0 ? max / QMAX : 1;
    const q = new Int16Array(this.w.length);
    for (let i = 0; i < q.length; i++) q[i] = Math.round(this.w[i] / scale);
    return new LinearModel(this.bits, q, this.trans, scale);
  }
}

if (N_LABELS !== 9) throw new Error('emissions() is unrolled for 9 labels');

/** Whether label `y` may follow label `prev` in IOB2 (prev = N_LABELS: sentence start). */
export function allowed(prev: number, y: number): boolean {
  if (y === 0 || y % 2 === 1) return true; // O or B-X
  return prev === y || prev === y - 1; // I-X after B-X or I-X
}

/** The score of a forbidden label sequence in Viterbi. */
const NEG = -1e30;

/** Viterbi's work arrays, reused across calls (grown when a longer sentence comes). */
let delta = new Float64Array(128 * N_LABELS);
let back = new Uint8Array(128 * N_LABELS);
/** The transition weights of the current call, transposed to `[to][from]` in doubles (see `viterbi`). */
const transTo = new Float64Array(N_LABELS * N_LABELS);

/**
 * Best label sequence under emission + transition scores, respecting IOB2. Writes `out[0..n)`.
 * An I-X may only follow B-X or I-X (the labels just before it), so only those two are tried
 * for it: the same result as trying every label under `allowed`, in fewer steps.
 */
export function viterbi(scores: Float32Array, n: number, trans: Float32Array | Float64Array, out: Uint8Array): void {
  if (n === 0) return;
  const L = N_LABELS;
  if (delta.length < n * L) {
    delta = new Float64Array(n * L * 2);
    back = new Uint8Array(n * L * 2);
  }
  // the work arrays in locals: module variables are re-read on every access in the loops below
  const dl = delta;
  const bk = back;
  // the weights into each label side by side, in doubles (exact: as the sums below convert them),
  // so the inner loop reads one row; copied per call, as a trainer changes its table between calls
  const tt = transTo;
  for (let p = 0; p < L; p++) for (let y = 0; y < L; y++) tt[y * L + p] = trans[p * L + y];
  for (let y = 0; y < L; y++) dl[y] = allowed(L, y) ? scores[y] + trans[L * L + y] : NEG;
  for (let i = 1; i < n; i++) {
    const o = i * L;
    const po = o - L;
    for (let y = 0; y < L; y++) {
      let best = NEG;
      let arg = 0;
      const ty = y * L;
      if (y !== 0 && (y & 1) === 0) {
        // an I-X label: from B-X (y - 1) or I-X (y), tried in that order as the loop below would
        const b = dl[po + y - 1] + tt[ty + y - 1];
        if (b > best) {
          best = b;
          arg = y - 1;
        }
        const v = dl[po + y] + tt[ty + y];
        if (v > best) {
          best = v;
          arg = y;
        }
      } else {
        for (let p = 0; p < L; p++) {
          const v = dl[po + p] + tt[ty + p];
          if (v > best) {
            best = v;
            arg = p;
          }
        }
      }
      dl[o + y] = best + scores[o + y];
      bk[o + y] = arg;
    }
  }
  let best = NEG;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    if (dl[last + y] > best) {
      best = dl[last + y];
      arg = y;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = bk[i * L + out[i]];
}

/** Header of a model file: what it is, how to read it, and what it scored. */
export interface ModelHeader {
  format: 'sitrep-ner';
  /** 3: the non-zero buckets' rows (MAGIC); 2: every bucket's, interleaved (MAGIC_V2); 1: per pass (MAGIC_V1). */
  version: 1 | 2 | 3;
  labels: string[];
  bits: number;
  passes: number;
  scales: number[];
  /** Free-form training metadata (data, options, scores), copied into the model card. */
  meta: Record<string, unknown>;
}

/** The two-pass model as saved on disk. */
export interface NerModel {
  passes: LinearModel[];
  meta: Record<string, unknown>;
  /**
   * The table the tagger sums from, as a model file holds it, and the bitmap of the buckets with a
   * non-zero weight (`ZeroBuckets.nonZero`): rows of `[pass][label]` weights (`interleavedWeights`),
   * one per bucket, or when `sparse` one per bucket set in the bitmap, in bucket order, then a row
   * of zeros. Absent in a model made in memory (the tagger interleaves the passes' weights then).
   */
  weights?: Int16Array;
  nonZero?: Uint32Array;
  sparse?: boolean;
}

/** One pass's weights taken out of the interleaved table (`NerModel.weights`). */
function passWeights(weights: Int16Array, pass: number, passes: number): Int16Array {
  const stride = passes * N_LABELS;
  const w = new Int16Array((weights.length / stride) * N_LABELS);
  for (let b = 0, from = pass * N_LABELS; b < w.length; b += N_LABELS, from += stride)
    for (let y = 0; y < N_LABELS; y++) w[b + y] = weights[from + y];
  return w;
}

/** Bytes of a file's rows: `rows` rows of `stride` int16, padded to 4 bytes. */
const rowBytes = (rows: number, stride: number) => Math.ceil((rows * stride * 2) / 4) * 4;

/** The rows of the buckets set in `nonZero` of a whole table (`[bucket][pass][label]`), then a row of zeros. */
function packRows(weights: Int16Array, nonZero: Uint32Array, stride: number): Int16Array {
  const rows = new Int16Array((countBits(nonZero) + 1) * stride);
  for (let b = 0, to = 0; b < weights.length / stride; b++) {
    if (!(nonZero[b >>> 5] & (1 << (b & 31)))) continue;
    rows.set(weights.subarray(b * stride, (b + 1) * stride), to);
    to += stride;
  }
  return rows;
}

/** The whole table (`[bucket][pass][label]`) of a file's rows, for the reference path. */
function expandRows(nonZero: Uint32Array, rows: Int16Array, stride: number, buckets: number): Int16Array {
  const weights = new Int16Array(buckets * stride);
  let from = 0;
  for (let b = 0; b < buckets; b++) {
    if (!(nonZero[b >>> 5] & (1 << (b & 31)))) continue;
    weights.set(rows.subarray(from, from + stride), b * stride);
    from += stride;
  }
  return weights;
}

/** Writes a model file (header JSON, the non-zero buckets and their rows, then each pass's transitions). */
export function saveModel(file: string, model: NerModel): void {
  const passes = model.passes.map((p) => p.quantize());
  const header: ModelHeader = {
    format: 'sitrep-ner',
    version: 3,
    labels: [...LABELS],
    bits: passes[0].bits,
    passes: passes.length,
    scales: passes.map((p) => p.scale),
    meta: model.meta,
  };
  let json = JSON.stringify(header);
  while ((json.length + 12) % 4 !== 0) json += ' ';
  const jsonBytes = Buffer.from(json, 'utf8');
  if (jsonBytes.length !== json.length) throw new Error('model header must be ASCII');
  const parts: Buffer[] = [Buffer.from(MAGIC, 'latin1')];
  const len = Buffer.alloc(4);
  len.writeUInt32LE(jsonBytes.length);
  parts.push(len, jsonBytes);
  const stride = passes.length * N_LABELS;
  const weights = interleavedWeights(passes);
  const { nonZero } = zeroBuckets(weights, stride, passes[0].bits);
  const rows = packRows(weights, nonZero, stride);
  const padded = Buffer.alloc(rowBytes(rows.length / stride, stride));
  padded.set(new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength));
  parts.push(Buffer.from(nonZero.buffer, nonZero.byteOffset, nonZero.byteLength), padded);
  for (const p of passes) parts.push(Buffer.from(p.trans.buffer, p.trans.byteOffset, p.trans.byteLength));
  writeFileSync(file, Buffer.concat(parts));
}

/** Reads a model file, refusing one whose format or label set differs from the code's. */
export function loadModel(file: string): NerModel {
  const buf = readFileSync(file);
  const magic = buf.toString('latin1', 0, 8);
  if (magic !== MAGIC && magic !== MAGIC_V2 && magic !== MAGIC_V1) throw new Error(`${file}: not a sitrep NER model`);
  const hlen = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + hlen)) as ModelHeader;
  if (header.format !== 'sitrep-ner' || header.version !== (magic === MAGIC ? 3 : magic === MAGIC_V2 ? 2 : 1))
    throw new Error(`${file}: unsupported model version`);
  if (header.labels.join(' ') !== LABELS.join(' ')) throw new Error(`${file}: label set differs from the code's`);
  // The weights start at a multiple of 4 bytes (the header is padded), so the typed arrays view the
  // file's bytes where they lie when the file was read into memory of its own (spares a copy); a
  // small file shares Node's buffer pool, and its weights are copied out.
  const own = buf.byteOffset === 0 && buf.buffer.byteLength === buf.length && (12 + hlen) % 4 === 0;
  const body = own ? buf.subarray(12 + hlen) : Uint8Array.from(buf.subarray(12 + hlen));
  const buckets = 1 << header.bits;
  const nW = buckets * N_LABELS;
  const nT = (N_LABELS + 1) * N_LABELS;
  const stride = header.passes * N_LABELS;
  const words = Math.ceil(buckets / 32);
  // a format-3 file's bitmap says how many rows follow it (one more: the zero row)
  const rows =
    magic === MAGIC && body.length >= words * 4
      ? countBits(new Uint32Array(body.buffer, body.byteOffset, words)) + 1
      : 0;
  const expected =
    magic === MAGIC
      ? words * 4 + rowBytes(rows, stride) + header.passes * nT * 4
      : header.passes * (nW * 2 + nT * 4) + (magic === MAGIC_V2 ? words * 4 : 0);
  if (body.length !== expected)
    throw new Error(`${file}: truncated or padded model (${body.length} bytes of weights, expected ${expected})`);
  const passes: LinearModel[] = [];
  if (magic === MAGIC_V1) {
    let off = 0;
    for (let p = 0; p < header.passes; p++) {
      const w = new Int16Array(body.buffer, body.byteOffset + off, nW);
      off += nW * 2;
      const trans = new Float32Array(body.buffer, body.byteOffset + off, nT);
      off += nT * 4;
      passes.push(new LinearModel(header.bits, w, trans, header.scales[p]));
    }
    return { passes, meta: header.meta };
  }
  if (magic === MAGIC_V2) {
    const whole = new Int16Array(body.buffer, body.byteOffset, header.passes * nW);
    let off = header.passes * nW * 2;
    for (let p = 0; p < header.passes; p++) {
      const trans = new Float32Array(body.buffer, body.byteOffset + off, nT);
      off += nT * 4;
      passes.push(new LinearModel(header.bits, () => passWeights(whole, p, header.passes), trans, header.scales[p]));
    }
    const nonZero = new Uint32Array(body.buffer, body.byteOffset + off, words);
    return { passes, meta: header.meta, weights: whole, nonZero, sparse: false };
  }
  const nonZero = new Uint32Array(body.buffer, body.byteOffset, words);
  const table = new Int16Array(body.buffer, body.byteOffset + words * 4, rows * stride);
  let whole: Int16Array | undefined; // the whole table, made if a pass's own weights are asked for
  const weightsOf = (p: number) =>
    passWeights((whole ??= expandRows(nonZero, table, stride, buckets)), p, header.passes);
  let off = words * 4 + rowBytes(rows, stride);
  for (let p = 0; p < header.passes; p++) {
    const trans = new Float32Array(body.buffer, body.byteOffset + off, nT);
    off += nT * 4;
    passes.push(new LinearModel(header.bits, () => weightsOf(p), trans, header.scales[p]));
  }
  return { passes, meta: header.meta, weights: table, nonZero, sparse: true };
}
