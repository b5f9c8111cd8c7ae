/**
 * The fast paths of storing against their reference forms: name normalisation, MinHash
 * signatures, shingles from a joined word list, multi-row INSERT texts and parameter binding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normName, normNameReference } from '../src/corpus/entity-keys.ts';
import {
  fnv1a,
  shingleHashes,
  signature,
  signatureOf,
  signatureReference,
  wordShingles,
  NUM_HASHES,
  SHINGLE_WORDS,
} from '../src/corpus/minhash.ts';
import { insertSqlOf } from '../src/corpus/store.ts';
import { openSqlite } from '../src/corpus/db.ts';
import { wordsOf } from '../src/text/words.ts';

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

test('normName equals its reference on real-looking and awkward names', () => {
  const names = [
    'Amira Haddad',
    'Tomas Okafor-Lind',
    "Sean O'Malley",
    "Okafor's",
    "UK's",
    'THE MINISTRY OF WATER',
    'Port Valen',
    'José Álvarez',
    'Beyoncé',
    'İstanbul',
    'ﬁnance ministry',
    'Kelvin \u212a',
    'Mr. Lammy',
    'Dr Ines Varga',
    'al-Qasr',
    '  spaced  ',
    'double  space',
    'tab\there',
    'new\nline',
    'under_score',
    'dots.and,commas',
    'curly ’quote’s',
    'back`tick',
    '',
    ' ',
    '-',
    "'",
    "'s",
    "a 's",
    '3rd Brigade',
    '100',
    'Ünited',
    'Zoë Hart',
    'Łódź',
    'a - b',
    'x\u00a0y',
  ];
  for (const n of names) assert.equal(normName(n), normNameReference(n), JSON.stringify(n));
});

test('normName equals its reference on random ASCII strings', () => {
  const next = rng(7);
  const alphabet = "abcXYZ09' -._,\t's";
  for (let i = 0; i < 20000; i++) {
    let s = '';
    const len = Math.floor(next() * 12);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(next() * alphabet.length)];
    assert.equal(normName(s), normNameReference(s), JSON.stringify(s));
  }
});

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

test('multi-row INSERT texts list one tuple of placeholders per row', () => {
  assert.equal(insertSqlOf('t (a, b)', 2, 3), 'INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)');
  assert.equal(
    insertSqlOf('t (a)', 1, 1, ' ON CONFLICT DO NOTHING'),
    'INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING',
  );
});

test('SQLite binds parameters given as one list, booleans as 1 and 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bind-'));
  const db = openSqlite(join(dir, 'bind.db'));
  try {
    await db.exec('CREATE TABLE t (a, b, c)');
    await db.run('INSERT INTO t VALUES (?, ?, ?), (?, ?, ?)', [true, 'x', null, false, 2, Buffer.from('hi')]);
    const rows = await db.all<{ a: number; b: unknown; c: unknown }>(
      'SELECT a, b, c FROM t WHERE a IN (?, ?) ORDER BY a',
      [0, 1],
    );
    assert.deepEqual(
      rows.map((r) => [r.a, r.b]),
      [
        [0, 2],
        [1, 'x'],
      ],
    );
    assert.deepEqual(Buffer.from(rows[0].c as Uint8Array).toString(), 'hi');
    assert.deepEqual(await db.get('SELECT count(*) AS n FROM t'), { n: 2 });
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
