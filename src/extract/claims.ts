/**
 * Claims: statements that rest on someone's word, with their source, cue and hedge.
 *
 * Three shapes are found, each by its own named pattern below:
 *  - a source and a claim verb with the clause it vouches for, in either order:
 *    "Diplomatic sources say <clause>", "<clause>, officials said", "according to X, <clause>",
 *    "as The Mail on Sunday reveals today, <clause>", "<clause>, prosecutors said, after …"
 *    (a trailing subordinate clause is not part of the claim; a wire dateline neither).
 *    The source is classed anonymous ("intelligence sources", "officials", "people familiar
 *    with …", bare plural groups such as "prosecutors", "aid agencies"), publication (the
 *    article's publisher, a paper's name, "this newspaper") or named (an entity, a name, a
 *    title, a pronoun resolved to an entity);
 *  - hedges that put a statement on nobody's word: "is understood to", "are said to",
 *    "appears to", "is believed to", "reportedly", "allegedly", "it is thought that" → source
 *    unattributed, hedged;
 *  - text inside quotation marks is left to the quote stage, except that an anonymous or
 *    publication source may still vouch for a clause holding a short partial quote.
 */
import type { Doc } from '../model/doc.ts';
import type { Claim, ClaimSourceKind } from '../model/analysis.ts';
import type { Stage } from '../model/stage.ts';
import { alternation } from '../lexicon/load.ts';
import { repeatsBodyInCaption } from './attribution/captions.ts';
import { clauseAfterVerb } from './attribution/clauses.ts';
import { subjectAfter, subjectBefore, type SpeakerMatch } from './attribution/speakers.ts';
import { holdsQuotation, overlapTest, trimEnd, trimStart, wordCount, type Span } from './attribution/spans.ts';
import { CLAIM_VERB_LEMMAS, findReportingVerbs, type VerbHit } from './attribution/verbs.ts';

/** `alternation` of a list of `hedges.json`. */
const hedgeWords = (key: string) => alternation('hedges', key);

/** Hedges that present a statement as hearsay or inference: "are (even) said to", "is understood to". */
const PASSIVE_HEDGE = new RegExp(
  `\\b(?:${hedgeWords('passiveAuxiliaries')})\\s+(?:(?:${hedgeWords('passiveIntensifiers')})\\s+)?` +
    `(?:${hedgeWords('passiveParticiples')})\\s+to\\b`,
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
const HEDGES = [IMPERSONAL_HEDGE, PASSIVE_HEDGE, SEEM_HEDGE, ADVERB_HEDGE];

/** "known to" and "set to" are facts or plans, not hedges; kept out of the cue list. */
const NOT_HEDGE_PARTICIPLE = /\b(?:known|set)\s+to\b/i;

/** Clause boundaries a hedged claim does not extend past (coordination, subordination, semicolon). */
const CLAUSE_BOUNDARY = new RegExp(`(?:;|:|,\\s+(?:${hedgeWords('clauseConjunctions')})\\s+|\\s+but\\s+|^)`, 'g');

/**
 * What may follow a trailing attribution ("<clause>, officials said") up to the sentence end: a
 * short adjunct ("on Tuesday") and then a subordinate clause ("…, after talks failed", "…, citing
 * a report", "…, who asked not to be named"), none of which is part of the claim.
 */
const TRAILING_ATTRIBUTION_TAIL = new RegExp(
  `^[^,;:]{0,40}(?:,\\s*(?:${hedgeWords('trailingSubordinators')})\\b[^;:]*)?[.!?]?\\s*$`,
);

/** A form of "be" (and a word) before a claim verb: a passive ("is said to") left to the hedges. */
const PASSIVE_BEFORE_VERB = new RegExp(`\\b(?:${hedgeWords('beForms')})\\s+(?:\\w+\\s+)?$`, 'i');

/** The comma closing a parenthetical attribution, maybe after a time ("as X reveals today, <clause>"). */
const PARENTHETICAL_TIME_COMMA = new RegExp(
  `^(?:\\s+(?:${alternation('reported-clauses', 'parentheticalTimes')}))?\\s*,`,
);

/** Minimum words for a clause to be a claim. */
const MIN_CLAIM_WORDS = 3;

/** A quotation shorter than this (words) may sit inside a claim clause of an unnamed source. */
const MAX_PARTIAL_QUOTE_WORDS_IN_CLAIM = 12;

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
  while (s < end && /[,;:—–-]/.test(text[s])) s = trimStart(text, s + 1, end);
  let e = trimEnd(text, s, end);
  while (e > s && /[.!?;:,]/.test(text[e - 1])) e = trimEnd(text, s, e - 1);
  return { start: s, end: e };
}

