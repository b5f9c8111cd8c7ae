/**
 * The two-pass document tagger: pass 1 labels each sentence from its own words and document-wide
 * casing evidence; pass 2 relabels it knowing how pass 1 labelled the same words elsewhere in the
 * document (Ratinov and Roth's "extended prediction history" and context aggregation), so an
 * article names one person the same way throughout and a later "Mr X" confirms an earlier "X".
 */
import { DocContext, DocVotes, secondPassFeatures, sentenceView, staticFeatures, voteFeaturesOf } from './features.ts';
import type { SentenceView } from './features.ts';
import { FeatureBuffer, freeze, hashStr, mix, type SentenceFeatures } from './hashing.ts';
import { N_LABELS } from './labels.ts';
import { LINE_NORMAL } from './shapes.ts';
import {
  PAIR_FEATURES,
  WF_LETTER,
  WF_OPENER,
  WF_STARTS_UPPER,
  WF_TITLE,
  WF_UPPER,
  WORD_ROLES,
  boundaryInfo,
  contextFeaturesOf,
  lineClassOf,
  wordInfo,
  writePairFeatures,
  type WordInfo,
} from './word-features.ts';
import { MAX_GAZ_TOKENS, type Gazetteer, type TrieNode } from './gazetteer.ts';
import { viterbi, type LinearModel, type NerModel } from './model.ts';

/** Word forms whose weights the tagger keeps (about 1 KB each); past this the cache starts over, before the next document. */
const WORD_CACHE_LIMIT = 50_000;
/** Seed of the word table's string hash (any constant: the hash only spreads keys over slots). */
const WORD_TABLE_SEED = 0x811c9dc5;

/** A word form with the summed weights of its context-free features, per pass and role. */
export interface CachedWord {
  info: WordInfo;
  /**
   * Where its summed weights start in the tagger's slab `sums`, in the model's integer units:
   * `sums[at + (role * passes + pass) * N_LABELS + label]`.
   */
  at: number;
  /** The gazetteer trie node of names starting with this word (`Gazetteer.startNode`). */
  gazStart: TrieNode | undefined;
  /** The gazetteer key holds a space (then `matchTokens` matches by phrase). */
  spacedKey: boolean;
  /**
   * Id of its lower form (`info.l`), shared by the forms with the same lower case ("Court",
   * "court"): the document-level counts, which `DocContext` and `DocVotes` key by lower form, are
   * kept in the tagger's arrays under it (`DocCounts`).
   */
  lid: number;
}

/** Slots a word table starts with (it doubles when half full). */
const WORD_TABLE_SLOTS = 4096;

/**
 * The tagger's word-form cache: string → CachedWord, exact key equality as in a `Map`. Open
 * addressing over one Int32Array of (hash, entry) pairs. Why not a Map: the tokens looked up are
 * freshly sliced strings and most forms were cached articles ago, so each `Map.get` misses the
 * processor caches several times (bucket, entry, stored key); here a slot's hash and entry share
 * a cache line and the stored key is read only when the hashes agree.
 */
class WordTable {
  /** `slots[2s]` the key hash of slot s, `slots[2s + 1]` its entry + 1 (0: empty). */
  private slots = new Int32Array(2 * WORD_TABLE_SLOTS);
  private mask = WORD_TABLE_SLOTS - 1;
  private keys: string[] = [];
  private values: CachedWord[] = [];
  private hashes: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  get(key: string): CachedWord | undefined {
    const h = mix(hashStr(WORD_TABLE_SEED, key)) | 0;
    const slots = this.slots;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const e = slots[2 * s + 1];
      if (e === 0) return undefined;
      if (slots[2 * s] === h && this.keys[e - 1] === key) return this.values[e - 1];
    }
  }

  /** Adds a key that is not in the table (the caller looked it up first). */
  add(key: string, value: CachedWord): void {
    if (2 * (this.keys.length + 1) > this.mask + 1) this.grow(); // at most half full: short probe runs
    const h = mix(hashStr(WORD_TABLE_SEED, key)) | 0;
    this.keys.push(key);
    this.values.push(value);
    this.hashes.push(h);
    this.place(h, this.keys.length);
  }

  private place(h: number, entry: number): void {
    const slots = this.slots;
    let s = h & this.mask;
    while (slots[2 * s + 1] !== 0) s = (s + 1) & this.mask;
    slots[2 * s] = h;
    slots[2 * s + 1] = entry;
  }

  private grow(): void {
    const n = 2 * (this.mask + 1);
    this.slots = new Int32Array(2 * n);
    this.mask = n - 1;
    for (let e = 0; e < this.hashes.length; e++) this.place(this.hashes[e], e + 1);
  }

  clear(): void {
    this.slots = new Int32Array(2 * WORD_TABLE_SLOTS);
    this.mask = WORD_TABLE_SLOTS - 1;
    this.keys = [];
    this.values = [];
    this.hashes = [];
  }
}

