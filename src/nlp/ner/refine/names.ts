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
import { alternation } from '../../../lexicon/load.ts';
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

/** A span of two or more words that is a role title ("National Security Adviser"), not a listed organisation. */
export function isRoleSpan(ctx: Ctx, s: Span): boolean {
  if (s.to - s.from < 2 || s.type === 'GPE' || s.type === 'NORP') return false;
  const ws = words(ctx, s);
  return isRolePhrase(ws) && !knownOrgForm(spanText(ctx, s.from, s.to));
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
