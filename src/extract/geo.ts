/**
 * Places on the map: the `geo` stage geocodes GPE and LOC entities (`entity.geo`).
 *
 *   gazetteer (data/gazetteer, built by scripts/build-gazetteer.ts)
 *     → candidates per name (geo/resolve.ts: exact names, abbreviations, demonyms, "southern X",
 *       "X province", transliteration skeletons)
 *     → two passes over the article: the first places every name alone, the second re-scores each
 *       with what the *other* names said (countries and regions named, nearby places, "City, Region")
 *
 * Recall aid (option `spot`, on by default): capitalised gazetteer names that no entity covers
 * (geo/spot.ts) become GPE/LOC entities with id `geo-N`, so the map does not depend on the
 * recogniser finding every place. Spotted names never overlap or change the entity stage's
 * mentions; a spotted name equal to an existing GPE/LOC entity's name joins it as a mention.
 */
import type { Entity, Geo, Mention } from '../model/analysis.ts';
import type { Doc } from '../model/doc.ts';
import type { Stage } from '../model/stage.ts';
import { Gazetteer, type Place } from './geo/gazetteer.ts';
import { nameKey } from './geo/normalize.ts';
import { resolve, toGeo, ADMIN_SUFFIX, type GeoContext, type Resolution } from './geo/resolve.ts';
import { spotToponyms, spotVariants, isCurrency, PLACE_HEADS, STOP, type Spot } from './geo/spot.ts';
import { pushAll } from '../text/arrays.ts';
import { isSpace } from '../text/chars.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;
/** Initials only ("U.S."). */
const INITIALS_ONLY = /^(?:\p{Lu}\.)+$/u;

export { Gazetteer, type Place } from './geo/gazetteer.ts';
export { distanceKm, type GeoContext } from './geo/resolve.ts';
export { spotToponyms, spotVariants } from './geo/spot.ts';

/** Weight a place adds to its country in the article context, by kind (countries count most). */
const CONTEXT_WEIGHT: Record<Place['kind'], number> = { C: 1, A: 1, R: 0.75, P: 0.5 };
/** A resolution this far ahead of its runner-up is trusted as context for the other names. */
const CONFIDENT_MARGIN = 1.5;
/** Weight of a demonym in the text ("Syrian forces") for its country's context. */
const DEMONYM_WEIGHT = 0.5;
/** What follows a name as its parent: ", Texas" / ", NSW" (1 to 3 capitalised words). */
const PARENT_AFTER = /^,\s*((?:\p{Lu}[\p{L}.'’-]*)(?:\s+(?:of\s+)?\p{Lu}[\p{L}.'’-]*){0,2})/u;
/** A place name (1 to 3 capitalised words) and a comma right before another name: its child ("Buffalo, " before "New York"). */
const CHILD_BEFORE = /(\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,2}),\s*$/u;
/** Whether the text before `at` ends with a comma and maybe white space: what CHILD_BEFORE needs, checked before its costly end-anchored search. */
function endsWithComma(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
  return k > 0 && text.charCodeAt(k - 1) === 44; /* , */
}
/** Longest gap between names of one list, in characters (", and " with spaces). */
const LIST_GAP_MAX = 8;
/** What separates names of one list ("Ontario, Manitoba and New Brunswick"). */
const LIST_GAP = /^\s*(?:,|;|,?\s+(?:and|or)|\/)\s*$/;
/** A name completed by the next one's head ("Central and South America" → "Central America"). */
const ELLIPSIS_AFTER = /^\s+(?:and|or)\s+\p{Lu}\p{L}+\s+(\p{Lu}\p{L}+)/u;
/** Spotted single towns below this population need a locative preposition, a parent or country context. */
const SPOT_MIN_POP_FREE = 100_000;
/** Spotted towns below this population are dropped unless a parent names their region or country. */
const SPOT_MIN_POP = 1_000;

export interface ToponymMention {
  name: string;
  start: number;
  end: number;
}

/**
 * Resolve every toponym of one article, using the others as context. Mentions with the same name
 * get the same place (one sense per article). Returns one resolution (or undefined) per mention.
 */
