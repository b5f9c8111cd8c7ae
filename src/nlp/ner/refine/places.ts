/**
 * Correction rules 4, 5, 8 and 8b, places: a compass word before a listed place is a region; a name
 * before a lower-case administrative noun, or after "the city/province ... of", is a GPE; a lone
 * city or country the tagger typed ORG after a preposition of place is a GPE; a planet or moon in a
 * sentence about space is a LOC.
 */
import {
  countryByDemonym,
  countryByName,
  foldKey,
  isAdminHead,
  isCityOrState,
  isCompass,
  isFunctionWord,
  isRegion,
  knownOrgForm,
  norpLemma,
} from '../../../lexicon/lexicon.ts';
import { alternation, wordSet } from '../../../lexicon/load.ts';
import {
  containedInLonger,
  isInitial,
  lowerSeen,
  place,
  span,
  spaced,
  spanText,
  type Ctx,
  type Span,
} from './spans.ts';

/** Prepositions after which a lone city or country name is a place, not a sports club or firm. */
const PLACE_PREPOSITION = new RegExp(`^(?:${alternation('place-cues', 'prepositions')})$`, 'i');
/** A possessive written as its own token or joined to the name ("Cleveland 's", "Milan's"). */
const POSSESSIVE_TOKEN = /^['’]s$/i;
/** Nouns that, with "the ... of", name a place: "the city of Sweida", "the province of Idlib". */
const PLACE_OF_NOUN = new RegExp(`^(?:${alternation('place-cues', 'ofNouns')})$`, 'i');

// ---------------------------------------------------------------------------------------------
// 4. compass + place

/** Rule 4: a compass word before a listed place is a region, LOC ("Southern Syria"). */
export function compassPlaces(ctx: Ctx, spans: Span[]): Span[] {
  const { texts } = ctx;
  let out = spans;
  for (let i = 0; i + 1 < texts.length; i++) {
    if (!isCompass(texts[i]) || !/^\p{Lu}/u.test(texts[i]) || !spaced(ctx, i + 1)) continue;
    let end = 0;
    for (let j = i + 2; j <= Math.min(texts.length, i + 4); j++) {
      if (j > i + 2 && !spaced(ctx, j - 1)) break;
      const t = spanText(ctx, i + 1, j);
      if (countryByName(t) || isRegion(t) || isCityOrState(t)) end = j;
    }
    if (end === 0) continue;
    const whole = spanText(ctx, i, end);
    if (countryByName(whole) || isRegion(whole) || isCityOrState(whole) || knownOrgForm(whole)) continue;
    // the tagger read exactly these words as an organisation: a club or firm named for the region ("East Fife")
    if (out.some((s) => s.from === i && s.to === end && s.type === 'ORG')) continue;
    if (containedInLonger(out, i, end)) continue;
    out = place(out, span(i, end, 'LOC', true));
    i = end - 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 5. administrative nouns

/** Rule 5: a name before a lower-case administrative noun or after "the city of" is a GPE. */
export function adminPlaces(ctx: Ctx, spans: Span[]): Span[] {
  const { texts } = ctx;
  let out = spans;
  // not MISC: a name the tagger read as an adjective before the noun is one ("the Arctic town",
  // "a Transylvanian village")
  const retypable = (s: Span) => !s.sure && (s.type === 'ORG' || s.type === 'PERSON' || s.type === 'LOC');
  for (const s of spans) {
    if (!retypable(s)) continue;
    const next = texts[s.to];
    const before = s.from >= 2 ? texts[s.from - 2] : '';
    if (
      (next && isAdminHead(next) && /^\p{Ll}/u.test(next) && spaced(ctx, s.to)) ||
      (texts[s.from - 1] === 'of' && PLACE_OF_NOUN.test(before))
    ) {
      s.type = 'GPE';
      s.sure = true;
    }
  }
  // an untagged capitalised word before an administrative noun ("the Daraa governorate")
  for (let i = 1; i + 1 < texts.length; i++) {
    const next = texts[i + 1];
    // (first, a quick part of the lower-case test: an ASCII first character other than a-z is no \p{Ll})
    const c = next.charCodeAt(0);
    if (c < 128 && (c < 97 || c > 122)) continue;
    if (!isAdminHead(next) || !/^\p{Ll}/u.test(next) || !spaced(ctx, i + 1)) continue;
    const w = texts[i];
    if (!/^\p{Lu}\p{Ll}/u.test(w) || isInitial(ctx, i) || isFunctionWord(w) || lowerSeen(ctx).has(w.toLowerCase()))
      continue;
    if (out.some((s) => s.from <= i && s.to > i)) continue;
    if (isCompass(w) || countryByDemonym(w) || norpLemma(w)) continue; // "the southern region", "the Kurdish region"
    out = place(out, span(i, i + 1, 'GPE', true));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 8. "to Leeds"

/** Rule 8: a single city or country typed ORG after a preposition of place is a GPE ("to Leeds"). */
export function placeAfterPreposition(ctx: Ctx, spans: Span[]): void {
  const { texts } = ctx;
  // names the tagger reads as an organisation that owns something ("Cleveland 's lead", "Milan's
  // Lentini") as often as after a preposition of place: a club or firm named for its city
  const votes = new Map<string, number>();
  for (const s of spans) {
    if (s.type !== 'ORG' || s.to - s.from !== 1) continue;
    const k = foldKey(texts[s.from]);
    const place = s.from > 0 && PLACE_PREPOSITION.test(texts[s.from - 1]);
    const owner = POSSESSIVE_TOKEN.test(texts[s.to] ?? '');
    if (place || owner) votes.set(k, (votes.get(k) ?? 0) + (place ? 1 : -1));
  }
  for (const s of spans) {
    if ((votes.get(foldKey(texts[s.from])) ?? 0) <= 0) continue;
    if (s.sure || s.type !== 'ORG' || s.to - s.from !== 1 || s.from === 0) continue;
    const w = texts[s.from];
    if (!PLACE_PREPOSITION.test(texts[s.from - 1])) continue;
    if ((countryByName(w) || isCityOrState(w)) && !knownOrgForm(w)) {
      s.type = 'GPE';
      s.sure = true;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 8b. planets and moons

/** Planets and moons (`data/lexicons/entity-noise.json`): places off the Earth. */
const CELESTIAL = wordSet('entity-noise', 'celestialBodies');
/** Words that put a sentence in space ("planet", "orbit", "rover", "NASA"). */
const SPACE_WORD = wordSet('entity-noise', 'spaceWords');

/**
 * Rule 8b: a planet's or moon's name standing alone in a sentence about space ("a crewed mission to
 * Mars", "Jupiter's moon Europa") is a LOC, whatever the tagger read; elsewhere the same names are
 * people, companies and towns ("Bruno Mars", "Jupiter, Florida") and are left to the tagger.
 */
export function celestialPlaces(ctx: Ctx, spans: Span[]): void {
  const { texts, sent } = ctx;
  for (const s of spans) {
    if (s.sure || s.to - s.from !== 1 || s.type === 'LOC' || !CELESTIAL.has(texts[s.from])) continue;
    let k = s.from;
    while (k > 0 && sent[k - 1] === sent[s.from]) k--;
    let spaceTalk = false;
    for (; k < texts.length && sent[k] === sent[s.from] && !spaceTalk; k++) spaceTalk = SPACE_WORD.has(texts[k]);
    if (!spaceTalk) continue;
    s.type = 'LOC';
    s.sure = true;
  }
}
