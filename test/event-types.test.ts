/**
 * The event-type model (src/extract/events/type-model.ts), its training (train-types.ts) and the
 * PETRARCH2 dictionary reader (petrarch.ts). The dictionary fixture below is written by the team
 * in PETRARCH2's format; the real dictionary is read from ../shared/data by `npm run train:events`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Doc } from '../src/model/doc.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { tokenStage } from '../src/nlp/tokens.ts';
import { matchTriggers } from '../src/extract/events/lexicon.ts';
import { sentenceToks } from '../src/extract/events/tokens.ts';
import { extractEvents } from '../src/extract/events/index.ts';
import { readPetrarchVerbs } from '../src/extract/events/petrarch.ts';
import {
  CLASSES,
  cueFeatures,
  defaultTypeModel,
  dictionaryVerb,
  judgeCue,
  petrarchVerbs,
  sentenceCues,
  TypeModel,
} from '../src/extract/events/type-model.ts';
import { DEFAULT_TRAINING, titleSentence, trainTypeModel, type Example } from '../src/extract/events/train-types.ts';
import { csvRecords, parseCsv } from '../src/text/csv.ts';
import { decodeXmlEntities } from '../src/text/xml.ts';

function layered(text: string): Doc {
  const doc = new Doc({ id: 't', source: {}, text });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  return doc;
}

/** The first sentence of `text` with its cues. */
function cuesOf(text: string) {
  const doc = layered(text);
  const toks = sentenceToks(doc, 0);
  return sentenceCues(toks, matchTriggers(toks), petrarchVerbs());
}

test('the classes are no event and the 16 PLOVER types', () => {
  assert.equal(CLASSES.length, 17);
  assert.equal(CLASSES[0], 'NONE');
  assert.ok(CLASSES.includes('ASSAULT') && CLASSES.includes('AGREE'));
});

test('PETRARCH2 dictionary: codes map to PLOVER, object words and irregular forms are kept', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-petrarch-'));
  mkdirSync(path.join(dir, 'p2'));
  writeFileSync(
    path.join(dir, 'cameo2plover.txt'),
    '# conversion\n07: AID\n070: AID, ,  # Provide aid\n19: ASSAULT\n190: ASSAULT, ,  # Use force\n',
  );
  writeFileSync(
    path.join(dir, 'p2/CAMEO.2.0.txt'),
    [
      '# fixture',
      '####### VERB PATTERNS #######',
      '---  BOMBARD   [190]  ---',
      'BOMBARD',
      'SHELL {SHELLED SHELLING SHELLS}',
      '- * (WITH SUPPLIES)                  [070]         # SHELL',
      '',
      '---  HAND   [---]  ---',
      'GIVE {GAVE GIVEN GIVING GIVES} [070]',
      '- * BLANKETS                          [070]         # GIVE',
    ].join('\n'),
  );
  const table = readPetrarchVerbs(path.join(dir, 'p2'), path.join(dir, 'cameo2plover.txt'));
  assert.equal(table.verbs.bombard.code, 'ASSAULT');
  assert.ok(table.verbs.shell.types.ASSAULT > table.verbs.shell.types.AID, 'own code counts more than a pattern');
  assert.equal(table.verbs.shell.objects?.supplies, 'AID', 'the preposition of "(WITH SUPPLIES)" is no object word');
  assert.equal(table.forms.gave, 'give');
  assert.equal(dictionaryVerb(table, 'gave')?.lemma, 'give');
  assert.equal(dictionaryVerb(table, 'bombarded')?.lemma, 'bombard');
  assert.equal(dictionaryVerb(table, 'shelling')?.lemma, 'shell');
  assert.equal(dictionaryVerb(table, 'weather'), null);
});

test('cues are the lexicon’s triggers, read with the dictionary', () => {
  const s = cuesOf('Rebels attacked a police post and looted the armoury near Goma.');
  const words = s.cues.map((c) =>
    s.toks
      .slice(c.from, c.to)
      .map((t) => t.lower)
      .join(' '),
  );
  assert.ok(words.includes('attacked'), words.join(','));
  assert.ok(
    s.cues.every((c, i) => i === 0 || s.cues[i - 1].to <= c.from),
    'cues do not overlap',
  );
  assert.equal(dictionaryVerb(s.table, 'attacked')?.entry.code, 'ASSAULT');
});