export function resolveMentions(
  gaz: Gazetteer,
  text: string,
  mentions: ToponymMention[],
  /** `demonymWeights(gaz, text)`, when the caller has it already (the stage resolves twice per text). */
  demonymsOfText?: Map<string, number>,
): (Resolution | undefined)[] {
  // nothing to resolve (and an empty literal would de-optimise the array calls below, see arrays.ts)
  if (mentions.length === 0) return [];
  const parents = mentions.map((m) => parentAfter(gaz, text, m.end));
  // "Central and South America": the first name borrows the second's head when that names a place.
  const names = mentions.map((m) => {
    const e = ELLIPSIS_AFTER.exec(text.slice(m.end, m.end + 60));
    return e && !/\s/.test(m.name) && gaz.lookup(`${m.name} ${e[1]}`).length ? `${m.name} ${e[1]}` : m.name;
  });
  // built field by field rather than spread: one object shape for every mention (see arrays.ts)
  mentions = mentions.map((m, i) => (names[i] === m.name ? m : { name: names[i], start: m.start, end: m.end }));
  const keys = mentions.map((m) => nameKey(m.name));
  // List neighbours: mentions in text order separated only by a comma, "and", "or".
  const order = mentions.map((_, i) => i).sort((a, b) => mentions[a].start - mentions[b].start);
  const neighbours: number[][] = [];
  for (let i = 0; i < mentions.length; i++) neighbours.push([]);
  for (let j = 1; j < order.length; j++) {
    const a = mentions[order[j - 1]];
    const b = mentions[order[j]];
    if (a.end <= b.start && LIST_GAP.test(text.slice(a.end, b.start))) {
      neighbours[order[j - 1]].push(order[j]);
      neighbours[order[j]].push(order[j - 1]);
    }
  }
  // Names grouped: parent evidence pooled per name.
  // every group made with all its fields (parent filled in later): one object shape (see arrays.ts)
  const groups = new Map<string, { name: string; parent: string | undefined; idx: number[] }>();
  mentions.forEach((m, i) => {
    let g = groups.get(keys[i]);
    if (!g) groups.set(keys[i], (g = { name: m.name, parent: undefined, idx: [] }));
    g.idx.push(i);
    if (parents[i] && !g.parent) g.parent = parents[i];
  });
  const demonyms = demonymsOfText ?? demonymWeights(gaz, text);
  // Children: places named right before an occurrence of the name, as in "Buffalo, New York".
  const children = new Map<string, Place[]>();
  for (const [k, g] of groups) {
    const kids: Place[] = [];
    for (let at = text.indexOf(g.name); at >= 0; at = text.indexOf(g.name, at + g.name.length)) {
      const c = endsWithComma(text, at) ? CHILD_BEFORE.exec(text.slice(Math.max(0, at - 60), at)) : null;
      if (!c) continue;
      const words = c[1].split(/\s+/);
      for (let n = words.length; n >= 1; n--) {
        const r = resolve(gaz, words.slice(-n).join(' '));
        if (r && nameKey(words.slice(-n).join(' ')) !== k) {
          kids.push(r.place);
          break;
        }
      }
    }
    if (kids.length) children.set(k, kids);
  }
  // Pass 1: each name alone (its parent only).
  const first = new Map<string, Resolution | undefined>();
  for (const [k, g] of groups) first.set(k, resolve(gaz, g.name, { parent: g.parent, children: children.get(k) }));
  const totals = new Map(demonyms);
  const admin1 = new Map<string, number>();
  for (const [k, g] of groups) {
    const r = first.get(k);
    if (!r || !r.place.cc) continue;
    totals.set(r.place.cc, (totals.get(r.place.cc) ?? 0) + contribution(r, g.idx.length));
    const a = r.place.kind === 'A' ? r.place.admin1 : '';
    if (a) admin1.set(a, (admin1.get(a) ?? 0) + 1);
  }
  // Pass 2: each name with the context of the others.
  const out: (Resolution | undefined)[] = new Array(mentions.length);
  for (const [k, g] of groups) {
    const r1 = first.get(k);
    const countries = new Map(totals);
    if (r1?.place.cc) {
      const w = (countries.get(r1.place.cc) ?? 0) - contribution(r1, g.idx.length);
      if (w > 1e-9) countries.set(r1.place.cc, w);
      else countries.delete(r1.place.cc);
    }
    const near: { lat: number; lon: number }[] = [];
    for (const [k2] of groups) {
      const r = first.get(k2);
      if (
        k2 !== k &&
        r &&
        (r.place.kind === 'P' || r.place.kind === 'A') &&
        (r.candidates === 1 || r.margin >= CONFIDENT_MARGIN)
      )
        near.push(r.place);
    }
    const siblings: { kind: Place['kind']; cc: string }[] = [];
    for (const i of g.idx) {
      for (const j of neighbours[i]) {
        if (keys[j] === k) continue;
        const r = first.get(keys[j]);
        if (r && r.place.cc && (r.candidates === 1 || r.margin >= CONFIDENT_MARGIN))
          siblings.push({ kind: r.place.kind, cc: r.place.cc });
      }
    }
    const ctx: GeoContext = {
      countries,
      admin1: [...admin1.keys()].filter((a) => !(r1?.place.kind === 'A' && r1.place.admin1 === a)),
      near,
      parent: g.parent,
      children: children.get(k),
      siblings,
    };
    const r = resolve(gaz, g.name, ctx);
    for (const i of g.idx) out[i] = r;
  }
  return out;
}

