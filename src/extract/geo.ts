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
import { resolve, toGeo, type GeoContext, type Resolution } from './geo/resolve.ts';
import { spotToponyms, spotVariants, type Spot } from './geo/spot.ts';

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
export function resolveMentions(gaz: Gazetteer, text: string, mentions: ToponymMention[]): (Resolution | undefined)[] {
  const parents = mentions.map((m) => parentAfter(gaz, text, m.end));
  // "Central and South America": the first name borrows the second's head when that names a place.
  const names = mentions.map((m) => {
    const e = ELLIPSIS_AFTER.exec(text.slice(m.end, m.end + 60));
    return e && !/\s/.test(m.name) && gaz.lookup(`${m.name} ${e[1]}`).length ? `${m.name} ${e[1]}` : m.name;
  });
  mentions = mentions.map((m, i) => (names[i] === m.name ? m : { ...m, name: names[i] }));
  const keys = mentions.map((m) => nameKey(m.name));
  // List neighbours: mentions in text order separated only by a comma, "and", "or".
  const order = mentions.map((_, i) => i).sort((a, b) => mentions[a].start - mentions[b].start);
  const neighbours: number[][] = mentions.map(() => []);
  for (let j = 1; j < order.length; j++) {
    const a = mentions[order[j - 1]];
    const b = mentions[order[j]];
    if (a.end <= b.start && LIST_GAP.test(text.slice(a.end, b.start))) {
      neighbours[order[j - 1]].push(order[j]);
      neighbours[order[j]].push(order[j - 1]);
    }
  }
  // Names grouped: parent evidence pooled per name.
  const groups = new Map<string, { name: string; parent?: string; idx: number[] }>();
  mentions.forEach((m, i) => {
    let g = groups.get(keys[i]);
    if (!g) groups.set(keys[i], (g = { name: m.name, idx: [] }));
    g.idx.push(i);
    if (parents[i] && !g.parent) g.parent = parents[i];
  });
  const demonyms = new Map<string, number>();
  for (const m of text.matchAll(/\b\p{Lu}\p{Ll}+s?\b/gu)) {
    const c = gaz.demonym(m[0]);
    if (c) demonyms.set(c.cc, (demonyms.get(c.cc) ?? 0) + DEMONYM_WEIGHT);
  }
  // Pass 1: each name alone (its parent only).
  const first = new Map<string, Resolution | undefined>();
  for (const [k, g] of groups) first.set(k, resolve(gaz, g.name, { parent: g.parent }));
  const contribution = (r: Resolution | undefined, count: number): number =>
    r && r.place.cc ? CONTEXT_WEIGHT[r.place.kind] * count * (r.candidates === 1 || r.margin >= CONFIDENT_MARGIN ? 1 : 0.5) : 0;
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
      if (k2 !== k && r && (r.place.kind === 'P' || r.place.kind === 'A') && (r.candidates === 1 || r.margin >= CONFIDENT_MARGIN)) near.push(r.place);
    }
    const siblings: { kind: Place['kind']; cc: string }[] = [];
    for (const i of g.idx) {
      for (const j of neighbours[i]) {
        if (keys[j] === k) continue;
        const r = first.get(keys[j]);
        if (r && r.place.cc && (r.candidates === 1 || r.margin >= CONFIDENT_MARGIN)) siblings.push({ kind: r.place.kind, cc: r.place.cc });
      }
    }
    const ctx: GeoContext = {
      countries,
      admin1: [...admin1.keys()].filter((a) => !(r1?.place.kind === 'A' && r1.place.admin1 === a)),
      near,
      parent: g.parent,
      siblings,
    };
    const r = resolve(gaz, g.name, ctx);
    for (const i of g.idx) out[i] = r;
  }
  return out;
}

/** The parent named right after a place ("Paris, Texas" → "Texas") when it is a country or region. */
function parentAfter(gaz: Gazetteer, text: string, end: number): string | undefined {
  const m = PARENT_AFTER.exec(text.slice(end, end + 60));
  if (!m) return undefined;
  const words = m[1].split(/\s+/);
  for (let n = words.length; n >= 1; n--) {
    const cand = words.slice(0, n).join(' ').replace(/\.$/, (d) => (gaz.lookupAbbr(words.slice(0, n).join(' ')).length ? d : ''));
    const places = [...gaz.lookup(cand), ...gaz.lookupAbbr(cand)];
    if (places.some((p) => p.kind === 'C' || p.kind === 'A')) return cand;
  }
  return undefined;
}

/**
 * Geocode one name, with optional context (countries, regions, nearby points, parent).
 * "Paris, Texas" may be given whole. Returns undefined when the gazetteer knows no such place.
 */
