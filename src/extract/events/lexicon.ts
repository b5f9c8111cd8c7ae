/**
 * The PLOVER trigger lexicon (`data/lexicons/plover/triggers.tsv`): word patterns that name an
 * event, each coded to a PLOVER type, mode and context with a confidence weight.
 *
 * Patterns are compiled once into token matchers; `matchTriggers` finds every match in a
 * sentence and keeps the best non-overlapping set (longer and more confident cues win).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Tok } from './tokens.ts';

export type TriggerPos = 'V' | 'N' | 'P';

export interface LexEntry {
  pattern: string;
  pos: TriggerPos;
  type: string;
  mode: string;
  context: string;
  weight: number;
  matchers: Matcher[];
}

interface Matcher {
  optional: boolean;
  gap: boolean;
  test: (w: string) => boolean;
  /** Words the matcher accepts as they are, and word beginnings it accepts (for the first-word index). */
  exact?: Set<string>;
  prefixes?: string[];
}

export interface TriggerMatch {
  entry: LexEntry;
  /** Token indices `[from, to)` in the sentence. */
  from: number;
  to: number;
}

/** Largest number of words a `...` gap in a pattern may skip. */
const MAX_GAP = 3;
/** Quotation marks are skipped when matching cues. */
const QUOTE_MARK = /^['‘’"“”`]+$/;

/** Whether a token opens with a character of QUOTE_MARK (checked before running it on every token). */
function mayBeQuoteMark(t: string): boolean {
  const c = t.charCodeAt(0);
  return (
    c === 39 /* ' */ ||
    c === 34 /* " */ ||
    c === 96 /* ` */ ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x201c ||
    c === 0x201d
  );
}

/** The trigger lexicon: one pattern a line, tab-separated pattern, part of speech, type, mode, context, weight. */
export const LEXICON_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/lexicons/plover/triggers.tsv',
);

/** Regular inflections of a verb ("attack" → attacks, attacked, attacking; "urge" → urged, urging; "cry" → cried). */
export function verbForms(w: string): string[] {
  const f = new Set([w, w + 's', w + 'es', w + 'ed', w + 'd', w + 'ing']);
  if (w.endsWith('e')) f.add(w.slice(0, -1) + 'ing');
  if (w.endsWith('y')) {
    f.add(w.slice(0, -1) + 'ied');
    f.add(w.slice(0, -1) + 'ies');
  }
  if (/[^aeiou][aeiou][bdgklmnprt]$/.test(w)) {
    f.add(w + w.slice(-1) + 'ed');
    f.add(w + w.slice(-1) + 'ing');
  }
  return [...f];
}

/** The matcher of one pattern token: `...` a gap, `?` optional, `a|b` alternatives, `w+` verb forms, `w*` a prefix. */
function compileToken(tok: string): Matcher {
  if (tok.startsWith('...')) return { optional: true, gap: true, test: (w) => /[\p{L}\p{N}]/u.test(w) };
  let optional = false;
  if (tok.endsWith('?')) {
    optional = true;
    tok = tok.slice(0, -1);
  }
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const alt of tok.split('|')) {
    if (alt.endsWith('+')) for (const f of verbForms(alt.slice(0, -1))) exact.add(f);
    else if (alt.endsWith('*')) prefixes.push(alt.slice(0, -1));
    else exact.add(alt);
  }
  return { optional, gap: false, exact, prefixes, test: (w) => exact.has(w) || prefixes.some((p) => w.startsWith(p)) };
}

/** The entries of a trigger lexicon in its TSV form (comment lines start with #). */
export function parseLexicon(tsv: string): LexEntry[] {
  const out: LexEntry[] = [];
  for (const line of tsv.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [pattern, pos, type, mode = '', context = '', weight = '1'] = line.split('\t');
    out.push({
      pattern,
      pos: pos as TriggerPos,
      type,
      mode,
      context,
      weight: Number(weight) || 1,
      matchers: pattern.trim().split(/\s+/).map(compileToken),
    });
  }
  return out;
}

