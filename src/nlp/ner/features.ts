/**
 * Feature extraction for the entity tagger: the reference forms of both passes. Training reads
 * them, and so does the tagger's path for float models; the quantised tagger computes the same
 * features from per-word parts (`word-features.ts`).
 *
 * Features are hashed, never stored as strings (`hashing.ts`, seeds in `templates.ts`). The
 * templates are the classic strong ones for NER (Ratinov and Roth 2009; Stanford NER): word form,
 * lower case, affixes, word shape, casing in context, neighbouring words and shapes, gazetteer
 * matches, and document-level context (`DocContext`, first pass; `DocVotes`, second pass).
 */
import { wordSet } from '../../lexicon/load.ts';
import { GAZ_KINDS, GAZ, gazKey, type Gazetteer } from './gazetteer.ts';
import { clustersOf, NEIGHBOUR_GRANULARITY } from './word-clusters.ts';
import { FeatureBuffer, hashInt, hashStr, type SentenceFeatures } from '../hashing.ts';
import { N_LABELS, labelType } from './labels.ts';
import {
  LINE_NORMAL,
  hasLetter,
  hasUpper,
  lineClass,
  normalizeToken,
  shortShape,
  startsUpper,
  tokenClass,
  wordShape,
} from './shapes.ts';
import {
  BOS,
  EOS,
  MAX_AFFIX,
  MAX_FULL_SHAPE,
  T_APOS,
  T_BIAS,
  T_BI_M1,
  T_BI_P1,
  T_CLS,
  T_D2_ANY,
  T_D2_MAJ,
  T_D2_MAJ_SS,
  T_D2_SELF,
  T_D2_SELF_M1,
  T_D2_SELF_P1,
  T_D2_TITLED,
  T_DOC_BOTH,
  T_DOC_CAP,
  T_DOC_LOW,
  T_FIRST_CLS,
  T_GAZ,
  T_GAZ_CAP,
  T_GAZ_M1,
  T_GAZ_P1,
  T_HY_FIRST,
  T_HY_LAST,
  T_HY_LAST_SS,
  T_L,
  T_LEN,
  T_CLU,
  T_CLU_M1,
  T_CLU_P1,
  T_LINE_L,
  T_LINE_SS,
  T_L_M1,
  T_L_M2,
  T_L_P1,
  T_L_P2,
  T_M1_SS0,
  T_PRE,
  T_SHAPE,
  T_SS0_P1,
  T_SSHAPE,
  T_SS_M1,
  T_SS_P1,
  T_SS_TRI,
  T_SUF,
  T_W,
} from './templates.ts';

/**
 * Words after which a capitalised word reads as a person: a later "Mr X" confirms an earlier bare
 * "X" (document feature). Lower case; frozen with the trained model (`data/lexicons/honorifics.json`).
 */
export const PERSON_TITLES = wordSet('honorifics', 'nerTitleCues');
/** Tokens after which a capitalised word may be sentence-initial (with ":"; see `DocContext`). */
export const OPENER_TOKEN = /^["'([-]$/;

// ---------------------------------------------------------------------------------------------
// Document context

/** What the whole document says about each word, read before tagging (first pass). */
export class DocContext {
  /** lower form → times seen capitalised, not sentence-initial, in running text. */
  readonly capMid = new Map<string, number>();
  /** lower form → times seen in lower case in running text. */
  readonly lowerSeen = new Map<string, number>();

  static build(sentences: string[][]): DocContext {
    const ctx = new DocContext();
    for (const words of sentences) {
      const lc = lineClass(words);
      if (lc !== LINE_NORMAL) continue;
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        if (!hasLetter(w)) continue;
        const l = w.toLowerCase();
        if (!hasUpper(w)) ctx.lowerSeen.set(l, (ctx.lowerSeen.get(l) ?? 0) + 1);
        else if (i > 0 && startsUpper(w) && !OPENER_TOKEN.test(words[i - 1]) && words[i - 1] !== ':') {
          ctx.capMid.set(l, (ctx.capMid.get(l) ?? 0) + 1);
        }
      }
    }
    return ctx;
  }
}

/** Per-sentence precomputed token views shared by both passes. */
export interface SentenceView {
  words: string[];
  lower: string[];
  keys: string[];
  sshape: string[];
  line: number;
}

/** The `SentenceView` of a sentence of raw tokens. */
export function sentenceView(raw: string[]): SentenceView {
  const words = raw.map(normalizeToken);
  const lower = words.map((w) => w.toLowerCase());
  const keys = words.map(gazKey);
  const sshape = words.map((w) => shortShape(wordShape(w)));
  return { words, lower, keys, sshape, line: lineClass(words) };
}

/**
 * The first-pass features of one sentence, appended to `out` token by token (raw 32-bit hashes;
 * the model takes them modulo its table size).
 */
