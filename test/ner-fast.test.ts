/**
 * The tagger's fast paths give the reference answers: line classes and document counts read from
 * cached word flags, gazetteer matches from cached trie nodes, word-pair hashes folded in one pass,
 * the pruned Viterbi, and the corrections given the token texts by the recogniser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DocContext,
  DocVotes,
  LABELS,
  N_LABELS,
  PAIR_FEATURES,
  boundaryInfo,
  hashStr,
  lineClass,
  lineClassOf,
  mix,
  sentenceView,
  wordInfo,
  writePairFeatures,
} from '../src/nlp/ner/features.ts';
import { loadGazetteer } from '../src/nlp/ner/gazetteer.ts';
import { DocCounts, type CachedWord } from '../src/nlp/ner/tagger.ts';
import { allowed, viterbi } from '../src/nlp/ner/model.ts';
import { Pipeline } from '../src/pipeline.ts';
import { refineTags } from '../src/nlp/ner/refine.ts';
import { defaultTagger, sentenceRanges } from '../src/nlp/ner/recognizer.ts';

/** A fictional article, tokenised by hand: a headline in capitals, a title-case line, quotes, accents. */
const DOC: string[][] = [
  ['FLOODS', 'CUT', 'OFF', 'VALDORA', 'AS', 'RIVER', 'TAVE', 'BURSTS', 'ITS', 'BANKS'],
  ['Rescue', 'Teams', 'Reach', 'Stranded', 'Villages', 'In', 'Northern', 'Valdora'],
  ['“', 'We', 'lost', 'everything', ',', '”', 'said', 'Mr', 'Okonkwo', ',', 'a', 'farmer', 'from', 'Sainte-Marie', '.'],
  ['Okonkwo', 'told', 'the', 'Valdora', 'Herald', 'that', 'the', 'water', 'rose', 'in', 'minutes', '.'],
  ['the', 'mayor', 'of', 'east', 'london', 'said', 'help', 'was', 'coming', '.'],
  [
    'Émilie',
    'Durand',
    'of',
    'the',
    'Red',
    'Cross',
    'in',
    'New',
    'York',
    'said',
    ':',
    'Aid',
    'is',
    'on',
    'its',
    'way',
    '.',
  ],
  ['-', '12', '%', '—', '...'],
  [],
];

test('line classes read from word flags equal those read from the words', () => {
  for (const sent of DOC) {
    const v = sentenceView(sent);
    assert.equal(lineClassOf(sent.map(wordInfo)), lineClass(v.words), sent.join(' '));
  }
});

test("the tagger's document counts under word ids equal the reference context and votes", () => {
  const views = DOC.map(sentenceView);
  const infos = DOC.map((s) => s.map(wordInfo));
  // Cached words as the tagger makes them: one id per lower form.
  const lids = new Map<string, number>();
  const words = infos.map((s) =>
    s.map((info) => {
      if (!lids.has(info.l)) lids.set(info.l, lids.size);
      return { info, lid: lids.get(info.l)! } as CachedWord;
    }),
  );
  const counts = new DocCounts();
  counts.ensure(lids.size);
  const ref = DocContext.build(views.map((v) => v.words));
  counts.context(words, infos.map(lineClassOf));
  const asMap = (a: Int32Array | Uint8Array) =>
    new Map([...lids].filter(([, id]) => a[id] !== 0).map(([l, id]) => [l, a[id]]));
  const sorted = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  assert.deepEqual(sorted(asMap(counts.capMid)), sorted(ref.capMid));
  assert.deepEqual(sorted(asMap(counts.lowerSeen)), sorted(ref.lowerSeen));
  assert.ok(ref.capMid.size > 0 && ref.lowerSeen.size > 0, 'the article exercises both maps');
  // first-pass labels: every capitalised word a B-PER, so "Mr Okonkwo" is titled
  const labels = views.map((v) => Uint8Array.from(v.words, (w) => (/^\p{Lu}/u.test(w) ? 1 : 0)));
  const votesRef = DocVotes.build(views, labels);
  counts.countVotes(words, labels);
  assert.deepEqual([...asMap(counts.titled).keys()].sort(), [...votesRef.titled].sort());
  assert.ok(votesRef.titled.has('okonkwo'));
  const votes = new Map(
    [...lids].map(([l, id]) => [l, [...counts.votes.subarray(id * N_LABELS, (id + 1) * N_LABELS)]]),
  );
  assert.deepEqual(
    sorted(new Map([...votes].filter(([, c]) => c.some((x) => x !== 0)))),
    sorted(new Map([...votesRef.counts].map(([k, c]) => [k, [...c]]))),
  );
  // Zeroed for the next document.
  counts.clear(words);
  for (const a of [counts.capMid, counts.lowerSeen, counts.titled, counts.votes]) assert.ok(a.every((x) => x === 0));
});