let cached: LexEntry[] | undefined;
/** The shipped trigger lexicon, parsed once. */
export function lexicon(): LexEntry[] {
  cached ??= parseLexicon(readFileSync(LEXICON_PATH, 'utf8'));
  return cached;
}

/** End index (exclusive) of a match of `ms[k..]` starting at token `i`, or -1. Shortest gaps first. */
function matchAt(ms: Matcher[], k: number, words: string[], i: number): number {
  if (k === ms.length) return i;
  const m = ms[k];
  if (m.gap) {
    for (let g = 0; g <= MAX_GAP && i + g <= words.length; g++) {
      if (g > 0 && !m.test(words[i + g - 1])) break;
      const r = matchAt(ms, k + 1, words, i + g);
      if (r >= 0) return r;
    }
    return -1;
  }
  if (i < words.length && m.test(words[i])) {
    const r = matchAt(ms, k + 1, words, i + 1);
    if (r >= 0) return r;
  }
  return m.optional ? matchAt(ms, k + 1, words, i) : -1;
}

/** Entries by the words their pattern can start with, so a sentence is not tried against every pattern. */
interface FirstWordIndex {
  byWord: Map<string, LexEntry[]>;
  /** Prefix patterns by their first PREFIX_HEAD characters ('' for shorter ones), in lexicon order. */
  byPrefix: Map<string, Array<[string, LexEntry]>>;
  /** Position of each entry in the lexicon (ties between matches keep lexicon order). */
  order: Map<LexEntry, number>;
  /**
   * 1 at the `asciiPair` of the first two characters of each byPrefix head: a word whose pair is 0 here has no
   * prefix pattern (a table, not a set: read for every word).
   */
  headPairs: Uint8Array;
  /**
   * byPrefix's lists under the `asciiHead` code of their head, for ASCII words (a number key: no substring to make
   * and hash per word).
   */
  byHeadCode: Map<number, Array<[string, LexEntry]>>;
  /**
   * Per `asciiPair` of a byWord key's first two characters, bit `lengthBit` of the key's length set: a word whose
   * bit is clear is no key (a table, not a map look-up: most words of a sentence start no cue, and hashing each
   * fresh word string costs more than this test).
   */
  wordShapes: Uint32Array;
}

/** The first PREFIX_HEAD (3) characters of `w` as one number when all are ASCII, else -1. */
function asciiHead(w: string): number {
  const a = w.charCodeAt(0);
  const b = w.charCodeAt(1);
  const c = w.charCodeAt(2);
  return a < 128 && b < 128 && c < 128 ? (a * 128 + b) * 128 + c : -1;
}

/** The first two characters of `w` as one number when both are ASCII, else -1 (then any head may match). */
function asciiPair(w: string): number {
  const a = w.charCodeAt(0);
  const b = w.charCodeAt(1);
  return a < 128 && b < 128 ? a * 128 + b : -1;
}

/** The bit of `wordShapes` for a word of `length` code units (lengths past 31 share bit 31). */
function lengthBit(length: number): number {
  return 1 << (length < 31 ? length : 31);
}

/**
 * Whether `byWord` may hold `w`: false only when `w` opens with two ASCII characters and no key of its shape does
 * (then `byWord.get(w)` is undefined).
 */
function mayBeFirstWord(index: FirstWordIndex, w: string): boolean {
  if (w.length < 2) return true;
  const pair = asciiPair(w);
  return pair < 0 || (index.wordShapes[pair] & lengthBit(w.length)) !== 0;
}

/** Prefix patterns ("negotiat*") are indexed by this many leading characters (shorter ones under ''). */
const PREFIX_HEAD = 3;
const NONE: LexEntry[] = [];

/** The first-word index of each entry list, built once per list. */
const INDEXES = new WeakMap<LexEntry[], FirstWordIndex>();