export function staticFeatures(s: SentenceView, ctx: DocContext, gaz: Gazetteer, out: FeatureBuffer): void {
  const { words, lower, sshape, line } = s;
  const n = words.length;
  const gm = gaz.matchTokens(s.keys);
  for (let i = 0; i < n; i++) {
    const w = words[i];
    const l = lower[i];
    const ss = sshape[i];
    out.push(T_BIAS);
    out.push(hashStr(T_W, w));
    out.push(hashStr(T_L, l));
    const wl = w.length;
    for (let k = 1; k <= MAX_AFFIX && k < wl; k++) {
      out.push(hashStr(hashInt(T_PRE, k), l.slice(0, k)));
      out.push(hashStr(hashInt(T_SUF, k), l.slice(wl - k)));
    }
    if (wl < MAX_FULL_SHAPE) out.push(hashStr(T_SHAPE, wordShape(w)));
    out.push(hashStr(T_SSHAPE, ss));
    const cls = tokenClass(w);
    out.push(hashInt(T_CLS, cls));
    out.push(hashInt(hashInt(T_FIRST_CLS, i === 0 ? 1 : 0), cls));
    out.push(hashStr(hashInt(T_LINE_SS, line), ss));
    if (line !== LINE_NORMAL) out.push(hashStr(hashInt(T_LINE_L, line), l));
    out.push(hashInt(T_LEN, Math.min(wl, 10)));
    const clu = clustersOf(w);
    if (clu) for (let k = 0; k < clu.length; k++) out.push(hashInt(hashInt(T_CLU, k), clu[k]));
    const cluM1 = i > 0 ? clustersOf(words[i - 1]) : undefined;
    const cluP1 = i + 1 < n ? clustersOf(words[i + 1]) : undefined;
    if (cluM1) out.push(hashInt(T_CLU_M1, cluM1[NEIGHBOUR_GRANULARITY]));
    if (cluP1) out.push(hashInt(T_CLU_P1, cluP1[NEIGHBOUR_GRANULARITY]));
    const lm1 = i > 0 ? lower[i - 1] : BOS;
    const lp1 = i + 1 < n ? lower[i + 1] : EOS;
    const lm2 = i > 1 ? lower[i - 2] : BOS;
    const lp2 = i + 2 < n ? lower[i + 2] : EOS;
    const ssm1 = i > 0 ? sshape[i - 1] : BOS;
    const ssp1 = i + 1 < n ? sshape[i + 1] : EOS;
    out.push(hashStr(T_L_M1, lm1));
    out.push(hashStr(T_L_P1, lp1));
    out.push(hashStr(T_L_M2, lm2));
    out.push(hashStr(T_L_P2, lp2));
    out.push(hashStr(T_SS_M1, ssm1));
    out.push(hashStr(T_SS_P1, ssp1));
    out.push(hashStr(hashStr(hashStr(T_SS_TRI, ssm1), ss), ssp1));
    out.push(hashStr(hashStr(T_BI_M1, lm1), l));
    out.push(hashStr(hashStr(T_BI_P1, l), lp1));
    out.push(hashStr(hashStr(T_M1_SS0, lm1), ss));
    out.push(hashStr(hashStr(T_SS0_P1, ss), lp1));
    // hyphenated names: "al-Jazrawi", "Jean-Pierre", "Al-Sharaa"
    const hy = l.indexOf('-');
    if (hy > 0 && hy < wl - 1) {
      const lastHy = l.lastIndexOf('-');
      out.push(hashStr(T_HY_FIRST, l.slice(0, hy)));
      out.push(hashStr(T_HY_LAST, l.slice(lastHy + 1)));
      out.push(hashStr(T_HY_LAST_SS, shortShape(wordShape(w.slice(lastHy + 1)))));
    }
    // apostrophised names: "O'Neill", "D'Alema"
    const ap = w.indexOf("'");
    if (ap > 0 && ap < wl - 1) out.push(hashStr(T_APOS, shortShape(wordShape(w.slice(0, ap + 2)))));
    gazetteerAndContext(gm, i, n, w, l, ss, ctx, out);
    out.endToken();
  }
}

/**
 * What the first pass said about the same word elsewhere in the document.
 * `firstPass[s][i]` is the first-pass label of token i of sentence s.
 */
export class DocVotes {
  /** lower form → counts per label over the document. */
  readonly counts = new Map<string, Int32Array>();
  /** lower forms seen right after a person title ("Mr X"). */
  readonly titled = new Set<string>();

  static build(views: SentenceView[], firstPass: Uint8Array[]): DocVotes {
    const v = new DocVotes();
    for (let s = 0; s < views.length; s++) {
      const { lower, words } = views[s];
      const labels = firstPass[s];
      for (let i = 0; i < lower.length; i++) {
        if (!hasLetter(words[i])) continue;
        let c = v.counts.get(lower[i]);
        if (!c) v.counts.set(lower[i], (c = new Int32Array(N_LABELS)));
        c[labels[i]]++;
        if (i > 0 && PERSON_TITLES.has(lower[i - 1]) && startsUpper(words[i]) && labels[i] !== 0) {
          v.titled.add(lower[i]);
        }
      }
    }
    return v;
  }
}

