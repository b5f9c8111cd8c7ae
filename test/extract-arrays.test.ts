import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joined, mapTruthy, pushAll } from '../src/text/arrays.ts';

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
