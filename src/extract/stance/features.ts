/**
 * The features of the stance model, in two sets (`model.ts` explains the two stages):
 *
 *   - relatedness (`relatedFeatures`): how much of the claim the article speaks of. Coverage of the
 *     claim's content words, each weighed by its rarity (inverse document frequency, learned from
 *     the training articles), in the whole article, in its best sentence and in its lead; the
 *     plain share of the claim's words; the share of its word pairs; the TF-IDF cosine of claim
 *     and article. A short dense vector, with the main coverages also cut into bins.
 *   - stance (`stanceFeatures`): which way a related article leans. The cue words
 *     (`cues.ts`) of the sentences that speak of the claim most (the focus), of the lead and of the
 *     whole article, counted and named; the claim's own cues and negation beside the focus's; the
 *     relatedness itself; and the words and word pairs of the focus sentences. Hashed features.
 */
import { FNV_OFFSET, hashStr, mix } from '../../nlp/hashing.ts';
import { CUE_KINDS, deniedClaimWords, type ReadSentence, type ReadText } from './cues.ts';

/** A sparse feature vector: hashed (or dense) indexes and their values. */
export interface Features {
  idx: number[];
  val: number[];
}

// ---------------------------------------------------------------- inverse document frequency

/** Word rarity, hashed into a table of buckets: log((N + 1) / (df + 1)) + 1 over the training articles. */
export class IdfTable {
  readonly mask: number;
  constructor(
    readonly bits: number,
    readonly values: Float32Array,
  ) {
    this.mask = (1 << bits) - 1;
  }

  static fit(bits: number, docs: Iterable<Iterable<string>>): IdfTable {
    const df = new Float64Array(1 << bits);
    const mask = (1 << bits) - 1;
    let n = 0;
    for (const words of docs) {
      n++;
      const seen = new Set<number>();
      for (const w of words) seen.add(wordHash(w) & mask);
      for (const b of seen) df[b]++;
    }
    const values = new Float32Array(1 << bits);
    for (let b = 0; b < values.length; b++) values[b] = Math.log((n + 1) / (df[b] + 1)) + 1;
    return new IdfTable(bits, values);
  }

  get(word: string): number {
    return this.values[wordHash(word) & this.mask];
  }
}

function wordHash(w: string): number {
  return mix(hashStr(FNV_OFFSET, w));
}

// ---------------------------------------------------------------- relatedness

/** What the relatedness reading finds: the features, and each sentence's weighed coverage of the claim. */
export interface Overlap {
  features: Features;
  /** Per sentence, the IDF-weighed share of the claim's content words it holds. */
  sentenceCoverage: number[];
  /** The IDF-weighed share of the claim's content words the whole article holds. */
  coverage: number;
}

/** The lead: the article's first sentences, where news states what it reports. */
export const LEAD_SENTENCES = 2;
/** Bins the main coverages are cut into (each bin one indicator), so the model can bend the line. */
const COVERAGE_BINS = 10;
/** The dense relatedness features and their indexes (the model card lists them); the bins follow. */
const REL = {
  bias: 0,
  coverage: 1,
  'best sentence': 2,
  lead: 3,
  'plain share': 4,
  pairs: 5,
  cosine: 6,
  'log claim words': 7,
  'prefix coverage': 8,
} as const;
const FIRST_BIN = Object.keys(REL).length;
/** Names of the dense relatedness features, in order. */
export const RELATED_FEATURES: readonly string[] = [
  ...Object.keys(REL),
  ...['coverage', 'best sentence'].flatMap((what) =>
    Array.from({ length: COVERAGE_BINS }, (_, b) => `${what} bin ${b}`),
  ),
];

/** How many first letters two words share to count as one word in the prefix coverage. */
const PREFIX = 4;

const bin = (x: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(x * n)));

