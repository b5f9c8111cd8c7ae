/**
 * The two-pass document tagger: pass 1 labels each sentence from its own words and document-wide
 * casing evidence; pass 2 relabels it knowing how pass 1 labelled the same words elsewhere in the
 * document (Ratinov and Roth's "extended prediction history" and context aggregation), so an
 * article names one person the same way throughout and a later "Mr X" confirms an earlier "X".
 */
import { DocCounts } from './doc-counts.ts';
import {
  interleavedWeights,
  rowOf,
  sparseBuckets,
  sumToken,
  toRows,
  zeroBuckets,
  zeroBucketsOf,
  type ZeroBuckets,
} from './emissions.ts';
import { DocContext, DocVotes, secondPassFeatures, sentenceView, staticFeatures, voteFeaturesOf } from './features.ts';
import type { SentenceView } from './features.ts';
import { MAX_GAZ_TOKENS, type Gazetteer } from './gazetteer.ts';
import { FeatureBuffer, freeze, type SentenceFeatures } from '../hashing.ts';
import { N_LABELS } from './labels.ts';
import { viterbi, type NerModel } from './model.ts';
import { WordTable, type CachedWord } from './word-cache.ts';
import {
  PAIR_FEATURES,
  WORD_ROLES,
  boundaryInfo,
  contextFeaturesOf,
  lineClassOf,
  wordInfo,
  writePairFeatures,
  type WordInfo,
} from './word-features.ts';

/**
 * Word forms whose weights the tagger keeps (about 1 KB each); past this the cache starts over,
 * before the next document.
 */
const WORD_CACHE_LIMIT = 50_000;

/**
 * Tags documents with a trained model and the gazetteer: quantised models by the cached fast path
 * (`tagFast`), float models (in training) by the reference path (`tagReference`), same labels.
 */
export class Tagger {
  readonly model: NerModel;
  readonly gaz: Gazetteer;
  /** Features of the sentence being scored, reused sentence after sentence. */
  private buf = new FeatureBuffer(8192);
  /** Emission scores of the sentence being decoded (`N_LABELS` per token). */
  private scores = new Float32Array(256 * N_LABELS);

  constructor(model: NerModel, gaz: Gazetteer) {
    this.model = model;
    this.gaz = gaz;
  }

  /** The emission score buffer, grown to hold `n` tokens. */
  private ensureScores(n: number): Float32Array {
    if (this.scores.length < n * N_LABELS) this.scores = new Float32Array(n * N_LABELS * 2);
    return this.scores;
  }

  /**
   * Labels every token of a document given as sentences of token strings. Returns one array of
   * label indices (into LABELS) per sentence.
   */
  tagDocument(sentences: string[][]): Uint8Array[] {
    const passes = this.model.passes;
    // a model read from a file has its table (`NerModel.weights`): its passes' own weights are not made
    const quantised =
      this.model.weights !== undefined || passes.every((p) => p.w instanceof Int16Array && p.bits === passes[0].bits);
    return quantised ? this.tagFast(sentences) : this.tagReference(sentences);
  }

  /** The reference path: features rebuilt for every token (float models in training use it). */
  tagReference(sentences: string[][]): Uint8Array[] {
    const views = sentences.map(sentenceView);
    const ctx = DocContext.build(views.map((v) => v.words));
    const passes = this.model.passes;
    const first: SentenceFeatures[] = [];
    const labels1: Uint8Array[] = [];
    const buf = this.buf;
    for (const v of views) {
      const n = v.words.length;
      buf.reset(n);
      staticFeatures(v, ctx, this.gaz, buf);
      const out = new Uint8Array(n);
      this.decode(0, buf, out);
      labels1.push(out);
      if (passes.length > 1) first.push(freeze(buf));
    }
    if (passes.length < 2) return labels1;
    return this.secondPass(views, first, labels1);
  }

  /** Pass 2 over a document whose first-pass features and labels are known. */
  secondPass(views: SentenceView[], first: SentenceFeatures[], labels1: Uint8Array[]): Uint8Array[] {
    const votes = DocVotes.build(views, labels1);
    const buf = this.buf;
    const result: Uint8Array[] = [];
    for (let s = 0; s < views.length; s++) {
      const n = views[s].words.length;
      buf.reset(n);
      secondPassFeatures(views[s], first[s], labels1[s], votes, buf);
      const out = new Uint8Array(n);
      this.decode(1, buf, out);
      result.push(out);
    }
    return result;
  }

