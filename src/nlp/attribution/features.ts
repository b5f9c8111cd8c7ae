/**
 * Features of the attribution model, read from the token layer and the recogniser's tags.
 *
 * `TokenView` computes, once per document, what every feature needs per token: the lower-cased
 * word's hash, a coarse class, whether the token is a reporting verb (`data/lexicons/
 * reporting-verbs.json`), whether it lies inside a quotation, its entity tag and its sentence and
 * paragraph. Features are then integers folded together (`../hashing.ts`), so extraction makes
 * no strings.
 *
 * Two feature sets:
 * - cue features: is token i (part of) an attribution cue ("said", "according to", "believes")?
 * - role features: given a cue, is token j part of its source, its content, or neither? They
 *   read the token against the cue: which side, how far, what lies between (quotation marks,
 *   commas, "that", other cues, a sentence break).
 */
import type { Doc } from '../../model/doc.ts';
import { REPORTING_VERBS } from '../../lexicon/reporting-verbs.ts';
import { wordSet } from '../../lexicon/load.ts';
import { FNV_OFFSET, FNV_PRIME, hashStr } from '../hashing.ts';

/** Coarse token classes, the model's stand-in for parts of speech at clause boundaries. */
export const Cls = {
  Word: 1,
  Cap: 2,
  Number: 3,
  OpenMark: 4,
  CloseMark: 5,
  Comma: 6,
  Colon: 7,
  Stop: 8,
  Dash: 9,
  Other: 10,
} as const;
export type Cls = (typeof Cls)[keyof typeof Cls];

const OPEN_MARKS = '“«‘„`';
/**
 * Words that open a clause trailing an attribution ("…, officials said, after talks failed"):
 * `data/lexicons/hedges.json`.
 */
const TRAILING_SUBORDINATORS: ReadonlySet<string> = wordSet('hedges', 'trailingSubordinators');

/** Characters typed twice for a double quotation mark in plain-text news ('' and ``). */
const DOUBLED_MARK_HALVES = "'`";
const CLOSE_MARKS = '”»’';

function classOf(t: string): Cls {
  const c = t.charCodeAt(0);
  if (t.length === 1) {
    if (OPEN_MARKS.includes(t)) return Cls.OpenMark;
    if (CLOSE_MARKS.includes(t)) return Cls.CloseMark;
    if (t === '"' || t === "'") return Cls.OpenMark; // straight marks: resolved by position below
    if (t === ',') return Cls.Comma;
    if (t === ':' || t === ';') return Cls.Colon;
    if (t === '.' || t === '!' || t === '?') return Cls.Stop;
    if (t === '—' || t === '–' || t === '-') return Cls.Dash;
  }
  if (c >= 48 && c <= 57) return Cls.Number;
  if (c >= 65 && c <= 90) return Cls.Cap;
  if (c >= 97 && c <= 122) return Cls.Word;
  if (c < 128) return Cls.Other;
  if (/^\p{Lu}/u.test(t)) return Cls.Cap;
  if (/^\p{L}/u.test(t)) return Cls.Word;
  return Cls.Other;
}

const OPEN_HASH = hashStr(FNV_OFFSET, '<open-quote>');
const CLOSE_HASH = hashStr(FNV_OFFSET, '<close-quote>');

/**
 * Heuristic "plural possessive": a ’ right after a word ending in s and before a lower-case word
 * ("the drivers’ pay") is an apostrophe, not the end of a quotation.
 */
function pluralPossessive(doc: Doc, i: number): boolean {
  if (i === 0 || i + 1 >= doc.tokens.length || doc.tokenText(i) !== '’') return false;
  const prev = doc.tokens[i - 1];
  const next = doc.tokens[i + 1];
  return (
    prev.end === doc.tokens[i].start &&
    /s$/i.test(doc.tokenText(i - 1)) &&
    next.start > doc.tokens[i].end &&
    /^\p{Ll}/u.test(doc.tokenText(i + 1))
  );
}

