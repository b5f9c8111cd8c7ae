/**
 * The attribution model: two hashed linear scorers and its compact file.
 *
 * - `cue`: one weight per feature bucket; a token whose features sum above zero is (part of) a cue.
 * - `role`: per bucket three weights, for the labels O (neither), S (source) and C (content) of a
 *   token given a cue, plus transition weights between the labels O, S, C and K (the cue's own
 *   tokens, fixed), decoded with Viterbi over a window around the cue.
 *
 * File layout (`data/models/attribution/model.bin`, little-endian): 8 bytes magic "SRATT01\0",
 * u32 header length, header JSON (padded to 4 bytes), then Float32 cue weights [2^bits], Float32
 * role weights [2^bits × 3], Float32 transitions [(4 + 1) × 4] (the last row is the window start).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Features } from './features.ts';

const MAGIC = 'SRATT01\0';

/** Role labels; K is the cue itself and is never predicted, only fixed. */
export const ROLE = { O: 0, S: 1, C: 2, K: 3 } as const;
/** Labels scored per token (O, S, C). */
export const N_SCORED = 3;
/** Labels in the transition table (O, S, C, K). */
export const N_ROLES = 4;

export interface ModelHeader {
  bits: number;
  /** How many sentences either side of the cue's the role window reaches. */
  windowSentences: number;
  trainedOn: string;
  /**
   * Scores a token's cue features must pass to make it a cue: one for reporting verbs of the
   * lexicon, one for every other word (set on held-back articles; see the model card).
   */
  cueThresholds: { verb: number; other: number };
  epochs: { cue: number; role: number };
}

export class AttributionModel {
  readonly header: ModelHeader;
  readonly mask: number;
  readonly cue: Float32Array;
  readonly role: Float32Array;
  readonly trans: Float32Array;

  constructor(header: ModelHeader, cue?: Float32Array, role?: Float32Array, trans?: Float32Array) {
    const size = 1 << header.bits;
    this.header = header;
    this.mask = size - 1;
    this.cue = cue ?? new Float32Array(size);
    this.role = role ?? new Float32Array(size * N_SCORED);
    this.trans = trans ?? new Float32Array((N_ROLES + 1) * N_ROLES);
  }

  cueScore(feats: Features): number {
    const { keys, n } = feats;
    let s = 0;
    for (let k = 0; k < n; k++) s += this.cue[keys[k] & this.mask];
    return s;
  }

  /** Adds the O, S, C scores of one token's features to `scores` at `at`. */
  roleScores(feats: Features, scores: Float32Array, at: number): void {
    const { keys, n } = feats;
    let o = 0;
    let s = 0;
    let c = 0;
    for (let k = 0; k < n; k++) {
      const b = (keys[k] & this.mask) * N_SCORED;
      o += this.role[b];
      s += this.role[b + 1];
      c += this.role[b + 2];
    }
    scores[at] = o;
    scores[at + 1] = s;
    scores[at + 2] = c;
  }
}

/** Viterbi's tables, reused window after window (grown when a window is longer). */
let scratch = { best: new Float32Array(1024), back: new Uint8Array(1024) };

/**
 * Best label sequence over a window: `scores` holds O, S, C per token; tokens with `fixed[k]`
 * take K. Returns labels per token.
 */
export function viterbi(model: AttributionModel, scores: Float32Array, fixed: Uint8Array, n: number): Uint8Array {
  const { trans } = model;
  if (scratch.best.length < n * N_ROLES)
    scratch = { best: new Float32Array(n * N_ROLES * 2), back: new Uint8Array(n * N_ROLES * 2) };
  const { best, back } = scratch;
  for (let k = 0; k < n; k++) {
    for (let y = 0; y < N_ROLES; y++) {
      const allowed = fixed[k] ? y === ROLE.K : y !== ROLE.K;
      if (!allowed) {
        best[k * N_ROLES + y] = -Infinity;
        continue;
      }
      const e = y === ROLE.K ? 0 : scores[k * N_SCORED + y];
      if (k === 0) {
        best[y] = e + trans[N_ROLES * N_ROLES + y];
        continue;
      }
      let m = -Infinity;
      let arg = 0;
      for (let p = 0; p < N_ROLES; p++) {
        const v = best[(k - 1) * N_ROLES + p] + trans[p * N_ROLES + y];
        if (v > m) {
          m = v;
          arg = p;
        }
      }
      best[k * N_ROLES + y] = m + e;
      back[k * N_ROLES + y] = arg;
    }
  }
  const out = new Uint8Array(n);
  if (!n) return out;
  let y = 0;
  for (let l = 1; l < N_ROLES; l++) if (best[(n - 1) * N_ROLES + l] > best[(n - 1) * N_ROLES + y]) y = l;
  for (let k = n - 1; k >= 0; k--) {
    out[k] = y;
    y = back[k * N_ROLES + y];
  }
  return out;
}

export function saveModel(model: AttributionModel, file: string): void {
  let header = Buffer.from(JSON.stringify(model.header), 'utf8');
  const pad = (4 - (header.length % 4)) % 4;
  header = Buffer.concat([header, Buffer.alloc(pad, 0x20)]);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const f32 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(MAGIC, 'latin1'), len, header, f32(model.cue), f32(model.role), f32(model.trans)]),
  );
}

export function loadModel(file: string): AttributionModel {
  const buf = readFileSync(file);
  if (buf.subarray(0, 8).toString('latin1') !== MAGIC) throw new Error(`${file}: not a sitrep attribution model`);
  const hlen = buf.readUInt32LE(8);
  const header = JSON.parse(buf.subarray(12, 12 + hlen).toString('utf8')) as ModelHeader;
  // Copy into an aligned buffer: a Float32Array view needs a 4-byte-aligned offset.
  const body = new Uint8Array(buf.subarray(12 + hlen)).buffer;
  const size = 1 << header.bits;
  const cue = new Float32Array(body, 0, size);
  const role = new Float32Array(body, size * 4, size * N_SCORED);
  const trans = new Float32Array(body, size * 4 * (1 + N_SCORED), (N_ROLES + 1) * N_ROLES);
  return new AttributionModel(header, cue, role, trans);
}
