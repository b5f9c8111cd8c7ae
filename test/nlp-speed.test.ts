/**
 * Fast paths of the NLP stages checked against their reference forms: the time grammar's rule
 * prefilter (`Rule.needs`) against running every rule, the tagger's word table against the
 * reference tagger, the cleaner's word scanner against its pattern.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCandidates, needsMet, needsMetReference } from '../src/nlp/times.ts';
import { foldShape, foldShapes } from '../src/nlp/ner/refine.ts';
import { foldKey, knownOrgPrefixes } from '../src/lexicon/lexicon.ts';
import { RULES } from '../src/nlp/times/grammar.ts';
import { defaultTagger } from '../src/nlp/ner/recognizer.ts';
import { wordsOf, wordsOfByPattern } from '../src/text/words.ts';

/** Fictional news text dense in time expressions of every rule, in several casings. */
const TEXTS = [
  'On Saturday, July 19, 2025, the council met. It met again on Monday 21 July and in August 2025.',
  'Sept. 5 2024 was the day; the 19th of July 2025 followed. Last March and next June were quiet, in May too.',
  "The report, dated 2025-07-19, covers the 1990s, the '90s and the 20th century, the twenty-first century.",
  "FY2025 and fiscal 2024 results: the third quarter of 2024 and the first half of the year, Q3 2024, H1 '25.",
  'Last winter and this spring, summer 2024, in the autumn, the fall of the city. Next Fall, Winter 2023.',
  'Yesterday morning the minister spoke; the day before yesterday, Today, tomorrow and tonight. Last night, this evening.',
  'This week, last month, next year, this weekend, last decade, the end of the month, the beginning of the year.',
  'Last Sunday, next Friday, Monday night, on Wednesday, the Sunday Times, Bloody Sunday, The Mail on Sunday.',
  'Three years ago, a week ago, YEARS AGO, Decades Ago, two and a half months ago.',
  "Christmas Day, New Year's Eve, Easter Monday, Good Friday, Halloween, Valentine's Day, Boxing Day 2024, Thanksgiving.",
  'The Fourth of July, Bastille Day, Labor Day and Memorial Day; at 3pm, 10.30am, 3:15 p.m. EST, 18:00 UTC, at 14:45.',
  'At noon, midday or midnight; every Monday, each year, every two weeks, every other day, Each morning, on Mondays.',
  'Twice a week, $5 a day, per year, hourly, daily, nightly, weekly, fortnightly, monthly, quarterly, annual, annually, yearly.',
  '14 years, a decade, 48 hours, two and a half years, the past decade, the next four years, a 12-hour shift, several years.',
  'Over the years, in recent years, the past few months, The last few weeks; recently, in the past, in the future, Recently.',
  'No dates here at all: the minister said the plan was sound and the opposition disagreed.',
  'ÉTÉ 2024 à Paris: the İstanbul talks ran from 2009 to 2011, between 2014 and 2016, 2009-2011.',
];

