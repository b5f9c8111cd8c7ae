/** Search snippets built from a text and a query's stems (used by the PostgreSQL backend). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snippet, tsqueryStems } from '../src/corpus/snippet.ts';

const TEXT = `Flood defences along the Varne river failed on Tuesday night. Residents of Lowmarsh said the water rose within an hour.
The council said studies of the embankment had warned of the risk in 2019, and that emergency crews were pumping water from
the flooded streets. "We happily helped our neighbours," one resident said.`;

test('tsqueryStems reads the lexemes of a tsquery, quotes and prefixes included', () => {
  assert.deepEqual(tsqueryStems("'flood' & 'studi' & 'o''brien':*"), ['flood', 'studi', "o'brien"]);
  assert.deepEqual(tsqueryStems(''), []);
});

test('matches are bracketed, stems match inflected words, and the window holds the most matches', () => {
  const s = snippet(TEXT, ['studi', 'embank']);
  assert.match(s, /\[studies\] of the \[embankment\]/);
  assert.ok(s.startsWith('…') && s.endsWith('…'), s);
  assert.ok(s.split(/\s+/).length <= 17, s);
  assert.match(snippet(TEXT, ['happili']), /\[happily\] helped/);
});

test('short stems match whole words only; no match gives the opening words', () => {
  assert.doesNotMatch(snippet('An under-used unit of the UN said so.', ['un']), /\[under|\[unit/);
  assert.match(snippet('An under-used unit of the UN said so.', ['un']), /\[UN\]/);
  const none = snippet(TEXT, ['volcano']);
  assert.ok(none.startsWith('Flood defences'), none);
  assert.equal(snippet('', ['x']), '');
});
