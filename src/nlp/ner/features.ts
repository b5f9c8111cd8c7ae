/**
 * Feature extraction for the entity tagger.
 *
 * Features are hashed, never stored as strings: each template has a seed, and the text it reads
 * is folded into a 32-bit FNV-1a hash, so extraction allocates almost nothing and the model is a
 * flat weight table (see `model.ts`). The templates are the classic strong ones for NER (Ratinov
 * and Roth 2009; Stanford NER): word form, lower case, affixes, word shape, casing in context,
 * neighbouring words and shapes, gazetteer matches, and document-level context.
 */
import { GAZ_KINDS, GAZ, gazKey, type Gazetteer } from './gazetteer.ts';

/** The tagger's labels: IOB2 over the four CoNLL types (index 0 is O). */
export const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export const N_LABELS = LABELS.length;
export const CONLL_TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;

/** Longest affix (prefix/suffix) used as a feature: 4 covers "-stan", "-ovic", "-berg". */
export const MAX_AFFIX = 4;
/** Words this long or longer are shape-compressed only: full shapes of long words are sparse. */
export const MAX_FULL_SHAPE = 12;
/** Title words: a later "Mr X" confirms an earlier bare "X" as a person (document feature). */
export const PERSON_TITLES = new Set([
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'dr',
  'dr.',
  'sir',
  'dame',
  'lord',
  'lady',
  'president',
  'minister',
  'prime',
  'senator',
  'sen.',
  'rep.',
  'gen.',
  'general',
  'col.',
  'colonel',
  'captain',
  'capt.',
  'sheikh',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'rabbi',
  'imam',
  'judge',
  'chancellor',
  'governor',
  'gov.',
  'mayor',
  'coach',
  'secretary',
  'ambassador',
  'envoy',
  'said',
]);