/** The first-word index of `entries` (built on first use). */
function firstWordIndex(entries: LexEntry[]): FirstWordIndex {
  let idx = INDEXES.get(entries);
  if (idx) return idx;
  idx = {
    byWord: new Map(),
    byPrefix: new Map(),
    order: new Map(entries.map((e, i) => [e, i])),
    headPairs: new Uint8Array(128 * 128),
    byHeadCode: new Map(),
    wordShapes: new Uint32Array(128 * 128),
  };
  for (const e of entries) {
    const m = e.matchers[0];
    if (m.optional) continue; // patterns never start a match on an optional token
    for (const w of m.exact ?? []) idx.byWord.set(w, [...(idx.byWord.get(w) ?? []), e]);
    for (const p of m.prefixes ?? []) {
      const head = p.length < PREFIX_HEAD ? '' : p.slice(0, PREFIX_HEAD);
      idx.byPrefix.set(head, [...(idx.byPrefix.get(head) ?? []), [p, e]]);
      if (head && asciiPair(head) >= 0) idx.headPairs[asciiPair(head)] = 1;
    }
  }
  for (const [head, list] of idx.byPrefix) if (head && asciiHead(head) >= 0) idx.byHeadCode.set(asciiHead(head), list);
  for (const w of idx.byWord.keys())
    if (w.length >= 2 && asciiPair(w) >= 0) idx.wordShapes[asciiPair(w)] |= lengthBit(w.length);
  INDEXES.set(entries, idx);
  return idx;
}

/** Every lexicon match in the tokens, reduced to the best non-overlapping set. */
export function matchTriggers(toks: Tok[], entries: LexEntry[] = lexicon()): TriggerMatch[] {
  // quotation marks inside a cue ("a dramatic ‘kill’ operation") do not break it
  const keep: number[] = [];
  const words: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (mayBeQuoteMark(t.text) && QUOTE_MARK.test(t.text)) continue;
    keep.push(i);
    words.push(t.lower);
  }
  const found: TriggerMatch[] = [];
  const index = firstWordIndex(entries);
  const short = index.byPrefix.get('');
  const order = index.order;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // (the same as `index.byWord.get(w) ?? NONE`; the shape test spares most words the look-up)
    const candidates = mayBeFirstWord(index, w) ? (index.byWord.get(w) ?? NONE) : NONE;
    // the head's map is asked only when the word's first two characters open some head (most words open none)
    let head: Array<[string, LexEntry]> | undefined;
    if (w.length >= PREFIX_HEAD) {
      const pair = asciiPair(w);
      if (pair < 0 || index.headPairs[pair] === 1) {
        // an ASCII head by its number (the same list as `byPrefix.get(w.slice(0, PREFIX_HEAD))`)
        const code = asciiHead(w);
        head = code >= 0 ? index.byHeadCode.get(code) : index.byPrefix.get(w.slice(0, PREFIX_HEAD));
      }
    }
    // prefix patterns this word starts with (an array only when there is one: most words have none)
    let byPrefix: LexEntry[] | undefined;
    if (head) for (const [p, e] of head) if (w.startsWith(p)) (byPrefix ??= []).push(e);
    if (short) for (const [p, e] of short) if (w.startsWith(p)) (byPrefix ??= []).push(e);
    for (const e of byPrefix
      ? [...new Set([...candidates, ...byPrefix])].sort((a, b) => order.get(a)! - order.get(b)!)
      : candidates) {
      const to = matchAt(e.matchers, 0, words, i);
      if (to > i) found.push({ entry: e, from: keep[i], to: keep[to - 1] + 1 });
    }
  }
  // nothing or one match found (most sentences): nothing to choose between
  if (found.length <= 1) return found;
  found.sort((a, b) => b.to - b.from - (a.to - a.from) || b.entry.weight - a.entry.weight || a.from - b.from);
  const taken = new Array<boolean>(toks.length).fill(false);
  const kept: TriggerMatch[] = [];
  for (const m of found) {
    let free = true;
    for (let j = m.from; j < m.to; j++) if (taken[j]) free = false;
    if (!free) continue;
    for (let j = m.from; j < m.to; j++) taken[j] = true;
    kept.push(m);
  }
  return kept.sort((a, b) => a.from - b.from);
}
