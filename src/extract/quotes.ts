/**
 * Quotes: direct and partial quotations, their speakers, cues and channels, plus indirect
 * quotes ("X said that …").
 *
 * 1-2. Quotation marks are classified and paired into quotations (`attribution/quotation-marks.ts`:
 *    apostrophes told apart, '' read as one double mark, a quotation left open at a paragraph's
 *    end carried into the next).
 * 3. Each quotation is classed direct (a sentence or more) or partial (a phrase inside the
 *    reporter's sentence) and attributed through the reporting verb before or after it, the
 *    subject of that verb resolved to an entity (names, titles, pronouns). Unattributed quote
 *    paragraphs inherit the speaker of the quotation just before; one- or two-word phrases in
 *    quotation marks with no speaker are scare quotes and dropped. A quote with no reporting verb
 *    takes the PERSON its sentence is introduced by ("Ms Ortiz was blunt: “…”", or a sentence
 *    about her just before: "Ms Ortiz was blunt. “We are done.”").
 * 4. A partial quote whose attribution names a source is read in the clause it reports, and
 *    the phrases in marks of one clause are one quote (`oneVoice`).
 * 5. The comma news style sets inside the closing mark (“We acted quickly,” she said) is left out
 *    of the quote's text and span.
 */
import type { Doc } from '../model/doc.ts';
import type { Quote, QuoteKind } from '../model/analysis.ts';
import type { Stage } from '../model/stage.ts';
import { alternation, wordSet } from '../lexicon/load.ts';
import { dedupeCaptions, repeatsBodyInCaption } from './attribution/captions.ts';
import { findChannel } from './attribution/sources.ts';
import { clauseSubject, subjectBefore, type SpeakerMatch } from './attribution/speakers.ts';
import { attributionAfter, attributionBefore, type Found } from './attribution/around-quotes.ts';
import {
  holdsQuotation,
  overlapLength,
  overlapTest,
  paragraphsOf,
  sentenceAt,
  type Span,
  spanIndexAt,
  trimEnd,
  trimStart,
  wordCount,
} from './attribution/spans.ts';
import { findReportingVerbs } from './attribution/verbs.ts';
import { findQuotations, type RawQuote } from './attribution/quotation-marks.ts';
import {
  attributionCovering,
  channelWords,
  readAttributions,
  type ReadAttribution,
} from './attribution/model-attributions.ts';
import { countBelow } from '../text/search.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** How far past a closing mark an attribution (", he said") is looked for, in characters. */
const POST_ATTRIBUTION_WINDOW = 160;

/** Punctuation trimmed from the end of a quotation: the comma news style keeps inside the marks. */
const TRAILING_QUOTE_PUNCTUATION = /[,;:]/;

/** Most words of a quoted term: a phrase this short in marks is a quote only where an attribution holds it. */
const MAX_TERM_WORDS = 2;

/** Lemmas whose quotations are speech (not "describe … as") for indirect quotes. */
const INDIRECT_LEMMAS = wordSet('reporting-verbs', 'indirectLemmas');

/** Fewest words of a reported clause. */
const MIN_CLAUSE_WORDS = 3;

/** Lemmas that report a clause without "that" ("said the plan would fail"). */
const BARE_CLAUSE_LEMMAS = wordSet('reporting-verbs', 'bareClauseLemmas');

/**
 * The model's attribution of a quotation: the attribution whose content holds the quotation, when
 * it names a source. Channel words ("in a statement", "on social media") are read from the cue's
 * sentence, the quotation left out.
 */
function modelFound(doc: Doc, a: ReadAttribution | null, q: RawQuote): Found | null {
  if (!a?.source) return null;
  const channelText = channelWords(doc, a.cue, q.open, (q.close ?? q.end) + 1);
  return {
    speaker: { ...a.source },
    verb: { start: a.cue.start, end: a.cue.end, text: a.cue.text, lemma: a.cue.lemma ?? '' },
    channelText,
  };
}