/** What a name's resolution adds to its country's weight in the article context, for `count` mentions. */
function contribution(r: Resolution | undefined, count: number): number {
  return r && r.place.cc
    ? CONTEXT_WEIGHT[r.place.kind] * count * (r.candidates === 1 || r.margin >= CONFIDENT_MARGIN ? 1 : 0.5)
    : 0;
}

/** A capitalised word that may be a demonym ("Syrian", "Syrians"). */
const DEMONYM_WORD = /\b\p{Lu}\p{Ll}+s?\b/gu;

/** Country code → context weight of the demonyms in the text ("Syrian forces"): DEMONYM_WEIGHT each. */
export function demonymWeights(gaz: Gazetteer, text: string): Map<string, number> {
  const demonyms = new Map<string, number>();
  for (const m of text.matchAll(DEMONYM_WORD)) {
    const c = gaz.demonym(m[0]);
    if (c) demonyms.set(c.cc, (demonyms.get(c.cc) ?? 0) + DEMONYM_WEIGHT);
  }
  return demonyms;
}

/** Gazetteer kinds that can be a parent ("Paris, Texas") or a country. */
const isCountryOrRegion = (p: Place): boolean => p.kind === 'C' || p.kind === 'A';
const isCountry = (p: Place): boolean => p.kind === 'C';

/** The parent named right after a place ("Paris, Texas" → "Texas") when it is a country or region. */
function parentAfter(gaz: Gazetteer, text: string, end: number): string | undefined {
  const m = PARENT_AFTER.exec(text.slice(end, end + 60));
  if (!m) return undefined;
  const words = m[1].split(/\s+/);
  for (let n = words.length; n >= 1; n--) {
    const cand = words
      .slice(0, n)
      .join(' ')
      .replace(/\.$/, (d) => (gaz.lookupAbbr(words.slice(0, n).join(' ')).length ? d : ''));
    if (gaz.lookup(cand).some(isCountryOrRegion) || gaz.lookupAbbr(cand).some(isCountryOrRegion)) return cand;
  }
  return undefined;
}

/**
 * Geocode one name, with optional context (countries, regions, nearby points, parent).
 * "Paris, Texas" may be given whole. Returns undefined when the gazetteer knows no such place.
 */
export function geocodeName(
  name: string,
  context: GeoContext = {},
  gaz: Gazetteer = Gazetteer.default(),
): Geo | undefined {
  const r = resolve(gaz, name, context);
  return r && toGeo(gaz, r.place);
}

export interface GeoStageOptions {
  /** Add gazetteer-spotted places the recogniser missed as GPE/LOC entities (default true). */
  spot?: boolean;
  gazetteer?: Gazetteer;
}

const PLACE_TYPES = new Set(['GPE', 'LOC']);
/** Other entity types that are placed too when the text itself calls a mention a place. */
const MAYBE_PLACE_TYPES = new Set(['ORG', 'MISC', 'PERSON']);
/** Words around a mention that make it a place whatever the recogniser said ("the city of X", "X province"). */
const PLACE_BEFORE =
  /\b(?:city|town|village|province|region|district|governorate|state|island|community|area|suburb|county|resort|capital) of\s+$/i;
/** A name that ends with the kind of an administrative area is one ("Santa Clara County", "Jefferson Parish"). */
const KIND_WORD_END = /\s(?:County|Parish|Province|District|Governorate|Prefecture|Oblast)$/;
const PLACE_AFTER =
  /^\s+(?:province|governorate|region|district|city|county|prefecture|oblast|island|islands|villages?|towns?|area|districts|provinces|camps?|state)\b/i;