  private words = new WordTable();
  /**
   * The cached words' summed weights, one row of `WORD_ROLES × passes × N_LABELS` per word, side by
   * side in one slab (`CachedWord.at`): a word's row is one stretch of memory, fetched without going
   * through an array object of its own. Grows by doubling; starts over with the cache.
   */
  private sums = new Int32Array(0);
  /** Rows of `sums` in use. */
  private rows = 0;

  /**
   * Drops the cached words, as a full cache does by itself (only between documents: a document's
   * rows stay valid while it is tagged).
   */
  clearCache(): void {
    this.words.clear();
    this.lowerIds.clear();
    this.rows = 0;
    this.bos = undefined;
    this.eos = undefined;
  }
  /** Lower form → its id (`CachedWord.lid`), for the cached words; starts over with the cache. */
  private lowerIds = new Map<string, number>();
  /** The current document's counts under lower-form ids (zero between documents). */
  private counts = new DocCounts();
  /** The cached pseudo-words before and after a sentence (`boundaryInfo`), made on first use. */
  private bos: CachedWord | undefined;
  private eos: CachedWord | undefined;
  /** `voteFeaturesOf`'s scratch counts per type. */
  private typeCounts = new Int32Array(5);
  /** The passes' weights interleaved by bucket (see `interleavedWeights`), built on first use. */
  private both: Int16Array | undefined;

