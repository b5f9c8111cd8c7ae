/**
 * Places named inside longer names: countries and regions that begin or end an organisation's name
 * ("U.S. Army", "Health Ministry of Uganda"), parts of hyphenated compounds ("UK-based"), and towns
 * after "of" ("Children's Hospital of Pittsburgh").
 */
import type { Entity, Mention } from '../../model/analysis.ts';
import type { Doc } from '../../model/doc.ts';
import type { Gazetteer, Place } from './gazetteer.ts';
import { nameKey } from './normalize.ts';
import { resolve, toGeo } from './resolve.ts';
import { PLACE_HEADS, STOP } from './spot.ts';
import { isCountry, parentAfter, PLACE_TYPES } from './context.ts';
import { pushAll } from '../../text/arrays.ts';
import { isListedCompany } from '../../lexicon/lexicon.ts';
import { SpanSet } from './spans.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;
/** Initials only ("U.S."). */
const INITIALS_ONLY = /^(?:\p{Lu}\.)+$/u;
/** Kinds of place taken from inside organisation names (countries, regions): towns there are too often
 * people or brands. */
const NESTED_KINDS = new Set<Place['kind']>(['C', 'A', 'R']);
/**
 * Towns are taken from inside a name only where the name says "of X" or ends with X ("Children's
 * Hospital of Pittsburgh", "CDC Atlanta"), or inside a place name the gazetteer lacks
 * ("Buenos Aires hospital"), and only when this large: small towns there are mostly surnames or brands.
 */
const NESTED_TOWN_MIN_POP = 100_000;
/** Nested towns smaller than this need their country named in the article ("Islington Bay" in New Zealand
 * is no London). */
const NESTED_TOWN_FREE_POP = 1_000_000;

/**
 * Countries and regions that begin or end an organisation's name ("U.S. Army", "California
 * Department of Public Health", "Health Ministry of Uganda", "Taco Bell Canada") are toponyms too:
 * they become mentions of that place's entity (created when the article has none), nested inside
 * the organisation's mention, which is left as it is.
 */
export function addNestedPlaces(doc: Doc, gaz: Gazetteer): void {
  const byCountry = new Map<string, Entity>();
  const byName = new Map<string, Entity>();
  for (const e of doc.entities) {
    if (!PLACE_TYPES.has(e.type)) continue;
    byName.set(nameKey(e.name), e);
    if (e.geo && (gaz.lookup(e.name).some(isCountry) || gaz.lookupAbbr(e.name).some(isCountry)))
      byCountry.set(e.geo.country, e);
  }
  const ids = new Set(doc.entities.map((e) => e.id));
  const placed: Mention[] = [];
  for (const e of doc.entities) if (PLACE_TYPES.has(e.type) && e.geo) pushAll(placed, e.mentions);
  const taken = new SpanSet(placed);
  // entities given mentions here, whose mentions are sorted by start before they are read again
  const grown = new Set<Entity>();
  // the spans of each grown entity's mentions (`start,end`), made when first asked
  const spansOf = new Map<Entity, Set<string>>();
  let n = 0;
  let added = 0;
  for (const host of [...doc.entities]) {
    sortGrown(host, grown);
    // Organisations, and place names the gazetteer could not place ("Pakistan-administered Kashmir").
    const unplacedPlace = PLACE_TYPES.has(host.type) && !host.geo;
    if (host.type !== 'ORG' && !unplacedPlace) continue;
    for (const m of host.mentions) {
      for (const part of nestedParts(m.text)) {
        if (STOP.has(part.text) || PLACE_HEADS.has(part.text)) continue;
        // A listed company opening its product's or division's name ("Amazon Web Services") is the
        // company, not the place it shares a name with.
        if (isListedCompany(part.text)) continue;
        // Region codes inside names are initials more often than states ("SK Sharif", "D-CA").
        if (gaz.lookupAbbr(part.text).some((p) => p.kind === 'A')) continue;
        if (part.hyphen && !hyphenPartOk(gaz, m.text, part)) continue;
        const townOk = unplacedPlace || !!part.tail;
        const parent = part.tail ? parentAfter(gaz, doc.text, m.start + part.offset + part.text.length) : undefined;
        // (inline arrows: tsx names a closure kept in a variable, at a cost per part)
        if (
          !gaz.lookupAbbr(part.text).some((p) => fitsNested(p, townOk, parent, byCountry)) &&
          !gaz.lookup(part.text).some((p) => fitsNested(p, townOk, parent, byCountry))
        )
          continue;
        const r = resolve(gaz, part.text, { countries: [...byCountry.keys()], parent });
        if (!r || !fitsNested(r.place, townOk, parent, byCountry)) continue;
        const start = m.start + part.offset;
        const mention: Mention = { start, end: start + part.text.length, text: part.text, type: undefined };
        if (taken.overlaps(mention.start, mention.end)) continue;
        let e = (r.place.kind === 'C' ? byCountry.get(r.place.cc) : undefined) ?? byName.get(nameKey(part.text));
        if (e && !e.geo) e.geo = toGeo(gaz, r.place);
        if (!e) {
          let id: string;
          do id = `geo-n${++n}`;
          while (ids.has(id));
          ids.add(id);
          e = {
            id,
            name: part.text,
            type: r.place.kind === 'R' ? 'LOC' : 'GPE',
            mentions: [],
            roles: [],
            aliases: [],
            geo: toGeo(gaz, r.place),
          };
          doc.entities.push(e);
          byName.set(nameKey(part.text), e);
          if (r.place.kind === 'C') byCountry.set(r.place.cc, e);
        }
        let spans = spansOf.get(e);
        if (!spans) spansOf.set(e, (spans = new Set(e.mentions.map((x) => `${x.start},${x.end}`))));
        if (spans.has(`${mention.start},${mention.end}`)) continue;
        spans.add(`${mention.start},${mention.end}`);
        e.mentions.push(mention);
        grown.add(e);
        // the host's mentions are being read: kept in order as they grow
        if (e === host) sortGrown(e, grown);
        taken.add(mention);
        added++;
        // Compounds may hold several places ("India-Pakistan border"); other names hold one.
        if (!part.hyphen) break;
      }
    }
  }
  for (const e of [...grown]) sortGrown(e, grown);
  // mentions added to entities in place: the Doc's mention index must be built again
  if (added) doc.entitiesChanged();
  if (added) doc.info('geo', `${added} place name(s) found inside organisation or unknown place names`);
}