/** Prepositions that nearly always introduce a place ("in Kananga", "near Tyler", "towards Kananga"). */
const STRONG_LOCATIVE = /\b(?:in|near|outside|towards?|across|throughout|within|around|nearby)\s+(?:the\s+)?$/i;
/** Prepositions that often introduce a place, but also organisations ("from Amazon", "at Google"). */
const WEAK_LOCATIVE = /\b(?:from|at|to|into|of|via|between)\s+(?:the\s+)?$/i;
/** Titles and honorifics before a mention that make it a person, whatever the gazetteer says. */
const PERSON_BEFORE =
  /\b(?:Mr|Mrs|Ms|Dr|Sir|Lady|Lord|Prof|President|Minister|Senator|Governor|Mayor|General|Captain)\.?\s+$/;
/** A lower-case letter: a line without one is written in capitals. */
const LOWER_LETTER = /\p{Ll}/u;
/** A word of two capitals or more (a line of digits and dashes is no line in capitals). */
const CAPS_WORD = /\p{Lu}{2,}/u;
/**
 * Extra evidence a re-typing needs for each further mention of the entity: the recogniser read
 * every mention in its context, and an organisation named ten times ("Leicestershire beat
 * Somerset") is not made a place by two weak cues.
 */
const RETYPE_EVIDENCE_PER_MENTION = 0.25;
/** Mentions that need no extra evidence ("towards Kananga ... Kananga is the provincial capital"). */
const RETYPE_FREE_MENTIONS = 2;
/** Evidence weights for re-typing an ORG/PERSON/MISC entity as a place, and the bar it must pass. */
const EVIDENCE_KIND_WORD = 2;
const EVIDENCE_PARENT = 2;
const EVIDENCE_STRONG_LOCATIVE = 1;
const EVIDENCE_WEAK_LOCATIVE = 0.5;
const EVIDENCE_LISTED_WITH_PLACE = 0.5;
const RETYPE_MIN_EVIDENCE = 1;
/**
 * The name itself is evidence when the gazetteer knows it as a country, region or world region
 * ("West Java", "Rift Valley", "the Mediterranean"): few organisations or people bear such names.
 * Not for one-word PERSON names ("Georgia", "Jordan", "Victoria" are first names).
 */
const EVIDENCE_REGION_NAME = 0.5;
/** Towns below this population are re-typed only when their country is named in the article or a parent names their region. */
const RETYPE_MIN_POP_FREE = 10_000;
/** Kinds of place taken from inside organisation names (countries, regions): towns there are too often people or brands. */
const NESTED_KINDS = new Set<Place['kind']>(['C', 'A', 'R']);
/**
 * Towns are taken from inside a name only where the name says "of X" or ends with X ("Children's
 * Hospital of Pittsburgh", "CDC Atlanta"), or inside a place name the gazetteer lacks
 * ("Buenos Aires hospital"), and only when this large: small towns there are mostly surnames or brands.
 */
const NESTED_TOWN_MIN_POP = 100_000;
/** Nested towns smaller than this need their country named in the article ("Islington Bay" in New Zealand is no London). */
const NESTED_TOWN_FREE_POP = 1_000_000;

