/**
 * Training and cross-validation of the stance model (`model.ts`) on FNC-1's claim–article pairs
 * (`../shared/data/stance/fnc1/`: `stances.csv`, `bodies.csv`). Used by `npm run train:stance` and
 * `npm run eval:stance`; nothing of the data is kept but the learned weights.
 *
 * Folds are split by claim: the headlines of one claim (FNC-1 pairs several headlines of one
 * rumour with its articles) and every article labelled related to them form a group, and a group
 * lies whole in one fold, as the held-out data is split. A model scored on a fold never saw its
 * claims or its articles.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { csvRecords } from '../../text/csv.ts';
import { permutation } from '../../nlp/shuffle.ts';
import { claimDenies, readClaim, readText, type ReadSentence, type ReadText } from './cues.ts';
import { IdfTable, RELATED_FEATURES, relatedFeatures, stanceFeatures, type Features } from './features.ts';
import { RELATED_STANCES, STANCES, Softmax, StanceModel, relatedStances, type Stance } from './model.ts';

export interface Pair {
  claim: string;
  body: string;
  stance: Stance;
}

/** FNC-1's pairs and article bodies (by id). */
export interface FncData {
  pairs: Pair[];
  bodies: Map<string, string>;
}

export function readFnc(dir: string): FncData {
  const bodies = new Map<string, string>();
  for (const r of csvRecords(readFileSync(path.join(dir, 'bodies.csv'), 'utf8')))
    bodies.set(r['Body ID'], r.articleBody);
  const pairs: Pair[] = [];
  for (const r of csvRecords(readFileSync(path.join(dir, 'stances.csv'), 'utf8'))) {
    const stance = r.Stance as Stance;
    if (!STANCES.includes(stance) || !bodies.has(r['Body ID'])) continue;
    pairs.push({ claim: r.Headline, body: r['Body ID'], stance });
  }
  return { pairs, bodies };
}

/** Every claim and article of the data read once (`cues.ts`), shared by all folds. */
export interface ReadCorpus {
  claims: Map<string, ReadSentence>;
  bodies: Map<string, ReadText>;
}

export function readCorpus(data: FncData): ReadCorpus {
  const claims = new Map<string, ReadSentence>();
  for (const p of data.pairs) if (!claims.has(p.claim)) claims.set(p.claim, readClaim(p.claim));
  const bodies = new Map<string, ReadText>();
  for (const [id, text] of data.bodies) bodies.set(id, readText(text));
  return { claims, bodies };
}

// ---------------------------------------------------------------- folds by claim

/**
 * The claim group of each pair and of each article: headlines and articles joined by a related
 * label (union–find); a pair belongs to its headline's group.
 */
export function claimGroups(pairs: readonly Pair[]): { pairGroup: string[]; bodyGroup: Map<string, string> } {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const p of pairs) {
    if (p.stance === 'unrelated') continue;
    const a = find(`h:${p.claim}`);
    const b = find(`b:${p.body}`);
    if (a !== b) parent.set(a, b);
  }
  const bodyGroup = new Map<string, string>();
  for (const p of pairs) bodyGroup.set(p.body, find(`b:${p.body}`));
  return { pairGroup: pairs.map((p) => find(`h:${p.claim}`)), bodyGroup };
}

/**
 * `k` folds of whole claim groups, about equal in pairs: groups by size, largest first (ties by
 * name), each to the fold with fewest pairs so far. Deterministic. Returns each pair's fold and
 * each article's.
 */
export function claimFolds(pairs: readonly Pair[], k: number): { pairFold: number[]; bodyFold: Map<string, number> } {
  const { pairGroup, bodyGroup } = claimGroups(pairs);
  const size = new Map<string, number>();
  for (const g of pairGroup) size.set(g, (size.get(g) ?? 0) + 1);
  for (const g of bodyGroup.values()) if (!size.has(g)) size.set(g, 0);
  const order = [...size].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const [g, n] of order) {
    let f = 0;
    for (let i = 1; i < k; i++) if (load[i] < load[f]) f = i;
    foldOf.set(g, f);
    load[f] += n;
  }
  const bodyFold = new Map<string, number>();
  for (const [b, g] of bodyGroup) bodyFold.set(b, foldOf.get(g)!);
  return { pairFold: pairGroup.map((g) => foldOf.get(g)!), bodyFold };
}

// ---------------------------------------------------------------- fitting

export interface TrainOptions {
  idfBits: number;
  stanceBits: number;
  epochs: number;
  /** Learning rate of the first epoch; it falls as rate / (1 + epoch). */
  rate: number;
  /** L2 penalty, applied to the weights an example touches. */
  l2: number;
  /**
   * Class weights of the second stage: each stance weighs (n / (3 × its count)) to this power, counted
   * on the training pairs (1 balances the classes fully, 0 not at all; ½ halfway, on a log scale),
   * so that the rare "disagree" is not drowned by "discuss".
   */
  classWeightPower: number;
  relatedThreshold: number;
  /** The first stage's own epochs, rate and penalty (a short dense vector: more passes, a faster rate). */
  related: { epochs: number; rate: number; l2: number };
  seed: number;
}

export const DEFAULT_TRAINING: TrainOptions = {
  idfBits: 16,
  stanceBits: 16,
  epochs: 10,
  rate: 0.1,
  l2: 1e-4,
  classWeightPower: 0.5,
  relatedThreshold: 0.4,
  related: { epochs: 30, rate: 0.5, l2: 1e-5 },
  seed: 22,
};

interface Example {
  f: Features;
  y: number;
  w: number;
}

