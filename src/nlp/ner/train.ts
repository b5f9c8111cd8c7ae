/**
 * Training the tagger: an averaged structured perceptron (Collins 2002) over hashed features,
 * decoded with constrained Viterbi, deterministic (a seeded shuffle; no other randomness).
 */
import type { SentenceFeatures } from '../hashing.ts';
import { N_LABELS } from './labels.ts';
import { LinearModel, viterbi } from './model.ts';
import { permutation } from '../shuffle.ts';

/** One training sentence: its hashed features and gold labels. */
export interface Example {
  feats: SentenceFeatures;
  gold: Uint8Array;
}

/** Training settings of a pass. */
export interface TrainOptions {
  bits: number;
  epochs: number;
  seed: number;
  /** Called after each epoch with the averaged model so far; return value is ignored. */
  onEpoch?: (epoch: number, model: LinearModel) => void;
}

/** Averaged perceptron state: weights and the running sums for averaging (the "u" trick). */
export class Perceptron {
  readonly bits: number;
  readonly mask: number;
  readonly w: Float64Array;
  readonly u: Float64Array;
  readonly tw = new Float64Array((N_LABELS + 1) * N_LABELS);
  readonly tu = new Float64Array((N_LABELS + 1) * N_LABELS);
  /** Number of examples seen (the averaging clock). */
  c = 1;

  constructor(bits: number) {
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.w = new Float64Array((1 << bits) * N_LABELS);
    this.u = new Float64Array((1 << bits) * N_LABELS);
  }

  private scores = new Float32Array(256 * N_LABELS);
  private pred = new Uint8Array(256);

  /** Decodes with current (non-averaged) weights into `this.pred`. */
  private predict(f: SentenceFeatures): Uint8Array {
    const n = f.n;
    if (this.scores.length < n * N_LABELS) this.scores = new Float32Array(n * N_LABELS * 2);
    if (this.pred.length < n) this.pred = new Uint8Array(n * 2);
    const { w, mask, scores } = this;
    for (let i = 0; i < n; i++) {
      const o = i * N_LABELS;
      for (let y = 0; y < N_LABELS; y++) scores[o + y] = 0;
      for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) {
        const b = (f.feats[k] & mask) * N_LABELS;
        for (let y = 0; y < N_LABELS; y++) scores[o + y] += w[b + y];
      }
    }
    const pred = this.pred.subarray(0, n);
    viterbi(scores, n, this.tw, pred);
    return pred;
  }

  /** One perceptron step on one sentence; returns whether the prediction was wrong. */
  learn(ex: Example): boolean {
    const f = ex.feats;
    const gold = ex.gold;
    const pred = this.predict(f);
    let wrong = false;
    const { w, u, mask, c } = this;
    for (let i = 0; i < f.n; i++) {
      const g = gold[i];
      const p = pred[i];
      const gp = i > 0 ? gold[i - 1] : N_LABELS;
      const pp = i > 0 ? pred[i - 1] : N_LABELS;
      if (g !== p) {
        wrong = true;
        for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) {
          const b = (f.feats[k] & mask) * N_LABELS;
          w[b + g] += 1;
          u[b + g] += c;
          w[b + p] -= 1;
          u[b + p] -= c;
        }
      }
      if (g !== p || gp !== pp) {
        this.tw[gp * N_LABELS + g] += 1;
        this.tu[gp * N_LABELS + g] += c;
        this.tw[pp * N_LABELS + p] -= 1;
        this.tu[pp * N_LABELS + p] -= c;
      }
    }
    this.c++;
    return wrong;
  }

  /** The averaged weights as a model. */
  averaged(): LinearModel {
    const { w, u, c } = this;
    const avg = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) avg[i] = w[i] - u[i] / c;
    const t = new Float32Array(this.tw.length);
    for (let i = 0; i < t.length; i++) t[i] = this.tw[i] - this.tu[i] / c;
    return new LinearModel(this.bits, avg, t, 1);
  }
}

/** Trains one pass for `epochs` epochs over a seeded shuffle per epoch; returns the averaged model. */
export function trainPass(examples: Example[], opts: TrainOptions): LinearModel {
  const p = new Perceptron(opts.bits);
  for (let e = 0; e < opts.epochs; e++) {
    const order = permutation(examples.length, opts.seed + e);
    for (let j = 0; j < order.length; j++) p.learn(examples[order[j]]);
    if (opts.onEpoch) opts.onEpoch(e + 1, p.averaged());
  }
  return p.averaged();
}
