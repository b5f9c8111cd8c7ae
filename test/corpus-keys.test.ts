/**
 * Corpus entity keys (src/corpus/entity-keys.ts): names normalised for comparison across articles,
 * the fast path against the definition (written out here), and titles dropped from people's keys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityKeys, normName } from '../src/corpus/entity-keys.ts';
import type { Entity } from '../src/model/analysis.ts';

/** `normName` by its definition: what its plain-name fast path must agree with. */
function normNameReference(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/'s$/, '')
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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

test('people are keyed without their titles, read from the lexicon of honorifics', () => {
  const person = (name: string, aliases: string[]): Entity => ({
    id: 'e1',
    name,
    type: 'PERSON',
    mentions: aliases.map((text) => ({ start: 0, end: text.length, text })),
    roles: [],
    aliases,
  });
  assert.deepEqual(entityKeys(person('David Lammy', ['Mr Lammy', 'Lammy', 'Mr. David Lammy'])), ['david lammy']);
  assert.deepEqual(entityKeys(person('Lammy', ['Dr Lammy'])), ['surname-only:lammy']);
  assert.deepEqual(entityKeys(person('Sheikh Tamim', ['sheikh Tamim'])), ['surname-only:tamim']);
  assert.deepEqual(entityKeys(person('Gen. Ana Ruiz', ['Ana Ruiz'])), ['ana ruiz']);
});
