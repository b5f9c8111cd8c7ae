import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joined, mapTruthy, pushAll } from '../src/text/arrays.ts';
import { Doc } from '../src/model/doc.ts';
import { extractEvents } from '../src/extract/events/index.ts';

test('mapTruthy keeps the truthy results in order, like map + filter', () => {
  const xs = [{ id: 'e1' }, { id: '' }, { id: null }, { id: 'e4' }, { id: undefined }];
  assert.deepEqual(
    mapTruthy(xs, (x) => x.id),
    ['e1', 'e4'],
  );
  assert.deepEqual(
    mapTruthy(xs, (x) => x.id),
    xs.map((x) => x.id).filter((x) => !!x),
  );
  assert.deepEqual(
    mapTruthy([] as number[], (x) => x + 1),
    [],
  );
  assert.deepEqual(
    mapTruthy([0, 1, 2], (x) => x),
    [1, 2],
  );
});

test('joined and pushAll concatenate without changing their inputs', () => {
  const a = [1, 2];
  const b = [3];
  assert.deepEqual(joined(a, b), [1, 2, 3]);
  assert.deepEqual(joined([], b), [3]);
  assert.deepEqual(a, [1, 2]);
  const dst = ['x'];
  pushAll(dst, ['y', 'z']);
  pushAll(dst, []);
  assert.deepEqual(dst, ['x', 'y', 'z']);
});

test('an attack naming several weapons takes the mode of the first in precedence order', () => {
  const text = 'Rebel fighters attacked the garrison in Karvosk with rifles and drones on Monday, the army said.';
  const evs = extractEvents(new Doc({ id: 't', source: {}, text })).filter((e) => e.type === 'ASSAULT');
  assert.ok(evs.length >= 1, 'an ASSAULT event');
  // drones come before firearms in INSTRUMENTS, whatever their order in the sentence
  assert.equal(evs[0].mode, 'drone');
});

test('event extent covers the trigger and every party, and events are numbered in order', () => {
  const text =
    'Police in Tarnovo arrested four protesters outside the court. Later, government troops shelled the village of Oresh.';
  const evs = extractEvents(new Doc({ id: 't', source: {}, text }));
  assert.ok(evs.length >= 2, `two events, got ${evs.map((e) => e.type).join(',')}`);
  evs.forEach((e, i) => {
    assert.equal(e.id, `ev${i + 1}`);
    assert.equal(e.text, text.slice(e.start, e.end));
  });
  const arrest = evs.find((e) => e.text.includes('arrested'));
  assert.ok(arrest && arrest.actors.length > 0 && arrest.targets.length > 0, 'arrest with actor and target');
  for (const p of [...arrest.actors, ...arrest.targets])
    assert.ok(arrest.text.includes(p.text), `${arrest.text} covers ${p.text}`);
  assert.ok(arrest.text.includes('protesters'), arrest.text);
});
