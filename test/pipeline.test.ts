import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline, buildStages } from '../src/pipeline.ts';
import { checkStageOrder, type Stage } from '../src/model/stage.ts';
import { Doc, wordShape } from '../src/model/doc.ts';
import { tokenStage } from '../src/nlp/tokens.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';

test('the default stages read only layers added before them', () => {
  assert.doesNotThrow(() => checkStageOrder(buildStages()));
});

test('a stage that reads a layer no earlier stage adds is refused when the pipeline is built', () => {
  const early: Stage = { name: 'early-events', reads: ['entities'], adds: ['events'], run() {} };
  assert.throws(() => checkStageOrder([early, ...buildStages()]), /"early-events" reads entities/);
  const stages = buildStages();
  assert.throws(() => checkStageOrder([stages[1], stages[0]]), /"tokens" reads sentences/);
});

test('a recogniser passed in must declare what it reads', () => {
  const bad: Stage = { name: 'ner', reads: ['quotes'], adds: ['tokenTags'], run() {} };
  assert.throws(() => new Pipeline({ recognizer: bad }), /"ner" reads quotes/);
});

test('token layer: lower case, shape, sentence of a token, tokens of a sentence', () => {
  const doc = new Doc({
    id: 't',
    source: {},
    text: 'Foreign Secretary David Lammy arrived. He met Al-Sharaa in 2025.',
  });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  const words = doc.tokens.map((_, i) => doc.tokenText(i));
  const he = words.indexOf('He');
  assert.equal(doc.lower(he), 'he');
  assert.equal(doc.shape(words.indexOf('Al-Sharaa')), 'Xx-Xx');
  assert.equal(doc.shape(words.indexOf('2025')), 'd');
  assert.equal(doc.sentenceOfToken(0), 0);
  assert.equal(doc.sentenceOfToken(he), 1);
  const [from, to] = doc.sentenceTokens(1);
  assert.equal(from, he);
  assert.equal(doc.tokenText(to - 1), '.');
  assert.equal(doc.isWord(to - 1), false);
  assert.equal(wordShape('U.S.'), 'X.X.');
  // replacing the tokens forgets what was computed of the old ones
  doc.tokens = doc.tokens.slice(he);
  assert.equal(doc.lower(0), 'he');
  assert.equal(doc.sentenceOfToken(0), 1);
});