/** How strongly the text calls an entity's mentions places (see the EVIDENCE_* weights). */
function placeEvidence(doc: Doc, gaz: Gazetteer, e: Entity, placeSpans: Mention[]): number {
  // a person's full name that is no place: a mention of the surname alone ("Jordan") is no place either
  if (e.type === 'PERSON' && /\s/.test(e.name.trim()) && !KIND_WORD_END.test(e.name) && gaz.lookup(e.name).length === 0)
    return 0;
  let score = 0;
  if ((e.type !== 'PERSON' || /\s/.test(e.name.trim())) && gaz.lookup(e.name).some((p) => p.kind !== 'P'))
    score += EVIDENCE_REGION_NAME;
  let listed = 0;
  for (const m of e.mentions) {
    const before = doc.text.slice(Math.max(0, m.start - 24), m.start);
    if (PERSON_BEFORE.test(before)) return 0;
    if (PLACE_BEFORE.test(before) || PLACE_AFTER.test(doc.text.slice(m.end, m.end + 16)) || KIND_WORD_END.test(m.text))
      score += EVIDENCE_KIND_WORD;
    else if (parentAfter(gaz, doc.text, m.end)) score += EVIDENCE_PARENT;
    else if (STRONG_LOCATIVE.test(before)) score += EVIDENCE_STRONG_LOCATIVE;
    else if (WEAK_LOCATIVE.test(before)) score += EVIDENCE_WEAK_LOCATIVE;
    // Listed with names already typed as places ("Suba, Migori, Homa Bay").
    for (const x of placeSpans) {
      if (x.end < m.start - LIST_GAP_MAX || x.start > m.end + LIST_GAP_MAX) continue;
      const gap =
        x.end <= m.start ? doc.text.slice(x.end, m.start) : m.end <= x.start ? doc.text.slice(m.end, x.start) : null;
      if (gap !== null && LIST_GAP.test(gap)) listed++;
    }
  }
  score += Math.min(2, listed) * EVIDENCE_LISTED_WITH_PLACE;
  return score - RETYPE_EVIDENCE_PER_MENTION * Math.max(0, e.mentions.length - RETYPE_FREE_MENTIONS);
}

/** Build the geo stage. */
export function createGeoStage(options: GeoStageOptions = {}): Stage {
  const spot = options.spot ?? true;
  return {
    name: 'geo',
    reads: ['text', 'entities'],
    adds: [], // places on the entities it reads (`geo`), and place entities the recogniser missed
    run(doc: Doc) {
      const gaz = options.gazetteer ?? Gazetteer.default();
      // both steps resolve names against the same text: its demonyms are read once, when first needed
      let demonyms: Map<string, number> | undefined;
      const demonymsOfText = (): Map<string, number> => (demonyms ??= demonymWeights(gaz, doc.text));
      if (spot) addSpottedPlaces(doc, gaz, demonymsOfText);
      geocodeEntities(doc, gaz, demonymsOfText);
    },
  };
}

/** The default geo stage (spotter on, shipped gazetteer). */
export const geoStage: Stage = createGeoStage();

/**
 * Set `geo` on every GPE/LOC entity that resolves (its name first, then its mentions and aliases),
 * and on ORG/MISC entities the text calls places ("the city of X"); their type is left to the
 * entity stage.
 */
function geocodeEntities(doc: Doc, gaz: Gazetteer, demonymsOfText: () => Map<string, number>): void {
  const maybe = new Map<Entity, number>();
  const placeSpans: Mention[] = [];
  for (const e of doc.entities) if (PLACE_TYPES.has(e.type)) pushAll(placeSpans, e.mentions);
  for (const e of doc.entities) if (MAYBE_PLACE_TYPES.has(e.type)) maybe.set(e, placeEvidence(doc, gaz, e, placeSpans));
  // Once more with the names that passed as list neighbours ("Suba, Migori, Rongo and Nyando").
  const passed = [...maybe].filter(([, v]) => v >= RETYPE_MIN_EVIDENCE).flatMap(([e]) => e.mentions);
  if (passed.length) {
    const spans = [...placeSpans, ...passed];
    for (const [e, v] of maybe) if (v < RETYPE_MIN_EVIDENCE) maybe.set(e, placeEvidence(doc, gaz, e, spans));
  }
  const places = doc.entities.filter((e) => PLACE_TYPES.has(e.type) || (maybe.get(e) ?? 0) >= RETYPE_MIN_EVIDENCE);
  // One toponym per entity name form, with the offset of a mention for the parent pattern.
  const forms: { entity: Entity; mention: ToponymMention }[] = [];
  for (const e of places) {
    const names = [e.name];
    for (const m of e.mentions) names.push(m.text);
    pushAll(names, e.aliases);
    const seen = new Set<string>();
    for (const n of names) {
      const k = nameKey(n);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      const m = e.mentions.find((x) => nameKey(x.text) === k) ?? e.mentions[0];
      forms.push({ entity: e, mention: { name: n, start: m?.start ?? 0, end: m?.end ?? 0 } });
    }
  }
  const res = resolveMentions(
    gaz,
    doc.text,
    forms.map((f) => f.mention),
    forms.length ? demonymsOfText() : undefined,
  );
  const countries = new Set<string>();
  forms.forEach((f, i) => {
    const p = res[i]?.place;
    if (p?.kind === 'C' && PLACE_TYPES.has(f.entity.type)) countries.add(p.cc);
  });
  const done = new Set<Entity>();
  const retyped: string[] = [];
  forms.forEach((f, i) => {
    const r = res[i];
    if (!r || done.has(f.entity)) return;
    if (maybe.has(f.entity)) {
      // Re-typed only on an exact gazetteer name that is a sizeable place, or one in a country the article names.
      const p = r.place;
      const exact =
        gaz.lookup(f.mention.name).includes(p) ||
        (KIND_WORD_END.test(f.mention.name) && gaz.lookup(f.mention.name.replace(ADMIN_SUFFIX, '')).includes(p));
      const sure =
        r.score > -Infinity &&
        exact &&
        (p.kind !== 'P' ||
          p.pop >= RETYPE_MIN_POP_FREE ||
          countries.has(p.cc) ||
          !!parentAfter(gaz, doc.text, f.mention.end));
      if (!sure) return;
      f.entity.type = p.kind === 'R' ? 'LOC' : 'GPE';
      retyped.push(f.entity.name);
    }
    done.add(f.entity);
    f.entity.geo = toGeo(gaz, r.place);
  });
  if (retyped.length) doc.info('geo', `re-typed as places (gazetteer and context agree): ${retyped.join(', ')}`);
  const missed: string[] = [];
  for (const e of places) if (!done.has(e) && !maybe.has(e)) missed.push(e.name);
  if (missed.length) doc.info('geo', `not placed (not in the gazetteer): ${missed.join(', ')}`);
  addNestedPlaces(doc, gaz);
}