/** Whether token i is the second half of a doubled mark ('' or ``) typed as two characters. */
function secondHalfAt(doc: Doc, i: number): boolean {
  const t = doc.tokenText(i);
  return DOUBLED_MARK_HALVES.includes(t) && doc.tokenText(i - 1) === t && doc.tokens[i - 1].end === doc.tokens[i].start;
}

/** FNV-1a of the last `k` characters of `s` (its suffix), without slicing it. */
function hashTail(s: string, k: number): number {
  let h = FNV_OFFSET;
  for (let i = Math.max(0, s.length - k); i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Entity tag type as a small integer (0: none), from a `B-PERSON`-style tag. */
function tagType(tag: string | undefined): number {
  if (!tag || tag === 'O') return 0;
  switch (tag.slice(2)) {
    case 'PERSON':
      return 1;
    case 'ORG':
      return 2;
    case 'GPE':
    case 'LOC':
      return 3;
    default:
      return 4;
  }
}

/** Per-token facts of one document, computed once. */
export class TokenView {
  readonly n: number;
  /** Hash of the lower-cased word. */
  readonly word: Int32Array;
  readonly cls: Uint8Array;
  /** Hash of the reporting verb's lemma, 0 when the token is none. */
  readonly verb: Int32Array;
  /** 1 inside a quotation (the marks themselves included). */
  readonly quoted: Uint8Array;
  /** Entity tag type (0 none, 1 person, 2 org, 3 place, 4 other) and whether it begins a name (+8). */
  readonly tag: Uint8Array;
  readonly sentence: Int32Array;
  readonly block: Int32Array;
  /** Hash of the word's last three letters. */
  readonly suffix: Int32Array;
  /**
   * For a token inside a quotation: the token index of its opening mark and the index just past
   * its closing mark (the paragraph's end when it does not close); -1 outside quotations.
   */
  readonly quoteOpen: Int32Array;
  readonly quoteClose: Int32Array;
  /** Running counts (prefix sums) of quotation marks, commas and the word "that", for "what lies between". */
  readonly marksBefore: Int32Array;
  readonly commasBefore: Int32Array;
  readonly thatBefore: Int32Array;
  /** 1 for a word that opens a trailing clause after an attribution ("after", "as", "citing"). */
  readonly subordinator: Uint8Array;

  constructor(doc: Doc) {
    const n = doc.tokens.length;
    this.n = n;
    this.word = new Int32Array(n);
    this.cls = new Uint8Array(n);
    this.verb = new Int32Array(n);
    this.quoted = new Uint8Array(n);
    this.tag = new Uint8Array(n);
    this.sentence = new Int32Array(n);
    this.block = new Int32Array(n);
    this.suffix = new Int32Array(n);
    this.marksBefore = new Int32Array(n + 1);
    this.commasBefore = new Int32Array(n + 1);
    this.thatBefore = new Int32Array(n + 1);
    this.subordinator = new Uint8Array(n);
    this.quoteOpen = new Int32Array(n).fill(-1);
    this.quoteClose = new Int32Array(n).fill(-1);
    let openAt = -1;
    const closeQuote = (end: number) => {
      for (let k = openAt; k < end; k++) {
        this.quoteOpen[k] = openAt;
        this.quoteClose[k] = end;
      }
      openAt = -1;
    };
    const thatHash = hashStr(FNV_OFFSET, 'that');
    let open = false;
    let lastBlock = -1;
    let block = 0;
    for (let i = 0; i < n; i++) {
      const t = doc.tokenText(i);
      const lower = doc.lower(i);
      this.word[i] = hashStr(FNV_OFFSET, lower);
      this.suffix[i] = hashTail(lower, 3);
      const lemma = REPORTING_VERBS.get(lower);
      this.verb[i] = lemma ? hashStr(FNV_OFFSET, lemma) : 0;
      const tag = doc.tokenTags[i];
      this.tag[i] = tagType(tag) + (tag?.startsWith('B-') ? 8 : 0);
      this.sentence[i] = doc.sentenceOfToken(i);
      while (block + 1 < doc.blocks.length && doc.blocks[block + 1].start <= doc.tokens[i].start) block++;
      const b = block;
      this.block[i] = b;
      if (b !== lastBlock) {
        if (openAt >= 0) closeQuote(i);
        open = false; // a quotation runs on into the next paragraph only by opening again
        lastBlock = b;
      }
      let cls: Cls = classOf(t);
      // A doubled mark typed as two characters ('' or ``) is one mark: its second half follows the first.
      const secondHalf = i > 0 && secondHalfAt(doc, i);
      if (secondHalf) {
        cls = this.cls[i - 1] as Cls;
        this.quoted[i] = 1;
      } else if ((cls === Cls.CloseMark && !open) || (cls === Cls.CloseMark && pluralPossessive(doc, i))) {
        // A closing mark with no quotation open, or "the drivers’ pay" inside one, is an apostrophe.
        cls = Cls.Other;
        this.quoted[i] = open ? 1 : 0;
      } else if (cls === Cls.OpenMark || cls === Cls.CloseMark) {
        const straight = t === '"' || t === "'";
        const closing: boolean = straight ? open : cls === Cls.CloseMark;
        cls = closing ? Cls.CloseMark : Cls.OpenMark;
        this.quoted[i] = 1;
        open = !closing;
        if (!closing) openAt = i;
        else if (openAt >= 0) closeQuote(i + 1 < n && secondHalfAt(doc, i + 1) ? i + 2 : i + 1);
      } else {
        this.quoted[i] = open ? 1 : 0;
      }
      this.cls[i] = cls;
      // Marks read as their role, whatever their style: “ ‘ « and " open alike.
      if (cls === Cls.OpenMark || cls === Cls.CloseMark) this.word[i] = cls === Cls.OpenMark ? OPEN_HASH : CLOSE_HASH;
      const isMark = !secondHalf && (cls === Cls.OpenMark || cls === Cls.CloseMark);
      this.marksBefore[i + 1] = this.marksBefore[i] + (isMark ? 1 : 0);
      this.commasBefore[i + 1] = this.commasBefore[i] + (cls === Cls.Comma ? 1 : 0);
      this.thatBefore[i + 1] = this.thatBefore[i] + (this.word[i] === thatHash ? 1 : 0);
      if (TRAILING_SUBORDINATORS.has(lower)) this.subordinator[i] = 1;
    }
    if (openAt >= 0) closeQuote(n);
  }
}

/**
 * The features of one token, as 32-bit keys: a typed array reused token after token (an array of
 * numbers would box keys outside V8's small-integer range, one allocation per feature).
 */
export class Features {
  keys = new Int32Array(64);
  n = 0;
  clear(): void {
    this.n = 0;
  }
  push(key: number): void {
    this.keys[this.n++] = key;
  }
}

/** Feature templates: each a distinct seed. */
const T = {
  Bias: 1,
  W: 2,
  WPrev: 3,
  WNext: 4,
  WPrev2: 5,
  WNext2: 6,
  Bigram: 7,
  BigramNext: 8,
  Suffix: 9,
  Class: 10,
  Verb: 11,
  VerbNext: 12,
  Quoted: 13,
  QuotedW: 14,
  TagPrev: 15,
  Tag: 16,
  QuoteNear: 110,
  WNext3: 112,
  ThatSoon: 113,
  TagsBefore: 114,
  VerbWNext: 115,
  ClassNext2: 116,
  QuoteNearSuffix: 111,
  ClassPrevNext: 17,
  RDist: 18,
  RCueDist: 19,
  RWord: 20,
  RTag: 21,
  RClass: 22,
  RQuote: 23,
  RMarks: 24,
  RCommas: 25,
  RSents: 26,
  RCues: 27,
  RWordPrev: 28,
  RWordNext: 29,
  RThat: 30,
  RCueWord: 31,
  RBlock: 32,
  RCueTag: 33,
  RCueClassNext: 34,
  RBigram: 100,
  REdge: 101,
  RNextClass: 102,
  RCueFrame: 103,
  RTagDist: 104,
  RCueDistClass: 106,
  RQuoteState: 107,
  RCueQuoteClass: 35,
} as const;

/**
 * One multiply-xorshift round: folds an integer (a small code or a word's hash) into a feature
 * key. Cheaper than FNV over the integer's bytes, and spread well enough for bucket indices.
 */
function fold(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/** Template numbers stay below this. */
const MAX_TEMPLATES = 128;
/** The key each template starts from, for no side (0) and for each side of a cue (1 left, 2 right). */
const BASES = new Int32Array(MAX_TEMPLATES * 3);
for (let t = 0; t < MAX_TEMPLATES; t++)
  for (let side = 0; side < 3; side++) BASES[t * 3 + side] = fold(fold(0x2545f491, t), side);

const h2 = (t: number, a: number) => fold(BASES[t * 3], a);
const h3 = (t: number, a: number, b: number) => fold(fold(BASES[t * 3], a), b);
const h4 = (t: number, a: number, b: number, c: number) => fold(fold(fold(BASES[t * 3], a), b), c);
/** A role feature: template and side from the table, then the values. */
const r1 = (t: number, side: number, a: number) => fold(BASES[t * 3 + side], a);
const r2 = (t: number, side: number, a: number, b: number) => fold(fold(BASES[t * 3 + side], a), b);

/** Out-of-range neighbours read as these. */
const EDGE = 0x5eed;

/** The word hash of token k, EDGE past either end. */
function wordAt(v: TokenView, k: number): number {
  return k >= 0 && k < v.n ? v.word[k] : EDGE;
}

/** The class of token k, 0 past either end. */
function classAt(v: TokenView, k: number): number {
  return k >= 0 && k < v.n ? v.cls[k] : 0;
}

/** Features of token i as (part of) a cue, pushed onto `out`. */
export function cueFeatures(v: TokenView, i: number, out: Features): void {
  out.push(h2(T.Bias, 0));
  out.push(h2(T.W, v.word[i]));
  out.push(h2(T.WPrev, wordAt(v, i - 1)));
  out.push(h2(T.WNext, wordAt(v, i + 1)));
  out.push(h2(T.WPrev2, wordAt(v, i - 2)));
  out.push(h2(T.WNext2, wordAt(v, i + 2)));
  out.push(h3(T.Bigram, wordAt(v, i - 1), v.word[i]));
  out.push(h3(T.BigramNext, v.word[i], wordAt(v, i + 1)));
  out.push(h2(T.Suffix, v.suffix[i]));
  out.push(h2(T.Class, v.cls[i]));
  out.push(h2(T.Verb, v.verb[i]));
  out.push(h3(T.VerbNext, v.verb[i] ? 1 : 0, classAt(v, i + 1)));
  out.push(h2(T.Quoted, v.quoted[i]));
  out.push(h3(T.QuotedW, v.quoted[i], v.word[i]));
  out.push(h2(T.TagPrev, i > 0 ? v.tag[i - 1] : 99));
  out.push(h2(T.Tag, v.tag[i]));
  out.push(h4(T.ClassPrevNext, classAt(v, i - 1), v.cls[i], classAt(v, i + 1)));
  // A quotation opening just after, or closing just before: "said: “…", "…,” she added.
  const near =
    (v.marksBefore[Math.min(v.n, i + 4)] > v.marksBefore[i + 1] ? 1 : 0) +
    (v.marksBefore[i] > v.marksBefore[Math.max(0, i - 3)] ? 2 : 0);
  out.push(h3(T.QuoteNear, near, v.cls[i]));
  out.push(h3(T.QuoteNearSuffix, near, v.suffix[i]));
  out.push(h2(T.WNext3, wordAt(v, i + 3)));
  const that = v.thatBefore[Math.min(v.n, i + 4)] - v.thatBefore[i + 1] > 0 ? 1 : 0;
  out.push(h3(T.ThatSoon, that, v.cls[i]));
  out.push(h3(T.TagsBefore, i > 0 ? v.tag[i - 1] & 7 : 9, i > 1 ? v.tag[i - 2] & 7 : 9));
  out.push(h3(T.VerbWNext, v.verb[i], wordAt(v, i + 1)));
  out.push(h4(T.ClassNext2, v.cls[i], classAt(v, i + 1), classAt(v, i + 2)));
}

/** Distance buckets: 1, 2, 3, 4–5, 6–8, 9–13, 14–20, 21–30, more. */
function distBucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 5) return 4;
  if (d <= 8) return 5;
  if (d <= 13) return 6;
  if (d <= 20) return 7;
  if (d <= 30) return 8;
  return 9;
}

const cap = (x: number, max: number) => (x > max ? max : x);

/** A cue: tokens [start, end) of the view. */
export interface CueSpan {
  start: number;
  end: number;
}

/**
 * Features of token j for the cue's roles (source, content), pushed onto `out`. `cuesBefore` is
 * the running count of cue tokens (prefix sums), so "another cue lies between" is one subtraction.
 */
export function roleFeatures(v: TokenView, cue: CueSpan, cuesBefore: Int32Array, j: number, out: Features): void {
  const left = j < cue.start;
  const side = left ? 1 : 2;
  const lo = left ? j + 1 : cue.end;
  const hi = left ? cue.start : j;
  const dist = distBucket(left ? cue.start - j : j - cue.end + 1);
  const head = v.word[cue.start];
  const verb = v.verb[cue.start] || v.verb[cue.end - 1];
  const marks = cap(v.marksBefore[hi] - v.marksBefore[lo], 3);
  const commas = cap(v.commasBefore[hi] - v.commasBefore[lo], 3);
  const sents = cap(Math.abs(v.sentence[j] - v.sentence[cue.start]), 3);
  const cues = cap(cuesBefore[hi] - cuesBefore[lo], 2);
  const that = cap(v.thatBefore[hi] - v.thatBefore[lo], 1);
  const cueKey = verb || head;
  out.push(r1(T.RDist, side, dist));
  out.push(r2(T.RCueDist, side, cueKey, dist));
  out.push(r1(T.RWord, side, v.word[j]));
  out.push(r2(T.RTag, side, v.tag[j], dist > 5 ? 1 : 0));
  out.push(r1(T.RClass, side, v.cls[j]));
  out.push(r2(T.RQuote, side, v.quoted[j], v.quoted[cue.start]));
  out.push(r2(T.RMarks, side, marks, v.quoted[j]));
  out.push(r1(T.RCommas, side, commas));
  out.push(r2(T.RSents, side, sents, marks));
  out.push(r2(T.RCues, side, cues, sents));
  out.push(r1(T.RWordPrev, side, wordAt(v, j - 1)));
  out.push(r1(T.RWordNext, side, wordAt(v, j + 1)));
  out.push(r2(T.RThat, side, that, commas));
  if (dist <= 3) out.push(r2(T.RCueWord, side, cueKey, v.word[j]));
  out.push(r1(T.RBlock, side, v.block[j] === v.block[cue.start] ? 1 : 0));
  out.push(r2(T.RCueTag, side, cueKey, v.tag[j] & 7));
  out.push(r2(T.RCueClassNext, side, cueKey, v.cls[cue.end] ?? 0));
  out.push(r2(T.RCueQuoteClass, side, v.quoted[cue.start], v.cls[j]));
  out.push(r2(T.RBigram, side, wordAt(v, j - 1), v.word[j]));
  const first = j === 0 || v.sentence[j - 1] !== v.sentence[j] ? 1 : 0;
  const last = j === v.n - 1 || v.sentence[j + 1] !== v.sentence[j] ? 2 : 0;
  out.push(r2(T.REdge, side, first + last, sents));
  out.push(r2(T.RNextClass, side, v.cls[j], j + 1 < v.n ? v.cls[j + 1] : 0));
  const frame = (cue.start > 0 ? v.cls[cue.start - 1] : 0) * 16 + (cue.end < v.n ? v.cls[cue.end] : 0);
  out.push(r2(T.RCueFrame, side, frame, dist));
  out.push(r2(T.RTagDist, side, v.tag[j], dist));
  out.push(fold(r2(T.RCueDistClass, side, cueKey, dist), v.cls[j]));
  out.push(fold(r2(T.RQuoteState, side, v.quoted[j] * 2 + v.quoted[cue.start], marks), sents));
}
