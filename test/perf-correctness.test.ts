/**
 * The speed-ups keep results identical: each fast path is checked against the plain form it
 * replaces (written out here as the reference), on fictional text with the awkward cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSpace } from '../src/clean/blocks.ts';
import { foldKey } from '../src/lexicon/lexicon.ts';
import { nameKey } from '../src/extract/geo/normalize.ts';
import { Gazetteer, MAX_GAZ_TOKENS, gazKey } from '../src/nlp/ner/gazetteer.ts';
import { spotToponyms } from '../src/extract/geo/spot.ts';
import { Gazetteer as PlaceGazetteer } from '../src/extract/geo/gazetteer.ts';

test('normalizeSpace equals the regular-expression collapse on every kind of white space', () => {
  const spaces = [' ', '  ', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u200b', '\u180e', ' \u00a0', '\r', '\v'];
  for (const a of spaces) {
    for (const b of spaces) {
      const s = `${a}Rescue teams${b}reached Valdmoor${a}on Tuesday${b}`;
      assert.equal(normalizeSpace(s), s.replace(/\s+/g, ' ').trim(), JSON.stringify(s));
    }
  }
  assert.equal(normalizeSpace('The ferry left at dawn.'), 'The ferry left at dawn.');
});

test('foldKey folds plain ASCII by case only and everything else as before', () => {
  const reference = (s: string): string =>
    /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(s)
      ? s.toLowerCase()
      : s
          .normalize('NFD')
          .replace(/\p{M}+/gu, '')
          .replace(/[‘’`´]/g, "'")
          .replace(/\s+/g, ' ')
          .trim()
          .toLowerCase();
  for (const s of [
    'Harbourline',
    'U.S.',
    'Port Meridel',
    ' Port Meridel',
    'Port  Meridel',
    'Port Meridel ',
    'Zoë Ardent',
    'O’Neill',
    'Qaeda\tNetwork',
    '',
    'A',
    'x y z',
  ]) {
    assert.equal(foldKey(s), reference(s), JSON.stringify(s));
  }
});

test('nameKey keys plain words by case and other names by the full fold', () => {
  assert.equal(nameKey('Valdmoor'), 'valdmoor');
  assert.equal(nameKey('K2'), 'k2');
  assert.equal(nameKey('The Gambia'), 'gambia');
  assert.equal(nameKey('Łódź'), 'lodz');
  assert.equal(nameKey('St. Helens'), 'saint helens');
  assert.equal(nameKey('Dar’a'), 'dara');
  assert.equal(nameKey('\u0010'), ''); // a control character is no plain word: it folds away
  assert.notEqual(nameKey('Gaza-Strip'), 'gaza-strip');
});

test('the gazetteer trie finds the same names as joining the keys of every span', () => {
  const gaz = new Gazetteer();
  gaz.add('Port Meridel', 'city');
  gaz.add('Meridel', 'state');
  gaz.add('Port Meridel Bay', 'geoFeature');
  gaz.add('North Valdmoor-on-Sea', 'region');
  gaz.add('Valdmoor', 'country');
  const reference = (keys: string[]): Uint16Array => {
    const out = new Uint16Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      for (let len = 1; len <= MAX_GAZ_TOKENS && i + len <= keys.length; len++) {
        const m = gaz.names.get(keys.slice(i, i + len).join(' '));
        if (m === undefined) continue;
        out[i] |= m;
        for (let j = i + 1; j < i + len; j++) out[j] |= m << 8;
      }
    }
    return out;
  };
  const sentences = [
    'Ferries from Port Meridel Bay reached Meridel and North Valdmoor - on - Sea .',
    'North Valdmoor-on-Sea and Port Meridel Port Meridel Bay',
    'Port',
    'Valdmoor',
  ];
  for (const s of sentences) {
    const keys = s.split(' ').map(gazKey);
    assert.deepEqual([...gaz.matchTokens(keys)], [...reference(keys)], s);
  }
  // a token holding a space takes the phrase path and still finds the joined name
  assert.deepEqual([...gaz.matchTokens(['port meridel', 'bay'])], [...reference(['port meridel', 'bay'])]);
});

test('spotToponyms joins the words of a name only across spaces and hyphens on one line', () => {
  const gaz = new PlaceGazetteer(
    [
      ['P', 'Port Meridel', '', 'XX', 'XX.01', '50000', '10', '20', '', 'PPL', '', '', 'port meridel'],
      ['P', 'Meridel', '', 'XX', 'XX.01', '20000', '10', '21', '', 'PPL', '', '', 'meridel'],
      ['C', 'Valdmoor', '', 'XX', '', '900000', '11', '22', '', 'C', '', '', 'valdmoor'],
    ]
      .map((f) => f.join('\t'))
      .join('\n'),
  );
  const text = 'Ships left Port Meridel for Valdmoor.\nPort\nMeridel lies west; the Port. Meridel road is shut.';
  const spots = spotToponyms(gaz, text).map((s) => s.text);
  // not "Port\nMeridel" (a line break) nor "Port. Meridel" (a dot ends the name; then a capitalised word glued before)
  assert.deepEqual(spots, ['Port Meridel', 'Valdmoor', 'Meridel']);
});
