/**
 * train:stance — trains the stance model (src/extract/stance/) on FNC-1's claim–article pairs and
 * writes:
 *
 *   data/models/stance/model.bin       the weights (IDF table, both stages)
 *   data/models/stance/training.json   what it was trained on, with what settings
 *
 * Data: ../shared/data/stance/fnc1 (stances.csv, bodies.csv). The relatedness threshold is chosen
 * by 4-fold cross-validation by claim on the training pairs (`chooseThreshold`), then the model is
 * fitted on all of them. Deterministic: the
 * same data gives the same bytes.
 *
 *   node --import tsx scripts/train-stance.ts [--help]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sharedPathOrExit } from './lib.ts';
import { MODEL_FILE } from '../src/extract/stance/model.ts';
import { DEFAULT_TRAINING, fitStanceModel, readCorpus, readFnc } from '../src/extract/stance/train.ts';
import { THRESHOLDS, chooseThreshold } from '../src/extract/stance/evaluate.ts';

if (process.argv.includes('--help')) {
  console.log('usage: npm run train:stance   (reads ../shared/data/stance/fnc1; writes data/models/stance)');
  process.exit(0);
}
const dir = sharedPathOrExit('data/stance/fnc1');
const t0 = performance.now();
const data = readFnc(dir);
const corpus = readCorpus(data);
const settings = { ...DEFAULT_TRAINING, relatedThreshold: chooseThreshold(corpus, data.pairs, DEFAULT_TRAINING) };
const trainedOn = `FNC-1 (Fake News Challenge stage 1) training data: ${data.pairs.length} claim–article pairs, ${data.bodies.size} articles`;
const model = fitStanceModel(corpus, data.pairs, settings, trainedOn);
mkdirSync(path.dirname(MODEL_FILE), { recursive: true });
model.save(MODEL_FILE);
const bytes = readFileSync(MODEL_FILE);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const counts: Record<string, number> = {};
for (const p of data.pairs) counts[p.stance] = (counts[p.stance] ?? 0) + 1;
writeFileSync(
  path.join(path.dirname(MODEL_FILE), 'training.json'),
  JSON.stringify(
    {
      trainedOn,
      pairs: counts,
      articles: data.bodies.size,
      settings,
      thresholds: THRESHOLDS,
      bytes: bytes.length,
      sha256,
    },
    null,
    2,
  ) + '\n',
);
const chosen = `related from ${settings.relatedThreshold}`;
console.log(
  `train:stance: ${data.pairs.length} pairs, chosen by cross-validation: ${chosen}; ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s; wrote ${MODEL_FILE} (${bytes.length} bytes, sha256 ${sha256.slice(0, 12)}…)`,
);
