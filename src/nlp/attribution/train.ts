/**
 * Training the attribution model: averaged perceptrons (Collins 2002) over hashed features, a
 * binary one for cue tokens and a structured one (Viterbi over each cue's window) for roles.
 * Deterministic: a seeded shuffle per epoch, no other randomness.
 */
import type { Doc } from '../../model/doc.ts';
import { permutation } from '../shuffle.ts';
import { cueFeatures, Features, roleFeatures, TokenView, type CueSpan } from './features.ts';
import {
  cueCandidate,
  cueFlags,
  decode,
  predictCues,
  prefixCounts,
  roleWindow,
  rolesFromLabels,
  windowLabels,
  windowScores,
} from './decode.ts';
import { AttributionModel, N_ROLES, N_SCORED, ROLE, viterbi, type ModelHeader } from './model.ts';
import { offsetMap, type GoldSpan, type PolnearDoc } from './polnear.ts';

/** One training document: its token view, gold cue flags and attributions in tokens. */
export interface Example {
  view: TokenView;
  cueFlags: Uint8Array;
  attributions: Array<{ cue: CueSpan; source: Uint8Array; content: Uint8Array }>;
}

/** Longest gold cue (in tokens) taken as one span; a longer one is cut to its first run. */
const MAX_CUE_TOKENS = 6;

/** Turns a PolNeAR article, already run through the stages up to the recogniser, into an example. */
export function toExample(gold: PolnearDoc, doc: Doc): Example {
  const view = new TokenView(doc);
  const map = offsetMap(gold.text, doc.text);
  const toks = doc.tokens;
  const flagsOf = (span: GoldSpan | undefined): Uint8Array => {
    const f = new Uint8Array(toks.length);
    if (!span) return f;
    for (const [a0, b0] of span.pieces) {
      const a = map.start(a0);
      const b = map.end(b0);
      if (b <= a) continue;
      const [t0, t1] = doc.tokenRange(a, b);
      for (let k = t0; k < t1; k++) f[k] = 1;
    }
    return f;
  };
  const cueFlagsAll = new Uint8Array(toks.length);
  const attributions: Example['attributions'] = [];
  for (const g of gold.attributions) {
    const cf = flagsOf(g.cue);
    let start = cf.indexOf(1);
    if (start < 0) continue;
    let end = cf.lastIndexOf(1) + 1;
    if (end - start > MAX_CUE_TOKENS) {
      end = start;
      while (end < cf.length && cf[end]) end++;
    }
    while (start < end && !cueCandidate(view, start)) start++;
    if (start >= end) continue;
    for (let k = start; k < end; k++) cueFlagsAll[k] = 1;
    attributions.push({ cue: { start, end }, source: flagsOf(g.source), content: flagsOf(g.content) });
  }
  return { view, cueFlags: cueFlagsAll, attributions };
}

/** Averaged weights: `w` the current ones, `u` the running sum of updates times their time step. */
class Averaged {
  readonly w: Float32Array;
  private readonly u: Float32Array;
  constructor(size: number) {
    this.w = new Float32Array(size);
    this.u = new Float32Array(size);
  }
  add(i: number, d: number, t: number): void {
    this.w[i] += d;
    this.u[i] += d * t;
  }
  /** The averaged weights after `t` steps. */
  average(t: number): Float32Array {
    const out = new Float32Array(this.w.length);
    for (let i = 0; i < out.length; i++) out[i] = this.w[i] - this.u[i] / t;
    return out;
  }
}

export interface TrainOptions {
  bits: number;
  windowSentences: number;
  epochs: number;
  seed: number;
  cueThresholds: { verb: number; other: number };
  /** Called after each epoch with the averaged model so far. */
  onEpoch?: (epoch: number, model: AttributionModel) => void;
}