test('gazetteer matches from cached start nodes equal matching by token keys', () => {
  const gaz = loadGazetteer();
  for (const sent of DOC) {
    const keys = sent.map((t) => wordInfo(t).key);
    const fast = gaz.matchStarts(
      keys.map((k) => gaz.startNode(k)),
      keys,
    );
    assert.deepEqual([...fast], [...gaz.matchTokens(keys)], sent.join(' '));
  }
  const keys = ['flights', 'to', 'new', 'york', 'and', 'sainte-marie', ','];
  assert.ok(gaz.matchTokens(keys)[3] !== 0, 'a multi-word name is matched');
});

test('word-pair features folded in one pass equal one hash per template', () => {
  const words = ['Valdora', 'Herald', "o'hara", 'Émilie', '“', '12'].map(wordInfo);
  const all = [boundaryInfo(false), ...words, boundaryInfo(true)];
  const ids = new Uint32Array(PAIR_FEATURES);
  for (let i = 0; i + 1 < all.length; i++) {
    const [left, right] = [all[i], all[i + 1]];
    writePairFeatures(left, right, ids, 0);
    assert.deepEqual(
      [...ids],
      [
        mix(hashStr(left.hBiP1, right.l)),
        mix(hashStr(left.hSs0P1, right.l)),
        mix(hashStr(left.hBiM1, right.l)),
        mix(hashStr(left.hM1Ss0, right.ss)),
      ],
    );
  }
});

/** Viterbi that tries every previous label and skips the ones IOB2 forbids (the reference). */
function viterbiReference(scores: Float32Array, n: number, trans: Float32Array, out: Uint8Array): void {
  const L = N_LABELS;
  const delta = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  for (let y = 0; y < L; y++) delta[y] = allowed(L, y) ? scores[y] + trans[L * L + y] : -1e30;
  for (let i = 1; i < n; i++) {
    for (let y = 0; y < L; y++) {
      let best = -1e30;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed(p, y)) continue;
        const v = delta[(i - 1) * L + p] + trans[p * L + y];
        if (v > best) [best, arg] = [v, p];
      }
      delta[i * L + y] = best + scores[i * L + y];
      back[i * L + y] = arg;
    }
  }
  let arg = 0;
  for (let y = 1; y < L; y++) if (delta[(n - 1) * L + y] > delta[(n - 1) * L + arg]) arg = y;
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * L + out[i]];
}

test('Viterbi trying only B-X and I-X before an I-X equals trying every label', () => {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 8 - 4;
  const trans = Float32Array.from({ length: (N_LABELS + 1) * N_LABELS }, rand);
  for (let round = 0; round < 300; round++) {
    const n = 1 + (round % 40);
    // coarse scores (whole numbers) make ties common: both must break them the same way
    const scores = Float32Array.from({ length: n * N_LABELS }, () => Math.round(rand()));
    const got = new Uint8Array(n);
    const want = new Uint8Array(n);
    viterbi(scores, n, trans, got);
    viterbiReference(scores, n, trans, want);
    assert.deepEqual([...got], [...want], `round ${round}`);
    for (let i = 0; i < n; i++) {
      const y = got[i];
      assert.ok(allowed(i === 0 ? N_LABELS : got[i - 1], y), `IOB2 holds at ${i}: ${LABELS[y]}`);
    }
  }
});

