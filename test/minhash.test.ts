import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bandKeys,
  fmix32,
  fnv1a,
  shingleHashes,
  signature,
  signatureOf,
  similarity,
  wordShingles,
  NUM_HASHES,
  SEEDS,
  SHINGLE_WORDS,
} from '../src/corpus/minhash.ts';
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

// ---------------------------------------------------------------------------------------------
// Fast paths of signing against their reference forms (written out here).

/** `signature` by its definition, one hash function at a time on unsigned values. */
function signatureReference(set: Set<number>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) {
    let min = 0xffffffff;
    for (const v of set) {
      // fmix32 of (v ^ seed i): a bijection on 32-bit values, different for every seed.
      const h = fmix32(v ^ SEEDS[i]) >>> 0;
      if (h < min) min = h;
    }
    sig[i] = min;
  }
  return sig;
}

/** A small deterministic generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}
test('signature equals its reference, including values at the signed/unsigned boundaries', () => {
  const next = rng(11);
  const sets: Set<number>[] = [
    new Set(),
    new Set([0]),
    new Set([0xffffffff]),
    new Set([0x7fffffff, 0x80000000, 0x80000001, 1]),
  ];
  for (let k = 0; k < 50; k++) {
    const s = new Set<number>();
    const size = Math.floor(next() * 400);
    for (let i = 0; i < size; i++) s.add(Math.floor(next() * 0x100000000));
    sets.push(s);
  }
  sets.push(
    wordShingles(
      wordsOf(
        'Flood waters rose overnight in the river town of Marrowby, and the county council opened two shelters for families who left their homes.',
      ),
    ),
  );
  for (const s of sets) {
    const sig = signature(s);
    assert.equal(sig.length, NUM_HASHES);
    assert.deepEqual([...sig], [...signatureReference(s)]);
  }
});

test('shingles from a word list joined beforehand are the same as from the list alone', () => {
  const w = wordsOf(
    'Ministers met in Lorne on Friday to agree a ceasefire plan; talks resume next week, officials said.',
  );
  assert.deepEqual(wordShingles(w, SHINGLE_WORDS, w.join(' ')), wordShingles(w));
  assert.deepEqual(wordShingles(w.slice(0, 3), SHINGLE_WORDS, w.slice(0, 3).join(' ')), wordShingles(w.slice(0, 3)));
});

/** Shingles by their definition: FNV-1a of every run of SHINGLE_WORDS words joined by spaces (the whole list when shorter). */
function shinglesReference(w: string[]): Set<number> {
  if (w.length < SHINGLE_WORDS) return new Set(w.length ? [fnv1a(w.join(' '))] : []);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) out.add(fnv1a(w.slice(i, i + SHINGLE_WORDS).join(' ')));
  return out;
}
test('signatures from shingle hashes with repeats are those of the distinct shingles', () => {
  // A wire story with a repeated boilerplate line, so shingles repeat.
  const boiler = 'Reporting by Tomas Ferreira; editing by Lena Marsh. ';
  const texts = [
    '',
    'Three words only',
    'Exactly five words right here',
    boiler +
      'Port workers in Vellmar walked out on Tuesday over pay, halting container traffic for a second day. ' +
      boiler +
      boiler,
    'Ministers met in Lorne on Friday to agree a ceasefire plan; talks resume next week, officials said. '.repeat(3),
  ];
  for (const t of texts) {
    const w = wordsOf(t);
    const ref = shinglesReference(w);
    assert.deepEqual(wordShingles(w), ref);
    const hashes = shingleHashes(w, SHINGLE_WORDS, w.join(' '));
    assert.deepEqual(new Set([...hashes].map((h) => h >>> 0)), ref);
    assert.deepEqual([...signatureOf(hashes)], [...signatureReference(ref)]);
  }
});
