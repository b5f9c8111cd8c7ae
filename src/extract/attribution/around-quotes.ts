/**
 * The speaker finder's reading of who says a quotation, from the words around it: a reporting
 * verb and its subject before the quotation ("Mr Lammy said: ‘…"), or an attribution right after
 * it ("…,” said Ms Ortiz, the chief executive). The quote stage asks it where the attribution
 * model names no source for a quotation.
 */
import type { Doc } from '../../model/doc.ts';
import { clauseSubject, subjectAfter, subjectBefore, type SpeakerMatch } from './speakers.ts';
import { findReportingVerbs, type VerbHit } from './verbs.ts';

/** Holds a letter. */
const HAS_LETTER = /\p{L}/u;

/** A coordinated verb's clause opening ("… and spoke of", "… and later said"): the subject is the clause's. */
const COORDINATED_BEFORE = /\b(?:and|but|then)\s+(?:\p{Ll}+ly\s+)?$/u;

/** Words after a closing mark an inverted attribution may take before its verb (", the minister later said"). */
const POST_ATTRIBUTION_MAX_WORDS_BEFORE_VERB = 9;

/** Attribution found for one quotation. */
export interface Found {
  speaker: SpeakerMatch;
  verb: VerbHit;
  channelText: string;
}

/** Attribution in the text before the quotation (same sentence): "Mr Lammy said: ‘…". */
export function attributionBefore(doc: Doc, lo: number, openPos: number): Found | null {
  const verbs = findReportingVerbs(doc, lo, openPos);
  for (let i = verbs.length - 1; i >= 0; i--) {
    const v = verbs[i];
    const s = subjectBefore(doc, v.start, lo);
    if (s) return { speaker: s, verb: v, channelText: doc.text.slice(lo, openPos) };
    // Inverted: "Said the minister: ‘…", "according to X: ‘…".
    const after = subjectAfter(doc, v.end, openPos);
    if (
      after &&
      /^[\s,:]*$/.test(doc.text.slice(after.end, openPos)) &&
      (i === 0 || /^[\s]*$/.test(doc.text.slice(lo, v.start)))
    ) {
      return { speaker: after, verb: v, channelText: doc.text.slice(lo, openPos) };
    }
  }
  // Coordinated verb with the subject at the head of the clause: "X toured … and spoke of ‘…’".
  for (let i = verbs.length - 1; i >= 0; i--) {
    if (!COORDINATED_BEFORE.test(doc.text.slice(lo, verbs[i].start))) continue;
    const s = clauseSubject(doc, lo, verbs[i].start);
    if (s) return { speaker: s, verb: verbs[i], channelText: doc.text.slice(lo, openPos) };
  }
  const acc = /according to\s+/i.exec(doc.text.slice(lo, openPos));
  if (acc) {
    const at = lo + acc.index + acc[0].length;
    const s = subjectAfter(doc, at, openPos);
    if (s)
      return {
        speaker: s,
        verb: { start: lo + acc.index, end: at - 1, text: 'according to', lemma: 'according to' },
        channelText: doc.text.slice(lo, openPos),
      };
  }
  return null;
}

/** Attribution right after the quotation: "…,’ he said." / "…,” said Ms Ortiz, the chief executive." */
export function attributionAfter(doc: Doc, closePos: number, hi: number): Found | null {
  const text = doc.text;
  const from = closePos + 1;
  const region = text.slice(from, hi);
  if (!/^\s*[,—–-]?\s*\S/.test(region) || /^\s*[.!?]?\s*$/.test(region)) return null;
  // The attribution must follow straight after the quotation (a comma/dash or lower-case word).
  if (
    !/^\s*(?:[,—–-]|[\p{Ll}]|[\p{Lu}][\p{L}]*\s+(?:said|says|told|added|wrote))/u.test(region) &&
    !/^\s*[\p{Lu}]/u.test(region)
  )
    return null;
  const sentEnd = /[.!?]|[‘“"«]/.exec(region);
  const limit = from + (sentEnd ? sentEnd.index : region.length);
  const verbs = findReportingVerbs(doc, from, limit);
  const acc = /^[\s,—–-]*according to\s+/i.exec(region);
  if (acc) {
    const s = subjectAfter(doc, from + acc[0].length, limit);
    if (s)
      return {
        speaker: s,
        verb: { start: from + acc.index, end: from + acc[0].length, text: 'according to', lemma: 'according to' },
        channelText: text.slice(from, limit),
      };
  }
  if (!verbs.length) return null;
  const v = verbs[0];
  const wordsBefore = text
    .slice(from, v.start)
    .split(/\s+/)
    .filter((w) => HAS_LETTER.test(w)).length;
  if (wordsBefore > POST_ATTRIBUTION_MAX_WORDS_BEFORE_VERB) return null;
  const s = subjectBefore(doc, v.start, from) ?? subjectAfter(doc, v.end, limit);
  if (!s) return null;
  return { speaker: s, verb: v, channelText: text.slice(from, limit) };
}