test("time rules: every match contains one of its rule's `needs`", () => {
  let checked = 0;
  for (const rule of RULES) {
    if (!rule.needs) continue;
    for (const text of TEXTS) {
      for (const m of text.matchAll(new RegExp(rule.re.source, rule.re.flags))) {
        const s = rule.re.ignoreCase ? m[0].toLowerCase() : m[0];
        assert.ok(
          rule.needs.some((n) => s.includes(n)),
          `${rule.name}: "${m[0]}" has none of its needs`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked > 60, `only ${checked} matches checked`);
});

test('time rules: the prefilter finds what running every rule finds', () => {
  for (const text of [...TEXTS, TEXTS.join('\n\n')]) {
    assert.deepEqual(findCandidates(text), findCandidates(text, { prefilter: false }), text);
  }
});

test('time rules: a rule skipped by the prefilter is one that cannot match', () => {
  const text = TEXTS[15];
  const skipped = RULES.filter(
    (r) => r.needs && !r.needs.some((n) => (r.re.ignoreCase ? text.toLowerCase() : text).includes(n)),
  );
  assert.ok(skipped.length > 10, 'most rules are skipped on a text without time words');
  for (const r of skipped) assert.equal(new RegExp(r.re.source, r.re.flags).test(text), false, r.name);
});

test('tagger: the word table returns the same labels as the reference path, first and from the cache', () => {
  const tagger = defaultTagger();
  const doc = [
    [
      'Prime',
      'Minister',
      'Amara',
      'Okafor',
      'met',
      'officials',
      'from',
      'the',
      'Ruvenza',
      'Water',
      'Authority',
      'in',
      'Kelst',
      '.',
    ],
    ['Okafor', 'said', 'the', 'Authority', 'would', 'publish', 'its', 'findings', 'on', 'Tuesday', '.'],
    ['"', 'We', 'expect', 'answers', ',', '"', 'Ms', 'Okafor', 'told', 'reporters', 'in', 'Kelst', '.'],
  ];
  // fresh strings, as the recogniser slices them from the text
  const fresh = () => doc.map((s) => s.map((w) => (' ' + w).slice(1)));
  const want = tagger.tagReference(fresh()).map((a) => Array.from(a));
  assert.deepEqual(
    tagger.tagDocument(fresh()).map((a) => Array.from(a)),
    want,
  );
  assert.deepEqual(
    tagger.tagDocument(fresh()).map((a) => Array.from(a)),
    want,
    'second time, from the cache',
  );
  (tagger as unknown as { clearCache(): void }).clearCache(); // what a full cache does between documents
  assert.deepEqual(
    tagger.tagDocument(fresh()).map((a) => Array.from(a)),
    want,
    'after the cache starts over',
  );
});

test('cleaner: the word scanner splits as the pattern does, in every script', () => {
  const texts = [
    ...TEXTS,
    'Café owner José Ångström (pictured, left) said: "We’re open 24/7 — 3,500 visitors."',
    'Cafe\u0301 with a combining accent, İstanbul, STRASSE and Straße, ٣ Arabic-Indic digits, 五月 and 한국어.',
    'Astral letters 𝐀𝐁𝐂 and an emoji 🎉 between words; a lone surrogate \ud800 here and \udc00 there.',
    '',
    '... — !!!',
  ];
  for (const t of texts) assert.deepEqual(wordsOf(t), wordsOfByPattern(t), t);
});

test('time rules: the one-scan needle search agrees with one `includes` per need', () => {
  const texts = [
    ...TEXTS,
    TEXTS.join(' '),
    '',
    'a',
    'Q',
    'FY',
    'ago',
    'AGO',
    'Ago.',
    'fiscal',
    'a few',
    'ver the',
    'ecently',
    // needles at the very start and end, split by non-ASCII, in other cases
    'Monday',
    'x Sunday',
    'SUNDAY monday',
    'Jan',
    'jan',
    'Dé́cember',
    'Q4',
    'H1 ',
    'every',
    'Every',
    'EVERY',
    'midnight',
    'Mid­night',
    'noon',
    'No⁠on',
    'The İstanbul talks lasted 3 years ago.',
  ];
  for (const t of texts) assert.deepEqual(needsMet(t), needsMetReference(t), JSON.stringify(t));
  assert.ok(
    needsMet(TEXTS[15]).some((m) => m === 0),
    'a text without time words fails some rules',
  );
});

test('listed organisations: a token whose fold shape starts no listed name folds to no listed first word', () => {
  const prefixes = knownOrgPrefixes();
  const starts = foldShapes(prefixes);
  const firstWords = [...prefixes].filter((k) => !k.includes(' '));
  assert.ok(firstWords.length > 20);
  const tokens = [
    ...firstWords,
    ...firstWords.map((w) => w.toUpperCase()),
    ...firstWords.map((w) => w[0].toUpperCase() + w.slice(1)),
    'The',
    'THE',
    'the',
    'Thé',
    'théatre',
    'Nations',
    'reporters',
    'said',
    'İstanbul',
    'Ǆemal',
    'a',
    'I',
    '',
    '.',
    '’s',
    'U.N.',
    'Straße',
    ...'Officials from the Ruvenza Water Authority met envoys of the European Union and the World Bank in Kelst on Tuesday.'.split(
      ' ',
    ),
  ];
  let skipped = 0;
  for (const t of tokens) {
    const shape = foldShape(t);
    const skip = shape >= 0 && !starts.has(shape);
    if (skip) skipped++;
    if (skip) assert.equal(prefixes.has(foldKey(t)), false, t);
    if (prefixes.has(foldKey(t))) assert.ok(shape < 0 || starts.has(shape), t);
  }
  assert.ok(skipped > 5, 'ordinary words are skipped');
  assert.equal(foldShape('Ruvenza'), foldShape('rUVENZA'), 'shape ignores ASCII case');
  assert.equal(foldShape('café'), -1, 'non-ASCII tokens are always looked up');
});

/** Fictional sentences, as tokens, full of listed places, groups and multi-word names. */
const NAME_SENTENCES = [
  [
    'Officials',
    'in',
    'New',
    'York',
    'and',
    'South',
    'Sudan',
    'met',
    'Kurdish',
    'and',
    'Sunni',
    'Muslim',
    'leaders',
    '.',
  ],
  [
    'The',
    'Gulf',
    'of',
    'Aden',
    ',',
    'the',
    'Red',
    'Sea',
    'and',
    'the',
    'West',
    'Bank',
    'were',
    'quiet',
    'in',
    'Sweida',
    '.',
  ],
  ['No', 'listed', 'name', 'here', ',', 'said', 'Marta', 'Quillon', 'of', 'Harbourline', 'Logistics', '.'],
  ['Latin American', 'envoys', 'from', 'Buenos', 'Aires', 'flew', 'to', 'Rio', 'de', 'Janeiro', 'on', 'Monday'],
  ['MILITIA', 'CHIEF', 'AL-JAZRAWI', 'KILLED', 'IN', 'DARAA', 'RAID'],
  ['Guinea-Bissau', "'s", 'capital', ',', 'Bissau', ',', 'and', 'Côte', "d'Ivoire", 'signed', '.'],
  [],
];

test('tagger: gazetteer matches from the cached words equal `Gazetteer.matchTokens`', async () => {
  const { gazKey } = await import('../src/nlp/ner/gazetteer.ts');
  const tagger = defaultTagger();
  let matched = 0;
  for (const toks of NAME_SENTENCES) {
    const fast = tagger.gazetteerMatches(toks.map((t) => tagger.word(t)));
    const ref = tagger.gaz.matchTokens(toks.map(gazKey));
    assert.deepEqual(Array.from(fast), Array.from(ref), toks.join(' '));
    matched += ref.filter((m) => m !== 0).length;
  }
  assert.ok(matched > 10, 'the sentences hold listed names');
});

test('recognizer: sitrep tags written from label indices equal `toSitrepTags` of the CoNLL strings', async () => {
  const { LABELS } = await import('../src/nlp/ner/features.ts');
  const { toSitrepTags, writeSitrepTags } = await import('../src/nlp/ner/types.ts');
  const gaz = defaultTagger().gaz;
  const toks = NAME_SENTENCES[1];
  // every label at every position, stray I- labels and type changes included (a fixed pseudo-random walk)
  let seed = 7;
  for (let run = 0; run < 200; run++) {
    const labels = new Uint8Array(toks.length);
    for (let i = 0; i < labels.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      labels[i] = seed % LABELS.length;
    }
    const out = new Array<string>(toks.length + 3).fill('O');
    writeSitrepTags(labels, ['x', 'y', 'z', ...toks], 3, gaz, out);
    const ref = toSitrepTags(
      toks,
      Array.from(labels, (y) => LABELS[y]),
      gaz,
    );
    assert.deepEqual(out, ['O', 'O', 'O', ...ref]);
  }
});

test('refine: the caps-line test agrees with `lineClass`', async () => {
  const { isCapsLine } = await import('../src/nlp/ner/refine.ts');
  const { lineClass, LINE_CAPS } = await import('../src/nlp/ner/features.ts');
  const lines = [
    ...NAME_SENTENCES,
    ['BREAKING', ':', '3', 'DEAD', 'IN', 'ÉVORA', 'blast'],
    ['12', '-', '0'],
    ['ÉTÉ', 'À', 'PARIS'],
    ['A', 'B', 'c'],
  ];
  let caps = 0;
  for (const toks of lines) {
    const texts = ['pre', ...toks, 'post'];
    const want = lineClass(toks) === LINE_CAPS;
    assert.equal(isCapsLine(texts, 1, 1 + toks.length), want, toks.join(' '));
    if (want) caps++;
  }
  assert.ok(caps >= 2, 'some lines are in capitals');
});
