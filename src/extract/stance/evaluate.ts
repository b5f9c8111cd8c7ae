/**
 * Scoring the stance model as FNC-1 does, the word-overlap baseline, and cross-validation by claim
 * with its relatedness threshold chosen inside the training folds (`npm run eval:stance`, `npm run train:stance`).
 */
import { isContent, type ReadSentence, type ReadText } from './cues.ts';
import { STANCES, type Stance } from './model.ts';
import {
  claimFolds,
  decide,
  fitIdf,
  fitRelated,
  fitStances,
  pairFeatures,
  predictPairs,
  type Pair,
  type PairProbabilities,
  type ReadCorpus,
  type TrainOptions,
} from './train.ts';

// ---------------------------------------------------------------- scores

/**
 * FNC-1's score: per pair 0.25 when related/unrelated is right, 0.75 more when a related pair's
 * stance is exactly right; `relative` is the score over the best possible.
 */
export function fncScore(
  gold: readonly Stance[],
  pred: readonly Stance[],
): { score: number; best: number; relative: number } {
  let score = 0;
  let best = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i];
    const p = pred[i];
    best += g === 'unrelated' ? 0.25 : 1;
    if ((g === 'unrelated') === (p === 'unrelated')) score += 0.25;
    if (g !== 'unrelated' && g === p) score += 0.75;
  }
  return { score, best, relative: best > 0 ? score / best : 0 };
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Precision, recall and F1 of each stance, accuracy, and the confusion counts (gold → predicted). */
export function classScores(
  gold: readonly Stance[],
  pred: readonly Stance[],
): { perClass: Record<Stance, ClassScores>; accuracy: number; confusion: Record<Stance, Record<Stance, number>> } {
  const confusion = Object.fromEntries(
    STANCES.map((g) => [g, Object.fromEntries(STANCES.map((p) => [p, 0]))]),
  ) as Record<Stance, Record<Stance, number>>;
  let right = 0;
  for (let i = 0; i < gold.length; i++) {
    confusion[gold[i]][pred[i]]++;
    if (gold[i] === pred[i]) right++;
  }
  const perClass = {} as Record<Stance, ClassScores>;
  for (const c of STANCES) {
    const tp = confusion[c][c];
    const support = STANCES.reduce((n, p) => n + confusion[c][p], 0);
    const predicted = STANCES.reduce((n, g) => n + confusion[g][c], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support };
  }
  return { perClass, accuracy: gold.length ? right / gold.length : 0, confusion };
}

/**
 * The word-overlap baseline: related when at least half the claim's distinct content words occur
 * in the article (as words, any case), and every related pair "discuss".
 */
export function overlapBaseline(claim: ReadSentence, body: ReadText): Stance {
  const words = [...new Set(claim.lowers.filter(isContent))];
  const inBody = new Set(body.sentences.flatMap((s) => s.lowers));
  const found = words.filter((w) => inBody.has(w)).length;
  return words.length > 0 && found >= words.length / 2 ? 'discuss' : 'unrelated';
}

// ---------------------------------------------------------------- cross-validation

/** The relatedness thresholds cross-validation chooses between (the other settings are fixed). */
export const THRESHOLDS: readonly number[] = [0.3, 0.4, 0.5, 0.6, 0.7];

/** Pairs of fold `f` to score, and the pairs to train on: their claim and their article both outside it. */
function split(pairs: readonly Pair[], k: number, f: number): { train: Pair[]; test: number[] } {
  const { pairFold, bodyFold } = claimFolds(pairs, k);
  const train: Pair[] = [];
  const test: number[] = [];
  pairs.forEach((p, i) => {
    if (pairFold[i] === f) test.push(i);
    else if (bodyFold.get(p.body) !== f) train.push(p);
  });
  return { train, test };
}

/** Both stages fitted on `train` and applied to `test`. */
function foldProbabilities(
  corpus: ReadCorpus,
  train: readonly Pair[],
  test: readonly Pair[],
  opts: TrainOptions,
): PairProbabilities {
  const idf = fitIdf(
    corpus,
    train.map((p) => p.body),
    opts.idfBits,
  );
  const trainFeats = pairFeatures(corpus, train, idf);
  const testFeats = pairFeatures(corpus, test, idf);
  return predictPairs(fitRelated(train, trainFeats, opts), fitStances(train, trainFeats, opts), testFeats);
}

/**
 * The relatedness threshold that scores best (FNC-1 score: a related pair called unrelated loses 1,
 * an unrelated one called related 0.25) by `k`-fold cross-validation by claim over `pairs` alone:
 * what training chooses, and what each outer fold chooses from its training folds.
 */
export function chooseThreshold(
  corpus: ReadCorpus,
  pairs: readonly Pair[],
  opts: TrainOptions,
  thresholds = THRESHOLDS,
  k = 4,
): number {
  const gold = pairs.map((p) => p.stance);
  const probs: PairProbabilities = { related: new Array(pairs.length), stances: new Array(pairs.length) };
  for (let f = 0; f < k; f++) {
    const { train, test } = split(pairs, k, f);
    const fold = foldProbabilities(
      corpus,
      train,
      test.map((i) => pairs[i]),
      opts,
    );
    test.forEach((i, j) => {
      probs.related[i] = fold.related[j];
      probs.stances[i] = fold.stances[j];
    });
  }
  let best = opts.relatedThreshold;
  let bestScore = -1;
  for (const t of thresholds) {
    const score = fncScore(gold, decide(probs, t)).relative;
    if (score > bestScore + 1e-12) [best, bestScore] = [t, score];
  }
  return best;
}

export interface CrossValidation {
  predictions: Stance[];
  /** The settings each fold chose from its training folds. */
  chosen: TrainOptions[];
  /** Each pair's fold. */
  folds: number[];
  /** Whether a pair's article lies in its claim's fold too (else it was seen in training, with other claims). */
  articleHeldOut: boolean[];
}

/**
 * `k`-fold cross-validation by claim: each fold scored by a model fitted on the other folds (pairs
 * whose claim and article both lie outside it), its relatedness threshold chosen by an inner
 * cross-validation on those pairs alone (`choose`), or `opts`'s.
 */
export function crossValidate(
  corpus: ReadCorpus,
  pairs: readonly Pair[],
  opts: TrainOptions,
  k = 5,
  choose = true,
): CrossValidation {
  const predictions = new Array<Stance>(pairs.length);
  const chosen: TrainOptions[] = [];
  const { pairFold, bodyFold } = claimFolds(pairs, k);
  for (let f = 0; f < k; f++) {
    const { train, test } = split(pairs, k, f);
    const settings = choose ? { ...opts, relatedThreshold: chooseThreshold(corpus, train, opts) } : opts;
    chosen.push(settings);
    const probs = foldProbabilities(
      corpus,
      train,
      test.map((i) => pairs[i]),
      settings,
    );
    decide(probs, settings.relatedThreshold).forEach((s, j) => (predictions[test[j]] = s));
  }
  const articleHeldOut = pairs.map((p, i) => bodyFold.get(p.body) === pairFold[i]);
  return { predictions, chosen, folds: pairFold, articleHeldOut };
}
