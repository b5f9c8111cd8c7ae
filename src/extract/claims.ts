/**
 * Claims: statements that rest on someone's word, with their source, cue and hedge.
 *
 * - One claim per attribution the attribution model reads (`src/nlp/attribution/`), its content
 *   the claim: "Diplomatic sources say <claim>", "<claim>, officials said", "according to X,
 *   <claim>", "X believes <claim>". Its source is classed (`sourceAt`): anonymous ("intelligence
 *   sources", "officials in Damascus", "people familiar with …"), publication (the article's
 *   publisher, a paper's name, "this newspaper") or named (an entity, a name, a title, a pronoun
 *   resolved to an entity); an attribution with no source gives an unattributed claim.
 * - Hedges that put a statement on nobody's word ("is understood to", "are said to", "appears
 *   to", "reportedly", "it is thought that"), each by its own named pattern below, give
 *   unattributed hedged claims; a hedge over a clause an attribution already covers marks that
 *   claim hedged instead of giving a second one.
 */
import type { Doc } from '../model/doc.ts';
import type { Claim, ClaimSourceKind } from '../model/analysis.ts';
import type { Stage } from '../model/stage.ts';
import { alternation } from '../lexicon/load.ts';
import { repeatsBodyInCaption } from './attribution/captions.ts';
import type { SpeakerMatch } from './attribution/speakers.ts';
import { readAttributions } from './attribution/model-attributions.ts';
import {
  overlapLength,
  overlapTest,
  trimEnd,
  trimLeadingMarks,
  trimStart,
  wordCount,
  type Span,
} from './attribution/spans.ts';
import type { VerbHit } from './attribution/verbs.ts';

/** `alternation` of a list of `hedges.json`. */
const hedgeWords = (key: string) => alternation('hedges', key);

/** Hedges that present a statement as hearsay or inference: "are (even) said to", "is understood to". */
const PASSIVE_HEDGE = new RegExp(
  `\\b(?:${hedgeWords('passiveAuxiliaries')})\\s+(?:(?:${hedgeWords('passiveIntensifiers')})\\s+)?` +
    `(?:${hedgeWords('passiveParticiples')})\\s+to\\b`,
  'gi',
);

/** Estimates on nobody's word: "is estimated at around 40,000", "was put at 300". */
const ESTIMATE_HEDGE = new RegExp(
  `\\b(?:${hedgeWords('passiveAuxiliaries')})\\s+(?:(?:${hedgeWords('passiveIntensifiers')})\\s+)?` +
    `(?:${hedgeWords('estimateParticiples')})\\s+at\\b`,
  'gi',
);

/** Verbs of seeming: "appears to", "seemed to". */
const SEEM_HEDGE = /\b(?:appears?|appeared|seems?|seemed|looks? set)\s+to\b/gi;

/** Impersonal hedges: "it is understood (that)", "it is believed". */
const IMPERSONAL_HEDGE = new RegExp(
  `\\b[Ii]t\\s+(?:is|was|has been)\\s+(?:(?:${hedgeWords('impersonalIntensifiers')})\\s+)?` +
    `(?:${hedgeWords('impersonalParticiples')})(?:\\s+that)?\\b(?!\\s+to\\b)`,
  'g',
);

/** Hedging adverbs. */
const ADVERB_HEDGE = new RegExp(`\\b(?:${hedgeWords('adverbs')})\\b`, 'gi');

/** The hedge patterns, in the order their hits are kept (an earlier hit covers a later one). */
const HEDGES = [IMPERSONAL_HEDGE, PASSIVE_HEDGE, ESTIMATE_HEDGE, SEEM_HEDGE, ADVERB_HEDGE];

/** "known to" and "set to" are facts or plans, not hedges; kept out of the cue list. */
const NOT_HEDGE_PARTICIPLE = /\b(?:known|set)\s+to\b/i;

/** Clause boundaries a hedged claim does not extend past (coordination, subordination, semicolon). */
const CLAUSE_BOUNDARY = new RegExp(`(?:;|:|,\\s+(?:${hedgeWords('clauseConjunctions')})\\s+|\\s+but\\s+|^)`, 'g');

/** Minimum words for a clause to be a claim. */
const MIN_CLAIM_WORDS = 3;

/** The source kind for a speaker phrase. */
function sourceKind(s: SpeakerMatch): ClaimSourceKind {
  if (s.form === 'anonymous') return 'anonymous';
  if (s.form === 'publication') return 'publication';
  return 'named';
}

