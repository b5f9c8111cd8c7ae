/**
 * Word clusters: words that stand in the same company in running news ("Amazon", "Google",
 * "Microsoft"; "Tuesday", "Friday"; "minister", "spokesman") share a class, so the tagger can
 * generalise from a word it learned to one it never saw labelled (Ratinov & Roth 2009 used Brown
 * clusters this way). The classes are learned by the team from unlabelled news text
 * (`npm run build:clusters`, `scripts/build-clusters.ts`) and ship in `data/models/ner/clusters.tsv`
 * (plain text: git and the package compress it, and it loads without unzipping).
 *
 * The clustering is the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998): every
 * word is in one of C classes, and words are moved, one at a time, to the class that most raises
 * the likelihood of the text under a class bigram model,
 *
 *   L = Σ f(N(c, c')) − Σ f(N(c, ·)) − Σ f(N(·, c')),  f(x) = x log x,
 *
 * where N(c, c') counts word bigrams whose words are in classes c and c'. A move touches only the
 * rows and columns of the two classes, so each candidate class is scored from the classes of the
 * word's own neighbours. Several class counts give coarse and fine classes (a word's clusters at
 * each granularity are features of their own). Deterministic: words start in classes by frequency
 * rank and are visited in that order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../../lexicon/load.ts';

/** Where the clusters ship. */
export const CLUSTERS_FILE = path.join(DATA_DIR, 'models/ner/clusters.tsv');

/** x log x, 0 at 0. */
const f = (x: number): number => (x > 0 ? x * Math.log(x) : 0);

/** Sentences of word ids; ids below `movable` are words, `movable` and above are fixed pseudo-words. */
export interface ClusterInput {
  sentences: Int32Array[];
  /** Number of words that are clustered (ids 0..movable-1, most frequent first). */
  movable: number;
  /** Number of ids in all (the fixed ones each get a class of their own). */
  vocab: number;
}

/** Neighbour lists of every word: for word w, `ids[start[w]..start[w+1])` with counts. */
interface Adjacency {
  start: Int32Array;
  ids: Int32Array;
  counts: Float64Array;
}

/** Bigram counts as right and left adjacency lists (a boundary id before and after each sentence). */
function adjacency(input: ClusterInput, boundary: number): { right: Adjacency; left: Adjacency; self: Float64Array } {
  const pairs = new Map<number, number>();
  const self = new Float64Array(input.vocab);
  const add = (u: number, v: number) => {
    if (u === v) self[u]++;
    else pairs.set(u * input.vocab + v, (pairs.get(u * input.vocab + v) ?? 0) + 1);
  };
  for (const s of input.sentences) {
    let prev = boundary;
    for (const w of s) {
      add(prev, w);
      prev = w;
    }
    add(prev, boundary);
  }
  const build = (key: (u: number, v: number) => [number, number]): Adjacency => {
    const degree = new Int32Array(input.vocab + 1);
    for (const k of pairs.keys()) degree[key(Math.floor(k / input.vocab), k % input.vocab)[0] + 1]++;
    for (let i = 0; i < input.vocab; i++) degree[i + 1] += degree[i];
    const fill = degree.slice();
    const ids = new Int32Array(pairs.size);
    const counts = new Float64Array(pairs.size);
    for (const [k, n] of pairs) {
      const [from, to] = key(Math.floor(k / input.vocab), k % input.vocab);
      ids[fill[from]] = to;
      counts[fill[from]++] = n;
    }
    return { start: degree, ids, counts };
  };
  return { right: build((u, v) => [u, v]), left: build((u, v) => [v, u]), self };
}

/**
 * The exchange algorithm: a class (0..classes-1) for each of the `movable` words, after `iterations`
 * passes (or fewer, when a pass moves almost no word). `log` hears one line per pass.
 */
