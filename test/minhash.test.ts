import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandKeys, fnv1a, signature, similarity, wordShingles, NUM_HASHES } from '../src/corpus/minhash.ts';
import { wordsOf } from '../src/text/words.ts';
import { inList } from '../src/corpus/db.ts';

const BRIEF =
  'The harbour authority in Port Valen said on Tuesday that two cargo ships had been held at anchor while inspectors checked their papers.';

test('signatures are stable across versions: stored ones are compared with new ones', () => {
  // Values of the first release of this hashing scheme; a change here orphans every stored story.
  const sig = signature(wordShingles(wordsOf(BRIEF)));
  assert.equal(sig.length, NUM_HASHES);
  assert.deepEqual([sig[0], sig[1], sig[127]], [6530783, 490080523, 252846413]);
  assert.deepEqual(bandKeys(sig).slice(0, 2), ['0:102mpv0', '1:t9xcc9']);
});

test('each signature value is the least hash over all shingles, whatever their order', () => {
  const shingles = wordShingles(wordsOf(BRIEF));
  const reversed = new Set([...shingles].reverse());
  assert.deepEqual(signature(reversed), signature(shingles));
  // Adding shingles can only lower (or keep) every minimum.
  const more = new Set([
    ...shingles,
    ...wordShingles(wordsOf('A second sentence about grain prices in the northern provinces this week.')),
  ]);
  const a = signature(shingles);
  const b = signature(more);
  for (let i = 0; i < NUM_HASHES; i++) assert.ok(b[i] <= a[i]);
  assert.ok(similarity(a, b) < 1);
  assert.deepEqual([...signature(new Set())], new Array(NUM_HASHES).fill(0xffffffff));
});

test('similarity estimates the Jaccard overlap of shingle sets', () => {
  const a = new Set<number>();
  const b = new Set<number>();
  for (let i = 0; i < 600; i++) a.add((i * 2654435761) >>> 0);
  for (let i = 300; i < 900; i++) b.add((i * 2654435761) >>> 0);
  // |a ∩ b| = 300, |a ∪ b| = 900: Jaccard 1/3; the estimate's standard error is ~0.04 at 128 hashes.
  const est = similarity(signature(a), signature(b));
  assert.ok(est > 0.2 && est < 0.47, `estimate ${est}`);
});

test('IN lists are padded to a power of two with the last value, so statement texts repeat', () => {
  assert.deepEqual(inList([]), { marks: '', params: [] });
  assert.deepEqual(inList(['a']), { marks: '?', params: ['a'] });
  assert.deepEqual(inList(['a', 'b', 'c']), { marks: '?, ?, ?, ?', params: ['a', 'b', 'c', 'c'] });
  assert.equal(inList([1, 2, 3, 4, 5]).params.length, 8);
  assert.deepEqual(inList([1, 2, 3, 4]).params, [1, 2, 3, 4]);
});

test('shingles hash each run of five words joined by spaces', () => {
  const w = wordsOf('Rain fell on the old stone bridge at dawn, and the river rose.');
  const expected = new Set<number>();
  for (let i = 0; i + 5 <= w.length; i++) expected.add(fnv1a(w.slice(i, i + 5).join(' ')));
  assert.deepEqual(wordShingles(w), expected);
  assert.deepEqual(wordShingles(['two', 'words']), new Set([fnv1a('two words')]));
  assert.equal(wordShingles([]).size, 0);
});