/** A wire dateline opening the first sentence ("GENEVA, March 13 (Northwire) - "): not part of a claim. */
const DATELINE =
  /^[\p{Lu}][\p{Lu}\p{M} .'/-]*[\p{Lu}](?:,\s*[\p{L}]+\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s*/u;

/** Trims a span of whitespace, a leading dateline and final punctuation. */
function tidy(text: string, start: number, end: number): Span {
  let s = trimStart(text, start, end);
  const dl = DATELINE.exec(text.slice(s, end));
  if (dl) s += dl[0].length;
  s = trimLeadingMarks(text, s, end);
  let e = trimEnd(text, s, end);
  while (e > s && /[.!?;:,]/.test(text[e - 1])) e = trimEnd(text, s, e - 1);
  return { start: s, end: e };
}

/**
 * Claims the attribution model reads: one per attribution, its content the claim (a quotation's
 * too: the quote stage gives its quote). A claim of fewer than MIN_CLAIM_WORDS words ("it", "his
 * rhetoric") is no statement an analyst can weigh, and is left out.
 */
function attributedClaims(doc: Doc): Claim[] {
  const text = doc.text;
  const out: Claim[] = [];
  for (const a of readAttributions(doc)) {
    const span = tidy(text, a.content.start, a.content.end);
    if (span.end <= span.start || wordCount(text.slice(span.start, span.end)) < MIN_CLAIM_WORDS) continue;
    if (repeatsBodyInCaption(doc, span.start, span.end)) continue;
    // "is known to", "is set to": a fact or a plan, not something anyone is said to hold.
    if (NOT_HEDGE_PARTICIPLE.test(text.slice(a.cue.start, a.cue.end + 4))) continue;
    const kind: ClaimSourceKind = a.source ? sourceKind(a.source) : 'unattributed';
    const c: Claim = {
      text: text.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      source: { kind, text: a.source?.text ?? null },
      cue: a.cue.text,
      hedged: hedgeIn(text, span.start, span.end) || hedgeIn(text, a.cue.start, a.cue.end),
    };
    if (a.source?.entity) c.source.entity = a.source.entity;
    out.push(c);
  }
  return out;
}

/** Whether `a` holds at least half of `b`. */
function coversHalf(a: Span, b: Span): boolean {
  return 2 * overlapLength(a.start, a.end, b.start, b.end) >= b.end - b.start;
}

/** Whether a hedge pattern matches inside [start, end). */
function hedgeIn(text: string, start: number, end: number): boolean {
  const s = text.slice(start, end);
  return HEDGES.some((r) => {
    r.lastIndex = 0;
    const m = r.exec(s);
    return !!m && !NOT_HEDGE_PARTICIPLE.test(m[0]);
  });
}

/** The clause around a hedge: from the last clause boundary before it to the sentence end. */
function clauseAround(text: string, s: Span, at: number): Span {
  let from = s.start;
  const re = new RegExp(CLAUSE_BOUNDARY.source, 'g');
  const head = text.slice(s.start, at);
  let m: RegExpExecArray | null;
  while ((m = re.exec(head))) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    from = s.start + m.index + m[0].length;
  }
  let to = s.end;
  const semi = text.slice(at, s.end).search(/;/);
  if (semi >= 0) to = at + semi;
  return tidy(text, from, to);
}

/** Hedged, unattributed claims in a sentence. */
function hedgedClaims(doc: Doc, s: Span, inQuote: (a: number, b: number) => boolean): Claim[] {
  const text = doc.text;
  const out: Claim[] = [];
  const sentence = text.slice(s.start, s.end);
  const hits: VerbHit[] = [];
  for (const r of HEDGES) {
    // the shared patterns, run from the start to the end (no copy per sentence: nothing else runs them)
    r.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.exec(sentence))) {
      const start = s.start + m.index;
      const end = start + m[0].length;
      if (NOT_HEDGE_PARTICIPLE.test(m[0]) || inQuote(start, end)) continue;
      if (hits.some((h) => h.start <= start && h.end >= end)) continue;
      hits.push({ start, end, text: m[0], lemma: 'hedge' });
    }
  }
  for (const h of hits) {
    let span: Span;
    if (/^it\s/i.test(h.text)) span = tidy(text, h.end, s.end);
    else span = clauseAround(text, s, h.start);
    if (span.end <= span.start || wordCount(text.slice(span.start, span.end)) < MIN_CLAIM_WORDS) continue;
    out.push({
      text: text.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      source: { kind: 'unattributed', text: null },
      cue: h.text.replace(/^[Ii]t\s+/, '').replace(/\s+that$/, ''),
      hedged: true,
    });
  }
  return out;
}

/** Runs claim finding over a Doc (reads `doc.quotes` to keep quotations apart). */
export function extractClaims(doc: Doc): Claim[] {
  const quoteSpans = doc.quotes.filter((q) => q.kind !== 'indirect');
  const inQuote = overlapTest(quoteSpans);
  const out = attributedClaims(doc);
  // A hedge over a clause an attribution already covers marks that claim hedged, not a second
  // claim ("… is understood to …, according to two diplomats").
  const attributed = overlapTest(out);
  for (const s of doc.sentences) {
    if (repeatsBodyInCaption(doc, s.start, s.end)) continue;
    for (const c of hedgedClaims(doc, s, inQuote)) {
      const same = attributed(c.start, c.end) ? out.find((o) => coversHalf(o, c)) : undefined;
      if (!same) {
        out.push(c);
        continue;
      }
      same.hedged = true;
      // A claim with no source takes the hedge's fuller cue ("are even said to" for "said").
      if (same.source.kind === 'unattributed') same.cue = c.cue;
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The claim stage: sourced and hedged claims, in text order. */
export const claimStage: Stage = {
  name: 'claims',
  reads: ['text', 'blocks', 'sentences', 'tokens', 'entities', 'attributions', 'quotes'],
  adds: ['claims'],
  run(doc) {
    doc.claims = extractClaims(doc);
  },
};
