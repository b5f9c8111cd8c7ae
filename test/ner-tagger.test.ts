/**
 * The tagger's fast paths give the reference answers: the per-word parts of the features (word,
 * neighbour, pair, context and vote features) add up to the reference features of both passes;
 * line classes and document counts read from cached word flags, gazetteer matches from cached
 * trie nodes, word-pair hashes folded in one pass, the pruned Viterbi; and the cached tagger labels
 * as the reference path, document after document and after its cache starts over.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  DocContext,
  DocVotes,
  secondPassFeatures,
  sentenceView,
  staticFeatures,
  voteFeatures,
} from '../src/nlp/ner/features.ts';
import { Gazetteer, MAX_GAZ_TOKENS, gazKey, loadGazetteer } from '../src/nlp/ner/gazetteer.ts';
import { FeatureBuffer, freeze, hashStr, mix } from '../src/nlp/hashing.ts';
import { LABELS, N_LABELS } from '../src/nlp/ner/labels.ts';
import { allowed, viterbi } from '../src/nlp/ner/model.ts';
import { defaultModelPath, defaultTagger } from '../src/nlp/ner/recognizer.ts';
import { lineClass } from '../src/nlp/ner/shapes.ts';
import { DocCounts } from '../src/nlp/ner/doc-counts.ts';
import type { CachedWord } from '../src/nlp/ner/word-cache.ts';
import {
  PAIR_FEATURES,
  boundaryInfo,
  contextFeaturesOf,
  lineClassOf,
  wordInfo,
  writePairFeatures,
  type WordInfo,
} from '../src/nlp/ner/word-features.ts';
import { NAME_SENTENCES } from './helpers/ner-sentences.ts';

// ------------------------------------------------------------------------------------------------
// reference forms of the per-word feature parts (the tagger computes them flat; these build them
// from the document maps and as arrays, to compare with `staticFeatures`)

/**
 * The features of token `i` of a sentence that depend on its context (sentence, shapes around it,
 * gazetteer matches, document) other than word pairs (`pairFeatures`).
 */
function contextFeatures(
  infos: WordInfo[],
  i: number,
  line: number,
  gm: Uint16Array,
  ctx: DocContext,
  bos: WordInfo,
  eos: WordInfo,
  out: FeatureBuffer,
): void {
  const l = infos[i].l;
  contextFeaturesOf(infos, i, line, gm, ctx.capMid.get(l) ?? 0, ctx.lowerSeen.get(l) ?? 0, bos, eos, out);
}

/**
 * The features a pair of adjacent words gives: to the left word (`[0]`: it and its right
 * neighbour) and to the right word (`[1]`: its left neighbour and it). With `contextFeatures`,
 * the own features and the neighbour roles, exactly a token's `staticFeatures`.
 */
function pairFeatures(left: WordInfo, right: WordInfo): [number[], number[]] {
  const ids = new Uint32Array(PAIR_FEATURES);
  writePairFeatures(left, right, ids, 0);
  return [
    [ids[0], ids[1]],
    [ids[2], ids[3]],
  ];
}

// ------------------------------------------------------------------------------------------------
// features

/** A fictional article, tokenised by hand: headline in capitals, hyphens, apostrophes, quotes. */
const FERRY_DOC: string[][] = [
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
  const views = FERRY_DOC.map(sentenceView);
  const ctx = DocContext.build(views.map((v) => v.words));
  const bos = boundaryInfo(false);
  const eos = boundaryInfo(true);
  for (const [s, raw] of FERRY_DOC.entries()) {
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
  const views = FERRY_DOC.map(sentenceView);
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
    const ref = tagger.tagReference(FERRY_DOC);
    assert.deepEqual(tagger.tagDocument(FERRY_DOC), ref);
    // again, with every word and pair now cached
    assert.deepEqual(tagger.tagDocument(FERRY_DOC), ref);
    assert.ok(
      ref[1].some((y) => y !== 0),
      'the model finds names in running text',
    );
  },
);

// ------------------------------------------------------------------------------------------------
// tagger

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
    if (round === 2) tagger.clearCache();
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
  tagger.clearCache(); // what a full cache does between documents
  assert.deepEqual(
    tagger.tagDocument(fresh()).map((a) => Array.from(a)),
    want,
    'after the cache starts over',
  );
});

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

// ------------------------------------------------------------------------------------------------
// gazetteer

test('the gazetteer trie finds the same names as joining the keys of every span', () => {
  const gaz = new Gazetteer();
  gaz.add('Port Meridel', 'city');
  gaz.add('Meridel', 'state');
  gaz.add('Port Meridel Bay', 'geoFeature');
  gaz.add('North Valdmoor-on-Sea', 'region');
  gaz.add('Valdmoor', 'country');
  const reference = (keys: string[]): Uint16Array => {
    const out = new Uint16Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      for (let len = 1; len <= MAX_GAZ_TOKENS && i + len <= keys.length; len++) {
        const m = gaz.nameMask(keys.slice(i, i + len).join(' '));
        if (m === undefined) continue;
        out[i] |= m;
        for (let j = i + 1; j < i + len; j++) out[j] |= m << 8;
      }
    }
    return out;
  };
  const sentences = [
    'Ferries from Port Meridel Bay reached Meridel and North Valdmoor - on - Sea .',
    'North Valdmoor-on-Sea and Port Meridel Port Meridel Bay',
    'Port',
    'Valdmoor',
  ];
  for (const s of sentences) {
    const keys = s.split(' ').map(gazKey);
    assert.deepEqual([...gaz.matchTokens(keys)], [...reference(keys)], s);
  }
  // a token holding a space takes the phrase path and still finds the joined name
  assert.deepEqual([...gaz.matchTokens(['port meridel', 'bay'])], [...reference(['port meridel', 'bay'])]);
});