/** Claims with a source and a claim verb, in a sentence. */
function sourcedClaims(
  doc: Doc,
  s: Span,
  inQuote: (a: number, b: number) => boolean,
  longQuoteIn: (a: number, b: number) => boolean,
): Claim[] {
  const text = doc.text;
  const out: Claim[] = [];
  const verbs = findReportingVerbs(doc, s.start, s.end, true).filter(
    (v) => CLAIM_VERB_LEMMAS.has(v.lemma) && !inQuote(v.start, v.end),
  );
  for (const v of verbs) {
    // Passive hedges ("is said to") are handled as hedges, not as sourced claims.
    if (PASSIVE_BEFORE_VERB.test(text.slice(Math.max(s.start, v.start - 20), v.start))) continue;
    let subj = subjectBefore(doc, v.start, s.start);
    let clause: Span | null = null;
    if (subj) {
      // "as X reveals today, <clause>": the clause after the parenthetical.
      // ("as scientists have confirmed that …" is a reason clause with its own object: not parenthetical.)
      const asParenthetical =
        /\bas\s+$/i.test(text.slice(Math.max(s.start, subj.start - 4), subj.start)) &&
        !/^\s+that\b/.test(text.slice(v.end, s.end));
      if (asParenthetical) {
        const m = PARENTHETICAL_TIME_COMMA.exec(text.slice(v.end, s.end));
        if (m) clause = tidy(text, v.end + m[0].length, s.end);
        else clause = tidy(text, s.start, subj.start - 3);
      } else {
        clause = clauseAfterVerb(doc, v, s.end);
        if (!clause) {
          // "<clause>, officials said (on Tuesday)." : the clause before the source.
          const tail = text.slice(v.end, s.end);
          const head = text.slice(s.start, subj.start);
          if (TRAILING_ATTRIBUTION_TAIL.test(tail) && /,\s*$/.test(head)) clause = tidy(text, s.start, subj.start);
        }
      }
    } else {
      // "<clause>, said a senior official." : inverted order after a comma.
      const head = text.slice(s.start, v.start);
      const after = subjectAfter(doc, v.end, s.end);
      if (
        after &&
        /,\s*$/.test(head) &&
        (TRAILING_ATTRIBUTION_TAIL.test(text.slice(after.end, s.end)) ||
          TRAILING_ATTRIBUTION_TAIL.test(text.slice(after.end, s.end).replace(/^,[^,]*,?/, '')))
      ) {
        subj = after;
        clause = tidy(text, s.start, v.start);
      }
    }
    if (!subj || !clause || clause.end <= clause.start) continue;
    if (wordCount(text.slice(clause.start, clause.end)) < MIN_CLAIM_WORDS) continue;
    const kind = sourceKind(subj);
    // Named speech in quotation marks is a quote; an unnamed source may vouch for a short partial.
    if (
      kind === 'named'
        ? inQuote(clause.start, clause.end) || holdsQuotation(text.slice(clause.start, clause.end))
        : longQuoteIn(clause.start, clause.end)
    )
      continue;
    if (kind === 'named' && subj.form === 'pronoun' && !subj.entity) continue;
    out.push(claim(doc, clause, kind, subj, v.text));
  }
  // "according to X, <clause>" and "<clause>, according to X".
  const acc = /according to\s+/gi;
  let m: RegExpExecArray | null;
  const seg = text.slice(s.start, s.end);
  while ((m = acc.exec(seg))) {
    const at = s.start + m.index;
    if (inQuote(at, at + m[0].length)) continue;
    const src = subjectAfter(doc, at + m[0].length, s.end);
    if (!src) continue;
    const before = text.slice(s.start, at);
    let clause: Span;
    if (/^\W*$/.test(before)) {
      const comma = text.indexOf(',', src.end);
      if (comma < 0 || comma >= s.end) continue;
      clause = tidy(text, comma + 1, s.end);
    } else {
      clause = tidy(text, s.start, at);
    }
    if (wordCount(text.slice(clause.start, clause.end)) < MIN_CLAIM_WORDS) continue;
    if (sourceKind(src) === 'named' ? inQuote(clause.start, clause.end) : longQuoteIn(clause.start, clause.end))
      continue;
    out.push(claim(doc, clause, sourceKind(src), src, 'according to'));
  }
  return out;
}

/** A sourced claim over `span`, with its source's kind, words and entity, and its cue. */
function claim(doc: Doc, span: Span, kind: ClaimSourceKind, subj: SpeakerMatch, cue: string): Claim {
  const c: Claim = {
    text: doc.text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    source: { kind, text: subj.text },
    cue,
    hedged: false,
  };
  if (subj.entity) c.source.entity = subj.entity;
  return c;
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
  const longQuoteIn = overlapTest(
    quoteSpans.filter((q) => q.kind === 'direct' || wordCount(q.text) > MAX_PARTIAL_QUOTE_WORDS_IN_CLAIM),
  );
  const out: Claim[] = [];
  const seen = new Set<string>();
  for (const s of doc.sentences) {
    if (repeatsBodyInCaption(doc, s.start, s.end)) continue;
    for (const c of [...sourcedClaims(doc, s, inQuote, longQuoteIn), ...hedgedClaims(doc, s, inQuote)]) {
      const key = `${c.start}:${c.end}:${c.source.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(c);
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The claim stage: sourced and hedged claims, in text order. */
export const claimStage: Stage = {
  name: 'claims',
  reads: ['text', 'blocks', 'sentences', 'tokens', 'entities', 'quotes'],
  adds: ['claims'],
  run(doc) {
    doc.claims = extractClaims(doc);
  },
};
