import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline, buildStages } from '../src/pipeline.ts';
import { checkStageOrder, type Stage } from '../src/model/stage.ts';

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
