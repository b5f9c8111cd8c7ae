/**
 * Countries as the relations and events stages read them: a country's names, demonyms and capitals
 * (from the gazetteer's country records, `countryRecords()`, plus the demonyms of
 * `data/lexicons/country-demonyms.json`), the article's entity that stands for one, and whether an
 * entity is a place.
 *
 * These differ on purpose from `countryByName`/`countryByDemonym` of `lexicon.ts`, which serve the
 * recogniser: here the first record listing a name wins (no preference for independent states, no
 * derived plurals) and capitals map to their state, as PLOVER codes "Damascus" acting as Syria.
 */
import type { Doc } from '../model/doc.ts';
import type { Entity } from '../model/analysis.ts';
import { countryRecords } from './lexicon.ts';
import { wordTable } from './load.ts';

/** One country with every name, demonym and capital it is written as. */
export interface CountryNames {
  name: string;
  cca2: string;
  names: string[];
  demonyms: string[];
  capitals: string[];
}

/** Alternate spellings kept as names: longer than two characters, or a two-letter capital code ("UK"). */
const NAME_SPELLING = /^[A-Z]{2}$/;

let countryList: CountryNames[] | undefined;
/** Every country of the gazetteer with its names, demonyms and capitals (built once). */
export function countryData(): CountryNames[] {
  const extra = wordTable('country-demonyms', 'extra');
  countryList ??= countryRecords().map((c) => ({
    name: c.name,
    cca2: c.code,
    names: [c.name, c.official, ...c.altSpellings.filter((a) => a.length > 2 || NAME_SPELLING.test(a))],
    demonyms: [...new Set([c.demonyms.m, c.demonyms.f, extra[c.code]].filter((d): d is string => !!d))],
    capitals: c.capitals,
  }));
  return countryList;
}

/** Countries by lower-cased demonym, name and capital (filled once by `indexCountries`). */
const byDemonym = new Map<string, CountryNames>();
const byName = new Map<string, CountryNames>();
const byCapital = new Map<string, CountryNames>();
/** Fills the three look-ups once, lower-cased; the first country listing a word keeps it. */
function indexCountries(): void {
  if (byName.size) return;
  for (const c of countryData()) {
    for (const d of c.demonyms) if (!byDemonym.has(d.toLowerCase())) byDemonym.set(d.toLowerCase(), c);
    for (const n of c.names) if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), c);
    for (const k of c.capitals) if (!byCapital.has(k.toLowerCase())) byCapital.set(k.toLowerCase(), c);
  }
  // short forms news writes that the records lack
  byName.set('britain', byName.get('united kingdom')!);
  byName.set('u.s.', byName.get('united states')!);
  byName.set('u.k.', byName.get('united kingdom')!);
}

/** The country a demonym names ("Syrian" → Syria), or undefined. */
export function countryOfDemonym(word: string): CountryNames | undefined {
  indexCountries();
  return byDemonym.get(word.toLowerCase());
}

/** The country a name or alternate spelling names ("Syria", "UK"), any case. */
export function countryOfName(word: string): CountryNames | undefined {
  indexCountries();
  return byName.get(word.toLowerCase());
}

/** The country whose capital `word` is ("Damascus" → Syria). */
export function countryOfCapital(word: string): CountryNames | undefined {
  indexCountries();
  return byCapital.get(word.toLowerCase());
}

/** The entity of the article that stands for a country (by name, alias, mention text or geo code). */
export function countryEntity(doc: Doc, c: CountryNames): Entity | undefined {
  const names = new Set([...c.names, ...c.demonyms].map((n) => n.toLowerCase()));
  return doc.entities.find(
    (e) =>
      (e.type === 'GPE' || e.type === 'LOC') &&
      (names.has(e.name.toLowerCase()) ||
        e.aliases.some((a) => names.has(a.toLowerCase())) ||
        (e.geo?.country === c.cca2 && !e.geo.admin1 && countryOfName(e.name) === c)),
  );
}

/** The country an entity stands for, when it is a country (or a demonym group of one). */
export function countryOfEntity(e: Entity): CountryNames | undefined {
  return countryOfName(e.name) ?? (e.type === 'NORP' ? countryOfDemonym(e.name) : undefined);
}

/** The state entity a word names: "Syrian", "Syria", "UK" (a leading "the" dropped). */
export function stateOfWord(doc: Doc, word: string): Entity | undefined {
  const w = word.trim().replace(/^the\s+/i, '');
  const c = countryOfDemonym(w) ?? countryOfName(w);
  return c ? countryEntity(doc, c) : undefined;
}

/** A place: a GPE or LOC entity, or any entity the geo stage placed. */
export function isPlace(e: Entity): boolean {
  return e.type === 'GPE' || e.type === 'LOC' || !!e.geo;
}