/** How much of the claim the article speaks of (see the file's comment). */
export function relatedFeatures(claim: ReadSentence, body: ReadText, idf: IdfTable): Overlap {
  const claimWords = [...new Set(claim.content)];
  const weight = new Map(claimWords.map((w) => [w, idf.get(w)]));
  let total = 0;
  for (const w of weight.values()) total += w;
  const sentenceCoverage: number[] = [];
  const bodyWords = new Set<string>();
  const bodyPairs = new Set<string>();
  const tf = new Map<string, number>();
  for (const s of body.sentences) {
    let covered = 0;
    const seen = new Set<string>();
    for (let i = 0; i < s.content.length; i++) {
      const w = s.content[i];
      bodyWords.add(w);
      tf.set(w, (tf.get(w) ?? 0) + 1);
      if (i > 0) bodyPairs.add(`${s.content[i - 1]} ${w}`);
      if (!seen.has(w) && weight.has(w)) covered += weight.get(w)!;
      seen.add(w);
    }
    sentenceCoverage.push(total > 0 ? covered / total : 0);
  }
  const share = (words: Iterable<string>) => {
    let c = 0;
    for (const w of words) if (weight.has(w)) c += weight.get(w)!;
    return total > 0 ? c / total : 0;
  };
  const coverage = share(bodyWords);
  const best = sentenceCoverage.reduce((a, b) => Math.max(a, b), 0);
  const lead = share(new Set(body.sentences.slice(0, LEAD_SENTENCES).flatMap((s) => s.content)));
  const plain = claimWords.length ? claimWords.filter((w) => bodyWords.has(w)).length / claimWords.length : 0;
  let pairs = 0;
  for (let i = 1; i < claim.content.length; i++)
    if (bodyPairs.has(`${claim.content[i - 1]} ${claim.content[i]}`)) pairs++;
  pairs = claim.content.length > 1 ? pairs / (claim.content.length - 1) : 0;
  // TF-IDF cosine: the claim's words (each once) against the article's counts
  let dot = 0;
  let bodyNorm = 0;
  for (const [w, n] of tf) {
    const v = n * idf.get(w);
    bodyNorm += v * v;
    if (weight.has(w)) dot += v * weight.get(w)!;
  }
  let claimNorm = 0;
  for (const v of weight.values()) claimNorm += v * v;
  const cosine = dot > 0 ? dot / Math.sqrt(bodyNorm * claimNorm) : 0;
  // words that share their first letters ("crab" and "crabzilla", "split" and "splitting")
  const prefixes = new Set([...bodyWords].map((w) => w.slice(0, PREFIX)));
  let byPrefix = 0;
  for (const [w, v] of weight) if (w.length >= PREFIX && prefixes.has(w.slice(0, PREFIX))) byPrefix += v;
  const dense: Record<keyof typeof REL, number> = {
    bias: 1,
    coverage,
    'best sentence': best,
    lead,
    'plain share': plain,
    pairs,
    cosine,
    'log claim words': Math.log1p(claimWords.length) / 3,
    'prefix coverage': byPrefix / (total || 1),
  };
  const idx: number[] = [];
  const val: number[] = [];
  for (const [name, i] of Object.entries(REL)) {
    idx.push(i);
    val.push(dense[name as keyof typeof REL]);
  }
  idx.push(FIRST_BIN + bin(coverage, COVERAGE_BINS), FIRST_BIN + COVERAGE_BINS + bin(best, COVERAGE_BINS));
  val.push(1, 1);
  return { features: { idx, val }, sentenceCoverage, coverage };
}

// ---------------------------------------------------------------- stance

/** How many of the sentences that speak of the claim most make the focus. */
export const FOCUS_SENTENCES = 3;
/** The length of the vector of the article's words (its words' share of the stance score). */
const ALL_WORDS = 3;
/** The value of each word and word pair of a focus sentence. */
const FOCUS_WORDS = 0.2;
/** The value of each word of the claim ("did", "reportedly", "?": how it is put, beside its cues). */
const CLAIM_WORDS = 0.5;
/** A letter or a digit: a token without one is punctuation. */
const WORDLIKE = /[\p{L}\p{N}]/u;
/** A cue count is read as 0, 1, 2 or "3 or more". */
const MAX_COUNT = 3;

/** Feature templates' names, each hashed once: a feature is its template's hash folded with its value. */
const templates = new Map<string, number>();
function T(name: string): number {
  let h = templates.get(name);
  if (h === undefined) templates.set(name, (h = hashStr(FNV_OFFSET, name)));
  return h;
}
const feature = (template: string, value: string): number => mix(hashStr(T(template), value));

/** The sentences of the focus: the `FOCUS_SENTENCES` that hold the most of the claim (any at all), in text order. */
export function focusSentences(overlap: Overlap): number[] {
  return overlap.sentenceCoverage
    .map((c, i) => [c, i])
    .filter(([c]) => c > 0)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, FOCUS_SENTENCES)
    .map(([, i]) => i)
    .sort((a, b) => a - b);
}

/** A builder of hashed features, each value added once per feature it is given. */
export class Bag {
  readonly f: Features = { idx: [], val: [] };
  add(h: number, v = 1): void {
    this.f.idx.push(h);
    this.f.val.push(v);
  }
}

/**
 * The features one sentence gives on its own (its cues named, its words and word pairs), under a
 * region's prefix. The focus sentences' share is what `evidence` weighs.
 */
