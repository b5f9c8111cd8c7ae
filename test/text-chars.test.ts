// The helpers of src/text/: character classes against the regular-expression classes they stand for,
// the word scanner against its pattern, the array helpers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { isLetterOrDigit, isSpace, letterOrDigitAt } from '../src/text/chars.ts';
import { WORD, wordsOf } from '../src/text/words.ts';
import { joined, mapTruthy, pushAll } from '../src/text/arrays.ts';

/** Every BMP code unit, a sample of astral code points (letters, digits, symbols, unassigned). */
const CODES = [
  ...Array.from({ length: 0x10000 }, (_, c) => c),
  0x1d400,
  0x1d7ce,
  0x1f389,
  0x20000,
  0x10ffff,
  0x1e900,
  0x16a40,
  0xe0001,
];

test('isLetterOrDigit is [\\p{L}\\p{N}] for every BMP code unit and astral samples, asked twice (table filled, then read)', () => {
  const re = /^[\p{L}\p{N}]$/u;
  for (let round = 0; round < 2; round++) {
    for (const c of CODES) assert.equal(isLetterOrDigit(c), re.test(String.fromCodePoint(c)), `U+${c.toString(16)}`);
  }
});

test('letterOrDigitAt measures the code point at a position: pairs, lone surrogates, the end', () => {
  const s = 'a𝐀\ud800b\udc00 ٣🎉';
  const widths = Array.from({ length: s.length + 1 }, (_, i) => letterOrDigitAt(s, i));
  //            a  𝐀(2)  lo-half ud800 b  udc00 ' ' ٣  🎉(2) end
  assert.deepEqual(widths, [1, 2, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
});

test('isSpace is \\s for every BMP code unit', () => {
  for (let c = 0; c < 0x10000; c++)
    assert.equal(isSpace(c), /^\s$/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
});

/** `wordsOf` by its definition, the pattern `WORD`. */
function wordsOfByPattern(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

test('cleaner: the word scanner splits as the pattern does, in every script', () => {
  const texts = [
    'On Saturday, July 19, 2025, the council met. It met again on Monday 21 July and in August 2025.',
    "Christmas Day, New Year's Eve, Easter Monday, Good Friday, Halloween, Valentine's Day, Boxing Day 2024, Thanksgiving.",
    'Twice a week, $5 a day, per year, hourly, daily, nightly, weekly, fortnightly, monthly, quarterly, annual, annually, yearly.',
    'ÉTÉ 2024 à Paris: the İstanbul talks ran from 2009 to 2011, between 2014 and 2016, 2009-2011.',
    'Café owner José Ångström (pictured, left) said: "We’re open 24/7 — 3,500 visitors."',
    'Cafe\u0301 with a combining accent, İstanbul, STRASSE and Straße, ٣ Arabic-Indic digits, 五月 and 한국어.',
    'Astral letters 𝐀𝐁𝐂 and an emoji 🎉 between words; a lone surrogate \ud800 here and \udc00 there.',
    '',
    '... — !!!',
  ];
  for (const t of texts) assert.deepEqual(wordsOf(t), wordsOfByPattern(t), t);
});

// The array helpers of src/text/arrays.ts (moved here from extract-arrays.test.ts).

test('mapTruthy keeps the truthy results in order, like map + filter', () => {
  const xs = [{ id: 'e1' }, { id: '' }, { id: null }, { id: 'e4' }, { id: undefined }];
  assert.deepEqual(
    mapTruthy(xs, (x) => x.id),
    ['e1', 'e4'],
  );
  assert.deepEqual(
    mapTruthy(xs, (x) => x.id),
    xs.map((x) => x.id).filter((x) => !!x),
  );
  assert.deepEqual(
    mapTruthy([] as number[], (x) => x + 1),
    [],
  );
  assert.deepEqual(
    mapTruthy([0, 1, 2], (x) => x),
    [1, 2],
  );
});

test('joined and pushAll concatenate without changing their inputs', () => {
  const a = [1, 2];
  const b = [3];
  assert.deepEqual(joined(a, b), [1, 2, 3]);
  assert.deepEqual(joined([], b), [3]);
  assert.deepEqual(a, [1, 2]);
  const dst = ['x'];
  pushAll(dst, ['y', 'z']);
  pushAll(dst, []);
  assert.deepEqual(dst, ['x', 'y', 'z']);
});

test('binary searches: first start at or after an offset, and count below a value, at every position', async () => {
  const { countBelow, firstStartAtOrAfter } = await import('../src/text/search.ts');
  const starts = [0, 3, 3, 7, 12];
  const spans = starts.map((start) => ({ start }));
  for (let offset = -1; offset <= 13; offset++) {
    assert.equal(firstStartAtOrAfter(spans, offset), starts.filter((s) => s < offset).length, `offset ${offset}`);
    assert.equal(countBelow(starts, offset), starts.filter((s) => s < offset).length, `value ${offset}`);
  }
  assert.equal(firstStartAtOrAfter([], 5), 0);
  assert.equal(countBelow([], 5), 0);
});
