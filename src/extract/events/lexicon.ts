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
}

/** Prefix patterns ("negotiat*") are indexed by this many leading characters (shorter ones under ''). */
const PREFIX_HEAD = 3;
/** No candidate entries. */
const NONE: LexEntry[] = [];

/**
 * The first-word index of each entry list, built once per list (a memo kept for speed: building it for each sentence
 * costs about 8 ms per article of 8.7, measured on 300 synthetic articles, Dec 2026).
 */
const INDEXES = new WeakMap<LexEntry[], FirstWordIndex>();

/** The first-word index of `entries` (built on first use). */
function firstWordIndex(entries: LexEntry[]): FirstWordIndex {
  let idx = INDEXES.get(entries);
  if (idx) return idx;
  idx = {
    byWord: new Map(),
    byPrefix: new Map(),
    order: new Map(entries.map((e, i) => [e, i])),
  };
  for (const e of entries) {
    const m = e.matchers[0];
    if (m.optional) continue; // patterns never start a match on an optional token
    for (const w of m.exact ?? []) idx.byWord.set(w, [...(idx.byWord.get(w) ?? []), e]);
    for (const p of m.prefixes ?? []) {
      const head = p.length < PREFIX_HEAD ? '' : p.slice(0, PREFIX_HEAD);
      idx.byPrefix.set(head, [...(idx.byPrefix.get(head) ?? []), [p, e]]);
    }
  }
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
    if (QUOTE_MARK.test(t.text)) continue;
    keep.push(i);
    words.push(t.lower);
  }
  const found: TriggerMatch[] = [];
  const index = firstWordIndex(entries);
  const short = index.byPrefix.get('');
  const order = index.order;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const candidates = index.byWord.get(w) ?? NONE;
    const head = w.length >= PREFIX_HEAD ? index.byPrefix.get(w.slice(0, PREFIX_HEAD)) : undefined;
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