/** Sentence casing classes: headlines in capitals or title case behave unlike running text. */
export const LINE_NORMAL = 0;
export const LINE_CAPS = 1;
export const LINE_LOWER = 2;
export const LINE_TITLE = 3;
/** Share of capitalised words above which a multi-word line reads as a title-case headline. */
const TITLE_CASE_SHARE = 0.75;
/** Tokens after which a capitalised word may be sentence-initial (with ":"; see `DocContext`). */
const OPENER_TOKEN = /^["'([-]$/;

// ---------------------------------------------------------------------------------------------
// Hashing

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Folds a string into a running FNV-1a hash. */
export function hashStr(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** Folds an integer into a running hash. */
export function hashInt(h: number, v: number): number {
  h ^= v & 0xffff;
  h = Math.imul(h, FNV_PRIME);
  h ^= v >>> 16;
  return Math.imul(h, FNV_PRIME);
}

/** Final avalanche (murmur3 fmix32) so low bits index buckets evenly. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

let templateCount = 0;
/** A template seed: distinct per template, stable across runs (declaration order). */
function T(): number {
  templateCount++;
  return hashInt(FNV_OFFSET, templateCount * 7919);
}

const T_BIAS = T();
const T_W = T();
const T_L = T();
const T_PRE = T();
const T_SUF = T();
const T_SHAPE = T();
const T_SSHAPE = T();
const T_CLS = T();
const T_FIRST_CLS = T();
const T_LINE_SS = T();
const T_LINE_L = T();
const T_L_M1 = T();
const T_L_P1 = T();
const T_L_M2 = T();
const T_L_P2 = T();
const T_SS_M1 = T();
const T_SS_P1 = T();
const T_SS_TRI = T();
const T_BI_M1 = T();
const T_BI_P1 = T();
const T_M1_SS0 = T();
const T_SS0_P1 = T();
const T_HY_FIRST = T();
const T_HY_LAST = T();
const T_HY_LAST_SS = T();
const T_APOS = T();
const T_GAZ = T();
const T_GAZ_CAP = T();
const T_GAZ_M1 = T();
const T_GAZ_P1 = T();
const T_DOC_CAP = T();
const T_DOC_LOW = T();
const T_DOC_BOTH = T();
const T_LEN = T();
// second-pass (document consistency) templates
const T_D2_SELF = T();
const T_D2_ANY = T();
const T_D2_MAJ = T();
const T_D2_TITLED = T();
const T_D2_SELF_M1 = T();
const T_D2_SELF_P1 = T();
const T_D2_MAJ_SS = T();

// ---------------------------------------------------------------------------------------------
// Word classes

/** The form features see: typographic quotes and dashes folded to ASCII. */
export function normalizeToken(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  return s
    .replace(/[‘’ʼ‛`´]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-');
}

/** Word shape: X for capitals, x for lower case, d for digits, other characters kept. */
export function wordShape(w: string): string {
  let s = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) s += 'X';
    else if (c >= 97 && c <= 122) s += 'x';
    else if (c >= 48 && c <= 57) s += 'd';
    else if (c > 127) {
      const ch = w[i];
      s += ch.toLowerCase() !== ch ? 'X' : ch.toUpperCase() !== ch ? 'x' : ch;
    } else s += w[i];
  }
  return s;
}

/** Shape with runs of the same class collapsed: "Xxxxx" → "Xx", "dd-dd" → "d-d". */
export function shortShape(shape: string): string {
  let s = '';
  let prev = '';
  for (let i = 0; i < shape.length; i++) {
    const c = shape[i];
    if (c !== prev) s += c;
    prev = c;
  }
  return s;
}

function isUpperCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c > 127 && String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c));
}
function isLowerCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c > 127 && String.fromCharCode(c).toUpperCase() !== String.fromCharCode(c));
}

/** Small integer class of a token's casing and characters (bit set). */
export function tokenClass(w: string): number {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let hyphen = 0;
  let apos = 0;
  let period = 0;
  let other = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (isUpperCode(c)) upper++;
    else if (isLowerCode(c)) lower++;
    else if (c >= 48 && c <= 57) digit++;
    else if (c === 45) hyphen++;
    else if (c === 39) apos++;
    else if (c === 46) period++;
    else other++;
  }
  const first = w.charCodeAt(0);
  let cls = 0;
  if (isUpperCode(first)) cls |= 1;
  if (upper > 0 && lower === 0) cls |= 2;
  if (upper > 1 && lower > 0) cls |= 4;
  if (digit > 0) cls |= 8;
  if (hyphen > 0) cls |= 16;
  if (apos > 0) cls |= 32;
  if (period > 0) cls |= 64;
  if (upper + lower + digit === 0) cls |= 128;
  if (other > 0) cls |= 256;
  return cls;
}

/** Whether a token has letters and its first letter is a capital. */
function startsUpper(w: string): boolean {
  return isUpperCode(w.charCodeAt(0));
}
function hasLetter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (isUpperCode(c) || isLowerCode(c)) return true;
  }
  return false;
}
function hasLower(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (isLowerCode(w.charCodeAt(i))) return true;
  return false;
}
function hasUpper(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (isUpperCode(w.charCodeAt(i))) return true;
  return false;
}

/** The casing class of a sentence: all capitals, all lower case, title case, or running text. */
export function lineClass(words: string[]): number {
  let letters = 0;
  let caps = 0;
  let lowerOnly = 0;
  let initCap = 0;
  let longWords = 0;
  for (const w of words) {
    if (!hasLetter(w)) continue;
    letters++;
    const lo = hasLower(w);
    const up = hasUpper(w);
    if (up && !lo) caps++;
    if (lo && !up) lowerOnly++;
    if (w.length > 3) {
      longWords++;
      if (startsUpper(w)) initCap++;
    }
  }
  if (letters === 0) return LINE_NORMAL;
  if (caps === letters && words.some((w) => w.length > 1 && hasLetter(w))) return LINE_CAPS;
  if (lowerOnly === letters && letters >= 3) return LINE_LOWER;
  if (longWords >= 3 && initCap / longWords >= TITLE_CASE_SHARE) return LINE_TITLE;
  return LINE_NORMAL;
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

export function sentenceView(raw: string[]): SentenceView {
  const words = raw.map(normalizeToken);
  const lower = words.map((w) => w.toLowerCase());
  const keys = words.map(gazKey);
  const sshape = words.map((w) => shortShape(wordShape(w)));
  return { words, lower, keys, sshape, line: lineClass(words) };
}

/** A growable list of hashed features, one token after another. */
export class FeatureBuffer {
  feats: Int32Array;
  /** offsets[i]..offsets[i+1] are token i's features. */
  offsets: Int32Array;
  n = 0;
  len = 0;

  constructor(capacity = 1024) {
    this.feats = new Int32Array(capacity);
    this.offsets = new Int32Array(65);
  }

  reset(nTokens: number): void {
    this.n = 0;
    this.len = 0;
    if (this.offsets.length < nTokens + 1) this.offsets = new Int32Array(nTokens * 2 + 1);
    this.offsets[0] = 0;
  }

  push(h: number): void {
    if (this.len === this.feats.length) {
      const f = new Int32Array(this.feats.length * 2);
      f.set(this.feats);
      this.feats = f;
    }
    this.feats[this.len++] = mix(h);
  }

  /** Appends a feature already mixed (copied from another buffer). */
  pushMixed(h: number): void {
    if (this.len === this.feats.length) {
      const f = new Int32Array(this.feats.length * 2);
      f.set(this.feats);
      this.feats = f;
    }
    this.feats[this.len++] = h;
  }

  endToken(): void {
    this.n++;
    this.offsets[this.n] = this.len;
  }
}

const BOS = '<s>';
const EOS = '</s>';

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

/** Label type index 1..4 (PER, LOC, ORG, MISC) of a label index, 0 for O. */
export function labelType(y: number): number {
  return (y + 1) >> 1;
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

/** Hashed features of one sentence, token by token (a frozen FeatureBuffer). */
export interface SentenceFeatures {
  feats: Int32Array;
  offsets: Int32Array;
  n: number;
}

/** A frozen copy of the buffer's current contents. */
export function freeze(buf: FeatureBuffer): SentenceFeatures {
  return { feats: buf.feats.slice(0, buf.len), offsets: buf.offsets.slice(0, buf.n + 1), n: buf.n };
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

// ---------------------------------------------------------------------------------------------
// Inference decomposition: the same features as `staticFeatures`, split by what they depend on,
// so a tagger can cache per word form the weights of everything that depends on the word alone
// (see `Tagger`). `staticFeatures` stays the reference (training reads it; a test checks that the
// parts below add up to it, feature for feature).

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
 * The features of token `i` of a sentence that depend on its context (sentence, shapes around it,
 * gazetteer matches, document) other than word pairs (`pairFeatures`).
 */
export function contextFeatures(
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
function gazetteerAndCounts(
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
 * The features a pair of adjacent words gives: to the left word (`[0]`: it and its right
 * neighbour) and to the right word (`[1]`: its left neighbour and it). With `contextFeatures`,
 * the own features and the neighbour roles, exactly a token's `staticFeatures`.
 */
export function pairFeatures(left: WordInfo, right: WordInfo): [number[], number[]] {
  const ids = new Uint32Array(PAIR_FEATURES);
  writePairFeatures(left, right, ids, 0);
  return [
    [ids[0], ids[1]],
    [ids[2], ids[3]],
  ];
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
