/**
 * train:events — trains the event-type model (src/extract/events/type-model.ts) and writes:
 *
 *   data/lexicons/plover/petrarch-verbs.json   PETRARCH2's CAMEO verbs read as PLOVER types
 *   data/models/events/model.bin              the weights
 *   data/models/events/training.json          what it was trained on, with what settings
 *
 * Data: ../shared/data/events (PETRARCH2, CAMEO2PLOVER, NGEC stories, PLOVER coded sentences).
 * Deterministic: the same data gives the same bytes.
 *
 *   node --import tsx scripts/train-events.ts [--help]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sentencesAndTokens, sharedPathOrExit } from './lib.ts';
import { readPetrarchVerbs } from '../src/extract/events/petrarch.ts';
import { MODEL_FILE } from '../src/extract/events/type-model.ts';
import {
  BACKGROUND_WEIGHT,
  DEFAULT_TRAINING,
  STORY_WEIGHTS,
  readTrainingSet,
  trainTypeModel,
} from '../src/extract/events/train-types.ts';

if (process.argv.includes('--help')) {
  console.log('usage: npm run train:events   (reads ../shared/data/events; writes data/models/events)');
  process.exit(0);
}
const dir = sharedPathOrExit('data/events');
const t0 = performance.now();
const table = readPetrarchVerbs(path.join(dir, 'petrarch2'), path.join(dir, 'CAMEO2PLOVER-2021.txt'));
const lexicon = path.resolve(path.dirname(MODEL_FILE), '../../lexicons/plover/petrarch-verbs.json');
writeFileSync(
  lexicon,
  JSON.stringify(
    {
      _about:
        'PETRARCH2 CAMEO verbs read as PLOVER types: per verb lemma the share of each type among its own CAMEO code (counted three times) and its synonym block’s patterns, and the object words its patterns name with the type they give; irregular forms map to their lemma. A feature source of the event-type model, written by npm run train:events.',
      _source:
        'Derived from PETRARCH2 CAMEO.2.0.txt (Open Event Data Alliance, MIT licence) with CAMEO2PLOVER-2021.txt (P. Schrodt, PLOVER 0.8), by src/extract/events/petrarch.ts.',
      _usedBy: ['src/extract/events/type-model.ts'],
      ...table,
    },
    null,
    0,
  ) + '\n',
);
const set = readTrainingSet(sentencesAndTokens, path.dirname(dir), table);
const examples = [...set.stories, ...set.background, ...set.coded.flat()];
const trainedOn = set.description;
const model = trainTypeModel(examples, { ...DEFAULT_TRAINING, trainedOn });
mkdirSync(path.dirname(MODEL_FILE), { recursive: true });
model.save(MODEL_FILE);
writeFileSync(
  path.join(path.dirname(MODEL_FILE), 'training.json'),
  JSON.stringify(
    {
      trainedOn,
      examples: examples.length,
      settings: DEFAULT_TRAINING,
      storyWeights: STORY_WEIGHTS,
      backgroundWeight: BACKGROUND_WEIGHT,
      verbs: Object.keys(table.verbs).length,
    },
    null,
    2,
  ) + '\n',
);
console.log(
  `train:events: ${examples.length} cue examples, ${((performance.now() - t0) / 1000).toFixed(1)} s; wrote ${MODEL_FILE}`,
);