/**
 * Countries and regions that begin or end an organisation's name ("U.S. Army", "California
 * Department of Public Health", "Health Ministry of Uganda", "Taco Bell Canada") are toponyms too:
 * they become mentions of that place's entity (created when the article has none), nested inside
 * the organisation's mention, which is left as it is.
 */
function addNestedPlaces(doc: Doc, gaz: Gazetteer): void {
  const byCountry = new Map<string, Entity>();
  const byName = new Map<string, Entity>();
  for (const e of doc.entities) {
    if (!PLACE_TYPES.has(e.type)) continue;
    byName.set(nameKey(e.name), e);
    if (e.geo && (gaz.lookup(e.name).some(isCountry) || gaz.lookupAbbr(e.name).some(isCountry)))
      byCountry.set(e.geo.country, e);
  }
  const ids = new Set(doc.entities.map((e) => e.id));
  const taken: Mention[] = [];
  for (const e of doc.entities) if (PLACE_TYPES.has(e.type) && e.geo) pushAll(taken, e.mentions);
  let n = 0;
  let added = 0;
  for (const host of [...doc.entities]) {
    // Organisations, and place names the gazetteer could not place ("Pakistan-administered Kashmir").
    const unplacedPlace = PLACE_TYPES.has(host.type) && !host.geo;
    if (host.type !== 'ORG' && !unplacedPlace) continue;
    for (const m of host.mentions) {
      for (const part of nestedParts(m.text)) {
        if (STOP.has(part.text) || PLACE_HEADS.has(part.text)) continue;
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
        if (taken.some((x) => x.start < mention.end && mention.start < x.end)) continue;
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
        if (e.mentions.some((x) => x.start === mention.start && x.end === mention.end)) continue;
        e.mentions.push(mention);
        e.mentions.sort((a, b) => a.start - b.start);
        taken.push(mention);
        added++;
        // Compounds may hold several places ("India-Pakistan border"); other names hold one.
        if (!part.hyphen) break;
      }
    }
  }
  if (added) doc.info('geo', `${added} place name(s) found inside organisation or unknown place names`);
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

/**
 * The mentions of an analysis that are toponyms: mentions of placed GPE/LOC entities whose text
 * is a place name in its own right. Left out: demonyms of the entity's country ("Mexican",
 * "Canadian beef": a mention of the country for the entity layer, but no place name for a map or a
 * geoparsing score, even where a town bears that name) and currency codes ("US$10"). Names that
 * modify an organisation ("U.S. Army", "Kenya Red Cross") stay: they still say where.
 */
export function toponymMentions(
  doc: { text?: string; entities: Entity[] },
  gaz: Gazetteer = Gazetteer.default(),
): { entity: Entity; mention: Mention }[] {
  const out: { entity: Entity; mention: Mention }[] = [];
  for (const e of doc.entities) {
    if (!PLACE_TYPES.has(e.type) || !e.geo) continue;
    for (const m of e.mentions) {
      const dem = gaz.demonym(m.text);
      const own = gaz.lookup(m.text).some((p) => p.kind === 'C' && p.cc === e.geo!.country);
      if (dem && !own && (dem.cc === e.geo.country || (!gaz.lookup(m.text).length && !gaz.lookupAbbr(m.text).length)))
        continue;
      if (doc.text !== undefined && isCurrency(doc.text, m.start, m.end)) continue;
      out.push({ entity: e, mention: m });
    }
  }
  return out;
}

/** Add spotted toponyms that no entity mention covers (see the module comment). */
function addSpottedPlaces(doc: Doc, gaz: Gazetteer, demonymsOfText: () => Map<string, number>): void {
  const covered = doc.entities.flatMap((e) => e.mentions);
  const taken = (s: number, e: number): boolean => covered.some((m) => m.start < e && s < m.end);
  const exact = spotToponyms(gaz, doc.text, taken);
  // Countries the exact spots and entities name: where transliteration variants are looked for.
  const named = new Set<string>();
  for (const s of exact) for (const p of s.places) if (p.kind === 'C') named.add(p.cc);
  for (const e of doc.entities)
    if (PLACE_TYPES.has(e.type)) for (const p of gaz.lookup(e.name)) if (p.kind === 'C') named.add(p.cc);
  const takenOrSpotted = (s: number, e: number): boolean => taken(s, e) || exact.some((x) => x.start < e && s < x.end);
  const spots = [...exact, ...spotVariants(gaz, doc.text, named, takenOrSpotted)].sort((a, b) => a.start - b.start);
  if (!spots.length) return;
  const res = resolveMentions(
    gaz,
    doc.text,
    spots.map((s) => ({ name: s.text, start: s.start, end: s.end })),
    demonymsOfText(),
  );
  const kept = spots.filter((s, i) => keepSpot(gaz, s, res[i], doc.text));
  const byName = new Map<string, Entity>();
  for (const e of doc.entities) if (PLACE_TYPES.has(e.type)) byName.set(nameKey(e.name), e);
  const ids = new Set(doc.entities.map((e) => e.id));
  let n = 0;
  for (const s of kept) {
    const mention: Mention = { start: s.start, end: s.end, text: s.text, type: undefined }; // `type` present: one mention shape
    const k = nameKey(s.text);
    let e = byName.get(k);
    if (!e) {
      let id: string;
      do id = `geo-${++n}`;
      while (ids.has(id));
      ids.add(id);
      const place = res[spots.indexOf(s)]!.place;
      e = {
        id,
        name: s.text,
        type: place.kind === 'R' ? 'LOC' : 'GPE',
        mentions: [],
        roles: [],
        aliases: [],
        geo: undefined,
      };
      doc.entities.push(e);
      byName.set(k, e);
    }
    e.mentions.push(mention);
    e.mentions.sort((a, b) => a.start - b.start);
  }
  if (kept.length) doc.info('geo', `spotter added ${kept.length} place mention(s) the recogniser missed`);
}

/** Whether a spotted name is kept as a place: countries and regions always, towns on evidence. */
function keepSpot(gaz: Gazetteer, s: Spot, r: Resolution | undefined, text: string): boolean {
  if (!r) return false;
  // In a line in capitals every word looks like a name or a code ("IN", "AS", "GB" in a results
  // table): an abbreviation there is no evidence, and the recogniser has read the line already.
  if (s.abbr && inCapsLine(text, s.start)) return false;
  const p = r.place;
  if (p.kind !== 'P' || s.abbr) return true;
  const parent = !!parentAfter(gaz, text, s.end);
  if (parent) return true;
  if (p.pop >= SPOT_MIN_POP_FREE || p.fcode === 'PPLC') return true;
  return p.pop >= SPOT_MIN_POP && s.locative;
}

/** Whether the line holding `offset` is written in capitals (a headline or a table row). */
function inCapsLine(text: string, offset: number): boolean {
  const from = text.lastIndexOf('\n', offset - 1) + 1;
  let to = text.indexOf('\n', offset);
  if (to < 0) to = text.length;
  const line = text.slice(from, to);
  return !LOWER_LETTER.test(line) && CAPS_WORD.test(line);
}
