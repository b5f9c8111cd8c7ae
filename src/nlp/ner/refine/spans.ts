/**
 * What the recogniser's correction rules work on: the tagger's output read as spans of tokens
 * (`Span`), the context every rule reads (`Ctx`), and the small span and token tests the rules share.
 */
import type { EntityType } from '../../../model/analysis.ts';
import type { Doc } from '../../../model/doc.ts';
import {
  countryByDemonym,
  countryByName,
  foldKey,
  isCityOrState,
  isRegion,
  norpLemma,
} from '../../../lexicon/lexicon.ts';
import { bioTags } from '../types.ts';

/** Tokens that may open a sentence before its first word (quotes, brackets, dashes). */
const OPENER = /^[‘“"'([\u2013\u2014-]$/;

/** A name the tagger or a rule proposes: tokens `[from, to)` and a sitrep type. */
export interface Span {
  from: number; // token index, inclusive
  to: number; // token index, exclusive
  type: EntityType;
  /** Set by a rule that is sure of the type (rules 3–8); propagated by rule 9. */
  sure: boolean;
}

/** A span; every span is made here, so all share one object shape (rules run fast on them). */
export function span(from: number, to: number, type: EntityType, sure: boolean): Span {
  return { from, to, type, sure };
}

/** What every rule reads: the Doc, its token texts and sentences, and memos of token forms. */
export interface Ctx {
  doc: Doc;
  texts: string[];
  /** Sentence index of each token. */
  sent: Int32Array;
  ranges: [number, number][];
  /** `lowerSeen(ctx)`, made on first use (few articles ask: most rules never reach that test). */
  lowerSeenSet: Set<string> | undefined;
  /** `foldKey` of each token, filled on first use (`fold(ctx, i)`): rules ask for the same tokens many times. */
  folded: (string | undefined)[];
}

/** Lower-case forms of words the article writes in lower case somewhere (so they are ordinary words). */
export function lowerSeen(ctx: Ctx): Set<string> {
  if (ctx.lowerSeenSet) return ctx.lowerSeenSet;
  const seen = new Set<string>();
  for (const t of ctx.texts) {
    const c = t.charCodeAt(0);
    if (c >= 97 && c <= 122) seen.add(t);
  }
  return (ctx.lowerSeenSet = seen);
}

/** `foldKey(ctx.texts[i])`, computed once per token. */
export function fold(ctx: Ctx, i: number): string {
  return (ctx.folded[i] ??= foldKey(ctx.texts[i]));
}

/** `ctx.texts.slice(from, to).map(foldKey).join(' ')`, from the tokens' folds computed once (`fold`). */
export function spanKey(ctx: Ctx, from: number, to: number): string {
  let key = fold(ctx, from);
  for (let i = from + 1; i < to; i++) key += ' ' + fold(ctx, i);
  return key;
}

// ---------------------------------------------------------------------------------------------
// spans <-> tags

export /** The spans of BIO tags (sitrep types), in order, none sure yet. */
function readSpans(tags: string[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < tags.length) {
    const t = tags[i];
    if (t === 'O' || t.length < 3) {
      i++;
      continue;
    }
    const type = t.slice(2) as EntityType;
    const inside = bioTags(type)[1];
    let j = i + 1;
    while (j < tags.length && tags[j] === inside) j++;
    out.push(span(i, j, type, false));
    i = j;
  }
  return out;
}

export /** Writes the spans back as BIO tags, every other token O. */
function writeSpans(doc: Doc, spans: Span[]): void {
  const tags = doc.tokenTags;
  tags.fill('O');
  for (const s of spans) {
    const [b, inside] = bioTags(s.type);
    for (let i = s.from; i < s.to; i++) tags[i] = i === s.from ? b : inside;
  }
}

/** Puts `span` in, removing the spans it overlaps; sorted by position. */
export function place(spans: Span[], span: Span): Span[] {
  const out = spans.filter((s) => s.to <= span.from || s.from >= span.to);
  out.push(span);
  out.sort((a, b) => a.from - b.from);
  return out;
}

/** Whether a span longer than `[from, to)` contains it (the tagger saw a bigger name: keep it). */
export function containedInLonger(spans: Span[], from: number, to: number): boolean {
  return spans.some((s) => s.from <= from && s.to >= to && s.to - s.from > to - from);
}

export /** The text of tokens `[from, to)`, white space runs as one space. */
function spanText(ctx: Ctx, from: number, to: number): string {
  const { doc } = ctx;
  return doc.text.slice(doc.tokens[from].start, doc.tokens[to - 1].end).replace(/\s+/g, ' ');
}

export /** The token texts of a span. */
function words(ctx: Ctx, s: Span): string[] {
  return ctx.texts.slice(s.from, s.to);
}

/** Token `j` follows `j - 1` after exactly one space (no line break, no punctuation). */
export function spaced(ctx: Ctx, j: number): boolean {
  const { doc } = ctx;
  return ctx.sent[j] === ctx.sent[j - 1] && doc.text.slice(doc.tokens[j - 1].end, doc.tokens[j].start) === ' ';
}

/** Whether token `i` is the first word of its sentence (after opening quotes or brackets). */
export function isInitial(ctx: Ctx, i: number): boolean {
  const s = ctx.sent[i];
  if (s < 0) return false;
  const a = ctx.ranges[s][0];
  let j = i - 1;
  while (j >= a && OPENER.test(ctx.texts[j])) j--;
  return j < a;
}

/** A word listed as a place, group or nationality: its own entity, never part of a neighbour's name. */
export function isGazetteerWord(w: string): boolean {
  return !!countryByName(w) || !!countryByDemonym(w) || !!norpLemma(w) || isCityOrState(w) || isRegion(w);
}
