/**
 * The attribution layer (`doc.attributions`, read by the trained model in `src/nlp/attribution/`)
 * in the terms the quote and claim stages use: each attribution's source classed and resolved
 * (`sourceAt`), its cue's words and reporting-verb lemma, and a lookup of the attribution whose
 * content covers a stretch of text.
 */
import type { Doc } from '../../model/doc.ts';
import type { Attribution, TextSpan } from '../../model/analysis.ts';
import { REPORTING_VERBS } from '../../lexicon/reporting-verbs.ts';
import { alternation, wordSet } from '../../lexicon/load.ts';
import { pronounAntecedent, speakerEntity } from '../coref.ts';
import { endsWithRole, isPublication, peopleOfBodyEnd } from './sources.ts';
import {
  anonymousPhraseEnding,
  clauseSubject,
  mentionEndingAt,
  subjectAfter,
  subjectBefore,
  withCapitals,
  SKIPPABLE_BEFORE_VERB,
  SPEAKER_PRONOUNS,
  type SpeakerMatch,
} from './speakers.ts';
import { overlapLength, sentenceAt, trimEnd, trimLeadingMarks, trimStart } from './spans.ts';

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
const COMPLEMENTIZER = /^(?:that|how)\s+/i;

/** Up to three words and a comma, then at least five words more: an adjunct of the cue before its content. */
const CUE_ADJUNCT = /^(?:[\p{L}\p{N}’'-]+\s+){0,2}[\p{L}\p{N}’'-]+,\s+(?=(?:[^\s]+\s+){4}[^\s])/u;

/** Punctuation closing a content that belongs to the reporter's sentence, not to what was said. */
const TRAILING_PUNCTUATION = /[\s,;:.]+$/;

/** A content's span without white space, a leading "that" or trailing commas and stops. */
function reportedContent(text: string, span: TextSpan, cue: TextSpan): TextSpan {
  let start = trimLeadingMarks(text, span.start, span.end);
  // Heuristic "the cue's adjunct": a content right after its cue that opens with up to three
  // words and a comma ("reveals today, …", "said on Monday, …") starts after that comma.
  if (cue.end <= start && /^\s*$/.test(text.slice(cue.end, start))) {
    const adjunct = CUE_ADJUNCT.exec(text.slice(start, span.end));
    if (adjunct) start = trimStart(text, start + adjunct[0].length, span.end);
  }
  const that = COMPLEMENTIZER.exec(text.slice(start, span.end));
  if (that) start += that[0].length;
  const tail = TRAILING_PUNCTUATION.exec(text.slice(start, span.end));
  return { start, end: tail ? start + tail.index : span.end };
}

/** What stands before a cue whose subject follows it: a comma, a closing mark, a dash or nothing. */
const INVERSION_BEFORE_CUE = /(?:^|[,”’"'—–-])\s*$/;

/**
 * Heuristic "the subject speaks": where the model marks no source, the speaker phrase right
 * before the cue in its sentence ("the minister has said"), or right after it ("…, said the
 * minister"), as the speaker finder reads it; none when neither is there (a passive "is said to").
 */
function subjectOfCue(doc: Doc, cue: TextSpan): SpeakerMatch | null {
  const s = doc.sentences[sentenceAt(doc.sentences, cue.start)];
  if (!s) return null;
  // The subject after the cue only where English inverts (“…,” said the minister): "accused the
  // ministry of …" names whom, not who.
  const inverted = INVERSION_BEFORE_CUE.test(doc.text.slice(Math.max(s.start, cue.start - 3), cue.start));
  const near =
    subjectBefore(doc, cue.start, s.start) ?? (inverted ? subjectAfter(doc, cue.end, Math.max(s.end, cue.end)) : null);
  if (near || /^according\b/i.test(doc.span(cue.start, cue.end))) return near;
  // Heuristic "the clause's subject speaks": a cue with no subject beside it is a verb further
  // along its clause ("Beck criticized the voters, declaring that …", "X called him divisive and
  // accused him of …", "Rep. Ortiz last month joked that …"): its subject opens the sentence.
  return clauseSubject(doc, s.start, cue.start);
}

/** How far left a source may be read: not past its cue when the cue comes first, nor its sentence. */
function sourceFloor(doc: Doc, a: Attribution): number {
  const src = a.source as TextSpan;
  const s = doc.sentences[sentenceAt(doc.sentences, src.start)];
  const floor = s ? Math.min(s.start, src.start) : src.start;
  return a.cue.end <= src.start ? Math.max(floor, a.cue.end) : floor;
}

/** Grammatical words (`data/lexicons/stop-words.json`): alone, they name no one. */
const GRAMMATICAL_WORDS = wordSet('stop-words', 'words');

/**
 * Words such as "even", "then", "has", "some", "his" or an adverb ("repeatedly", "quickly") that the model took
 * for a source: they name nobody; the speaker is the cue's subject.
 */
function namesNobody(phrase: string): boolean {
  if (PRONOUN_SOURCE.test(phrase)) return false;
  const words = phrase.split(/\s+/);
  return words.every((w) => {
    const lower = w.toLowerCase();
    return SKIPPABLE_BEFORE_VERB.has(lower) || GRAMMATICAL_WORDS.has(lower) || /^\p{Ll}+ly$/u.test(w);
  });
}

/** A form of "be" (and an intensifier) right before a cue: the passive of "are (even) said to". */
const PASSIVE_BEFORE_CUE = new RegExp(
  `\\b(?:${alternation('hedges', 'beForms')})\\s+(?:(?:${alternation('hedges', 'passiveIntensifiers')})\\s+)?$`,
  'i',
);

/**
 * The source of an attribution: the one the model marks, read by `sourceAt` (none when that is no
 * speaker, "a ceasefire announced …"); where it marks none, or only punctuation, the cue's subject.
 */
function readSource(doc: Doc, a: Attribution): SpeakerMatch | null {
  // "The brothers are even said to …": a passive cue before "to" names no source; its subject is
  // what is said.
  const passive = PASSIVE_BEFORE_CUE.test(doc.text.slice(Math.max(0, a.cue.start - 40), a.cue.start));
  if (passive && /^\s+to\s/.test(doc.text.slice(a.cue.end, a.cue.end + 4))) return null;
  const marked = a.source ? doc.span(a.source.start, a.source.end).trim() : '';
  if (a.source && /[\p{L}\p{N}]/u.test(marked) && !namesNobody(marked.replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, ''))) {
    // "according to a new poll": what "according to" names is the source, a thing or not
    const according = /^according\b/i.test(doc.span(a.cue.start, a.cue.end));
    return sourceAt(doc, a.source.start, a.source.end, sourceFloor(doc, a), according);
  }
  return subjectOfCue(doc, a.cue);
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
    // A cue opening its sentence is written capitalised; it is read as the word ("According to").
    const text = doc.span(a.cue.start, a.cue.end).replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
    const content = reportedContent(doc.text, a.content, a.cue);
    if (content.end <= content.start) continue;
    out.push({
      cue: { ...a.cue, text, lemma: cueLemma(text) },
      content,
      source: readSource(doc, a),
    });
  }
  out.sort((x, y) => x.content.start - y.content.start);
  memo.set(doc.attributions, out);
  return out;
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
    const share = overlapLength(start, end, a.content.start, a.content.end) / (end - start);
    if (share < 0.5) continue;
    const dist = a.cue.end <= start ? start - a.cue.end : a.cue.start >= end ? a.cue.start - end : 0;
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

/** A description ending in a word by which a paper names itself ("the newspaper", "the outlet"). */
const SELF_REFERENCE_END = new RegExp(
  `^(?:the|this|that)\\s+(?:[\\p{L}-]+\\s+)?(?:${alternation('speech-sources', 'selfReferences')})$`,
  'iu',
);

/**
 * How far left of the model's source an anonymous phrase is read, in characters: the words before
 * its noun and a link ("sources close to") are short.
 */
const ANONYMOUS_READ_BACK = 60;

/** A relative pronoun opening a phrase ("who chaired the talks"). */
const RELATIVE_CLAUSE_START = new RegExp(`^(?:${alternation('speaker-words', 'relativePronouns')})\\s`, 'i');

/** A speaker pronoun standing alone as a whole source ("he", "They"). */
const PRONOUN_SOURCE = new RegExp(`^(?:${withCapitals(SPEAKER_PRONOUNS)})$`, 'u');

/**
 * The source at a span the attribution model marked ("Officials in Damascus", "sources close to
 * the talks", "the newspaper", "he", "Donald Trump, the Republican nominee"), classed by form and
 * resolved to an entity through the one coreference module.
 *
 * Heuristic "head before qualifier": whether a source is anonymous is read from the words that
 * open it, before any place, body or link that qualifies it ("officials *in Damascus*", "people
 * *familiar with* the talks", "a spokesman *for the campaign*"), so a name that only qualifies an
 * unnamed source does not make it a named one. An appositive after a comma is left out of the
 * head ("Jane Ortiz, the firm's founder"). The phrase may be read further left, back to `lo`
 * (the cue or the sentence start), where the model marked only its end.
 */
export function sourceAt(doc: Doc, start: number, end: number, lo = start, thingsSpeak = false): SpeakerMatch | null {
  const text = doc.text;
  const s = trimLeadingMarks(text, start, end);
  let e = trimEnd(text, s, end);
  while (e > s && /[,;:—–-]/.test(text[e - 1])) e = trimEnd(text, s, e - 1);
  if (e <= s) return null;
  const phrase = text.slice(s, e);
  // "X, who chaired the talks, said": a relative clause marked as the source is about the source
  // before it, which the speaker finder reads back from the clause's comma.
  if (RELATIVE_CLAUSE_START.test(phrase)) {
    const comma = text.lastIndexOf(',', s);
    return comma > lo ? subjectBefore(doc, comma, lo) : null;
  }
  if (PRONOUN_SOURCE.test(phrase)) {
    return { start: s, end: e, text: phrase, form: 'pronoun', entity: pronounAntecedent(doc, s, phrase) };
  }
  const comma = phrase.indexOf(',');
  const headEnd = comma > 0 ? trimEnd(text, s, s + comma) : e;
  const head = text.slice(s, headEnd);
  const named = mentionEndingAt(doc, headEnd, s);
  // People of a body ("a spokesperson for the ministry", "analysts at Brightwater"): the body
  // speaks through them. People "in Damascus" or "close to the talks" stay unnamed (below).
  if (named && named.entity.type === 'ORG' && named.start > s && peopleOfBodyEnd(text.slice(s, named.start))) {
    const form = isPublication(doc, head, named.entity) ? 'publication' : 'entity';
    return { start: s, end: e, text: phrase, form, entity: named.entity.id };
  }
  // The model may mark only the end of an unnamed source ("the talks" of "sources close to the
  // talks"): the anonymous phrase is read back from the head's end, within the sentence.
  const from = Math.max(Math.min(lo, s), s - ANONYMOUS_READ_BACK);
  const anonymous = anonymousPhraseEnding(text.slice(from, headEnd));
  const anonymousStart = anonymous === null ? Infinity : headEnd - anonymous;
  if (anonymousStart <= s + 1 && !doc.entityAt(anonymousStart, headEnd)) {
    return { start: anonymousStart, end: e, text: text.slice(anonymousStart, e), form: 'anonymous', entity: null };
  }
  if (namesNobody(phrase)) return null;
  // "this newspaper", "the paper", "the outlet": the publication, resolved where the article names it.
  if (SELF_REFERENCE_END.test(head)) {
    const entity = speakerEntity(doc, s, headEnd);
    const ent = doc.entityById(entity);
    return {
      start: s,
      end: e,
      text: phrase,
      form: 'publication',
      entity: ent && isPublication(doc, ent.name, ent) ? entity : null,
    };
  }
  // A name where the head ends ("Foreign Secretary David Lammy", "The New York Times").
  if (named) {
    const form = isPublication(doc, head, named.entity) ? 'publication' : 'entity';
    return { start: s, end: e, text: phrase, form, entity: named.entity.id };
  }
  const entity = speakerEntity(doc, s, headEnd);
  const ent = doc.entityById(entity);
  if (isPublication(doc, head, ent)) return { start: s, end: e, text: phrase, form: 'publication', entity };
  if (entity) return { start: s, end: e, text: phrase, form: 'entity', entity };
  // Heuristic "sources can speak": an indefinite thing that names no person, body or role ("a
  // ceasefire announced on Wednesday") is what the verb is about, not who spoke (unless the cue
  // makes it a source: "according to a new poll"); nor is an adverb.
  const indefinite =
    /^an?\s+\p{Ll}/u.test(head) || (/^\p{Ll}/u.test(head) && /\b[Aa]n?\s+$/.test(text.slice(Math.max(0, s - 4), s)));
  const indefiniteThing = indefinite && !endsWithRole(head) && !thingsSpeak;
  if (indefiniteThing) return null;
  return { start: s, end: e, text: phrase, form: 'description', entity: null };
}
