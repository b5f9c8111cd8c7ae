/**
 * The article as context for its place names: every toponym of an article is resolved with what the
 * other names say (countries and regions named, nearby places, "City, Region", lists of places,
 * demonyms), in two passes; and the toponyms of an analysis, for maps and scores.
 */
import type { Entity, Geo, Mention } from '../../model/analysis.ts';
import { Gazetteer, type Place } from './gazetteer.ts';
import { nameKey } from './normalize.ts';
import { NearPlaces, resolve, toGeo, type GeoContext, type Resolution } from './resolve.ts';
import { isCurrency } from './spot.ts';
import { isSpace } from '../../text/chars.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Weight a place adds to its country in the article context, by kind (countries count most). */
const CONTEXT_WEIGHT: Record<Place['kind'], number> = { C: 1, A: 1, R: 0.75, P: 0.5 };
/** A resolution this far ahead of its runner-up is trusted as context for the other names. */
const CONFIDENT_MARGIN = 1.5;
/** Weight of a demonym in the text ("Syrian forces") for its country's context. */
const DEMONYM_WEIGHT = 0.5;
/** What follows a name as its parent: ", Texas" / ", NSW" (1 to 3 capitalised words). */
const PARENT_AFTER = /^,\s*((?:\p{Lu}[\p{L}.'’-]*)(?:\s+(?:of\s+)?\p{Lu}[\p{L}.'’-]*){0,2})/u;
/** A place name (1 to 3 capitalised words) and a comma right before another name: its child
 * ("Buffalo, " before "New York"). */
const CHILD_BEFORE = /(\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,2}),\s*$/u;
/** Where `name` occurs in `text`, left to right, each occurrence after the end of the one before. */
function occurrences(text: string, name: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) out.push(at);
  return out;
}

/** How many leading characters of a name key `occurrencesAfterComma`'s index (shorter names are tried everywhere). */
const COMMA_INDEX_CHARS = 3;

/**
 * For each of `names` that holds no comma and opens with no white space: the offsets, in order,
 * where it occurs right after a comma and white space, the only occurrences where it can have a
 * child ("Buffalo, New York": CHILD_BEFORE ends with the comma). Read in one pass over the text's
 * commas, not one search of the whole text per name (the cost grew with names × text). For such a
 * name, no occurrence after a comma overlaps an earlier one (the comma would lie inside the earlier
 * occurrence, or the name would open with white space), so these are the occurrences `occurrences`
 * finds where CHILD_BEFORE may match.
 * Other names are left out (their occurrences are searched one by one).
 */
function occurrencesAfterComma(text: string, names: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const byHead = new Map<string, string[]>();
  const short: string[] = [];
  for (const name of names) {
    if (!name || name.includes(',') || isSpace(name.charCodeAt(0)) || out.has(name)) continue;
    out.set(name, []);
    if (name.length < COMMA_INDEX_CHARS) short.push(name);
    else {
      const head = name.slice(0, COMMA_INDEX_CHARS);
      const l = byHead.get(head);
      if (l) l.push(name);
      else byHead.set(head, [name]);
    }
  }
  for (let c = text.indexOf(','); c >= 0; c = text.indexOf(',', c + 1)) {
    let at = c + 1;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    if (at >= text.length) break;
    const bucket = byHead.get(text.slice(at, at + COMMA_INDEX_CHARS));
    if (bucket) for (const name of bucket) if (text.startsWith(name, at)) out.get(name)!.push(at);
    for (const name of short) if (text.startsWith(name, at)) out.get(name)!.push(at);
  }
  return out;
}

/** Longest gap between names of one list, in characters (", and " with spaces). */
export const LIST_GAP_MAX = 8;
/** What separates names of one list ("Ontario, Manitoba and New Brunswick"). */
export const LIST_GAP = /^\s*(?:,|;|,?\s+(?:and|or)|\/)\s*$/;
/** A name completed by the next one's head ("Central and South America" → "Central America"). */
const ELLIPSIS_AFTER = /^\s+(?:and|or)\s+\p{Lu}\p{L}+\s+(\p{Lu}\p{L}+)/u;

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
  const afterComma = occurrencesAfterComma(
    text,
    [...groups.values()].map((g) => g.name),
  );
  for (const [k, g] of groups) {
    const kids: Place[] = [];
    for (const at of afterComma.get(g.name) ?? occurrences(text, g.name)) {
      const c = CHILD_BEFORE.exec(text.slice(Math.max(0, at - 60), at));
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
  // Places confidently placed in pass 1: each name's nearness is read from the others'.
  const confident: { place: Place; key: string }[] = [];
  for (const [k2] of groups) {
    const r = first.get(k2);
    if (r && (r.place.kind === 'P' || r.place.kind === 'A') && (r.candidates === 1 || r.margin >= CONFIDENT_MARGIN))
      confident.push({ place: r.place, key: k2 });
  }
  const near = new NearPlaces(confident);
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
      nearby: near.except(k),
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
/** A country (not a region, world region or town). */
export const isCountry = (p: Place): boolean => p.kind === 'C';

/** The parent named right after a place ("Paris, Texas" → "Texas") when it is a country or region. */
export function parentAfter(gaz: Gazetteer, text: string, end: number): string | undefined {
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

/** The entity types that are places. */
export const PLACE_TYPES = new Set(['GPE', 'LOC']);

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
