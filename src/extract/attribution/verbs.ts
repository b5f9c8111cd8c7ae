/**
 * Reporting verbs ("said", "told", "warned"): the lexicon of `data/lexicons/reporting-verbs.json`
 * with its inflections generated (`src/lexicon/reporting-verbs.ts`), and the search for them in a
 * stretch of the Doc, read from the token layer (the verb tokens of a Doc are listed
 * once, since the quote and claim stages ask sentence by sentence, many times).
 */
import type { Doc } from '../../model/doc.ts';
import type { Token } from '../../model/analysis.ts';
import { REPORTING_VERBS } from '../../lexicon/reporting-verbs.ts';
import { letterOrDigitAt } from '../../text/chars.ts';
import type { Span } from './spans.ts';

export { REPORTING_VERBS } from '../../lexicon/reporting-verbs.ts';

/** A reporting verb found in the text. */
export interface VerbHit extends Span {
  text: string;
  lemma: string;
}

/**
 * Reporting verbs among the tokens lying in `[from, to)`,
 * in text order. A verb is a token of its own: "said’s", "re-stated" and "x-said" hold no verb
 * (a possessive or contraction split off by the token layer keeps its word whole here).
 */
export function findReportingVerbs(doc: Doc, from: number, to: number): VerbHit[] {
  const out: VerbHit[] = [];
  const tokens = doc.tokens;
  const verbs = verbTokens(doc);
  for (let h = firstVerbFrom(tokens, verbs, from); h < verbs.length; h++) {
    const t = tokens[verbs[h]];
    if (t.end > to) break;
    const w = doc.lower(verbs[h]);
    const lemma = REPORTING_VERBS.get(w);
    if (lemma) out.push({ start: t.start, end: t.end, text: doc.text.slice(t.start, t.end), lemma });
  }
  return out;
}

/** The verb-form tokens of a Doc, listed once for its token layer (a new layer is listed again). */
const verbTokenLists = new WeakMap<Doc, { tokens: readonly Token[]; verbs: Int32Array }>();

/** The indices of the tokens of `doc` that are reporting-verb forms standing alone. */
function verbTokens(doc: Doc): Int32Array {
  const tokens = doc.tokens;
  const kept = verbTokenLists.get(doc);
  if (kept && kept.tokens === tokens) return kept.verbs;
  const list: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!mayBeVerbForm(doc.text, t.start, t.end)) continue;
    const w = doc.lower(i);
    if (REPORTING_VERBS.has(w) && standsAlone(doc.text, t.start, t.end)) list.push(i);
  }
  const verbs = new Int32Array(list);
  verbTokenLists.set(doc, { tokens, verbs });
  return verbs;
}

/** The first index of `verbs` whose token starts at or after `from` (binary search: token starts ascend). */
function firstVerbFrom(tokens: readonly Token[], verbs: Int32Array, from: number): number {
  let lo = 0;
  let hi = verbs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[verbs[mid]].start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every verb form, for the two facts of them that rule out most tokens before they are lower-cased. */
const VERB_FORMS = [...REPORTING_VERBS.keys()];
/** Longest verb form: lower-casing never shortens a word, so a longer token is no verb form. */
const VERB_FORM_MAX_LENGTH = Math.max(...VERB_FORMS.map((v) => v.length));
/** First characters (lower case) of the verb forms; an ASCII first character lower-cases alone. */
const VERB_FORM_FIRST = new Set(VERB_FORMS.map((v) => v.charCodeAt(0)));

/** Whether the token at `[start, end)` may lower-case to a verb form (false: it certainly does not). */
function mayBeVerbForm(text: string, start: number, end: number): boolean {
  if (end - start > VERB_FORM_MAX_LENGTH) return false;
  const c = text.charCodeAt(start);
  return c >= 128 || VERB_FORM_FIRST.has(c >= 65 && c <= 90 ? c + 32 : c);
}

/** Whether a character joins two runs of letters or digits into one word (’ ' - .: "said’s", "x-said"). */
function isJoiner(c: number): boolean {
  return c === 0x2019 || c === 39 || c === 45 || c === 46;
}

/**
 * Whether the token at `[start, end)` is a word of its own, as the word scanner of `words.ts`
 * reads words: no letter or digit touches it ("𝐀said"), and no joiner ties it to one ("said’s",
 * "re-stated", "said.Then" hold no verb).
 */
function standsAlone(text: string, start: number, end: number): boolean {
  if (letterOrDigitAt(text, end) || (start > 0 && letterOrDigitBefore(text, start))) return false;
  if (end + 1 < text.length && isJoiner(text.charCodeAt(end)) && letterOrDigitAt(text, end + 1)) return false;
  if (start >= 2 && isJoiner(text.charCodeAt(start - 1)) && letterOrDigitBefore(text, start - 1)) return false;
  return true;
}

/** Whether the code point ending at `i` (exclusive) is a letter or digit. */
function letterOrDigitBefore(text: string, i: number): boolean {
  const low = text.charCodeAt(i - 1);
  const pair = i >= 2 && (low & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 2) & 0xfc00) === 0xd800;
  return letterOrDigitAt(text, pair ? i - 2 : i - 1) > 0;
}
