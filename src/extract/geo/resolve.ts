/**
 * Toponym resolution: pick the gazetteer place a name stands for, given the article's context.
 *
 * Each candidate gets a log-scale score: a prior from its kind and population, plus evidence
 * from the article (its countries, a "City, Region" parent, nearby resolved places). Weights are
 * the named constants below.
 */
import type { Geo } from '../../model/analysis.ts';
import { Gazetteer, type Place } from './gazetteer.ts';
import { nameKey, skeletonKey } from './normalize.ts';
import { alternation } from '../../lexicon/load.ts';
import { countBelow } from '../../text/search.ts';

/** The lexicon file of words around place names. */
const PLACE_WORDS = 'place-words';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;
/** Any character but a letter (global: for `replace`). */
const NON_LETTER = /\P{L}/gu;

/** Prior of a country name: countries are what an ambiguous bare name most often means in news. */
const PRIOR_COUNTRY = 8.2;
/** Prior of a team-written region, continent or sea: curated, so trusted over same-named towns. */
const PRIOR_REGION = 8.0;
/** Added to log10(population) of a first-level region (its cities' total population). */
const PRIOR_ADMIN1_BONUS = 0.3;
/** Prior of a first-level region whose population is unknown. */
const PRIOR_ADMIN1_UNKNOWN = 5;
/** Capitals and region seats are named in news far more than their population suggests. */
const BONUS_CAPITAL = 1.0;
const BONUS_ADMIN_SEAT = 0.4;
/** A place in a country the article names (or places in it) is likely meant. */
const BONUS_CONTEXT_COUNTRY = 2.5;
/**
 * A country that other evidence of the article points to (its demonym, its cities): without it,
 * stacked context bonuses let a village of a named country outrank a country ("Mexico" the
 * country vs Mexico, New York, in an article about New York and Mexicans).
 */
const BONUS_CONTEXT_SELF_COUNTRY = 1.0;
/**
 * Names listed together ("Ontario, Manitoba and New Brunswick") are usually of one kind and one
 * country: a candidate of the same kind and country as a confidently placed list neighbour gains this.
 */
const BONUS_SIBLING = 1.5;
/** Skeleton matches need at least this many consonants ("Cattai" → "ct" matches "City"). */
const SKELETON_MIN_CONSONANTS = 3;
/** Kind words tried after a bare name the gazetteer lacks ("North Eastern" → "North Eastern Province"). */
const KIND_WORDS = ['Province', 'Region', 'State'];
/** A place in a first-level region the article names. */
const BONUS_CONTEXT_ADMIN1 = 1.5;
/** "Paris, Texas" / "Tripoli, Lebanon": the parent settles it. */
const BONUS_PARENT = 6;
/** Distance bands (km) to other places of the article, and their bonuses. */
const NEAR_KM = 150;
const BONUS_NEAR = 1.2;
const MID_KM = 600;
const BONUS_MID = 0.5;
/**
 * A city of at least this many people that shares its name with its own first-level region is what
 * the bare name means in news ("New York", "São Paulo", "Lagos", "Buenos Aires"): the region loses
 * PENALTY_NAMESAKE_REGION ("Quebec" and "Guanajuato", smaller cities, stay the regions).
 */
const NAMESAKE_CITY_MIN_POP = 1_000_000;
const PENALTY_NAMESAKE_REGION = 1.0;
/** ... unless the article names this many other regions of the same country. */
const NAMESAKE_REGIONS_MAX = 2;
/** Acronyms this short match towns only as exact-case abbreviations ("UGA" is no Uga, "EST" no Est). */
const ACRONYM = /^[A-Z]{2,3}$/;
/**
 * A name written as the parent of another ("Buffalo, New York", "Queens, New York") is the place
 * that contains it: the state for Buffalo, the city for Queens (a child this close to a town lies in it).
 */