/** Trains both scorers on the examples; returns the averaged model of the last epoch. */
export function train(examples: Example[], opt: TrainOptions, trainedOn: string): AttributionModel {
  const size = 1 << opt.bits;
  const mask = size - 1;
  const cue = new Averaged(size);
  const role = new Averaged(size * N_SCORED);
  const trans = new Averaged((N_ROLES + 1) * N_ROLES);
  const header: ModelHeader = {
    bits: opt.bits,
    windowSentences: opt.windowSentences,
    trainedOn,
    epochs: { cue: opt.epochs, role: opt.epochs },
    cueThresholds: opt.cueThresholds,
  };
  // The current (not averaged) weights, scored during training.
  const live = new AttributionModel(header, cue.w, role.w, trans.w);
  let t = 1;
  const feats = new Features();
  let model = live;
  for (let epoch = 1; epoch <= opt.epochs; epoch++) {
    for (const di of permutation(examples.length, opt.seed + epoch)) {
      const ex = examples[di];
      const v = ex.view;
      for (let i = 0; i < v.n; i++) {
        if (!cueCandidate(v, i)) continue;
        feats.clear();
        cueFeatures(v, i, feats);
        const y = ex.cueFlags[i] ? 1 : -1;
        if (y * live.cueScore(feats) <= 0) for (let k = 0; k < feats.n; k++) cue.add(feats.keys[k] & mask, y, t);
        t++;
      }
      const cuesBefore = prefixCounts(ex.cueFlags);
      for (const a of ex.attributions) {
        const [lo, hi] = roleWindow(v, a.cue, opt.windowSentences);
        const fixed = cueFlags(a.cue, lo, hi);
        const gold = new Uint8Array(hi - lo);
        for (let k = 0; k < gold.length; k++) {
          const j = lo + k;
          gold[k] = fixed[k] ? ROLE.K : a.content[j] ? ROLE.C : a.source[j] ? ROLE.S : ROLE.O;
        }
        const scores = windowScores(live, v, a.cue, cuesBefore, lo, hi);
        const pred = viterbi(live, scores, fixed, hi - lo);
        let differs = false;
        for (let k = 0; k < gold.length; k++) if (gold[k] !== pred[k]) differs = true;
        if (differs) {
          for (let k = 0; k < gold.length; k++) {
            const g = gold[k];
            const p = pred[k];
            const gPrev = k ? gold[k - 1] : N_ROLES;
            const pPrev = k ? pred[k - 1] : N_ROLES;
            if (gPrev !== pPrev || g !== p) {
              trans.add(gPrev * N_ROLES + g, 1, t);
              trans.add(pPrev * N_ROLES + p, -1, t);
            }
            if (g === p || g === ROLE.K) continue;
            feats.clear();
            roleFeatures(v, a.cue, cuesBefore, lo + k, feats);
            for (let f = 0; f < feats.n; f++) {
              const b = (feats.keys[f] & mask) * N_SCORED;
              role.add(b + g, 1, t);
              role.add(b + p, -1, t);
            }
          }
        }
        t++;
      }
    }
    model = new AttributionModel(
      { ...header, epochs: { cue: epoch, role: epoch } },
      cue.average(t),
      role.average(t),
      trans.average(t),
    );
    opt.onEpoch?.(epoch, model);
  }
  return model;
}

/** How many tokens a gold flag array marks. */
function flagged(gold: Uint8Array): number {
  let n = 0;
  for (let k = 0; k < gold.length; k++) n += gold[k];
  return n;
}

/** Whether a span and the `goldCount` gold tokens each have at least half their tokens in common. */
function halfMatch(gold: Uint8Array, goldCount: number, span: CueSpan): boolean {
  let common = 0;
  for (let k = span.start; k < span.end; k++) common += gold[k];
  return common * 2 >= goldCount && common * 2 >= span.end - span.start;
}

/** F1 of cue tokens on held-back examples (for choosing the cue scorer's epoch). */
export function cueF1(model: AttributionModel, examples: Example[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const ex of examples) {
    const flags = predictCues(model, ex.view);
    for (let i = 0; i < flags.length; i++) {
      if (flags[i] && ex.cueFlags[i]) tp++;
      else if (flags[i]) fp++;
      else if (ex.cueFlags[i]) fn++;
    }
  }
  return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
}

/**
 * Share of held-back attributions whose content the role scorer finds given the gold cue (half
 * overlap both ways), for choosing the role scorer's epoch apart from the cue scorer's.
 */
export function roleAccuracy(model: AttributionModel, examples: Example[]): number {
  let n = 0;
  let ok = 0;
  for (const ex of examples) {
    const v = ex.view;
    const cuesBefore = prefixCounts(ex.cueFlags);
    for (const a of ex.attributions) {
      const gn = flagged(a.content);
      if (!gn) continue;
      n++;
      const { labels, lo } = windowLabels(model, v, a.cue, cuesBefore);
      const c = rolesFromLabels(a.cue, labels, lo, undefined, undefined, v.cls).content;
      if (c && halfMatch(a.content, gn, c)) ok++;
    }
  }
  return n ? ok / n : 0;
}

/** Token-level half-overlap matching of decoded contents against gold ones (for choosing epochs). */
export function contentScore(model: AttributionModel, examples: Example[]): { recall: number; precision: number } {
  let gold = 0;
  let found = 0;
  let items = 0;
  let matched = 0;
  for (const ex of examples) {
    const pred = decode(model, ex.view).filter((a) => a.content);
    const hit = new Uint8Array(pred.length);
    for (const a of ex.attributions) {
      const gn = flagged(a.content);
      if (!gn) continue;
      gold++;
      let ok = false;
      pred.forEach((p, pi) => {
        if (!halfMatch(a.content, gn, p.content as CueSpan)) return;
        ok = true;
        hit[pi] = 1;
      });
      if (ok) found++;
    }
    items += pred.length;
    matched += hit.reduce((x, y) => x + y, 0);
  }
  return { recall: gold ? found / gold : 0, precision: items ? matched / items : 0 };
}
