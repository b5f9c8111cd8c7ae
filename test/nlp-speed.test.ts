/**
 * Fast paths of the NLP stages checked against their reference forms: the time grammar's rule
 * prefilter (`Rule.needs`) against running every rule, the tagger's word table against the
 * reference tagger, the cleaner's word scanner against its pattern.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldShape, foldShapes } from '../src/nlp/ner/refine.ts';
import { foldKey, knownOrgPrefixes } from '../src/lexicon/lexicon.ts';
import { defaultTagger } from '../src/nlp/ner/recognizer.ts';

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