const BONUS_CONTAINS_CHILD = 2;
const CHILD_IN_TOWN_KM = 30;
/** Transliteration matches ("Sweida" for As-Suwayda) are weaker evidence than exact names. */
const PENALTY_SKELETON = 1.5;
/** Shorter names have too few consonants for a skeleton match to mean anything. */
const SKELETON_MIN_LETTERS = 5;
/** Direction and position words that narrow a place without changing where it is ("southern Syria"). */
const DIRECTION_PREFIX = new RegExp(
  String.raw`^(?:the\s+)?(?:(?:${alternation(PLACE_WORDS, 'directionModifiers')})\s+)?` +
    String.raw`(?:${alternation(PLACE_WORDS, 'directionWords', true)})(?:ern)?\s+(?=\S)`,
  'i',
);
/** Words naming the kind of an administrative area ("Sweida province", "Cook County"). */
export const ADMIN_SUFFIX = new RegExp(String.raw`\s+(?:${alternation(PLACE_WORDS, 'adminSuffixes')})$`, 'i');
/** Words naming a town or city after its name ("Gaza City" is in the gazetteer; "Homs city" is not). */
const CITY_SUFFIX = /\s+(?:city|town|village)$/i;

export interface GeoContext {
  /** Country codes the article names, with weights (mention counts). */
  countries?: Map<string, number> | string[];
  /** First-level region keys (`US.TX`) the article names. */
  admin1?: Iterable<string>;
  /** Other places of the article already placed. */
  near?: { lat: number; lon: number }[];
  /** The same, read from an index of the article's places (`NearPlaces.except`); used instead of `near`. */
  nearby?: NearView;
  /** The parent named with the place ("Texas" in "Paris, Texas"). */
  parent?: string;
  /** Places named right before this one as their parent ("Buffalo" in "Buffalo, New York"). */
  children?: Place[];
  /** Kind and country of confidently placed names listed with this one ("A, B and C"). */
  siblings?: { kind: Place['kind']; cc: string }[];
}

