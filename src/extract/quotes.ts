/**
 * Quotes: direct and partial quotations, their speakers, cues and channels, plus indirect
 * quotes ("X said that …").
 *
 * 1. Every quotation-mark character is classified as opening, closing or an apostrophe from
 *    its neighbours ("Starmer‘s", "I’ve", "’90s", "rock ‘n’ roll" are apostrophes).
 * 2. Marks of one style (double, single, guillemets) are paired within a paragraph; a quotation
 *    left open at the end of a paragraph runs on into the next one (news convention: the next
 *    paragraph opens with a mark again, or closes the quotation).
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

/** Apostrophe words that begin with a mark typeset like an opening quote ('s, 'n', 'em, '90s). */
const ELISION_AFTER_MARK = new RegExp(
  `^(?:${alternation('quotations', 'elisions')})(?![\\p{L}\\p{N}])|^\\d\\d(?:s|\\b)`,
  'iu',
);

/** Characters after which an opening mark may stand (start, space, bracket, dash, other mark). */
const OPEN_CONTEXT = /[\s([{—–\-/“‘"'«]/;

/** Lemmas whose quotations are speech (not "describe … as") for indirect quotes. */
const INDIRECT_LEMMAS = wordSet('reporting-verbs', 'indirectLemmas');

/** Fewest words of a reported clause. */
const MIN_CLAUSE_WORDS = 3;

/** Lemmas that report a clause without "that" ("said the plan would fail"). */
const BARE_CLAUSE_LEMMAS = wordSet('reporting-verbs', 'bareClauseLemmas');

/** The style of a quotation mark: marks pair only with marks of their style. */
type Style = 'double' | 'single' | 'guillemet';
/** What a mark may do: open, close, or either (a straight " between words). */
type Role = 'open' | 'close' | 'either';

/** A classified quotation mark. */
interface Mark {
  pos: number;
  style: Style;
  role: Role;
  /** A closing candidate that may be a plural possessive ("the workers’ union"). */
  possessive: boolean;
}

/** A quotation found by pairing marks, before it is classed and attributed. */
interface RawQuote {
  /** Content start/end (inside the marks). */
  start: number;
  end: number;
  /** Offsets of the marks themselves. */
  open: number;
  close: number | null;
  /** Index of the quote this one continues (a new paragraph of the same quotation). */
  continues: number | null;
}

/** Whether a character is a letter or digit. */
const isLetter = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

/** Classifies one quotation-mark character, or returns null for an apostrophe or stray mark. */
function classify(text: string, i: number): Mark | null {
  const c = text[i];
  const prev = i > 0 ? text[i - 1] : '\n';
  const next = i + 1 < text.length ? text[i + 1] : '\n';
  const prevOpen = OPEN_CONTEXT.test(prev);
  const nextSpace = /\s/.test(next) || next === '\n';
  if (c === '“' || c === '„') return { pos: i, style: 'double', role: 'open', possessive: false };
  if (c === '”') return { pos: i, style: 'double', role: 'close', possessive: false };
  if (c === '«') return { pos: i, style: 'guillemet', role: 'open', possessive: false };
  if (c === '»') return { pos: i, style: 'guillemet', role: 'close', possessive: false };
  if (c === '"') {
    if (prevOpen && !nextSpace) return { pos: i, style: 'double', role: 'open', possessive: false };
    if (!prevOpen && (nextSpace || /[\p{P}]/u.test(next)))
      return { pos: i, style: 'double', role: 'close', possessive: false };
    return { pos: i, style: 'double', role: 'either', possessive: false };
  }
  // Single marks: ‘ ’ ' ‛
  if (isLetter(prev) && isLetter(next)) return null; // I’ve, Assad’s, Starmer‘s
  if (prevOpen && !nextSpace) {
    if (ELISION_AFTER_MARK.test(text.slice(i + 1, i + 6))) return null; // Starmer ‘s, ’90s, ‘n’
    if (c === '’' && /\d/.test(next)) return null;
    return { pos: i, style: 'single', role: 'open', possessive: false };
  }
  if (!prevOpen && (nextSpace || /[\p{P}]/u.test(next))) {
    // A closing mark after "s" followed by a lower-case word may be a plural possessive.
    const possessive = /[sS]/.test(prev) && /^\s+[\p{Ll}]/u.test(text.slice(i + 1, i + 4));
    if (prev === 'n' && /^\s+(?:roll|run)/.test(text.slice(i + 1, i + 8))) return null;
    return { pos: i, style: 'single', role: 'close', possessive };
  }
  return null;
}

/** All quotation marks of the Doc, classified, in text order. */
function findMarks(text: string, from: number, to: number): Mark[] {
  const out: Mark[] = [];
  const re = /[“”„"«»‘’'‛]/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    const mk = classify(text, m.index);
    if (mk) out.push(mk);
  }
  return out;
}

/** Pairs the marks of one style across paragraphs into quotations (content spans). */
function pairStyle(doc: Doc, paragraphs: Span[], style: Style): RawQuote[] {
  const text = doc.text;
  const out: RawQuote[] = [];
  /** A quotation left open at the end of the previous paragraph. */
  let carry: { open: number; paraEnd: number; continues: number | null } | null = null;
  for (const p of paragraphs) {
    const marks = findMarks(text, p.start, p.end).filter((m) => m.style === style);
    let open: { pos: number; continues: number | null } | null = null;
    let firstMark = true;
    for (let k = 0; k < marks.length; k++) {
      const mk = marks[k];
      const atParaStart = mk.pos === p.start;
      if (open === null && carry && firstMark) {
        firstMark = false;
        if (mk.role !== 'open' && !(mk.role === 'either' && atParaStart)) {
          // The previous paragraph's quotation closes here: one quote spanning both.
          out.push({ start: carry.open + 1, end: mk.pos, open: carry.open, close: mk.pos, continues: carry.continues });
          carry = null;
          continue;
        }
        // A new opening mark: the previous paragraph's quotation ends with its paragraph.
        out.push({
          start: carry.open + 1,
          end: carry.paraEnd,
          open: carry.open,
          close: null,
          continues: carry.continues,
        });
        const idx = out.length - 1;
        carry = null;
        open = { pos: mk.pos, continues: atParaStart ? idx : null };
        continue;
      }
      firstMark = false;
      if (open === null) {
        if (mk.role === 'open' || mk.role === 'either') open = { pos: mk.pos, continues: null };
        continue;
      }
      if (mk.role === 'close' || mk.role === 'either') {
        if (mk.possessive && marks.slice(k + 1).some((m2) => m2.role !== 'open')) continue;
        out.push({ start: open.pos + 1, end: mk.pos, open: open.pos, close: mk.pos, continues: open.continues });
        open = null;
      } else {
        // Two opening marks in a row: the first was unbalanced; start over from this one.
        open = { pos: mk.pos, continues: null };
      }
    }
    if (carry) {
      // The paragraph after an unclosed quotation had no mark: the quotation ended with its paragraph.
      out.push({
        start: carry.open + 1,
        end: carry.paraEnd,
        open: carry.open,
        close: null,
        continues: carry.continues,
      });
      carry = null;
    }
    if (open) carry = { open: open.pos, paraEnd: p.end, continues: open.continues };
  }
  if (carry)
    out.push({ start: carry.open + 1, end: carry.paraEnd, open: carry.open, close: null, continues: carry.continues });
  return out;
}

/** Finds quotations of every style and drops those nested inside another. */
function findQuotations(doc: Doc): RawQuote[] {
  const paragraphs = paragraphsOf(doc);
  const all: RawQuote[] = [];
  for (const style of ['double', 'single', 'guillemet'] as Style[]) {
    const qs = pairStyle(doc, paragraphs, style);
    const base = all.length;
    for (const q of qs) all.push({ ...q, continues: q.continues === null ? null : q.continues + base });
  }
  // Nested: another quotation opens before this one and reaches past its opening and its end. The
  // one reaching furthest of those opening before it decides (a walk in order of opening).
  const keep = all.map(() => true);
  const byOpen = all.map((_, i) => i).sort((a, b) => all[a].open - all[b].open);
  let reach = -Infinity;
  for (let k = 0, j = 0; k < byOpen.length; k = j) {
    while (j < byOpen.length && all[byOpen[j]].open === all[byOpen[k]].open) j++;
    for (let i = k; i < j; i++) keep[byOpen[i]] = !(reach > all[byOpen[i]].open && reach >= all[byOpen[i]].end);
    for (let i = k; i < j; i++) reach = Math.max(reach, all[byOpen[i]].close ?? all[byOpen[i]].end);
  }
  const index = new Map<number, number>();
  const out: RawQuote[] = [];
  all.forEach((q, i) => {
    if (keep[i]) {
      index.set(i, out.length);
      out.push(q);
    }
  });
  for (const q of out) q.continues = q.continues === null ? null : (index.get(q.continues) ?? null);
  // Text order, keeping continuation links.
  const order = out.map((_, i) => i).sort((a, b) => out[a].start - out[b].start);
  const pos = new Map(order.map((o, i) => [o, i]));
  return order.map((o) => ({
    ...out[o],
    continues: out[o].continues === null ? null : (pos.get(out[o].continues!) ?? null),
  }));
}

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
    // A quoted phrase nobody is said to have said is a scare quote or a title, not a quote.
    if (kind === 'partial' && !speaker && !speakerText) {
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
