/**
 * The speed-ups keep results identical: each fast path is checked against the plain form it
 * replaces (written out here as the reference), on fictional text with the awkward cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSpace } from '../src/clean/blocks.ts';
import { nameKey } from '../src/extract/geo/normalize.ts';
import { findCounts } from '../src/extract/events/args.ts';
import { tokenize } from '../src/extract/events/tokens.ts';
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

test('findCounts skips sentences without a count cue and finds counts in the others', () => {
  assert.deepEqual(findCounts('Militia fighters attacked the convoy near the river crossing on Monday.'), {});
  assert.deepEqual(findCounts('The blast killed 12 people and wounded 30 others, medics said.'), {
    dead: 12,
    injured: 30,
  });
  assert.deepEqual(findCounts('Police ARRESTED 40 protesters outside the ministry.'), { arrested: 40 });
});

test('event tokens fold curly apostrophes in their lower-case form only', () => {
  const text = 'Valdmoor’s army and the rebels’ ‘truce’ held.';
  const toks = tokenize(text, 0, text.length);
  for (const t of toks) assert.equal(t.lower, t.text.toLowerCase().replace(/[’‘]/g, "'"));
  assert.ok(toks.some((t) => t.text === '’s' && t.lower === "'s"));
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
