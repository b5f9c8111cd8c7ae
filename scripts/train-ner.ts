/**
 * Trains the entity tagger on CoNLL-2003 and writes `data/models/ner/model.bin`.
 *
 *   node --import tsx scripts/train-ner.ts [--bits 19] [--max-epochs 12] [--folds 4] [--docs N]
 *
 * Pass 1 is trained on `train.txt` with the epoch count that scores best on `dev.txt`. Pass 2
 * (document consistency) needs pass-1 labels of training documents that pass 1 did not learn
 * from, so they come from K-fold jackknifing; it is then trained and tuned on dev the same way.
 * Deterministic: a seeded shuffle per epoch, no other randomness; same data and options give the
 * same model byte for byte. Only learned weights are written, never training text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConll, toIob2, ConllScorer, type ConllDocument } from '../src/nlp/ner/conll.ts';
import {
  DocContext,
  DocVotes,
  secondPassFeatures,
  sentenceView,
  staticFeatures,
  type SentenceView,
} from '../src/nlp/ner/features.ts';
import { FeatureBuffer, freeze, type SentenceFeatures } from '../src/nlp/hashing.ts';
import { LABELS } from '../src/nlp/ner/labels.ts';
import { loadGazetteer, type Gazetteer } from '../src/nlp/ner/gazetteer.ts';
import { LinearModel, saveModel, type NerModel } from '../src/nlp/ner/model.ts';
import { Tagger } from '../src/nlp/ner/tagger.ts';
import { trainPass, type Example } from '../src/nlp/ner/train.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const dataDir = path.resolve(repoRoot, '../shared/data/conll2003');
const outDir = path.resolve(repoRoot, 'data/models/ner');

/** Defaults chosen on dev (see the model card). */
const DEFAULTS = {
  bits: 19,
  maxEpochs: 12,
  folds: 4,
  seed: 20250713,
  /** Every Nth training document is also seen fully lower-cased, so lower-case text still tags (0: off). */
  lowerEvery: 10,
};

function args(): typeof DEFAULTS & { docs: number; out: string } {
  const a = process.argv.slice(2);
  const get = (name: string, def: number) => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? Number(a[i + 1]) : def;
  };
  const oi = a.indexOf('--out');
  return {
    bits: get('bits', DEFAULTS.bits),
    maxEpochs: get('max-epochs', DEFAULTS.maxEpochs),
    folds: get('folds', DEFAULTS.folds),
    seed: get('seed', DEFAULTS.seed),
    lowerEvery: get('lower-every', DEFAULTS.lowerEvery),
    docs: get('docs', 0),
    out: oi >= 0 ? a[oi + 1] : outDir,
  };
}

interface PreparedDoc {
  views: SentenceView[];
  feats: SentenceFeatures[];
  gold: Uint8Array[];
  tags: string[][];
  tokens: string[][];
  /** Index of the CoNLL document it came from (a lower-cased copy shares its original's fold). */
  source: number;
}

const LABEL_INDEX = new Map<string, number>(LABELS.map((l, i) => [l, i]));

function prepare(doc: ConllDocument, source: number, gaz: Gazetteer, buf: FeatureBuffer, lower = false): PreparedDoc {
  const tokens = doc.map((s) => (lower ? s.tokens.map((t) => t.toLowerCase()) : s.tokens));
  const tags = doc.map((s) => toIob2(s.tags));
  const views = tokens.map(sentenceView);
  const ctx = DocContext.build(views.map((v) => v.words));
  const feats = views.map((v) => {
    buf.reset(v.words.length);
    staticFeatures(v, ctx, gaz, buf);
    return freeze(buf);
  });
  const gold = tags.map((ts) => Uint8Array.from(ts, (t) => LABEL_INDEX.get(t) ?? 0));
  return { views, feats, gold, tags, tokens, source };
}

/** Pass-2 examples of a document given pass-1 labels. */
function secondPassExamples(d: PreparedDoc, labels1: Uint8Array[], buf: FeatureBuffer): Example[] {
  const votes = DocVotes.build(d.views, labels1);
  return d.views.map((v, s) => {
    buf.reset(v.words.length);
    secondPassFeatures(v, d.feats[s], labels1[s], votes, buf);
    return { feats: freeze(buf), gold: d.gold[s] };
  });
}

function evaluate(model: NerModel, dev: PreparedDoc[], gaz: Gazetteer) {
  const tagger = new Tagger(model, gaz);
  const scorer = new ConllScorer();
  for (const d of dev) {
    const pred = tagger.tagDocument(d.tokens);
    d.tags.forEach((g, s) =>
      scorer.add(
        g,
        Array.from(pred[s], (y) => LABELS[y]),
      ),
    );
  }
  return scorer.scores(['PER', 'LOC', 'ORG', 'MISC']);
}

function firstPassLabels(model: LinearModel, d: PreparedDoc, gaz: Gazetteer): Uint8Array[] {
  const tagger = new Tagger({ passes: [model], meta: {} }, gaz);
  return tagger.tagDocument(d.tokens);
}

