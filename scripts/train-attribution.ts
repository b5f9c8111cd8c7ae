/**
 * train:attribution — trains the attribution model on PolNeAR train and writes
 * `data/models/attribution/model.bin` and `training.json`.
 *
 *   npm run train:attribution -- [--bits 17] [--max-epochs 10] [--window 2] [--docs N] [--out DIR]
 *
 * Every tenth training article (by name) is held back to choose the epoch count: the model of
 * the epoch whose contents match the held-back articles' best (F1 of recall and precision under
 * the half-overlap rule) is kept. PolNeAR dev is never read here; it is for `eval:attribution`.
 * Deterministic: same data and options give the same model, byte for byte. Only learned weights
 * are written, never training text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanArticle } from '../src/clean/clean.ts';
import { buildStages } from '../src/pipeline.ts';
import { readPolnear } from '../src/nlp/attribution/polnear.ts';
import { AttributionModel, saveModel } from '../src/nlp/attribution/model.ts';
import { contentScore, cueF1, roleAccuracy, toExample, train, type Example } from '../src/nlp/attribution/train.ts';
import { REPO_ROOT, sharedPathOrExit } from './lib.ts';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log('usage: npm run train:attribution -- [--bits 17] [--max-epochs 10] [--window 2] [--docs N] [--out DIR]');
  process.exit(0);
}
const num = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const outIdx = args.indexOf('--out');
const outDir = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : path.join(REPO_ROOT, 'data/models/attribution');
const opts = {
  bits: num('bits', 17),
  maxEpochs: num('max-epochs', 10),
  windowSentences: num('window', 2),
  seed: num('seed', 20261207),
  docs: num('docs', Infinity),
  verbThreshold: num('verb-threshold', -4),
  otherThreshold: num('other-threshold', 8),
};

const dir = sharedPathOrExit('data/attribution/polnear/train');
const t0 = performance.now();
const docs = readPolnear(dir, opts.docs);
// The stages the model reads from: sentences, tokens and the recogniser's tags.
const stages = buildStages().filter((s) => ['sentences', 'tokens', 'ner'].includes(s.name));
const fit: Example[] = [];
const held: Example[] = [];
docs.forEach((d, i) => {
  const doc = cleanArticle({ id: d.name, source: {}, text: d.text });
  for (const s of stages) s.run(doc);
  (i % 10 === 9 ? held : fit).push(toExample(d, doc));
  if (i % 100 === 99) process.stderr.write(`  read ${i + 1} of ${docs.length} articles\n`);
});
const nAttr = fit.reduce((n, e) => n + e.attributions.length, 0);
console.log(
  `train:attribution: ${fit.length} articles (${nAttr} attributions) to learn from, ${held.length} held back; ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s to read`,
);

/** The best cue scorer and the best role scorer so far, each by its own held-back measure. */
let bestCue = { f1: -1, epoch: 0, model: null as AttributionModel | null };
let bestRole = { accuracy: -1, epoch: 0, model: null as AttributionModel | null };
train(
  fit,
  {
    bits: opts.bits,
    windowSentences: opts.windowSentences,
    epochs: opts.maxEpochs,
    seed: opts.seed,
    cueThresholds: { verb: opts.verbThreshold, other: opts.otherThreshold },
    onEpoch(epoch, model) {
      const f1 = cueF1(model, held);
      const accuracy = roleAccuracy(model, held);
      console.log(
        `  epoch ${epoch}: held-back cue-token F1 ${f1.toFixed(3)}, content found given the cue ${accuracy.toFixed(3)}`,
      );
      if (f1 > bestCue.f1) bestCue = { f1, epoch, model };
      if (accuracy > bestRole.accuracy) bestRole = { accuracy, epoch, model };
    },
  },
  `PolNeAR train (${fit.length} articles, every tenth held back)`,
);
if (!bestCue.model || !bestRole.model) throw new Error('no model trained');
const header = { ...bestRole.model.header, epochs: { cue: bestCue.epoch, role: bestRole.epoch } };
const model = new AttributionModel(header, bestCue.model.cue, bestRole.model.role, bestRole.model.trans);
const content = contentScore(model, held);
mkdirSync(outDir, { recursive: true });
saveModel(model, path.join(outDir, 'model.bin'));
writeFileSync(
  path.join(outDir, 'training.json'),
  JSON.stringify(
    {
      data: 'PolNeAR train split (../shared/data/attribution/polnear/train), first annotator per article',
      articles: fit.length,
      heldBack: held.length,
      attributions: nAttr,
      options: { ...opts, docs: Number.isFinite(opts.docs) ? opts.docs : 'all' },
      chosenEpochs: header.epochs,
      heldBackScores: {
        cueTokenF1: +bestCue.f1.toFixed(4),
        contentGivenCue: +bestRole.accuracy.toFixed(4),
        contentRecall: +content.recall.toFixed(4),
        contentPrecision: +content.precision.toFixed(4),
      },
    },
    null,
    2,
  ) + '\n',
);
console.log(
  `kept the cue scorer of epoch ${bestCue.epoch} and the role scorer of epoch ${bestRole.epoch}; wrote ${outDir}/model.bin (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
);