export function geocodeName(name: string, context: GeoContext = {}, gaz: Gazetteer = Gazetteer.default()): Geo | undefined {
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
const MAYBE_PLACE_TYPES = new Set(['ORG', 'MISC']);
/** Words around a mention that make it a place whatever the recogniser said ("the city of X", "X province"). */
const PLACE_BEFORE = /\b(?:city|town|village|province|region|district|governorate|state) of\s+$/i;
const PLACE_AFTER = /^\s+(?:province|governorate|region|district|city|county|prefecture|oblast)\b/i;

/** Whether the text calls one of the entity's mentions a place. */
function hasPlaceEvidence(doc: Doc, e: Entity): boolean {
  return e.mentions.some(
    (m) => PLACE_BEFORE.test(doc.text.slice(Math.max(0, m.start - 20), m.start)) || PLACE_AFTER.test(doc.text.slice(m.end, m.end + 16)),
  );
}

/** Build the geo stage. */
export function createGeoStage(options: GeoStageOptions = {}): Stage {
  const spot = options.spot ?? true;
  return {
    name: 'geo',
    run(doc: Doc) {
      const gaz = options.gazetteer ?? Gazetteer.default();
      if (spot) addSpottedPlaces(doc, gaz);
      geocodeEntities(doc, gaz);
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
function geocodeEntities(doc: Doc, gaz: Gazetteer): void {
  const places = doc.entities.filter(
    (e) => PLACE_TYPES.has(e.type) || (MAYBE_PLACE_TYPES.has(e.type) && hasPlaceEvidence(doc, e)),
  );
  // One toponym per entity name form, with the offset of a mention for the parent pattern.
  const forms: { entity: Entity; mention: ToponymMention }[] = [];
  for (const e of places) {
    const names = [e.name, ...e.mentions.map((m) => m.text), ...e.aliases];
    const seen = new Set<string>();
    for (const n of names) {
      const k = nameKey(n);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      const m = e.mentions.find((x) => nameKey(x.text) === k) ?? e.mentions[0];
      forms.push({ entity: e, mention: { name: n, start: m?.start ?? 0, end: m?.end ?? 0 } });
    }
  }
  const res = resolveMentions(gaz, doc.text, forms.map((f) => f.mention));
  const done = new Set<Entity>();
  forms.forEach((f, i) => {
    const r = res[i];
    if (!r || done.has(f.entity)) return;
    done.add(f.entity);
    f.entity.geo = toGeo(gaz, r.place);
  });
  const missed = places.filter((e) => !done.has(e)).map((e) => e.name);
  if (missed.length) doc.info('geo', `not placed (not in the gazetteer): ${missed.join(', ')}`);
}

/** Add spotted toponyms that no entity mention covers (see the module comment). */
function addSpottedPlaces(doc: Doc, gaz: Gazetteer): void {
  const covered = doc.entities.flatMap((e) => e.mentions);
  const taken = (s: number, e: number): boolean => covered.some((m) => m.start < e && s < m.end);
  const exact = spotToponyms(gaz, doc.text, taken);
  // Countries the exact spots and entities name: where transliteration variants are looked for.
  const named = new Set<string>();
  for (const s of exact) for (const p of s.places) if (p.kind === 'C') named.add(p.cc);
  for (const e of doc.entities) if (PLACE_TYPES.has(e.type)) for (const p of gaz.lookup(e.name)) if (p.kind === 'C') named.add(p.cc);
  const takenOrSpotted = (s: number, e: number): boolean => taken(s, e) || exact.some((x) => x.start < e && s < x.end);
  const spots = [...exact, ...spotVariants(gaz, doc.text, named, takenOrSpotted)].sort((a, b) => a.start - b.start);
  if (!spots.length) return;
  const res = resolveMentions(gaz, doc.text, spots.map((s) => ({ name: s.text, start: s.start, end: s.end })));
  const kept = spots.filter((s, i) => keepSpot(gaz, s, res[i], doc.text));
  const byName = new Map<string, Entity>();
  for (const e of doc.entities) if (PLACE_TYPES.has(e.type)) byName.set(nameKey(e.name), e);
  const ids = new Set(doc.entities.map((e) => e.id));
  let n = 0;
  for (const s of kept) {
    const mention: Mention = { start: s.start, end: s.end, text: s.text };
    const k = nameKey(s.text);
    let e = byName.get(k);
    if (!e) {
      let id: string;
      do id = `geo-${++n}`;
      while (ids.has(id));
      ids.add(id);
      const place = res[spots.indexOf(s)]!.place;
      e = { id, name: s.text, type: place.kind === 'R' ? 'LOC' : 'GPE', mentions: [], roles: [], aliases: [] };
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
  const p = r.place;
  if (p.kind !== 'P' || s.abbr) return true;
  const parent = !!parentAfter(gaz, text, s.end);
  if (parent) return true;
  if (p.pop >= SPOT_MIN_POP_FREE || p.fcode === 'PPLC') return true;
  return p.pop >= SPOT_MIN_POP && s.locative;
}