/**
 * Softmax regression by SGD in a seeded order; the rate falls as 1/(1 + epoch), and the model is
 * the mean of the weights at the end of each epoch.
 */
export function trainSoftmax(
  model: Softmax,
  examples: readonly Example[],
  opts: Pick<TrainOptions, 'epochs' | 'rate' | 'l2' | 'seed'>,
): Softmax {
  const K = model.classes;
  const w = model.weights;
  const p = new Float64Array(K);
  // the weights at the end of each epoch, summed: the model is their mean (less swayed by the last examples)
  const sum = new Float64Array(w.length);
  for (let e = 0; e < opts.epochs; e++) {
    const rate = opts.rate / (1 + e);
    const shrink = 1 - rate * opts.l2;
    for (const i of permutation(examples.length, opts.seed + e)) {
      const x = examples[i];
      model.probabilities(x.f, p);
      for (let j = 0; j < x.f.idx.length; j++) {
        const b = model.row(x.f.idx[j]);
        const v = x.f.val[j] * rate * x.w;
        for (let k = 0; k < K; k++) w[b + k] = w[b + k] * shrink - v * (p[k] - (k === x.y ? 1 : 0));
      }
    }
    for (let i = 0; i < w.length; i++) sum[i] += w[i];
  }
  for (let i = 0; i < w.length; i++) w[i] = sum[i] / opts.epochs;
  return model;
}

/** The IDF table of some articles' content words. */
export function fitIdf(corpus: ReadCorpus, bodyIds: Iterable<string>, bits: number): IdfTable {
  const docs = [...new Set(bodyIds)].sort().map((id) => corpus.bodies.get(id)!.sentences.flatMap((s) => s.content));
  return IdfTable.fit(bits, docs);
}

/** Both stages' features of some pairs under one IDF table (what fitting and scoring read). */
export interface PairFeatures {
  related: Features[];
  stance: Features[];
  /** Whether each pair's claim denies (`claimDenies`). */
  flip: boolean[];
}

export function pairFeatures(corpus: ReadCorpus, pairs: readonly Pair[], idf: IdfTable): PairFeatures {
  const related: Features[] = [];
  const stance: Features[] = [];
  const flip: boolean[] = [];
  for (const p of pairs) {
    const claim = corpus.claims.get(p.claim)!;
    flip.push(claimDenies(claim));
    const body = corpus.bodies.get(p.body)!;
    const overlap = relatedFeatures(claim, body, idf);
    related.push(overlap.features);
    stance.push(stanceFeatures(claim, body, overlap));
  }
  return { related, stance, flip };
}

/** The first stage fitted to some pairs' features. */
export function fitRelated(pairs: readonly Pair[], feats: PairFeatures, opts: TrainOptions): Softmax {
  const examples = pairs.map((p, i) => ({ f: feats.related[i], y: p.stance === 'unrelated' ? 0 : 1, w: 1 }));
  return trainSoftmax(new Softmax(RELATED_FEATURES.length, 2), examples, { ...opts, ...opts.related });
}

/** The second stage fitted to the related pairs among some pairs. */
export function fitStances(pairs: readonly Pair[], feats: PairFeatures, opts: TrainOptions): Softmax {
  const examples: Example[] = [];
  const counts = [0, 0, 0];
  for (const p of pairs) if (p.stance !== 'unrelated') counts[RELATED_STANCES.indexOf(p.stance)]++;
  const total = counts[0] + counts[1] + counts[2];
  const weights = counts.map((c) => (total / (3 * Math.max(1, c))) ** opts.classWeightPower);
  pairs.forEach((p, i) => {
    if (p.stance === 'unrelated') return;
    const stance = RELATED_STANCES.indexOf(p.stance);
    // a claim that denies is read as the denial of its positive form (`claimDenies`)
    const y = feats.flip[i] && stance < 2 ? 1 - stance : stance;
    examples.push({ f: feats.stance[i], y, w: weights[stance] });
  });
  return trainSoftmax(new Softmax(1 << opts.stanceBits, RELATED_STANCES.length), examples, opts);
}

/** Both stages' probabilities for some pairs. */
export interface PairProbabilities {
  related: number[];
  stances: Float64Array[];
}

export function predictPairs(related: Softmax, stance: Softmax, feats: PairFeatures): PairProbabilities {
  return {
    related: feats.related.map((f) => related.probabilities(f)[1]),
    stances: feats.stance.map((f, i) => relatedStances(stance, f, feats.flip[i])),
  };
}

/** The verdicts: unrelated below the threshold, else the likeliest related stance. */
export function decide(probs: PairProbabilities, threshold: number): Stance[] {
  return probs.related.map((r, i) => {
    if (r < threshold) return 'unrelated';
    const s = probs.stances[i];
    let c = 0;
    for (let k = 1; k < s.length; k++) if (s[k] > s[c]) c = k;
    return RELATED_STANCES[c];
  });
}

/** A model fitted to some pairs with the given settings (IDF from their articles). */
export function fitStanceModel(
  corpus: ReadCorpus,
  pairs: readonly Pair[],
  opts: TrainOptions,
  trainedOn: string,
): StanceModel {
  const idf = fitIdf(
    corpus,
    pairs.map((p) => p.body),
    opts.idfBits,
  );
  const feats = pairFeatures(corpus, pairs, idf);
  const header = {
    trainedOn,
    idfBits: opts.idfBits,
    stanceBits: opts.stanceBits,
    relatedThreshold: opts.relatedThreshold,
    training: { ...opts },
  };
  return new StanceModel(header, idf, fitRelated(pairs, feats, opts), fitStances(pairs, feats, opts));
}