/**
 * Sorts the mentions of `e` by start if it gained some (`grown`): once before they are read, rather
 * than after each mention added (stable: a mention joins after those of the same start, as then).
 */
function sortGrown(e: Entity, grown: Set<Entity>): void {
  if (!grown.delete(e)) return;
  e.mentions.sort((a, b) => a.start - b.start);
}

/**
 * Whether a place may be taken from inside a longer name (`addNestedPlaces`): countries, regions
 * and world regions always; towns where allowed (`townOk`) and named with a parent or large enough.
 */
function fitsNested(p: Place, townOk: boolean, parent: string | undefined, byCountry: Map<string, Entity>): boolean {
  return (
    NESTED_KINDS.has(p.kind) ||
    (townOk &&
      p.kind === 'P' &&
      (!!parent || (p.pop >= NESTED_TOWN_MIN_POP && (p.pop >= NESTED_TOWN_FREE_POP || byCountry.has(p.cc)))))
  );
}

/** A place name joined to another word by a hyphen ("UK-based", "Pakistan-administered", "India-Pakistan"). */
const HYPHEN_PART = /\p{Lu}[\p{L}\p{M}.]*(?=-)|(?<=-)\p{Lu}[\p{L}\p{M}.]*/gu;

/**
 * A part of a hyphenated compound is a place name when the rest of the compound is lower-case
 * ("UK-based", "Pakistan-administered") or names places too ("India-Pakistan border"); not in
 * "Agence France-Presse" or "Rolls-Royce".
 */
function hyphenPartOk(gaz: Gazetteer, name: string, part: { text: string; offset: number }): boolean {
  const from = name.lastIndexOf(' ', part.offset) + 1;
  let to = name.indexOf(' ', part.offset);
  if (to < 0) to = name.length;
  const others = name
    .slice(from, to)
    .replace(/[,.;:]+$/, '')
    .split('-');
  others.splice(others.indexOf(part.text), 1);
  return others.every((w) => !CAPITALISED.test(w) || gaz.lookup(w).length > 0 || gaz.lookupAbbr(w).length > 0);
}

/** A candidate place name inside a longer name (`nestedParts`); every one has all four fields (one object shape). */
interface NestedPart {
  text: string;
  offset: number;
  /** After the last "of" or among the last words: where towns are allowed. */
  tail: boolean;
  /** Part of a hyphenated compound. */
  hyphen: boolean;
}

/**
 * Candidate place names inside a longer name: parts of hyphenated compounds, its first 1–3 words,
 * what follows its last "of", and its last 1–2 words (`tail`: the last two kinds, where towns are allowed).
 */
function nestedParts(name: string): NestedPart[] {
  const out: NestedPart[] = [];
  for (const w of name.matchAll(/\S+/g)) {
    if (!w[0].includes('-')) continue;
    for (const h of w[0].matchAll(HYPHEN_PART))
      out.push({ text: h[0], offset: w.index! + h.index!, tail: false, hyphen: true });
  }
  // Words without a trailing possessive or punctuation ("Kenya's", "Inc."), abbreviations kept whole ("U.S.").
  const words: { text: string; offset: number }[] = [];
  for (const w of name.matchAll(/\S+/g)) {
    words.push({ text: INITIALS_ONLY.test(w[0]) ? w[0] : w[0].replace(/(?:['’]s|[,.;:]+)$/u, ''), offset: w.index! });
  }
  // A leading article is no part of the place ("The New Zealand Department of Conservation").
  if (words.length > 2 && /^the$/i.test(words[0].text)) words.shift();
  if (words.length < 2) return out.filter((p) => CAPITALISED.test(p.text));
  const span = (a: number, b: number, tail = false): NestedPart => ({
    text: name.slice(words[a].offset, words[b].offset + words[b].text.length),
    offset: words[a].offset,
    tail,
    hyphen: false,
  });
  for (let k = Math.min(3, words.length - 1); k >= 1; k--) out.push(span(0, k - 1));
  let of = words.length - 1;
  while (of >= 0 && words[of].text !== 'of') of--;
  if (of >= 1 && of < words.length - 1) out.push(span(of + 1, words.length - 1, true));
  for (let k = Math.min(2, words.length - 1); k >= 1; k--) out.push(span(words.length - k, words.length - 1, true));
  return out.filter((p) => CAPITALISED.test(p.text));
}
