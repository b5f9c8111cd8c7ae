/**
 * Inference decomposition: the same features as `staticFeatures` (`features.ts`), split by what
 * they depend on, so the tagger can cache per word form the weights of everything that depends on
 * the word alone (see `Tagger`). `staticFeatures` stays the reference (training reads it; the
 * tagger's tests check that the parts below add up to it, feature for feature).
 */
import { gazetteerAndCounts, OPENER_TOKEN, PERSON_TITLES } from './features.ts';
import { gazKey } from './gazetteer.ts';
import { clustersOf, NEIGHBOUR_GRANULARITY } from './word-clusters.ts';
import { FNV_PRIME, hashInt, hashStr, mix, type FeatureBuffer } from '../hashing.ts';
import {
  LINE_CAPS,
  LINE_LOWER,
  LINE_NORMAL,
  LINE_TITLE,
  TITLE_CASE_SHARE,
  hasLetter,
  hasLower,
  hasUpper,
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
  T_FIRST_CLS,
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

/** What the tagger needs of one word form, computed once per form. */
export interface WordInfo {
  /** Normalised form (`normalizeToken`), its lower case, gazetteer key and short shape. */
  w: string;
  l: string;
  key: string;
  ss: string;
  cls: number;
  /** What the document-level passes ask of the form (`WF_*` bits), so they need not re-read it. */
  flags: number;
  /** Mixed ids of the word's context-free features (form, affixes, shapes, class, length, hyphen/apostrophe parts). */
  own: number[];
  /** Mixed ids of the features it gives its neighbours: as i-1, i+1, i-2, i+2. */
  asM1: number[];
  asP1: number[];
  asM2: number[];
  asP2: number[];
  /** Running hash states of the two-word templates with this word on the left. */
  hBiM1: number;
  hBiP1: number;
  hM1Ss0: number;
  hSs0P1: number;
  hSsTri: number;
}

/** Word roles in `WordInfo` (own, as i-1, as i+1, as i-2, as i+2). */
export const WORD_ROLES = 5;

/** `WordInfo.flags`: the form has a letter, a capital, a lower-case letter, starts with a capital. */
export const WF_LETTER = 1;
export const WF_UPPER = 2;
export const WF_LOWER = 4;
export const WF_STARTS_UPPER = 8;
/** The form opens a quotation or aside, so a capital after it may start a sentence (`DocContext`). */
export const WF_OPENER = 16;
/** The lower form is a person title ("Mr", "President": `DocVotes.titled`). */
export const WF_TITLE = 32;

/** The `WF_*` flags of a normalised form `w` with lower case `l`. */
function wordFlags(w: string, l: string): number {
  let f = 0;
  if (hasLetter(w)) f |= WF_LETTER;
  if (hasUpper(w)) f |= WF_UPPER;
  if (hasLower(w)) f |= WF_LOWER;
  if (startsUpper(w)) f |= WF_STARTS_UPPER;
  if (OPENER_TOKEN.test(w) || w === ':') f |= WF_OPENER;
  if (PERSON_TITLES.has(l)) f |= WF_TITLE;
  return f;
}

/** The features a word gives its neighbours, and the hash states of pairs with it on the left. */
function neighbourIds(
  l: string,
  ss: string,
): Pick<WordInfo, 'asM1' | 'asP1' | 'asM2' | 'asP2' | 'hBiM1' | 'hM1Ss0' | 'hSsTri'> {
  return {
    asM1: [mix(hashStr(T_L_M1, l)), mix(hashStr(T_SS_M1, ss))],
    asP1: [mix(hashStr(T_L_P1, l)), mix(hashStr(T_SS_P1, ss))],
    asM2: [mix(hashStr(T_L_M2, l))],
    asP2: [mix(hashStr(T_L_P2, l))],
    hBiM1: hashStr(T_BI_M1, l),
    hM1Ss0: hashStr(T_M1_SS0, l),
    hSsTri: hashStr(T_SS_TRI, ss),
  };
}

/** The WordInfo of a raw token (as `sentenceView` and `staticFeatures` see it). */
export function wordInfo(raw: string): WordInfo {
  const w = normalizeToken(raw);
  const l = w.toLowerCase();
  const shape = wordShape(w);
  const ss = shortShape(shape);
  const cls = tokenClass(w);
  const wl = w.length;
  const own: number[] = [mix(T_BIAS), mix(hashStr(T_W, w)), mix(hashStr(T_L, l))];
  for (let k = 1; k <= MAX_AFFIX && k < wl; k++) {
    own.push(mix(hashStr(hashInt(T_PRE, k), l.slice(0, k))));
    own.push(mix(hashStr(hashInt(T_SUF, k), l.slice(wl - k))));
  }
  if (wl < MAX_FULL_SHAPE) own.push(mix(hashStr(T_SHAPE, shape)));
  own.push(mix(hashStr(T_SSHAPE, ss)));
  own.push(mix(hashInt(T_CLS, cls)));
  own.push(mix(hashInt(T_LEN, Math.min(wl, 10))));
  const clu = clustersOf(w);
  if (clu) for (let k = 0; k < clu.length; k++) own.push(mix(hashInt(hashInt(T_CLU, k), clu[k])));
  const hy = l.indexOf('-');
  if (hy > 0 && hy < wl - 1) {
    const lastHy = l.lastIndexOf('-');
    own.push(mix(hashStr(T_HY_FIRST, l.slice(0, hy))));
    own.push(mix(hashStr(T_HY_LAST, l.slice(lastHy + 1))));
    own.push(mix(hashStr(T_HY_LAST_SS, shortShape(wordShape(w.slice(lastHy + 1))))));
  }
  const ap = w.indexOf("'");
  if (ap > 0 && ap < wl - 1) own.push(mix(hashStr(T_APOS, shortShape(wordShape(w.slice(0, ap + 2))))));
  const nb = neighbourIds(l, ss);
  if (clu) {
    nb.asM1.push(mix(hashInt(T_CLU_M1, clu[NEIGHBOUR_GRANULARITY])));
    nb.asP1.push(mix(hashInt(T_CLU_P1, clu[NEIGHBOUR_GRANULARITY])));
  }
  return wordInfoOf(w, l, gazKey(w), ss, cls, wordFlags(w, l), own, nb, hashStr(T_BI_P1, l), hashStr(T_SS0_P1, ss));
}

/** One constructor for every WordInfo, so all share one object shape (fast property access). */
function wordInfoOf(
  w: string,
  l: string,
  key: string,
  ss: string,
  cls: number,
  flags: number,
  own: number[],
  nb: ReturnType<typeof neighbourIds>,
  hBiP1: number,
  hSs0P1: number,
): WordInfo {
  return {
    w,
    l,
    key,
    ss,
    cls,
    flags,
    own,
    asM1: nb.asM1,
    asP1: nb.asP1,
    asM2: nb.asM2,
    asP2: nb.asP2,
    hBiM1: nb.hBiM1,
    hBiP1,
    hM1Ss0: nb.hM1Ss0,
    hSs0P1,
    hSsTri: nb.hSsTri,
  };
}

/** The pseudo-word standing before the first token (`<s>`) or after the last (`</s>`) of a sentence. */
export function boundaryInfo(end: boolean): WordInfo {
  const b = end ? EOS : BOS;
  return wordInfoOf(b, b, b, b, 0, 0, [], neighbourIds(b, b), 0, 0);
}

/**
 * `contextFeatures` given the word's two `DocContext` counts (`capMid`, `lowerSeen` of its lower
 * form) rather than the maps: the tagger keeps them in arrays under lower-form ids.
 */
export function contextFeaturesOf(
  infos: WordInfo[],
  i: number,
  line: number,
  gm: Uint16Array,
  capMid: number,
  lowerSeen: number,
  bos: WordInfo,
  eos: WordInfo,
  out: FeatureBuffer,
): void {
  const n = infos.length;
  const t = infos[i];
  const { l, ss, cls } = t;
  const m1 = i > 0 ? infos[i - 1] : bos;
  const p1 = i + 1 < n ? infos[i + 1] : eos;
  out.push(hashInt(hashInt(T_FIRST_CLS, i === 0 ? 1 : 0), cls));
  out.push(hashStr(hashInt(T_LINE_SS, line), ss));
  if (line !== LINE_NORMAL) out.push(hashStr(hashInt(T_LINE_L, line), l));
  out.push(hashStr(hashStr(m1.hSsTri, ss), p1.ss));
  gazetteerAndCounts(gm, i, n, t.w, ss, capMid, lowerSeen, out);
}

/** How many features a word pair gives: two to the left word, then two to the right word. */
export const PAIR_FEATURES = 4;

/** `pairFeatures` written flat into `out[at..at + PAIR_FEATURES)` (the tagger's fast path: no arrays per pair). */
export function writePairFeatures(left: WordInfo, right: WordInfo, out: Uint32Array, at: number): void {
  // three templates fold the right word's lower form: one pass over it computes all three (`hashStr` each)
  const l = right.l;
  let h0 = left.hBiP1;
  let h1 = left.hSs0P1;
  let h2 = left.hBiM1;
  for (let i = 0; i < l.length; i++) {
    const c = l.charCodeAt(i);
    h0 = Math.imul(h0 ^ c, FNV_PRIME);
    h1 = Math.imul(h1 ^ c, FNV_PRIME);
    h2 = Math.imul(h2 ^ c, FNV_PRIME);
  }
  out[at] = mix(h0);
  out[at + 1] = mix(h1);
  out[at + 2] = mix(h2);
  out[at + 3] = mix(hashStr(left.hM1Ss0, right.ss));
}

/** `lineClass` of a sentence of cached words, read from their flags (the tagger's fast path). */
export function lineClassOf(infos: WordInfo[]): number {
  let letters = 0;
  let caps = 0;
  let lowerOnly = 0;
  let initCap = 0;
  let longWords = 0;
  let longLetterWord = false;
  for (let i = 0; i < infos.length; i++) {
    const f = infos[i].flags;
    if (!(f & WF_LETTER)) continue;
    letters++;
    const lo = (f & WF_LOWER) !== 0;
    const up = (f & WF_UPPER) !== 0;
    if (up && !lo) caps++;
    if (lo && !up) lowerOnly++;
    const len = infos[i].w.length;
    if (len > 1) longLetterWord = true;
    if (len > 3) {
      longWords++;
      if (f & WF_STARTS_UPPER) initCap++;
    }
  }
  if (letters === 0) return LINE_NORMAL;
  if (caps === letters && longLetterWord) return LINE_CAPS;
  if (lowerOnly === letters && letters >= 3) return LINE_LOWER;
  if (longWords >= 3 && initCap / longWords >= TITLE_CASE_SHARE) return LINE_TITLE;
  return LINE_NORMAL;
}