/**
 * `DocContext` and `DocVotes` of the document being tagged, in arrays under lower-form ids
 * (`CachedWord.lid`) rather than maps under strings: each token's counts are read and bumped
 * where they lie, with no string hashing and no map entries made per document. A word the
 * document does not count reads as zeros, as a missing map entry does in the reference forms.
 * Zeroed again after each document (`clear`), for the words it had.
 */
export class DocCounts {
  /** `DocContext.capMid` and `.lowerSeen` per lower form. */
  capMid = new Int32Array(0);
  lowerSeen = new Int32Array(0);
  /** `DocVotes.counts`: `votes[lid * N_LABELS + label]`. */
  votes = new Int32Array(0);
  /** `DocVotes.titled`: 1 for a lower form seen titled. */
  titled = new Uint8Array(0);

  /** Room for lower-form ids below `n`. */
  ensure(n: number): void {
    if (n <= this.capMid.length) return;
    const m = Math.max(4096, 2 * n);
    const grow = <T extends Int32Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.capMid = grow(this.capMid, m);
    this.lowerSeen = grow(this.lowerSeen, m);
    this.votes = grow(this.votes, m * N_LABELS);
    this.titled = grow(this.titled, m);
  }

  /** `DocContext.build` (same counts, under ids, from the words' flags). */
  context(words: CachedWord[][], lines: number[]): void {
    const { capMid, lowerSeen } = this;
    for (let s = 0; s < words.length; s++) {
      if (lines[s] !== LINE_NORMAL) continue;
      const ws = words[s];
      for (let i = 0; i < ws.length; i++) {
        const f = ws[i].info.flags;
        if (!(f & WF_LETTER)) continue;
        if (!(f & WF_UPPER)) lowerSeen[ws[i].lid]++;
        else if (i > 0 && f & WF_STARTS_UPPER && !(ws[i - 1].info.flags & WF_OPENER)) capMid[ws[i].lid]++;
      }
    }
  }

  /** `DocVotes.build` (same counts, under ids, from the words' flags). */
  countVotes(words: CachedWord[][], firstPass: Uint8Array[]): void {
    const { votes, titled } = this;
    for (let s = 0; s < words.length; s++) {
      const ws = words[s];
      const labels = firstPass[s];
      for (let i = 0; i < ws.length; i++) {
        const f = ws[i].info.flags;
        if (!(f & WF_LETTER)) continue;
        const lid = ws[i].lid;
        votes[lid * N_LABELS + labels[i]]++;
        if (i > 0 && ws[i - 1].info.flags & WF_TITLE && f & WF_STARTS_UPPER && labels[i] !== 0) titled[lid] = 1;
      }
    }
  }

  /** Zeroes the counts of the document's words. */
  clear(words: CachedWord[][]): void {
    const { capMid, lowerSeen, titled, votes } = this;
    for (let s = 0; s < words.length; s++) {
      const ws = words[s];
      for (let i = 0; i < ws.length; i++) {
        const lid = ws[i].lid;
        capMid[lid] = 0;
        lowerSeen[lid] = 0;
        titled[lid] = 0;
        // `votes.fill(0, lid * N_LABELS, (lid + 1) * N_LABELS)` as plain stores (no built-in call per token)
        for (let k = lid * N_LABELS, e = k + N_LABELS; k < e; k++) votes[k] = 0;
      }
    }
  }
}

export class Tagger {
  readonly model: NerModel;
  readonly gaz: Gazetteer;
  private buf = new FeatureBuffer(8192);
  private scores = new Float32Array(256 * N_LABELS);

