/**
 * The attribution layer (`doc.attributions`, read by the trained model in `src/nlp/attribution/`)
 * in the terms the quote and claim stages use: each attribution's source classed and resolved
 * (`sourceAt`), its cue's words and reporting-verb lemma, and a lookup of the attribution whose
 * content covers a stretch of text.
 */
import type { Doc } from '../../model/doc.ts';
import type { Attribution, TextSpan } from '../../model/analysis.ts';
import { REPORTING_VERBS } from '../../lexicon/reporting-verbs.ts';
import { sourceAt, subjectAfter, subjectBefore, type SpeakerMatch } from './speakers.ts';
import { sentenceAt, trimStart } from './spans.ts';

/** One attribution with its source read. */
export interface ReadAttribution {
  cue: TextSpan & { text: string; lemma: string | null };
  content: TextSpan;
  source: SpeakerMatch | null;
}

/** The reporting-verb lemma among a cue's words ("has said" → say), or null. */
function cueLemma(cue: string): string | null {
  if (/^according\b/i.test(cue)) return 'according to';
  for (const w of cue.toLowerCase().split(/[^\p{L}]+/u)) {
    const lemma = REPORTING_VERBS.get(w);
    if (lemma) return lemma;
  }
  return null;
}

/** The complementizer opening a reported clause ("said that …"): not part of what was said. */
const COMPLEMENTIZER = /^that\s+/i;

/** Punctuation closing a content that belongs to the reporter's sentence, not to what was said. */
const TRAILING_PUNCTUATION = /[\s,;:.]+$/;

/** A content's span without white space, a leading "that" or trailing commas and stops. */
function reportedContent(text: string, span: TextSpan): TextSpan {
  let start = trimStart(text, span.start, span.end);
  const that = COMPLEMENTIZER.exec(text.slice(start, span.end));
  if (that) start += that[0].length;
  const tail = TRAILING_PUNCTUATION.exec(text.slice(start, span.end));
  return { start, end: tail ? start + tail.index : span.end };
}

/**
 * Heuristic "the subject speaks": where the model marks no source, the speaker phrase right
 * before the cue in its sentence ("the minister has said"), or right after it ("…, said the
 * minister"), as the speaker finder reads it; none when neither is there (a passive "is said to").
 */
function subjectOfCue(doc: Doc, cue: TextSpan): SpeakerMatch | null {
  const s = doc.sentences[sentenceAt(doc.sentences, cue.start)];
  if (!s) return null;
  return subjectBefore(doc, cue.start, s.start) ?? subjectAfter(doc, cue.end, Math.max(s.end, cue.end));
}

/** How far left a source may be read: not past its cue when the cue comes first, nor its sentence. */
function sourceFloor(doc: Doc, a: Attribution): number {
  const src = a.source as TextSpan;
  const s = doc.sentences[sentenceAt(doc.sentences, src.start)];
  const floor = s ? Math.min(s.start, src.start) : src.start;
  return a.cue.end <= src.start ? Math.max(floor, a.cue.end) : floor;
}

/** Read attributions per attribution layer: the quote and claim stages both ask. */
const memo = new WeakMap<readonly Attribution[], ReadAttribution[]>();

/** The attributions of a Doc that have content, sources read, in text order of their content. */
export function readAttributions(doc: Doc): ReadAttribution[] {
  const cached = memo.get(doc.attributions);
  if (cached) return cached;
  const out: ReadAttribution[] = [];
  for (const a of doc.attributions) {
    if (!a.content) continue;
    const text = doc.span(a.cue.start, a.cue.end);
    const content = reportedContent(doc.text, a.content);
    if (content.end <= content.start) continue;
    out.push({
      cue: { ...a.cue, text, lemma: cueLemma(text) },
      content,
      source: a.source ? sourceAt(doc, a.source.start, a.source.end, sourceFloor(doc, a)) : subjectOfCue(doc, a.cue),
    });
  }
  out.sort((x, y) => x.content.start - y.content.start);
  memo.set(doc.attributions, out);
  return out;
}

/** Characters of [a, b) inside [c, d). */
function overlap(a: number, b: number, c: number, d: number): number {
  return Math.max(0, Math.min(b, d) - Math.max(a, c));
}

/**
 * The attribution whose content holds at least half of [start, end), the one holding most; of
 * two holding as much, the one whose cue is nearer.
 */
export function attributionCovering(
  list: readonly ReadAttribution[],
  start: number,
  end: number,
): ReadAttribution | null {
  let best: ReadAttribution | null = null;
  let bestShare = 0;
  let bestDist = Infinity;
  for (const a of list) {
    if (a.content.start >= end) break;
    const share = overlap(start, end, a.content.start, a.content.end) / (end - start);
    if (share < 0.5) continue;
    const dist = Math.min(Math.abs(a.cue.start - end), Math.abs(start - a.cue.end));
    if (share > bestShare || (share === bestShare && dist < bestDist)) {
      best = a;
      bestShare = share;
      bestDist = dist;
    }
  }
  return best;
}

/**
 * The words around a cue where a channel is named ("in a statement", "on social media", "told the
 * BBC"): the cue's sentence with the attributed stretch [from, to) left out.
 */
export function channelWords(doc: Doc, cue: TextSpan, from: number, to: number): string {
  const s = doc.sentences[sentenceAt(doc.sentences, cue.start)];
  const lo = s ? Math.min(s.start, cue.start) : cue.start;
  const hi = s ? Math.max(s.end, cue.end) : cue.end;
  const head = doc.text.slice(lo, Math.max(lo, Math.min(hi, from)));
  const tail = doc.text.slice(Math.min(hi, Math.max(lo, to)), hi);
  return `${head} ${tail}`;
}
