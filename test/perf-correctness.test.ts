/**
 * The speed-ups keep results identical: each fast path is checked against the plain form it
 * replaces (written out here as the reference), on fictional text with the awkward cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCounts } from '../src/extract/events/args.ts';
import { tokenize } from '../src/extract/events/tokens.ts';

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