  /**
   * Sums the weights of a word's context-free features once, per role and pass (exact: integer
   * weights), and looks up where its gazetteer names start.
   */
  private cached(info: WordInfo): CachedWord {
    const passes = this.model.passes;
    const stride = passes.length * N_LABELS;
    const weights = this.interleavedWeights();
    const row = WORD_ROLES * stride;
    if ((this.rows + 1) * row > this.sums.length) {
      const grown = new Int32Array(Math.max(1024 * row, 2 * this.sums.length));
      grown.set(this.sums);
      this.sums = grown;
    }
    const at = this.rows++ * row;
    const sums = this.sums;
    sums.fill(0, at, at + row); // a row reused after the cache started over
    const roles = [info.own, info.asM1, info.asP1, info.asM2, info.asP2];
    // a new word's own features are mostly new too: skip their all-zero rows (see `ZeroBuckets`)
    const zeros = this.zeroBuckets();
    const { nonZero, mask } = zeros;
    // every pass's weights of a feature at once, from the interleaved table (`sums` rows are laid
    // out as the table is: [pass][label] per role)
    for (let r = 0; r < WORD_ROLES; r++) {
      const o = at + r * stride;
      const ids = roles[r];
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k] & mask;
        if (!(nonZero[id >>> 5] & (1 << (id & 31)))) continue;
        const b = rowOf(zeros, id) * stride;
        for (let y = 0; y < stride; y++) sums[o + y] += weights[b + y];
      }
    }
    let lid = this.lowerIds.get(info.l);
    if (lid === undefined) this.lowerIds.set(info.l, (lid = this.lowerIds.size));
    this.counts.ensure(lid + 1);
    return { info, at, gazStart: this.gaz.startNode(info.key), spacedKey: info.key.includes(' '), lid };
  }

  /** The cached entry of a word form (made on first sight). */
  word(raw: string): CachedWord {
    let e = this.words.get(raw);
    if (!e) {
      e = this.cached(wordInfo(raw));
      this.words.add(raw, e);
    }
    return e;
  }

  /**
   * The features of each pair of adjacent words of a sentence, flat: pair `p` is (word p-1, word p)
   * for p = 0..n (word -1 is <s>, word n is </s>), `PAIR_FEATURES` ids each (see `writePairFeatures`).
   * Hashed per sentence rather than cached: in real news most word pairs are new to the tagger, and
   * a cache of them costs more (allocation, look-ups, memory) than it saves.
   *
   * A pair new to the tagger mostly lands in a bucket whose weights are all zero (`ZeroBuckets`):
   * its id is then replaced by that of one chosen zero bucket, which stays in cache, so summing it
   * adds the same zeros without fetching a far-off row of the weight table.
   */
  private pairIds(ws: CachedWord[], bos: CachedWord, eos: CachedWord, zeros: ZeroBuckets): Uint32Array {
    const n = ws.length;
    const len = (n + 1) * PAIR_FEATURES;
    if (this.pairs.length < len) this.pairs = new Uint32Array(2 * len);
    const ids = this.pairs;
    for (let p = 0; p <= n; p++)
      writePairFeatures(p > 0 ? ws[p - 1].info : bos.info, p < n ? ws[p].info : eos.info, ids, p * PAIR_FEATURES);
    toRows(zeros, ids, len);
    return ids;
  }

  /** The zero buckets of the passes' weights, found on first use. */
  private zeroBuckets(): ZeroBuckets {
    const { passes, nonZero, sparse } = this.model;
    const bits = passes[0].bits;
    this.zeros ??= !nonZero
      ? zeroBuckets(this.interleavedWeights(), passes.length * N_LABELS, bits)
      : sparse
        ? sparseBuckets(nonZero, bits)
        : zeroBucketsOf(nonZero, bits);
    return this.zeros;
  }
  private zeros: ZeroBuckets | undefined;

  /** `pairIds`' buffer, reused sentence after sentence. */
  private pairs = new Uint32Array(256 * PAIR_FEATURES);

  /** Row starts (`CachedWord.at`) of a sentence's words, two `<s>` before and two `</s>` after (see `sumToken`). */
  private rowStarts(ws: CachedWord[], bos: CachedWord, eos: CachedWord): Int32Array {
    const n = ws.length;
    if (this.starts.length < n + 4) this.starts = new Int32Array(2 * (n + 4));
    const at = this.starts;
    at[0] = at[1] = bos.at;
    for (let i = 0; i < n; i++) at[i + 2] = ws[i].at;
    at[n + 2] = at[n + 3] = eos.at;
    return at;
  }
  private starts = new Int32Array(256);
  /** The current document's emission sums (`tagWords`), reused document after document. */
  private emit = new Int32Array(0);

  /** The passes' int16 weights interleaved as `[bucket][pass][label]`: the model file's, or made of the passes. */
  private interleavedWeights(): Int16Array {
    return (this.both ??= this.model.weights ?? interleavedWeights(this.model.passes));
  }

  /**
   * The fast path for quantised models, with the same result as `tagReference`. The integer
   * weights of each word's context-free features are summed once per word form and cached; per
   * token only the context features are hashed. Every feature the first pass sees is one the
   * second pass sees too, so both passes' weights of it are summed together, from a table that
   * keeps them side by side (one memory fetch instead of two): the second pass then adds only
   * its vote features. The document-level counts of both passes (`DocContext`, `DocVotes`) are
   * kept under integer lower-form ids (`DocCounts`), and word pairs whose weights are all zero read
   * one cached zero row (`ZeroBuckets`).
   */
  private tagFast(sentences: string[][]): Uint8Array[] {
    if (this.words.size >= WORD_CACHE_LIMIT) this.clearCache(); // between documents (see `sums`)
    const bos = (this.bos ??= this.cached(boundaryInfo(false)));
    const eos = (this.eos ??= this.cached(boundaryInfo(true)));
    const words = sentences.map((toks) => toks.map((t) => this.word(t)));
    try {
      return this.tagWords(words, bos, eos);
    } finally {
      this.counts.clear(words);
    }
  }

  /** `tagFast` of a document's cached words, counting its document context in `this.counts`. */
  private tagWords(words: CachedWord[][], bos: CachedWord, eos: CachedWord): Uint8Array[] {
    const passes = this.model.passes;
    const stride = passes.length * N_LABELS;
    const weights = this.interleavedWeights();
    const mask = passes[0].mask;
    const zeros = this.zeroBuckets();
    const infos = words.map((ws) => ws.map((e) => e.info));
    const lines = infos.map(lineClassOf);
    const counts = this.counts;
    counts.context(words, lines);
    const { capMid, lowerSeen } = counts;
    const buf = this.buf;
    // every token's integer emission sums, all passes (`stride` per token), sentence after sentence
    let total = 0;
    for (const ws of words) total += ws.length;
    if (this.emit.length < total * stride) this.emit = new Int32Array(2 * total * stride);
    const st = this.emit;
    const base = new Int32Array(words.length + 1); // where each sentence's sums start in `st`
    for (let s = 0; s < words.length; s++) base[s + 1] = base[s] + words[s].length * stride;
    const labels1: Uint8Array[] = [];
    for (let s = 0; s < words.length; s++) {
      const ws = words[s];
      const n = ws.length;
      buf.reset(n);
      const gm = this.gazetteerMatches(ws);
      for (let i = 0; i < n; i++) {
        const lid = ws[i].lid;
        contextFeaturesOf(infos[s], i, lines[s], gm, capMid[lid], lowerSeen[lid], bos.info, eos.info, buf);
        buf.endToken();
      }
      toRows(zeros, buf.feats, buf.offsets[n]); // the features' rows of the weight table (`rowOf`)
      const pairs = this.pairIds(ws, bos, eos, zeros);
      const at = this.rowStarts(ws, bos, eos);
      for (let i = 0; i < n; i++)
        sumToken(at, this.sums, i, pairs, buf, weights, mask, stride, st, base[s] + i * stride);
      const out = new Uint8Array(n);
      this.decodeSums(0, st, base[s], stride, undefined, out);
      labels1.push(out);
    }
    if (passes.length < 2) return labels1;
    counts.countVotes(words, labels1);
    const { votes, titled } = counts;
    const result: Uint8Array[] = [];
    for (let s = 0; s < words.length; s++) {
      const ws = words[s];
      const n = ws.length;
      buf.reset(n);
      for (let i = 0; i < n; i++) {
        // every word has counts here (zeros when the document counts none: the same features as none)
        const lid = ws[i].lid;
        voteFeaturesOf(ws[i].info.ss, i, labels1[s], votes, lid * N_LABELS, titled[lid] === 1, this.typeCounts, buf);
        buf.endToken();
      }
      toRows(zeros, buf.feats, buf.offsets[n]);
      const out = new Uint8Array(n);
      this.decodeSums(1, st, base[s], stride, buf, out);
      result.push(out);
    }
    return result;
  }

  /**
   * `Gazetteer.matchTokens` of a sentence, from the trie nodes cached with its words: the loop of
   * `Gazetteer.matchStarts` reading the words' nodes and keys where they lie (no arrays of them
   * made per sentence), and none at all when no word starts a listed name (most sentences).
   */
  gazetteerMatches(ws: CachedWord[]): Uint16Array {
    const n = ws.length;
    let starts = false;
    for (let i = 0; i < n; i++) {
      if (ws[i].spacedKey) return this.gaz.matchTokens(ws.map((e) => e.info.key));
      if (ws[i].gazStart !== undefined) starts = true;
    }
    const out = new Uint16Array(n);
    if (!starts) return out;
    for (let i = 0; i < n; i++) {
      let node = ws[i].gazStart;
      for (let len = 1; node !== undefined && len <= MAX_GAZ_TOKENS; len++) {
        const m = node.mask;
        if (m !== 0) {
          out[i] |= m;
          for (let j = i + 1; j < i + len; j++) out[j] |= m << 8;
        }
        if (node.next === undefined || i + len >= n) break;
        node = node.next.get(ws[i + len].info.key);
      }
    }
    return out;
  }

  /**
   * Emissions of pass `pass` (its part of the summed weights `st`, the sentence's starting at
   * `from`, plus the weights of `extra` features when given), scaled to the model's units, then Viterbi.
   */
  private decodeSums(
    pass: number,
    st: Int32Array,
    from: number,
    stride: number,
    extra: FeatureBuffer | undefined,
    out: Uint8Array,
  ): void {
    const n = out.length;
    if (n === 0) return;
    const scores = this.ensureScores(n);
    const m = this.model.passes[pass];
    const scale = m.scale;
    const weights = this.both!;
    const mask = m.mask;
    for (let i = 0; i < n; i++) {
      const o = from + i * stride + pass * N_LABELS;
      let s0 = st[o],
        s1 = st[o + 1],
        s2 = st[o + 2],
        s3 = st[o + 3],
        s4 = st[o + 4];
      let s5 = st[o + 5],
        s6 = st[o + 6],
        s7 = st[o + 7],
        s8 = st[o + 8];
      if (extra) {
        const feats = extra.feats;
        for (let k = extra.offsets[i], e = extra.offsets[i + 1]; k < e; k++) {
          const b = (feats[k] & mask) * stride + pass * N_LABELS;
          s0 += weights[b];
          s1 += weights[b + 1];
          s2 += weights[b + 2];
          s3 += weights[b + 3];
          s4 += weights[b + 4];
          s5 += weights[b + 5];
          s6 += weights[b + 6];
          s7 += weights[b + 7];
          s8 += weights[b + 8];
        }
      }
      const q = i * N_LABELS;
      scores[q] = s0 * scale;
      scores[q + 1] = s1 * scale;
      scores[q + 2] = s2 * scale;
      scores[q + 3] = s3 * scale;
      scores[q + 4] = s4 * scale;
      scores[q + 5] = s5 * scale;
      scores[q + 6] = s6 * scale;
      scores[q + 7] = s7 * scale;
      scores[q + 8] = s8 * scale;
    }
    viterbi(scores, n, m.trans, out);
  }

  /** Emissions of pass `pass` from the features in `buf` (the reference path), then Viterbi. */
  private decode(pass: number, buf: FeatureBuffer, out: Uint8Array): void {
    if (buf.n === 0) return;
    const scores = this.ensureScores(buf.n);
    const m = this.model.passes[pass];
    m.emissions(buf, scores);
    viterbi(scores, buf.n, m.trans, out);
  }
}