  constructor(model: NerModel, gaz: Gazetteer) {
    this.model = model;
    this.gaz = gaz;
  }

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
    if (passes.every((p) => p.w instanceof Int16Array && p.bits === passes[0].bits)) return this.tagFast(sentences);
    return this.tagReference(sentences);
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
  private bos: CachedWord | undefined;
  private eos: CachedWord | undefined;
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
    const { nonZero } = this.zeroBuckets();
    for (let p = 0; p < passes.length; p++) {
      const { w, mask } = passes[p];
      for (let r = 0; r < WORD_ROLES; r++) {
        const o = at + r * stride + p * N_LABELS;
        const ids = roles[r];
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k] & mask;
          if (!(nonZero[id >>> 5] & (1 << (id & 31)))) continue;
          const b = id * N_LABELS;
          for (let y = 0; y < N_LABELS; y++) sums[o + y] += w[b + y];
        }
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
    const { nonZero, zero, mask } = zeros;
    if (zero >= 0) {
      for (let k = 0; k < len; k++) {
        const b = ids[k] & mask;
        if (!(nonZero[b >>> 5] & (1 << (b & 31)))) ids[k] = zero;
      }
    }
    return ids;
  }

  /** The zero buckets of the passes' weights, found on first use. */
  private zeroBuckets(): ZeroBuckets {
    return (this.zeros ??= zeroBuckets(this.model.passes));
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

  /** The passes' int16 weights interleaved as `[bucket][pass][label]`. */
  private interleavedWeights(): Int16Array {
    if (!this.both) this.both = interleavedWeights(this.model.passes);
    return this.both;
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

  private decode(pass: number, buf: FeatureBuffer, out: Uint8Array): void {
    if (buf.n === 0) return;
    const scores = this.ensureScores(buf.n);
    const m = this.model.passes[pass];
    m.emissions(buf, scores);
    viterbi(scores, buf.n, m.trans, out);
  }
}

/**
 * Which buckets of the weight table hold a non-zero weight in some pass. Most do not (about 80% of
 * the shipped model's: the training features fill a fifth of the table), and a feature never seen
 * in training mostly hashes to one of those.
 */
interface ZeroBuckets {
  /** Bit b set: bucket b has a non-zero weight for some pass and label. */
  nonZero: Uint32Array;
  /** A bucket whose weights are all zero, -1 if none. */
  zero: number;
  /** The model's bucket mask. */
  mask: number;
}

function zeroBuckets(passes: readonly LinearModel[]): ZeroBuckets {
  const buckets = 1 << passes[0].bits;
  const nonZero = new Uint32Array(Math.ceil(buckets / 32));
  let zero = -1;
  for (let b = 0; b < buckets; b++) {
    let any = false;
    for (const p of passes) for (let y = 0; y < N_LABELS && !any; y++) any = p.w[b * N_LABELS + y] !== 0;
    if (any) nonZero[b >>> 5] |= 1 << (b & 31);
    else if (zero < 0) zero = b;
  }
  return { nonZero, zero, mask: passes[0].mask };
}

/** Both (all) passes' int16 weights in one table, `[bucket][pass][label]`: a feature's weights for every pass share a cache line. */
function interleavedWeights(passes: readonly LinearModel[]): Int16Array {
  const P = passes.length;
  const stride = P * N_LABELS;
  const buckets = 1 << passes[0].bits;
  const out = new Int16Array(buckets * stride);
  for (let p = 0; p < P; p++) {
    const w = passes[p].w;
    for (let b = 0; b < buckets; b++) {
      const from = b * N_LABELS;
      const to = b * stride + p * N_LABELS;
      for (let y = 0; y < N_LABELS; y++) out[to + y] = w[from + y];
    }
  }
  return out;
}

/**
 * Writes to `out[outAt..outAt + stride)` every pass's integer emission sums for token `i`
 * (pass p at `p * 9`): the cached sums of its word and of its neighbours' words in their roles
 * (rows of the slab `sums`, starting at `at[i + 2]` for word i: `at` holds two `<s>` rows before
 * the sentence and two `</s>` after), its word pairs' weights and its buffered context features'
 * weights. The passes are summed one after the other; the second finds the rows in cache.
 */
function sumToken(
  at: Int32Array,
  sums: Int32Array,
  i: number,
  pairs: Uint32Array,
  buf: FeatureBuffer,
  weights: Int16Array,
  mask: number,
  stride: number,
  out: Int32Array,
  outAt: number,
): void {
  // where the rows of the word and its neighbours start in the slab, plus the offset of their role
  // in it (own, as i-1, as i+1, as i-2, as i+2)
  const q0 = at[i + 2];
  const q1 = at[i + 1] + stride;
  const q2 = at[i + 3] + 2 * stride;
  const q3 = at[i] + 3 * stride;
  const q4 = at[i + 4] + 4 * stride;
  // the pair (i-1, i) gives token i its right-word features, the pair (i, i+1) its left-word ones
  const pl = i * PAIR_FEATURES + 2;
  const pr = (i + 1) * PAIR_FEATURES;
  const f0 = (pairs[pl] & mask) * stride,
    f1 = (pairs[pl + 1] & mask) * stride;
  const f2 = (pairs[pr] & mask) * stride,
    f3 = (pairs[pr + 1] & mask) * stride;
  const feats = buf.feats;
  const k0 = buf.offsets[i],
    k1 = buf.offsets[i + 1];
  const u = sums;
  const w = weights;
  for (let po = 0; po < stride; po += N_LABELS) {
    const r0 = q0 + po,
      r1 = q1 + po,
      r2 = q2 + po,
      r3 = q3 + po,
      r4 = q4 + po;
    const e0 = f0 + po,
      e1 = f1 + po,
      e2 = f2 + po,
      e3 = f3 + po;
    let s0 = u[r0] + u[r1] + u[r2] + u[r3] + u[r4] + w[e0] + w[e1] + w[e2] + w[e3];
    let s1 = u[r0 + 1] + u[r1 + 1] + u[r2 + 1] + u[r3 + 1] + u[r4 + 1] + w[e0 + 1] + w[e1 + 1] + w[e2 + 1] + w[e3 + 1];
    let s2 = u[r0 + 2] + u[r1 + 2] + u[r2 + 2] + u[r3 + 2] + u[r4 + 2] + w[e0 + 2] + w[e1 + 2] + w[e2 + 2] + w[e3 + 2];
    let s3 = u[r0 + 3] + u[r1 + 3] + u[r2 + 3] + u[r3 + 3] + u[r4 + 3] + w[e0 + 3] + w[e1 + 3] + w[e2 + 3] + w[e3 + 3];
    let s4 = u[r0 + 4] + u[r1 + 4] + u[r2 + 4] + u[r3 + 4] + u[r4 + 4] + w[e0 + 4] + w[e1 + 4] + w[e2 + 4] + w[e3 + 4];
    let s5 = u[r0 + 5] + u[r1 + 5] + u[r2 + 5] + u[r3 + 5] + u[r4 + 5] + w[e0 + 5] + w[e1 + 5] + w[e2 + 5] + w[e3 + 5];
    let s6 = u[r0 + 6] + u[r1 + 6] + u[r2 + 6] + u[r3 + 6] + u[r4 + 6] + w[e0 + 6] + w[e1 + 6] + w[e2 + 6] + w[e3 + 6];
    let s7 = u[r0 + 7] + u[r1 + 7] + u[r2 + 7] + u[r3 + 7] + u[r4 + 7] + w[e0 + 7] + w[e1 + 7] + w[e2 + 7] + w[e3 + 7];
    let s8 = u[r0 + 8] + u[r1 + 8] + u[r2 + 8] + u[r3 + 8] + u[r4 + 8] + w[e0 + 8] + w[e1 + 8] + w[e2 + 8] + w[e3 + 8];
    for (let k = k0; k < k1; k++) {
      const b = (feats[k] & mask) * stride + po;
      s0 += w[b];
      s1 += w[b + 1];
      s2 += w[b + 2];
      s3 += w[b + 3];
      s4 += w[b + 4];
      s5 += w[b + 5];
      s6 += w[b + 6];
      s7 += w[b + 7];
      s8 += w[b + 8];
    }
    const o = outAt + po;
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
    out[o + 4] = s4;
    out[o + 5] = s5;
    out[o + 6] = s6;
    out[o + 7] = s7;
    out[o + 8] = s8;
  }
}
