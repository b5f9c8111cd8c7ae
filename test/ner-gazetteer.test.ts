/**
 * The entity recogniser's gazetteer table (`data/name-lists/gazetteer-keys.tsv`, written by
 * `npm run build:ner-gazetteer`): current with the lists and lexicon it is built from, and read
 * back as the gazetteer those names make.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GAZ,
  Gazetteer,
  KEY_TABLE,
  formatKeyTable,
  gazKey,
  gazetteerDir,
  listedNames,
  loadGazetteer,
  readGazetteer,
  sourcesLine,
} from '../src/nlp/ner/gazetteer.ts';

test('the shipped key table is current with the name lists and the lexicon (else: npm run build:ner-gazetteer)', () => {
  const shipped = readFileSync(path.join(gazetteerDir(), KEY_TABLE), 'utf8');
  const want = `${sourcesLine()}\n${formatKeyTable(listedNames())}`;
  assert.ok(shipped === want, `${KEY_TABLE} is stale: run npm run build:ner-gazetteer`);
  assert.doesNotThrow(
    () => new Gazetteer(want.slice(want.indexOf('\n') + 1)),
    'in order (loadGazetteer does not check it)',
  );
});

test('a gazetteer read from a key table answers as one the names were added to', () => {
  const names: Array<[string, keyof typeof GAZ]> = [
    ['Port Meridel', 'city'],
    ['Meridel', 'state'],
    ['Port Meridel Bay', 'geoFeature'],
    ['North Valdmoor-on-Sea', 'region'],
    ['Valdmoor', 'country'],
    ['Valdmoor', 'demonym'],
    ['São Tomé', 'city'],
  ];
  const added = new Gazetteer();
  for (const [name, kind] of names) added.add(name, kind);
  const read = new Gazetteer(formatKeyTable(names));
  const sentences = [
    'Ferries from Port Meridel Bay reached Meridel and North Valdmoor - on - Sea .',
    'North Valdmoor-on-Sea and Port Meridel Port Meridel Bay',
    'Valdmoor , Sao Tome and São Tomé',
  ];
  for (const s of sentences) {
    const keys = s.split(' ').map(gazKey);
    assert.deepEqual([...read.matchTokens(keys)], [...added.matchTokens(keys)], s);
    assert.ok(
      read.matchTokens(keys).some((m) => m !== 0),
      s,
    );
  }
  assert.equal(read.lookup(['valdmoor']), GAZ.country | GAZ.demonym);
  assert.equal(read.lookup(['port', 'meridel']), GAZ.city);
  assert.equal(read.lookup(['port']), 0);
  assert.deepEqual([...read.matchTokens(['port'])], [0], 'a name begun is not a name');
});

test('a key table out of order is refused (look-ups search it by halves)', () => {
  assert.throws(() => new Gazetteer('syria\t1\naleppo\t2\n'), /line 2/);
});

test('the shipped gazetteer lists countries, cities and groups', () => {
  const gaz = loadGazetteer();
  assert.ok(gaz.lookup(['united', 'kingdom']) & GAZ.country);
  assert.ok(gaz.lookup(['aleppo']) & GAZ.city);
  assert.ok(gaz.lookup(['syrian']) & GAZ.demonym);
});

test('a key table built from other lists is not read: the names are keyed from the lists there', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-names-'));
  try {
    cpSync(gazetteerDir(), dir, { recursive: true });
    appendFileSync(path.join(dir, 'cities.txt'), 'Port Meridel\n');
    const gaz = readGazetteer(dir);
    assert.equal(gaz.lookup(['port', 'meridel']), GAZ.city);
    assert.ok(gaz.lookup(['aleppo']) & GAZ.city);
    assert.equal(readGazetteer().lookup(['port', 'meridel']), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