test('the corrections give the same tags whether the recogniser passes the token texts or not', () => {
  const text =
    'Harbourline Logistics said on Monday that its ships would avoid the Sweida province. ' +
    'A spokesman for Harbourline told Reuters in Leeds that the firm she set up, Larkspur, was unaffected.';
  const doc = new Pipeline().process({ id: 'refine-texts', source: { publisher: 'Reuters' }, text });
  const ranges = sentenceRanges(doc);
  const tags = [...doc.tokenTags];
  assert.ok(
    tags.some((t) => t !== 'O'),
    'the article has names',
  );
  refineTags(doc, ranges);
  const without = [...doc.tokenTags];
  doc.tokenTags = tags.slice();
  refineTags(doc, ranges, { texts: doc.tokens.map((_, i) => doc.tokenText(i)) });
  assert.deepEqual(doc.tokenTags, without);
});

/**
 * Fictional articles in which the same words come in several casings, after titles and after
 * openers, so the tagger's document counts (kept under lower-form ids, zeroed between documents)
 * feed both passes: tagged one after another they must give the reference path's labels, whatever
 * the previous document counted.
 */
const ARTICLES: string[][][] = [
  [
    ['HARBOUR', 'STRIKE', 'HALTS', 'PORT', 'OF', 'VELMORE'],
    [
      'Dockers',
      'in',
      'Velmore',
      'walked',
      'out',
      'on',
      'Monday',
      ',',
      'said',
      'Mr',
      'Tannock',
      ',',
      'the',
      'union',
      'leader',
      '.',
    ],
    ['Tannock', 'told', 'the', 'Velmore', 'Courier', ':', '"', 'Velmore', 'cannot', 'run', 'without', 'us', '."'],
    [
      'The',
      'port',
      'authority',
      'said',
      'the',
      'harbour',
      'would',
      'reopen',
      ';',
      'the',
      'Harbour',
      'Board',
      'disagreed',
      '.',
    ],
    [
      'President',
      'Irelli',
      'of',
      'the',
      'Board',
      'met',
      'tannock',
      'and',
      'Irelli',
      "'s",
      'deputy',
      'in',
      'Velmore',
      '.',
    ],
  ],
  [
    ['Velmore', 'Courier', 'Wins', 'Award', 'For', 'Harbour', 'Coverage'],
    ['the', 'courier', 'said', 'its', 'reporters', 'covered', 'the', 'strike', 'in', 'velmore', 'for', 'weeks', '.'],
    ['Judge', 'Osei', 'Marrow', 'praised', 'the', 'Courier', ',', 'and', 'Marrow', 'said', 'so', 'again', '.'],
  ],
  [['-', '12', '%', '—'], [], ['Irelli', 'resigned', '.']],
];

test('the fast tagger gives the reference labels document after document, and after its cache starts over', () => {
  const tagger = defaultTagger();
  const fresh = (doc: string[][]) => doc.map((s) => s.map((w) => (' ' + w).slice(1)));
  const want = ARTICLES.map((doc) => tagger.tagReference(fresh(doc)).map((a) => Array.from(a)));
  assert.ok(
    want.flat(2).some((y) => y !== 0),
    'the articles have names',
  );
  for (let round = 0; round < 3; round++) {
    if (round === 2) (tagger as unknown as { clearCache(): void }).clearCache();
    // forwards and backwards: each article follows a different one
    const order = round === 1 ? [2, 1, 0] : [0, 1, 2];
    for (const k of order)
      assert.deepEqual(
        tagger.tagDocument(fresh(ARTICLES[k])).map((a) => Array.from(a)),
        want[k],
        `article ${k}, round ${round}`,
      );
  }
});
