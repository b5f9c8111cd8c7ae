/**
 * The gazetteer's index (`data/gazetteer/gazetteer.idx`, `src/extract/geo/gazetteer-index.ts`):
 * current with the tsv it indexes, deterministic, refused when built from another tsv, and
 * answering the look-ups a map of every name key answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Gazetteer } from '../src/extract/geo/gazetteer.ts';
import { TsvBytes, buildIndex, keyHash, nameKeysOf, readIndex } from '../src/extract/geo/gazetteer-index.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/gazetteer');
const tsv = fs.readFileSync(path.join(DIR, 'gazetteer.tsv'));

test('the shipped index is current with gazetteer.tsv (else: npm run build:gazetteer-index)', () => {
  const shipped = fs.readFileSync(path.join(DIR, 'gazetteer.idx'));
  assert.ok(shipped.equals(buildIndex(tsv)), 'gazetteer.idx is stale: run npm run build:gazetteer-index');
  assert.ok(readIndex(shipped, tsv), 'the shipped index reads over the shipped tsv');
});

test('an index built from another tsv is not read (the gazetteer builds its own)', () => {
  const other = Buffer.from(
    'C\tVeloria\t\tVL\t\t900000\t10\t20\t1\t\tVL\tVelorian\tveloria\nP\tTamsk\t\tVL\t\t10\t1\t2\t\tPPL\t\t\ttamsk\n',
  );
  const index = buildIndex(other);
  assert.ok(readIndex(index, other));
  // longer, or as long with a line moved
  assert.equal(readIndex(index, Buffer.from(other.toString().replace('Tamsk', 'Tamskov'))), undefined);
  const moved = other.toString().replace('\tVeloria\t', '\tVelori\t').replace('\tTamsk\t', '\tTamskk\t');
  assert.equal(moved.length, other.length);
  assert.equal(readIndex(index, Buffer.from(moved)), undefined);
  assert.equal(readIndex(Buffer.from('not an index at all, not at all'), other), undefined);
});

test('look-ups through the index give the lines a map of every name key gives, in file order', () => {
  const lines = tsv.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const byKey = new Map<string, number[]>();
  lines.forEach((line, i) => {
    for (const key of nameKeysOf(line)) {
      const l = byKey.get(key);
      if (!l) byKey.set(key, [i]);
      else if (l[l.length - 1] !== i) l.push(i);
    }
  });
  const gaz = Gazetteer.default();
  const placeOf = (i: number) => lines[i].split('\t').slice(0, 2).join(' ');
  let checked = 0;
  let k = 0;
  for (const [key, want] of byKey) {
    if (k++ % 7 !== 0) continue; // every 7th key: the index is exercised through and through, quickly
    // keys are already keyed: a look-up of a key finds it (nameKey of a key is the key)
    const got = gaz.lookupUncached(key).map((p) => `${p.kind} ${p.name}`);
    assert.deepEqual(got, want.map(placeOf), key);
    checked++;
  }
  assert.ok(checked > 15_000);
  assert.deepEqual(gaz.lookupUncached('no such place anywhere'), []);
});

test('two keys of one hash are told apart by the keys of their lines', () => {
  // "glbvs" and "yacxa" share their FNV-1a hash
  assert.equal(keyHash('glbvs'), keyHash('yacxa'));
  const gaz = new Gazetteer(
    ['P\tGlbvs\t\tVL\t\t10\t1\t2\t\tPPL\t\t\tglbvs', 'P\tYacxa\t\tVL\t\t10\t3\t4\t\tPPL\t\t\tyacxa'].join('\n'),
  );
  assert.deepEqual(
    gaz.lookupUncached('Glbvs').map((p) => p.name),
    ['Glbvs'],
  );
  assert.deepEqual(
    gaz.lookupUncached('Yacxa').map((p) => p.name),
    ['Yacxa'],
  );
  assert.deepEqual(gaz.lookupUncached('glbvt'), []);
});

test('a tsv read line by line from its file reads as the same tsv in memory', () => {
  const file = new TsvBytes(path.join(DIR, 'gazetteer.tsv'));
  assert.equal(file.length, tsv.length);
  for (const [start, end] of [
    [0, 40],
    [1_000_000, 1_000_300],
    [tsv.length - 50, tsv.length],
  ])
    assert.equal(file.text(start, end), tsv.toString('utf8', start, end));
  assert.equal(file.byte(12345), tsv[12345]);
  assert.ok(file.bytes().equals(tsv), 'all of it, read at once');
  assert.equal(file.text(5, 3000), tsv.toString('utf8', 5, 3000), 'and from memory after');
});