export interface Resolution {
  place: Place;
  score: number;
  /** How many candidates there were: 1 means the name was unambiguous. */
  candidates: number;
  /** The score gap to the runner-up (Infinity when unambiguous). */
  margin: number;
}

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const dLat = (b.lat - a.lat) * r;
  const dLon = (b.lon - a.lon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How likely a place is meant before any context: by kind, then by population (capitals and seats gain). */
export function prior(p: Place): number {
  switch (p.kind) {
    case 'C':
      return PRIOR_COUNTRY;
    case 'R':
      return PRIOR_REGION;
    case 'A':
      return p.pop > 0 ? Math.log10(p.pop + 1) + PRIOR_ADMIN1_BONUS : PRIOR_ADMIN1_UNKNOWN;
    default:
      return Math.log10(p.pop + 10) + (p.fcode === 'PPLC' ? BONUS_CAPITAL : p.fcode === 'PPLA' ? BONUS_ADMIN_SEAT : 0);
  }
}

/** The candidate places for a name: exact keys, exact-case abbreviations, demonyms, then variants. */
export function candidates(
  gaz: Gazetteer,
  name: string,
  countries: Iterable<string> = [],
): { places: readonly Place[]; skeleton: boolean; kindHint?: 'A' | 'P' } {
  const abbr = gaz.lookupAbbr(name.trim());
  if (abbr.length) return { places: abbr, skeleton: false };
  const trimmed = name.trim().replace(/^[‘’"'“”(]+|[‘’"'“”),.;:]+$/g, '');
  let exact = [...gaz.lookup(trimmed), ...gaz.lookupAbbr(trimmed)];
  if (ACRONYM.test(trimmed)) exact = exact.filter((p) => p.kind === 'C' || p.kind === 'A');
  if (exact.length) return { places: exact, skeleton: false };
  const dem = gaz.demonym(trimmed);
  if (dem) return { places: [dem], skeleton: false };
  // A region named without its kind word ("the provinces of Nyanza and North Eastern").
  if (CAPITALISED.test(trimmed)) {
    for (const w of KIND_WORDS) {
      const withKind = gaz.lookup(`${trimmed} ${w}`);
      if (withKind.length) return { places: withKind, skeleton: false, kindHint: 'A' };
    }
  }
  // Narrowing words: "southern Lebanon" is in Lebanon, "Sweida province" is the province Sweida.
  const undirected = trimmed.replace(DIRECTION_PREFIX, '');
  if (undirected !== trimmed) return candidates(gaz, undirected, countries);
  let kindHint: 'A' | 'P' | undefined;
  let bare = trimmed;
  if (ADMIN_SUFFIX.test(bare)) {
    bare = bare.replace(ADMIN_SUFFIX, '');
    kindHint = 'A';
  } else if (CITY_SUFFIX.test(bare)) {
    bare = bare.replace(CITY_SUFFIX, '');
    kindHint = 'P';
  }
  if (bare !== trimmed && bare) {
    const inner = candidates(gaz, bare, countries);
    return { ...inner, kindHint };
  }
  // Transliteration variants only for names long enough to carry a skeleton, in the article's countries.
  if (trimmed.replace(NON_LETTER, '').length < SKELETON_MIN_LETTERS) return { places: [], skeleton: false };
  if (skeletonKey(trimmed).length < SKELETON_MIN_CONSONANTS) return { places: [], skeleton: false };
  const skel = gaz.lookupSkeleton(trimmed, countries);
  return { places: skel, skeleton: true };
}

/** Resolve a name to its most likely place, or undefined when the gazetteer has none. */
export function resolve(gaz: Gazetteer, name: string, ctx: GeoContext = {}): Resolution | undefined {
  const weights = ctx.countries instanceof Map ? ctx.countries : new Map((ctx.countries ?? []).map((c) => [c, 1]));
  const admin1 = new Set(ctx.admin1 ?? []);
  // "Paris, Texas" given as one name: split off the parent.
  let parent = ctx.parent;
  let own = name;
  const comma = name.indexOf(',');
  if (!parent && comma > 0) {
    own = name.slice(0, comma);
    parent = name.slice(comma + 1).trim();
  }
  const parentPlaces = parent ? candidates(gaz, parent, weights.keys()).places : [];
  const { places, skeleton, kindHint } = candidates(gaz, own, weights.keys());
  if (!places.length) return undefined;
  let best: Place | undefined;
  let bestScore = -Infinity;
  let second = -Infinity;
  for (const p of places) {
    let s = prior(p);
    if (skeleton) s -= PENALTY_SKELETON;
    if (kindHint && p.kind === kindHint) s += BONUS_CONTEXT_ADMIN1;
    if (
      !kindHint &&
      p.kind === 'A' &&
      places.some((q) => q.kind === 'P' && q.admin1 === p.admin1 && q.pop >= NAMESAKE_CITY_MIN_POP)
    ) {
      // Not where the article speaks of regions of that country ("Texas, Kansas ... New York has confirmed").
      if ([...admin1].filter((a) => a.startsWith(p.cc + '.') && a !== p.admin1).length < NAMESAKE_REGIONS_MAX)
        s -= PENALTY_NAMESAKE_REGION;
    }
    if (p.kind !== 'C' && p.cc && weights.has(p.cc))
      s += BONUS_CONTEXT_COUNTRY * Math.min(1, 0.5 + 0.25 * (weights.get(p.cc) ?? 0));
    if (p.kind === 'C' && weights.has(p.cc)) s += BONUS_CONTEXT_SELF_COUNTRY;
    if (ctx.siblings?.some((q) => q.kind === p.kind && q.cc === p.cc)) s += BONUS_SIBLING;
    if (p.kind === 'P' && p.admin1 && admin1.has(p.admin1)) s += BONUS_CONTEXT_ADMIN1;
    if (parentPlaces.some((q) => isWithin(p, q))) s += BONUS_PARENT;
    if (
      ctx.children?.some((c) => c !== p && (isWithin(c, p) || (p.kind === 'P' && distanceKm(c, p) < CHILD_IN_TOWN_KM)))
    )
      s += BONUS_CONTAINS_CHILD;
    if ((ctx.nearby || ctx.near?.length) && p.kind !== 'C' && p.kind !== 'R') {
      const d = ctx.nearby ? ctx.nearby.distance(p) : Math.min(...ctx.near!.map((n) => distanceKm(p, n)));
      if (d < NEAR_KM) s += BONUS_NEAR;
      else if (d < MID_KM) s += BONUS_MID;
    }
    if (s > bestScore) {
      second = bestScore;
      bestScore = s;
      best = p;
    } else if (s > second) second = s;
  }
  return best && { place: best, score: bestScore, candidates: places.length, margin: bestScore - second };
}

/** The distance from a place to the nearest of the article's other places (see `NearPlaces`). */
export interface NearView {
  distance(p: { lat: number; lon: number }): number;
}

/**
 * Degrees of latitude beyond which a place is further than MID_KM (a great circle is at least as long
 * as its change of latitude: 1° ≈ 111.19 km), with a margin: places further apart in latitude give
 * no nearness bonus, so `NearPlaces` never measures them.
 */
const NEAR_LAT_WINDOW = MID_KM / 111 + 0.5;

/**
 * The places an article has placed confidently, each under its name key, sorted by latitude: the
 * distance from a candidate to the nearest of them is read among the few within NEAR_LAT_WINDOW
 * degrees of latitude, rather than from all of them (an article's names × its names grew with the
 * square of the text). The nearness bonuses only ask whether that distance is under MID_KM, which
 * the window keeps; a place without coordinates makes every distance NaN (no bonus), as `Math.min` does.
 */
export class NearPlaces {
  private readonly lats: number[] = [];
  private readonly entries: { lat: number; lon: number; key: string }[] = [];
  /** Keys of places without coordinates. */
  private readonly unplaced: string[] = [];

  constructor(entries: { place: { lat: number; lon: number }; key: string }[]) {
    const sorted: { lat: number; lon: number; key: string }[] = [];
    for (const { place, key } of entries) {
      if (Number.isFinite(place.lat) && Number.isFinite(place.lon))
        sorted.push({ lat: place.lat, lon: place.lon, key });
      else this.unplaced.push(key);
    }
    sorted.sort((a, b) => a.lat - b.lat);
    for (const e of sorted) {
      this.lats.push(e.lat);
      this.entries.push(e);
    }
  }

  /** The view for the name of key `except`: the distances to the other names' places. */
  except(except: string): NearView {
    return { distance: (p) => this.distance(p, except) };
  }

  /** Distance from `p` to the nearest place not under key `except` (Infinity when none is within the window). */
  private distance(p: { lat: number; lon: number }, except: string): number {
    if (this.unplaced.some((k) => k !== except)) return NaN;
    let best = Infinity;
    const lo = countBelow(this.lats, p.lat - NEAR_LAT_WINDOW);
    for (let i = lo; i < this.entries.length && this.lats[i] <= p.lat + NEAR_LAT_WINDOW; i++) {
      const e = this.entries[i];
      if (e.key === except) continue;
      const d = distanceKm(p, e);
      if (Number.isNaN(d)) return NaN;
      if (d < best) best = d;
    }
    return best;
  }
}

/** Whether place `p` lies in `q` (its country or its first-level region). */
function isWithin(p: Place, q: Place): boolean {
  if (p === q) return false;
  if (q.kind === 'C') return p.cc === q.cc;
  if (q.kind === 'A')
    return p.admin1 === q.admin1 || (p.kind === 'P' && !p.admin1 && p.cc === q.cc && distanceKm(p, q) < 400);
  return false;
}

/** The `Geo` of a place, as the data model writes it. */
export function toGeo(gaz: Gazetteer, p: Place): Geo {
  const region = p.kind === 'A' ? p : p.admin1 ? gaz.regions.get(p.admin1) : undefined;
  // every field in one literal (undefined ones left out of the JSON): one object shape for all
  return {
    lat: p.lat,
    lon: p.lon,
    country: p.cc,
    geonameId: p.geonameId || undefined,
    admin1: region ? region.name : undefined,
  };
}

export { nameKey };