export function sentenceFeatures(s: ReadSentence, region: string, words: boolean, into = new Bag()): Bag {
  for (const kind of CUE_KINDS) for (const c of s.cues[kind]) into.add(feature(`${region}:cue`, `${kind}:${c}`));
  if (words) {
    for (let i = 0; i < s.content.length; i++) {
      into.add(feature(`${region}:w`, s.content[i]), FOCUS_WORDS);
      if (i > 0) into.add(feature(`${region}:ww`, `${s.content[i - 1]} ${s.content[i]}`), FOCUS_WORDS);
    }
  }
  return into;
}

/** Counts of each kind of cue over some sentences, as indicators ("focus: 2 refuting cues"). */
function cueCounts(sentences: readonly ReadSentence[], region: string, bag: Bag): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of CUE_KINDS) {
    let n = 0;
    for (const s of sentences) n += s.cues[kind].length;
    counts[kind] = n;
    bag.add(feature(`${region}:n`, `${kind}:${Math.min(n, MAX_COUNT)}`));
  }
  return counts;
}

/** Which way a related article leans towards the claim (see the file's comment). */
export function stanceFeatures(claim: ReadSentence, body: ReadText, overlap: Overlap): Features {
  const bag = new Bag();
  bag.add(feature('bias', ''));
  const focusAt = focusSentences(overlap);
  const focus = focusAt.map((i) => body.sentences[i]);
  const lead = body.sentences.slice(0, LEAD_SENTENCES);
  const inFocus = cueCounts(focus, 'focus', bag);
  cueCounts(lead, 'lead', bag);
  const inAll = cueCounts(body.sentences, 'all', bag);
  for (const s of focus) sentenceFeatures(s, 'focus', true, bag);
  for (const s of lead) sentenceFeatures(s, 'lead', false, bag);
  // every word of the article once, the vector of unit length (times ALL_WORDS): how it is written
  const all = new Set(body.sentences.flatMap((s) => s.lowers.filter((w) => WORDLIKE.test(w))));
  for (const w of all) bag.add(feature('all:w', w), ALL_WORDS / Math.sqrt(all.size));
  // refuting cues per sentence over the whole article: a debunking article keeps saying so
  const density = body.sentences.length ? inAll.ref / body.sentences.length : 0;
  bag.add(feature('ref density', String(bin(density, 5))));
  // the claim's words negated or refuted: in the focus, and anywhere in the article
  const claimStems = new Set(claim.content);
  for (const [region, sentences] of [
    ['focus', focus],
    ['all', body.sentences],
  ] as const) {
    let negated = 0;
    let refuted = 0;
    for (const s of sentences) {
      const d = deniedClaimWords(s, claimStems);
      negated += d.negated;
      refuted += d.refuted;
    }
    bag.add(feature(`${region}:negated`, String(Math.min(negated, MAX_COUNT))));
    bag.add(feature(`${region}:refuted`, String(Math.min(refuted, MAX_COUNT))));
  }
  // the claim's own cues, alone and beside the focus's ("X is a hoax" confirmed by a debunking article)
  for (const kind of CUE_KINDS) {
    const has = claim.cues[kind].length > 0;
    for (const c of claim.cues[kind]) bag.add(feature('claim:cue', `${kind}:${c}`));
    bag.add(feature('claim×focus', `${kind}:${has}:${inFocus[kind] > 0}`));
  }
  if (claim.lowers.includes('?')) bag.add(feature('claim:question', ''));
  for (const w of new Set(claim.lowers)) bag.add(feature('claim:w', w), CLAIM_WORDS);
  // polarity: is the claim negated, is the sentence that holds most of it negated
  const cov = overlap.sentenceCoverage;
  const best = focusAt.length ? body.sentences[focusAt.reduce((a, b) => (cov[a] >= cov[b] ? a : b))] : undefined;
  const claimNeg = claim.cues.neg.length % 2;
  const bestNeg = best ? best.cues.neg.length % 2 : 0;
  bag.add(feature('polarity', `${claimNeg}:${bestNeg}`));
  // how much of the claim it speaks of: reports that merely mention a claim tend to discuss it
  bag.add(feature('coverage', String(bin(overlap.coverage, 5))));
  bag.add(
    feature(
      'best',
      String(
        bin(
          cov.reduce((a, b) => Math.max(a, b), 0),
          5,
        ),
      ),
    ),
  );
  bag.add(feature('length', String(Math.min(4, Math.floor(Math.log2(1 + body.sentences.length))))));
  return bag.f;
}