export function exchangeClusters(
  input: ClusterInput,
  classes: number,
  iterations: number,
  log: (line: string) => void = () => {},
): Int32Array {
  const V = input.vocab;
  const C = classes + (V - input.movable); // each fixed pseudo-word in a class of its own
  const boundary = V - 1;
  const { right, left, self } = adjacency(input, boundary);
  const cls = new Int32Array(V);
  for (let w = 0; w < V; w++) cls[w] = w < input.movable ? w % classes : classes + (w - input.movable);
  const N = new Float64Array(C * C);
  const rowSum = new Float64Array(C);
  const colSum = new Float64Array(C);
  for (let u = 0; u < V; u++) {
    for (let k = right.start[u]; k < right.start[u + 1]; k++) {
      N[cls[u] * C + cls[right.ids[k]]] += right.counts[k];
      rowSum[cls[u]] += right.counts[k];
      colSum[cls[right.ids[k]]] += right.counts[k];
    }
    N[cls[u] * C + cls[u]] += self[u];
    rowSum[cls[u]] += self[u];
    colSum[cls[u]] += self[u];
  }
  // the word's bigram counts by the class of the other word (right of it, left of it)
  const rc = new Float64Array(C);
  const lc = new Float64Array(C);
  const rTouched = new Int32Array(C);
  const lTouched = new Int32Array(C);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let w = 0; w < input.movable; w++) {
      let nr = 0;
      let nl = 0;
      for (let k = right.start[w]; k < right.start[w + 1]; k++) {
        const c = cls[right.ids[k]];
        if (rc[c] === 0) rTouched[nr++] = c;
        rc[c] += right.counts[k];
      }
      for (let k = left.start[w]; k < left.start[w + 1]; k++) {
        const c = cls[left.ids[k]];
        if (lc[c] === 0) lTouched[nl++] = c;
        lc[c] += left.counts[k];
      }
      const s = self[w];
      let rw = s;
      let lw = s;
      for (let k = 0; k < nr; k++) rw += rc[rTouched[k]];
      for (let k = 0; k < nl; k++) lw += lc[lTouched[k]];
      // take the word out of its class
      const a = cls[w];
      const move = (b: number, sign: number) => {
        for (let k = 0; k < nr; k++) N[b * C + rTouched[k]] += sign * rc[rTouched[k]];
        for (let k = 0; k < nl; k++) N[lTouched[k] * C + b] += sign * lc[lTouched[k]];
        N[b * C + b] += sign * s;
        rowSum[b] += sign * rw;
        colSum[b] += sign * lw;
      };
      move(a, -1);
      // the class it raises the likelihood most in (its own on a tie, then the lowest)
      let best = a;
      let bestGain = -Infinity;
      for (let b = 0; b < classes; b++) {
        let gain = f(N[b * C + b] + rc[b] + lc[b] + s) - f(N[b * C + b]);
        for (let k = 0; k < nr; k++) {
          const c = rTouched[k];
          if (c !== b) gain += f(N[b * C + c] + rc[c]) - f(N[b * C + c]);
        }
        for (let k = 0; k < nl; k++) {
          const c = lTouched[k];
          if (c !== b) gain += f(N[c * C + b] + lc[c]) - f(N[c * C + b]);
        }
        gain -= f(rowSum[b] + rw) - f(rowSum[b]) + f(colSum[b] + lw) - f(colSum[b]);
        if (gain > bestGain + 1e-9 || (b === a && gain >= bestGain - 1e-9)) {
          bestGain = gain;
          best = b;
        }
      }
      move(best, 1);
      if (best !== a) {
        cls[w] = best;
        moved++;
      }
      for (let k = 0; k < nr; k++) rc[rTouched[k]] = 0;
      for (let k = 0; k < nl; k++) lc[lTouched[k]] = 0;
    }
    log(`  ${classes} classes, pass ${it + 1}: ${moved} words moved`);
    if (moved < input.movable / 1000) break;
  }
  return cls.slice(0, input.movable);
}

/** A word's classes at each granularity the file holds (coarse to fine), or none. */
export interface WordClusters {
  get(word: string): readonly number[] | undefined;
  readonly size: number;
}

/**
 * The clusters file as read: its text and where each line starts, searched by halves (the lines
 * are sorted by word). Reading is one pass for the line starts, a few milliseconds, where a map of
 * the 26,000 words took tens of milliseconds of every start.
 */
class ClusterTable implements WordClusters {
  private readonly starts: Int32Array;
  readonly size: number;

  constructor(private readonly text: string) {
    const starts: number[] = [];
    for (let i = 0; i < text.length;) {
      const end = text.indexOf('\n', i);
      const next = end < 0 ? text.length : end + 1;
      if (text.charCodeAt(i) !== 35 /* # */ && next - i > 1) starts.push(i);
      i = next;
    }
    this.starts = Int32Array.from(starts);
    this.size = starts.length;
  }

  get(word: string): readonly number[] | undefined {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = this.starts[mid];
      const w = this.text.slice(at, this.text.indexOf('\t', at));
      if (w === word) {
        const end = this.text.indexOf('\n', at);
        return this.text
          .slice(at + w.length + 1, end < 0 ? this.text.length : end)
          .split('\t')
          .map(Number);
      }
      if (w < word) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }
}

/** Reads a clusters file: a line per word, sorted by word, then its class at each granularity, tab-separated. */
export function readClusters(file: string = CLUSTERS_FILE): WordClusters {
  return new ClusterTable(readFileSync(file, 'utf8'));
}

let shared: WordClusters | undefined;

/** The shipped clusters, read on first use. */
export function wordClusters(): WordClusters {
  shared ??= readClusters();
  return shared;
}

/** The granularity whose class the neighbours' features read (the middle one of three). */
export const NEIGHBOUR_GRANULARITY = 1;

/**
 * The classes of a normalised word form: as written, else as a capitalised word (a headline's
 * "GERMANY" is "Germany"), else in lower case; none for a word the clusters do not hold.
 */
export function clustersOf(w: string, clusters: WordClusters = wordClusters()): readonly number[] | undefined {
  const exact = clusters.get(w);
  if (exact) return exact;
  const lower = w.toLowerCase();
  if (lower === w) return undefined;
  return clusters.get(w[0] + lower.slice(1)) ?? clusters.get(lower);
}
