/**
 * eval:stance — the stance model scored on FNC-1's claim–article pairs by 5-fold cross-validation
 * by claim (a claim's headlines and every article related to it lie in one fold, as the held-out
 * data is split; a fold's model is trained on pairs whose claim and article both lie outside it,
 * with its relatedness threshold chosen by a cross-validation inside those training folds), beside the
 * word-overlap baseline. Prints the FNC-1 score (relative to the best possible), per-stance
 * precision, recall and F1, accuracy, the confusion matrix and each fold's figures.
 *
 *   npm run eval:stance [-- --fixed]   (--fixed: the default threshold in every fold, no choosing)
 *   npm run eval:stance -- --dir DIR    (the shipped model on other pairs in FNC-1's layout, e.g. held-out ones)
 */
import { optionValue, sharedPathOrExit } from './lib.ts';
import { STANCES, defaultStanceModel, type Stance } from '../src/extract/stance/model.ts';
import {
  DEFAULT_TRAINING,
  decide,
  pairFeatures,
  predictPairs,
  readCorpus,
  readFnc,
} from '../src/extract/stance/train.ts';
import { classScores, crossValidate, fncScore, overlapBaseline } from '../src/extract/stance/evaluate.ts';

if (process.argv.includes('--help')) {
  console.log('usage: npm run eval:stance [-- --fixed | --dir DIR]   (reads ../shared/data/stance/fnc1)');
  process.exit(0);
}
const FOLDS = 5;
const other = optionValue('dir');
const dir = other ?? sharedPathOrExit('data/stance/fnc1');
const t0 = performance.now();
const data = readFnc(dir);
const corpus = readCorpus(data);
const gold = data.pairs.map((p) => p.stance);
const baseline = data.pairs.map((p) => overlapBaseline(corpus.claims.get(p.claim)!, corpus.bodies.get(p.body)!));

const f3 = (x: number) => x.toFixed(3);
function report(name: string, g: readonly Stance[], p: readonly Stance[]): void {
  const s = fncScore(g, p);
  const c = classScores(g, p);
  const f1 = STANCES.map((k) => `${k} ${f3(c.perClass[k].f1)}`).join(', ');
  console.log(`${name.padEnd(26)} FNC-1 ${f3(s.relative)} (${s.score.toFixed(2)} of ${s.best.toFixed(2)})`);
  console.log(`${''.padEnd(26)} accuracy ${f3(c.accuracy)}; F1 ${f1}`);
}

if (other) {
  // the shipped model (trained on all of ../shared/data/stance/fnc1) on pairs it never saw
  const model = defaultStanceModel();
  const feats = pairFeatures(corpus, data.pairs, model.idf);
  const predictions = decide(predictPairs(model.related, model.stance, feats), model.header.relatedThreshold);
  console.log(`${other}: ${data.pairs.length} pairs, ${data.bodies.size} articles; the shipped model\n`);
  report('word-overlap baseline', gold, baseline);
  report('stance model', gold, predictions);
  process.exit(0);
}
const cv = crossValidate(corpus, data.pairs, DEFAULT_TRAINING, FOLDS, !process.argv.includes('--fixed'));

const counts = STANCES.map((k) => `${k} ${gold.filter((g) => g === k).length}`).join(', ');
console.log(`FNC-1 pairs: ${data.pairs.length} (${counts}), ${data.bodies.size} articles`);
console.log(`${FOLDS}-fold cross-validation by claim\n`);
report('word-overlap baseline', gold, baseline);
report('stance model', gold, cv.predictions);

const scores = classScores(gold, cv.predictions);
console.log('\nstance      precision recall   F1     support');
for (const k of STANCES) {
  const s = scores.perClass[k];
  console.log(
    `${k.padEnd(11)} ${f3(s.precision).padStart(9)} ${f3(s.recall).padStart(6)} ${f3(s.f1).padStart(6)} ${String(s.support).padStart(8)}`,
  );
}
console.log('\nconfusion (rows gold, columns predicted)');
console.log(`${''.padEnd(11)}${STANCES.map((k) => k.padStart(10)).join('')}`);
for (const g of STANCES)
  console.log(`${g.padEnd(11)}${STANCES.map((p) => String(scores.confusion[g][p]).padStart(10)).join('')}`);

console.log('\nper fold (related from: the threshold chosen inside its training folds)');
for (let f = 0; f < FOLDS; f++) {
  const at = cv.folds.flatMap((x, i) => (x === f ? [i] : []));
  const g = at.map((i) => gold[i]);
  const p = at.map((i) => cv.predictions[i]);
  const c = classScores(g, p);
  const set = cv.chosen[f];
  console.log(
    `  fold ${f + 1}: ${at.length} pairs, FNC-1 ${f3(fncScore(g, p).relative)}, disagree F1 ${f3(c.perClass.disagree.f1)} ` +
      `(${c.perClass.disagree.support} gold); related from ${set.relatedThreshold}`,
  );
}
const held = data.pairs.flatMap((_, i) => (cv.articleHeldOut[i] ? [i] : []));
const hs = fncScore(
  held.map((i) => gold[i]),
  held.map((i) => cv.predictions[i]),
);
console.log(
  `\npairs whose article also lies in the held-out fold (the rest are unrelated pairs whose article a fold's ` +
    `model saw with other claims): ${held.length}, FNC-1 ${f3(hs.relative)}`,
);
console.log(`\n${((performance.now() - t0) / 1000).toFixed(1)} s`);