/** Direct: starts like a sentence, after a colon/comma or at the start of its sentence, or holds several sentences. */
function quoteKind(doc: Doc, q: RawQuote, pre: string, post: string): QuoteKind {
  const content = doc.text.slice(q.start, q.end).trim();
  const startsUpper = /^[\p{Lu}\p{N}‘“"'…]/u.test(content);
  const multiSentence = /[.!?]['’"”]?\s+[‘“"']?[\p{Lu}]/u.test(content);
  // An embedded quotation may close right at the end ("He told me: ‘Go home,’").
  const endsLikeSentence =
    /[.!?…,—–-]$/.test(content.replace(/[’'”"»]+$/, '')) || /^\s*[,.!?]/.test(post) || q.close === null;
  // After a colon, comma or dash, or a sentence end the sentence splitter missed ("… on X. “Who …").
  const preOk = /(?:^|[:,]|—|–|[.!?]['’"”)]?)\s*$/.test(pre.trim() === '' ? '' : pre.trimEnd()) || pre.trim() === '';
  if (startsUpper && (multiSentence || (preOk && endsLikeSentence))) return 'direct';
  if (multiSentence && preOk) return 'direct';
  return 'partial';
}

/** Runs quotation finding and attribution over a Doc. */
export function extractQuotes(doc: Doc): Quote[] {
  const text = doc.text;
  const sentences = doc.sentences;
  const paragraphs = paragraphsOf(doc);
  const raws = findQuotations(doc);
  const quotes: (Quote | null)[] = [];
  const paraOf = (off: number) => spanIndexAt(paragraphs, off);
  const attributions = readAttributions(doc);
  /** The attribution each quote was read from (parallel to `quotes`). */
  const voices: (ReadAttribution | null)[] = [];
  // the closing marks of the quotations, in text order (for the look-back limit below)
  const closes = raws.flatMap((o) => (o.close !== null ? [o.close] : [])).sort((a, b) => a - b);
  for (let qi = 0; qi < raws.length; qi++) {
    const q = raws[qi];
    const start = trimStart(text, q.start, q.end);
    const end = trimEnd(text, start, q.end);
    if (end <= start) {
      quotes.push(null);
      voices.push(null);
      continue;
    }
    const pi = paraOf(q.open);
    const para = paragraphs[pi];
    const si = sentenceAt(sentences, q.open);
    let lo = si >= 0 ? Math.max(sentences[si].start, para?.start ?? 0) : (para?.start ?? 0);
    if (lo > q.open) lo = para?.start ?? 0;
    // Do not look back past the previous quotation in the same sentence.
    const lastClose = closes[countBelow(closes, q.open) - 1];
    if (lastClose !== undefined && lastClose >= lo) lo = lastClose + 1;
    const pre = text.slice(lo, q.open);
    const closePos = q.close;
    const closePara = closePos !== null ? paragraphs[paraOf(closePos)] : undefined;
    const hi =
      closePos !== null ? Math.min(closePara?.end ?? text.length, closePos + 1 + POST_ATTRIBUTION_WINDOW) : q.end;
    const post = closePos !== null ? text.slice(closePos + 1, hi) : '';
    let kind = quoteKind(doc, q, pre, post);

    // The model's reading first; where it names no source, the speaker finder's, before or after.
    const voice = attributionCovering(attributions, start, end);
    let found = modelFound(doc, voice, q);
    if (!found) {
      const beforeFound = attributionBefore(doc, lo, q.open);
      const afterFound = closePos !== null ? attributionAfter(doc, closePos, hi) : null;
      const preIntroduces = /[:,]\s*$/.test(pre) || /(?:^|\s)(?:said|says|added|wrote|told)\s*$/.test(pre);
      if (kind === 'direct') found = (preIntroduces ? beforeFound : null) ?? afterFound ?? beforeFound;
      else found = beforeFound ?? afterFound;
    }

    if (found && found.speaker.form === 'pronoun') {
      const recent = recentSpeaker(doc, sentences, found.speaker.start, found.speaker.text);
      if (recent) found.speaker.entity = recent;
    }
    let speaker: string | null = found?.speaker.entity ?? null;
    let speakerText: string | null = found?.speaker.text ?? null;
    let cue: string | null = found?.verb.text ?? null;
    let channel = found ? findChannel(found.channelText) : undefined;

    // A quotation continued from the paragraph before, or a quote paragraph with no attribution
    // right after a quotation: same speaker (news convention).
    const prevIdx = q.continues ?? lastIndex(quotes);
    const prev = prevIdx !== null ? quotes[prevIdx] : null;
    // A quote sentence with no attribution after a sentence about a person ("Ms Ortiz was blunt.
    // “We are done.”"): that person speaks, unless the quotation continues one across paragraphs.
    const intro =
      found || q.continues !== null
        ? null
        : COLON_INTRODUCTION.test(pre)
          ? colonSpeaker(doc, lo, q.open)
          : kind === 'direct' && pre.trim() === ''
            ? introducedSpeaker(doc, sentences, paragraphs, q.open)
            : null;
    const introHere = intro !== null && (intro.samePara || !prev || paraOf(prev.end) < pi - 1);
    if (intro && introHere) {
      speaker = intro.speaker.entity;
      speakerText = intro.speaker.text;
    } else if (
      !found &&
      prev &&
      (q.continues !== null || (kind === 'direct' && pre.trim() === '' && paraOf(prev.end) >= pi - 1))
    ) {
      speaker = prev.speaker;
      speakerText = prev.speakerText;
      cue = prev.cue;
      channel = prev.channel;
      if (q.continues !== null) kind = prev.kind === 'partial' ? kind : 'direct';
    }
    // Second half of a split quotation: “We will fight,” he said, “and we will win.”
    if (
      found &&
      prev &&
      kind === 'partial' &&
      raws[qi - 1]?.close !== null &&
      /^[\s,]*$/.test(text.slice(afterAttrEnd(doc, raws[qi - 1]), q.open)) &&
      prev.kind === 'direct'
    ) {
      kind = 'direct';
    }
    // A quoted phrase nobody is said to have said is a scare quote or a title, not a quote; so is
    // a word or two in marks that no attribution the model reads holds ("the ''fraudulent''
    // nomination", "his ''Mission Accomplished'' appearance"): a term, a name or a label.
    const term = kind === 'partial' && !voice && wordCount(text.slice(start, end)) <= MAX_TERM_WORDS;
    if ((kind === 'partial' && !speaker && !speakerText) || term) {
      quotes.push(null);
      voices.push(null);
      continue;
    }
    // News style sets the comma before an attribution inside the marks (“We acted quickly,” she said).
    let textEnd = end;
    while (textEnd > start && TRAILING_QUOTE_PUNCTUATION.test(text[textEnd - 1]))
      textEnd = trimEnd(text, start, textEnd - 1);
    const item: Quote = { text: text.slice(start, textEnd), start, end: textEnd, kind, speaker, speakerText, cue };
    if (channel) item.channel = channel;
    quotes.push(item);
    voices.push(found === null ? null : voice);
  }
  return dedupeCaptions(doc, oneVoice(doc, quotes, voices));
}

/**
 * The reported content a partial quote is read in: the attribution's content, when a source is
 * named and the cue stands outside the content, within the sentences of the quotation.
 */
function partialClause(doc: Doc, q: Quote, voice: ReadAttribution): Span | null {
  const { cue, content } = voice;
  if (!voice.source || overlapLength(cue.start, cue.end, content.start, content.end) > 0) return null;
  const first = doc.sentences[sentenceAt(doc.sentences, q.start)];
  const last = doc.sentences[sentenceAt(doc.sentences, q.end - 1)];
  return {
    start: Math.min(q.start, Math.max(content.start, first?.start ?? 0)),
    end: Math.max(q.end, Math.min(content.end, last?.end ?? doc.text.length)),
  };
}

/**
 * Heuristic "one voice, one quote": direct quotations that one attribution holds together ("“We
 * are done,” she said. “The talks are over.”") are one quote, its text running over the
 * attribution between them, as the attribution model reads them and as annotators of news mark
 * them.
 *
 * Heuristic "a partial quote is read in its clause": a quoted phrase inside what a named source
 * is reported to have said ("Ms Ortiz said the plan was “dead on arrival” and “a gift to the
 * smugglers”") is one partial quote spanning that reported content, its quotation marks kept,
 * so the phrase is read with the words that say what it is about, as annotators of news mark it.
 */
function oneVoice(doc: Doc, quotes: (Quote | null)[], voices: (ReadAttribution | null)[]): Quote[] {
  const out: Quote[] = [];
  let lastVoice: ReadAttribution | null = null;
  quotes.forEach((q, i) => {
    if (!q) return;
    const prev = out[out.length - 1];
    const voice = voices[i];
    const clause = q.kind === 'partial' && voice ? partialClause(doc, q, voice) : null;
    if (clause) {
      if (prev && voice === lastVoice && prev.kind === 'partial') return;
      q.start = clause.start;
      q.end = clause.end;
      q.text = doc.text.slice(q.start, q.end);
    } else if (prev && voice && voice === lastVoice && q.kind === 'direct' && prev.kind === 'direct') {
      prev.end = q.end;
      prev.text = doc.text.slice(prev.start, prev.end);
      return;
    }
    out.push(q);
    lastVoice = voice;
  });
  return out;
}

/** Sentences back (besides the current one) where a pronoun speaker looks for the last speaker. */
const SPEAKER_MEMORY_SENTENCES = 2;

/**
 * The person who last spoke before a pronoun speaker ("Priya Raman said … ‘…,’ she said"): the
 * subject of the latest reporting verb in this or the two previous sentences that resolves to an
 * entity of the pronoun's kind. News keeps the same speaker across such pronouns.
 */
function recentSpeaker(doc: Doc, sentences: Span[], offset: number, pronoun: string): string | null {
  const si = sentenceAt(sentences, offset);
  if (si < 0) return null;
  const p = pronoun.toLowerCase();
  const types =
    p === 'he' || p === 'she' || p === 'i'
      ? ['PERSON']
      : p === 'it'
        ? ['ORG', 'GPE']
        : ['PERSON', 'ORG', 'GPE', 'NORP'];
  for (let k = si; k >= Math.max(0, si - SPEAKER_MEMORY_SENTENCES); k--) {
    const s = sentences[k];
    const verbs = findReportingVerbs(doc, s.start, Math.min(s.end, offset));
    for (let i = verbs.length - 1; i >= 0; i--) {
      const subj = subjectBefore(doc, verbs[i].start, s.start);
      if (!subj || subj.form === 'pronoun' || !subj.entity) continue;
      const ent = doc.entityById(subj.entity);
      if (ent && types.includes(ent.type)) return ent.id;
    }
  }
  return null;
}

/**
 * The person a quote sentence with no attribution is about: the subject of the sentence just
 * before it (in the same paragraph, or closing the paragraph before when the quote opens its own),
 * when that sentence holds no quotation and its subject resolves to a PERSON entity.
 */
function introducedSpeaker(
  doc: Doc,
  sentences: Span[],
  paragraphs: Span[],
  openPos: number,
): { speaker: SpeakerMatch; samePara: boolean } | null {
  const si = sentenceAt(sentences, openPos);
  if (si <= 0) return null;
  const prevS = sentences[si - 1];
  const para = paragraphs[spanIndexAt(paragraphs, openPos)];
  if (!para) return null;
  const samePara = prevS.start >= para.start;
  if (!samePara && (openPos !== para.start || !INTRODUCTION_END.test(doc.text.slice(prevS.start, prevS.end))))
    return null;
  const sentence = doc.text.slice(prevS.start, prevS.end);
  if (holdsQuotation(sentence) || findReportingVerbs(doc, prevS.start, prevS.end).length) return null;
  const subj = clauseSubject(doc, prevS.start, prevS.end);
  if (!subj || subj.form === 'pronoun' || !subj.entity) return null;
  if (subj.start - prevS.start > INTRODUCTION_SUBJECT_MAX_OFFSET) return null;
  if (doc.entityById(subj.entity)?.type !== 'PERSON') return null;
  return { speaker: subj, samePara };
}

/** A quotation introduced by a colon with no reporting verb ("Ms Ortiz was blunt: “…”"). */
const COLON_INTRODUCTION = /:\s*$/;

/** The PERSON subject of a clause that introduces a quotation with a colon. */
function colonSpeaker(doc: Doc, lo: number, openPos: number): { speaker: SpeakerMatch; samePara: boolean } | null {
  const subj = clauseSubject(doc, lo, openPos);
  if (!subj || subj.form === 'pronoun' || !subj.entity || subj.start - lo > INTRODUCTION_SUBJECT_MAX_OFFSET)
    return null;
  if (doc.entityById(subj.entity)?.type !== 'PERSON') return null;
  return { speaker: subj, samePara: true };
}

/** How far into the introducing sentence its subject may start (after "On Monday, "), in characters. */
const INTRODUCTION_SUBJECT_MAX_OFFSET = 40;

/** Across a paragraph break, only a sentence ending in a colon introduces the next paragraph's quote. */
const INTRODUCTION_END = /:\s*$/;

/** Index of the last non-null item. */
function lastIndex(list: (Quote | null)[]): number | null {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]) return i;
  return null;
}

/** An attribution right after a closing mark, to the comma after it ("…,” he said, “…"). */
const ATTRIBUTION_AFTER_QUOTE = new RegExp(
  `^[\\s,—–-]*(?:[\\p{L}’'.-]+\\s+){0,6}?(?:${alternation('quotations', 'attributionVerbs')})\\b[^,‘“"]*,?`,
  'u',
);

/** End of the attribution after a quotation (the comma that follows "he said"). */
function afterAttrEnd(doc: Doc, q: RawQuote): number {
  if (q.close === null) return q.end;
  const m = ATTRIBUTION_AFTER_QUOTE.exec(doc.text.slice(q.close + 1, q.close + 120));
  return m ? q.close + 1 + m[0].length : q.close + 1;
}

/**
 * Indirect quotes: the model's attributions of speech (the cue holds a reporting verb that
 * reports speech, `indirectLemmas`) by a named speaker, whose content holds no quotation.
 */
export function extractIndirectQuotes(doc: Doc, direct: Quote[]): Quote[] {
  const text = doc.text;
  const out: Quote[] = [];
  const overlapsDirect = overlapTest(direct);
  for (const a of readAttributions(doc)) {
    const { content, source, cue } = a;
    if (!source || !cue.lemma || !INDIRECT_LEMMAS.has(cue.lemma)) continue;
    // A reported clause: after "that", or after a verb that takes one bare ("said the plan would fail").
    if (!BARE_CLAUSE_LEMMAS.has(cue.lemma) && !/\bthat\s*$/i.test(text.slice(cue.end, content.start))) continue;
    if (source.form === 'anonymous' || source.form === 'publication' || !source.entity) continue;
    // (the content is trimmed already: `readAttributions`)
    const clause = text.slice(content.start, content.end);
    if (overlapsDirect(content.start, content.end) || holdsQuotation(clause)) continue;
    // A reported clause has a subject and a verb at least ("warned of delays" reports none).
    if (wordCount(clause) < MIN_CLAUSE_WORDS) continue;
    if (repeatsBodyInCaption(doc, content.start, content.end)) continue;
    const channel = findChannel(channelWords(doc, cue, content.start, content.end));
    out.push({
      text: clause,
      start: content.start,
      end: content.end,
      kind: 'indirect',
      speaker: source.entity,
      speakerText: source.text,
      cue: cue.text,
      ...(channel ? { channel } : {}),
    });
  }
  return out;
}

/** The quote stage: direct and partial quotations, then indirect quotes, in text order. */
export const quoteStage: Stage = {
  name: 'quotes',
  reads: ['text', 'blocks', 'sentences', 'tokens', 'entities', 'attributions'],
  adds: ['quotes'],
  run(doc) {
    const quotes = extractQuotes(doc);
    const indirect = extractIndirectQuotes(doc, quotes);
    doc.quotes = [...quotes, ...indirect].sort((a, b) => a.start - b.start);
  },
};