function main(): void {
  const opt = args();
  const t0 = Date.now();
  const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const gaz = loadGazetteer();
  let trainDocs = readConll(path.join(dataDir, 'train.txt'));
  if (opt.docs > 0) trainDocs = trainDocs.slice(0, opt.docs);
  const devDocs = readConll(path.join(dataDir, 'dev.txt'));
  const buf = new FeatureBuffer(1 << 16);
  const train: PreparedDoc[] = [];
  trainDocs.forEach((d, i) => {
    train.push(prepare(d, i, gaz, buf));
    if (opt.lowerEvery > 0 && i % opt.lowerEvery === opt.lowerEvery - 1) train.push(prepare(d, i, gaz, buf, true));
  });
  const dev = devDocs.map((d, i) => prepare(d, i, gaz, buf));
  const nTok = train.reduce((a, d) => a + d.gold.reduce((b, g) => b + g.length, 0), 0);
  log(`prepared ${train.length} training documents (${nTok} tokens), ${dev.length} dev documents`);

  // pass 1: pick the epoch count on dev
  const ex1: Example[] = train.flatMap((d) => d.feats.map((f, s) => ({ feats: f, gold: d.gold[s] })));
  let best1 = { f1: -1, epoch: 0, model: null as LinearModel | null };
  trainPass(ex1, {
    bits: opt.bits,
    epochs: opt.maxEpochs,
    seed: opt.seed,
    onEpoch: (e, m) => {
      const s = evaluate({ passes: [m], meta: {} }, dev, gaz);
      log(`pass 1 epoch ${e}: dev F1 ${s.overall.f1.toFixed(2)}`);
      if (s.overall.f1 > best1.f1) best1 = { f1: s.overall.f1, epoch: e, model: m };
    },
  });
  const pass1 = best1.model!;
  log(`pass 1: best epoch ${best1.epoch}, dev F1 ${best1.f1.toFixed(2)}`);

  // jackknifed pass-1 labels for the training documents
  const jack: Uint8Array[][] = new Array(train.length);
  for (let k = 0; k < opt.folds; k++) {
    const inFold = (i: number) => train[i].source % opt.folds === k;
    const exK = train.flatMap((d, i) => (inFold(i) ? [] : d.feats.map((f, s) => ({ feats: f, gold: d.gold[s] }))));
    const mK = trainPass(exK, { bits: opt.bits, epochs: best1.epoch, seed: opt.seed + 1000 * (k + 1) });
    train.forEach((d, i) => {
      if (inFold(i)) jack[i] = firstPassLabels(mK, d, gaz);
    });
    log(`fold ${k + 1}/${opt.folds} done`);
  }

  // pass 2
  const ex2: Example[] = train.flatMap((d, i) => secondPassExamples(d, jack[i], buf));
  let best2 = { f1: -1, epoch: 0, model: null as LinearModel | null, scores: {} as ReturnType<typeof evaluate> };
  trainPass(ex2, {
    bits: opt.bits,
    epochs: opt.maxEpochs,
    seed: opt.seed + 7,
    onEpoch: (e, m) => {
      const s = evaluate({ passes: [pass1, m], meta: {} }, dev, gaz);
      log(`pass 2 epoch ${e}: dev F1 ${s.overall.f1.toFixed(2)}`);
      if (s.overall.f1 > best2.f1) best2 = { f1: s.overall.f1, epoch: e, model: m, scores: s };
    },
  });
  log(`pass 2: best epoch ${best2.epoch}, dev F1 ${best2.f1.toFixed(2)}`);

  const round = (x: number) => Math.round(x * 100) / 100;
  const devScores = Object.fromEntries(
    Object.entries(best2.scores).map(([t, v]) => [
      t,
      { precision: round(v.precision), recall: round(v.recall), f1: round(v.f1) },
    ]),
  );
  const meta = {
    data: 'CoNLL-2003 English train (946 documents); epochs tuned on dev (216 documents)',
    options: { bits: opt.bits, folds: opt.folds, seed: opt.seed, lowerEvery: opt.lowerEvery, docs: opt.docs },
    epochs: [best1.epoch, best2.epoch],
    devPass1F1: round(best1.f1),
    dev: devScores,
  };
  const model: NerModel = { passes: [pass1, best2.model!], meta };
  mkdirSync(opt.out, { recursive: true });
  const file = path.join(opt.out, 'model.bin');
  saveModel(file, model);
  writeFileSync(path.join(opt.out, 'training.json'), JSON.stringify(meta, null, 2) + '\n');
  log(`wrote ${file}`);
  // quantised model as shipped, scored again
  const q = { passes: model.passes.map((p) => p.quantize()), meta };
  const sq = evaluate(q, dev, gaz);
  log(`quantised model dev F1 ${sq.overall.f1.toFixed(2)}`);
}

main();