test('probabilities of a cue sum to one, and its features are those of its context', () => {
  const model = defaultTypeModel();
  const s = cuesOf('Government troops shelled the rebel-held town overnight.');
  assert.ok(s.cues.length > 0);
  const p = model.probabilities(cueFeatures(s, 0));
  assert.equal(p.length, CLASSES.length);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  const other = cuesOf('Government troops shelled the rebel-held town overnight, the army said.');
  const q = model.probabilities(cueFeatures(other, 0));
  assert.deepEqual([...q], [...p], 'words past the window do not change a cue’s features');
});

test('the shipped model reads a plain attack as an assault, and a science sentence as no event', () => {
  const model = defaultTypeModel();
  const attack = cuesOf(
    'Gunmen attacked a police station in the north of the country on Tuesday, killing four officers.',
  );
  const v = judgeCue(model, attack, 0);
  assert.equal(v.type, 'ASSAULT');
  assert.ok(v.event >= model.header.threshold, `event probability ${v.event}`);
  const doc = layered('The researchers measured how quickly the cells divided in warm water.');
  assert.deepEqual(extractEvents(doc), []);
});

test('training is deterministic and learns a separable toy problem', () => {
  const f = (k: number) => [k * 7919, 1];
  const examples: Example[] = [];
  for (let i = 0; i < 40; i++) examples.push({ feats: f(i % 2 ? 101 : 202), label: i % 2 ? 16 : 0, weight: 1 });
  const opts = { ...DEFAULT_TRAINING, bits: 10, epochs: 5, trainedOn: 'toy' };
  const a = trainTypeModel(examples, opts);
  const b = trainTypeModel(examples, opts);
  assert.deepEqual([...a.weights], [...b.weights]);
  const pa = a.probabilities(f(101));
  assert.ok(pa[16] > 0.8, `ASSAULT ${pa[16]}`);
  assert.ok(a.probabilities(f(202))[0] > 0.8);
});

test('a saved model loads back the same', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-evmodel-'));
  const m = new TypeModel({ ...DEFAULT_TRAINING, bits: 6, trainedOn: 'test', epochs: 1 });
  m.weights[5] = 1.5;
  m.save(path.join(dir, 'm.bin'));
  const back = TypeModel.load(path.join(dir, 'm.bin'));
  assert.equal(back.header.trainedOn, 'test');
  assert.equal(back.weights[5], 1.5);
  writeFileSync(path.join(dir, 'bad.bin'), 'not a model');
  assert.throws(() => TypeModel.load(path.join(dir, 'bad.bin')), /not an event-type model/);
});

test('story titles read as sentences: headline capitals lowered, placeholders named', () => {
  assert.equal(
    titleSentence('{country_1} Expels {country_2} Envoy Over Spy Row'),
    'Arland expels Brevia envoy over spy row',
  );
});

test('CSV: quoted cells with commas, line breaks and doubled quotes', () => {
  const rows = parseCsv('a,b\n"x, y","line one\nline ""two"""\n');
  assert.deepEqual(rows, [
    ['a', 'b'],
    ['x, y', 'line one\nline "two"'],
  ]);
  assert.deepEqual(csvRecords('h1,h2\n1,2\nshort\n'), [{ h1: '1', h2: '2' }]);
});

test('XML entities: named and numeric, decoded in one pass', () => {
  assert.equal(decodeXmlEntities('Tom &amp; Jerry &lt;b&gt; &quot;x&quot; &apos;y&apos;'), 'Tom & Jerry <b> "x" \'y\'');
  assert.equal(decodeXmlEntities('&#233;t&#xE9;'), 'été');
  assert.equal(decodeXmlEntities('&amp;lt;'), '&lt;', 'decoded once, not twice');
});