/**
 * The second-pass features of a sentence: its first-pass features plus what the first pass said
 * about this word elsewhere in the document (this occurrence excluded), and its own first-pass
 * label and its neighbours' (stacking).
 */
export function secondPassFeatures(
  s: SentenceView,
  first: SentenceFeatures,
  own: Uint8Array,
  votes: DocVotes,
  out: FeatureBuffer,
): void {
  const n = first.n;
  if (own.length !== n) throw new Error('secondPassFeatures: one first-pass label per token');
  const typeCounts = new Int32Array(5);
  for (let i = 0; i < n; i++) {
    for (let k = first.offsets[i]; k < first.offsets[i + 1]; k++) out.pushMixed(first.feats[k]);
    voteFeatures(s.lower[i], s.sshape[i], i, own, votes, typeCounts, out);
    out.endToken();
  }
}

/**
 * Gazetteer membership of the word and its neighbours, and its document context (is this word a
 * name elsewhere in running text, or an ordinary word?). Shared by the reference and cached paths.
 */
function gazetteerAndContext(
  gm: Uint16Array | number[],
  i: number,
  n: number,
  w: string,
  l: string,
  ss: string,
  ctx: DocContext,
  out: FeatureBuffer,
): void {
  gazetteerAndCounts(gm, i, n, w, ss, ctx.capMid.get(l) ?? 0, ctx.lowerSeen.get(l) ?? 0, out);
}

/** `gazetteerAndContext` given the word's `DocContext` counts. */
export function gazetteerAndCounts(
  gm: Uint16Array | number[],
  i: number,
  n: number,
  w: string,
  ss: string,
  capMid: number,
  low: number,
  out: FeatureBuffer,
): void {
  const g = gm[i];
  if (g) {
    const cap = startsUpper(w) ? 1 : 0;
    for (let b = 0; b < GAZ_KINDS.length; b++) {
      const bit = GAZ[GAZ_KINDS[b]];
      if (g & bit) {
        out.push(hashInt(T_GAZ, b * 2));
        out.push(hashInt(T_GAZ_CAP, b * 4 + cap));
      }
      if (g & (bit << 8)) {
        out.push(hashInt(T_GAZ, b * 2 + 1));
        out.push(hashInt(T_GAZ_CAP, b * 4 + 2 + cap));
      }
    }
  }
  if (i > 0 && gm[i - 1]) out.push(hashInt(T_GAZ_M1, gm[i - 1]));
  if (i + 1 < n && gm[i + 1]) out.push(hashInt(T_GAZ_P1, gm[i + 1]));
  if (capMid > 0 && low === 0) out.push(hashStr(T_DOC_CAP, ss));
  else if (low > 0 && capMid === 0) out.push(hashStr(T_DOC_LOW, ss));
  else if (low > 0 && capMid > 0) out.push(hashStr(T_DOC_BOTH, ss));
}

/**
 * The features `secondPassFeatures` adds to token `i`'s first-pass features: its own and its
 * neighbours' first-pass labels and what the first pass said of the same word elsewhere.
 */
export function voteFeatures(
  lowerI: string,
  ssI: string,
  i: number,
  own: Uint8Array,
  votes: DocVotes,
  typeCounts: Int32Array,
  out: FeatureBuffer,
): void {
  const c = votes.counts.get(lowerI);
  voteFeaturesOf(ssI, i, own, c, 0, votes.titled.has(lowerI), typeCounts, out);
}

/**
 * `voteFeatures` given the word's `DocVotes` entries rather than the maps: its label counts at
 * `counts[at..at + N_LABELS)` (none given: the word has none) and whether it is titled. The
 * tagger keeps them in arrays under lower-form ids, where a word without counts reads as zeros.
 */
export function voteFeaturesOf(
  ssI: string,
  i: number,
  own: Uint8Array,
  counts: Int32Array | undefined,
  at: number,
  titled: boolean,
  typeCounts: Int32Array,
  out: FeatureBuffer,
): void {
  const n = own.length;
  const y = own[i];
  out.push(hashInt(T_D2_SELF, y));
  out.push(hashInt(T_D2_SELF_M1, i > 0 ? own[i - 1] : 15));
  out.push(hashInt(T_D2_SELF_P1, i + 1 < n ? own[i + 1] : 15));
  if (counts) {
    const c = counts;
    typeCounts.fill(0);
    let total = 0;
    for (let lab = 0; lab < N_LABELS; lab++) {
      const k = c[at + lab] - (lab === y ? 1 : 0);
      if (k > 0) {
        out.push(hashInt(T_D2_ANY, lab));
        typeCounts[labelType(lab)] += k;
        total += k;
      }
    }
    if (total > 0) {
      let best = 0;
      for (let t = 1; t < 5; t++) if (typeCounts[t] > typeCounts[best]) best = t;
      out.push(hashInt(T_D2_MAJ, best));
      out.push(hashStr(hashInt(T_D2_MAJ_SS, best), ssI));
    }
  }
  if (titled) out.push(T_D2_TITLED);
}
