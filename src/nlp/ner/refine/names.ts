/**
 * Correction rules 1 and 2, what is and is not part of a name: role titles the tagger read as
 * names are dropped, a run of group words is one NORP per word, and a one-word name takes in the
 * sentence-initial capitalised word before it when that word is no ordinary word.
 */
import {
  countryByDemonym,
  isCompass,
  isFunctionWord,
  isHonorific,
  isOrgHead,
  isRoleHead,
  isRoleModifier,
  knownOrgForm,
  norpLemma,
  rankPrefixLength,
} from '../../../lexicon/lexicon.ts';
import { alternation, wordSet } from '../../../lexicon/load.ts';
import { isRolePhrase } from '../../../lexicon/roles.ts';
import { isGazetteerWord, isInitial, lowerSeen, span, spaced, spanText, words, type Ctx, type Span } from './spans.ts';

/** Sentence-initial words of this shape are ordinary words, not names ("Writing", "Pictured", "Nominally"). */
const ORDINARY_SHAPE = /^\p{Lu}\p{Ll}+(?:ing|ed|ly)$/u;
/** Month and weekday names: capitalised but dates. */
const DATE_WORD = new RegExp(
  `^(?:${alternation('time-words', 'weekdays')}|${alternation('time-words', 'monthNames')})$`,
);

// ---------------------------------------------------------------------------------------------
// 1. role titles

/** Acronyms of common nouns (`data/lexicons/entity-noise.json`): "a console or PC" names no one. */
const COMMON_ACRONYM = wordSet('entity-noise', 'commonAcronyms');

/**
 * A span that is a role title ("National Security Adviser", "CEO"), not a listed organisation, or
 * a common noun's acronym standing alone ("PC", "GPS").
 */
export function isRoleSpan(ctx: Ctx, s: Span): boolean {
  if (s.type === 'GPE' || s.type === 'NORP') return false;
  if (s.to - s.from === 1 && COMMON_ACRONYM.has(ctx.texts[s.from])) return true;
  const ws = words(ctx, s);
  // One word: only a role written as an office or acronym would be ("CEO", "Founder"), not a person's name.
  if (ws.length === 1 && (s.type === 'PERSON' || !isRoleHead(ws[0]))) return false;
  return isRolePhrase(ws) && !knownOrgForm(spanText(ctx, s.from, s.to));
}

/** Words before a role that make it a person's title: an appositive's comma, "the", "as". */
const BEFORE_TITLE = /^(?:,|the|as)$/;

/**
 * A role and "of" opening an organisation span after an appositive comma, "the", "as" or another
 * role (", CEO and Founder of Ceres Robotics", "as chief executive of Harbourline") are a person's title, not
 * the organisation's name: the span starts after "of". A name such as "Queen of the South" (a
 * football club) opens its sentence or follows other words.
 */
export function dropLeadingRole(ctx: Ctx, s: Span): Span {
  if (s.type !== 'ORG' || s.from === 0) return s;
  const before = ctx.texts[s.from - 1];
  // "CEO and Founder of …": a second role joined to a first
  const secondRole = before === 'and' && s.from > 1 && isRoleHead(ctx.texts[s.from - 2]);
  if (!BEFORE_TITLE.test(before) && !secondRole) return s;
  const ws = words(ctx, s);
  const of = ws.findIndex((w) => w === 'of');
  if (of < 1 || of >= ws.length - 1 || !isRolePhrase(ws.slice(0, of))) return s;
  return span(s.from + of + 1, s.to, s.type, s.sure);
}

/** Words that join two group names inside one tagged span ("Christian and Muslim leaders"). */
const GROUP_CONJUNCTION = /^(?:and|or|&)$/i;

/**
 * "Sunni Muslim Bedouin" or "Christian and Muslim" tagged as one name: each listed group or
 * nationality word is its own NORP, and the conjunction between them is no part of a name.
 */
export function splitGroups(ctx: Ctx, s: Span): Span[] {
  if (s.to - s.from < 2 || s.type === 'GPE' || s.type === 'LOC') return [s];
  const ws = words(ctx, s);
  const joiner = (w: string) => GROUP_CONJUNCTION.test(w);
  if (joiner(ws[0]) || joiner(ws[ws.length - 1])) return [s];
  if (!ws.every((w) => joiner(w) || norpLemma(w) || countryByDemonym(w))) return [s];
  if (knownOrgForm(spanText(ctx, s.from, s.to))) return [s];
  return ws.flatMap((w, k) => (joiner(w) ? [] : [span(s.from + k, s.from + k + 1, 'NORP', false)]));
}

// ---------------------------------------------------------------------------------------------
// 2. sentence-initial first word of a two-word name

/** Rule 2: a one-word name takes in the sentence-initial word before it ("Inter Mediate"). */
export function extendSentenceInitial(ctx: Ctx, spans: Span[]): void {
  const { texts } = ctx;
  for (const s of spans) {
    if (s.to - s.from !== 1 || s.from === 0 || (s.type !== 'PERSON' && s.type !== 'ORG' && s.type !== 'MISC')) continue;
    const i = s.from - 1;
    const w = texts[i];
    if (!isInitial(ctx, i) || !spaced(ctx, s.from) || !/^\p{Lu}\p{Ll}+$/u.test(w)) continue;
    if (spans.some((x) => x.to === s.from)) continue;
    if (ordinaryWord(ctx, w)) continue;
    s.from = i;
  }
}

/** A capitalised word that is probably an ordinary word, a title or a listed name of its own. */
function ordinaryWord(ctx: Ctx, w: string): boolean {
  const lw = w.toLowerCase();
  return (
    isFunctionWord(w) ||
    lowerSeen(ctx).has(lw) ||
    ORDINARY_SHAPE.test(w) ||
    DATE_WORD.test(w) ||
    isHonorific(w) ||
    rankPrefixLength([w]) > 0 ||
    isRoleHead(w) ||
    isRoleModifier(w) ||
    isOrgHead(w) ||
    isCompass(w) ||
    isGazetteerWord(w)
  );
}
