/**
 * A synthetic news corpus for the corpus benchmarks (`npm run bench`, `bench:corpus`, `bench:ui`).
 *
 * Source text: real news read at run time from `../shared/data` when it is there (the
 * article-extraction bodies, GeoVirus and MEANTIME WikiNews texts, CoNLL-2003 Reuters documents,
 * detokenised), else the team's example articles. None of that text is stored in the repository.
 *
 * Each article is a headline (the first sentence of a base document, shortened) and 2-4 passages
 * (runs of paragraphs) of different base documents, drawn without replacement until the pool is
 * spent, with person names, places, weekdays, months and numbers varied. The team examples are
 * too few (about 1,000 words) for that: there an article is random paragraphs, varied the same
 * way. About 8% of articles are syndicated copies of an earlier one (new headline, publisher and date, boilerplate appended,
 * sometimes one paragraph cut), marked by `copyOf`, so deduplication can be measured too.
 * Deterministic: the same arguments give the same corpus.
 *
 * `node --import tsx scripts/synth.ts --stats [--count N] [--words N] [--source examples]` prints
 * a summary (source, mean length, share of copies, vocabulary, document frequency of common words).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './lib.ts';
import { decodeXmlEntities } from '../src/text/xml.ts';

export interface SynthArticle {
  id: string;
  /** Headline line (also the first line of `text`). */
  title: string;
  text: string;
  /** Publication day, YYYY-MM-DD. */
  published: string;
  publisher: string;
  url: string;
  /** The id of the article this one is a syndicated copy of; absent for originals. */
  copyOf?: string;
  /** Origins of the base documents the passages come from (e.g. `conll2003/train#12`). */
  bases: string[];
}

export interface SynthOptions {
  /** Where the text comes from: `shared` requires ../shared/data, `examples` forces the team's
   * example articles, `auto` (default) uses the shared data when present. */
  source?: 'auto' | 'shared' | 'examples';
  /** Share of articles that are syndicated copies of an earlier one (default COPY_SHARE). */
  copyShare?: number;
  /** Folder of the shared evaluation data (default ../shared/data beside the repository). */
  dataDir?: string;
}

// ---------------------------------------------------------------------------------------------
// Tunables, each with why it exists.

/** Default share of syndicated copies: wire copy re-run by other outlets is common in real feeds. */
const COPY_SHARE = 0.08;
/** A copy appears 0..COPY_MAX_DELAY_DAYS after its original, as syndication does. */
const COPY_MAX_DELAY_DAYS = 2;
/** Chance that a syndicated copy drops one (non-lead) paragraph, as outlets trim to fit. */
const COPY_CUT_CHANCE = 0.4;
/** An article is made of at least this many passages of different base documents... */
const MIN_PASSAGES = 2;
/** ...and at most this many (short base documents may need the extra ones to reach the length). */
const MAX_PASSAGES = 4;
/** A passage is at most this share of the target length, so two articles drawing the same document
 * in different passes never share more than about a third of their text. */
const MAX_PASSAGE_SHARE = 0.5;
/** Hard cap when base documents are too short to reach the target length in MAX_PASSAGES. */
const CAP_PASSAGES = 7;
/** Stop adding passages once the article reaches this share of the target length. */
const LENGTH_SLACK = 0.9;
/** A long paragraph is split into units of at most this many words, so passages can stop near the target. */
const UNIT_MAX_WORDS = 120;
/** Sentences of unparagraphed text (GeoVirus, MEANTIME, CoNLL) are grouped into paragraphs of about this size. */
const PARAGRAPH_WORDS = 45;
/** Headlines are cut to about this many words, as news headlines are short. */
const HEADLINE_MAX_WORDS = 12;
/** A base document needs this many body words to be worth drawing from. */
const MIN_DOC_WORDS = 25;
/** A document where more than this share of sentences is tabular (scores, tables) is skipped. */
const MAX_TABULAR_SHARE = 0.25;
/** A pool of fewer documents than this (the team examples) is drawn from paragraph by paragraph, at random. */
const SMALL_POOL_DOCS = 50;
/** At most this many random paragraphs make an article of a small pool. */
const SMALL_POOL_CAP_PARAGRAPHS = 60;
/** Publication days are spread over this many days (about two years) from PUBLISHED_FROM. */
const PUBLISHED_SPAN_DAYS = 730;
const PUBLISHED_FROM = Date.UTC(2024, 0, 1);
/** Numbers at or below this are left alone ("two", "1"): jittering them only makes noise. */
const NUMBER_KEEP_BELOW = 3;
/** Numbers are multiplied by a factor in [1 - NUMBER_JITTER, 1 + NUMBER_JITTER]. */
const NUMBER_JITTER = 0.4;

/** Team-written pools: given names and surnames of many cultures. */
const FIRST = [
  'Amira',
  'Jonas',
  'Leila',
  'Tomasz',
  'Grace',
  'Omar',
  'Ines',
  'Kwame',
  'Sofia',
  'Rafael',
  'Mei',
  'Elif',
  'Aiko',
  'Bongani',
  'Camila',
  'Dmitri',
  'Esther',
  'Farid',
  'Gabriela',
  'Hamza',
  'Ingrid',
  'Javier',
  'Keiko',
  'Lars',
  'Mariam',
  'Nikolai',
  'Olga',
  'Pedro',
  'Quynh',
  'Rania',
  'Sanjay',
  'Tendai',
  'Ulla',
  'Viktor',
  'Wanjiru',
  'Xavier',
  'Yasmin',
  'Zoltan',
  'Adaeze',
  'Bjorn',
  'Chiara',
  'Dawit',
  'Emeka',
  'Fatima',
  'Goran',
  'Hana',
  'Ivan',
  'Jamila',
  'Kenji',
  'Lucia',
  'Mateo',
  'Nadia',
  'Oksana',
  'Priya',
  'Rashid',
  'Selin',
  'Thabo',
  'Valeria',
  'Wei',
  'Yusuf',
];
const LAST = [
  'Haddad',
  'Lindqvist',
  'Okafor',
  'Novak',
  'Mbeki',
  'Castellanos',
  'Petrov',
  'Nakamura',
  'Duarte',
  'Yilmaz',
  'Fraser',
  'Adeyemi',
  'Abebe',
  'Bergstrom',
  'Chowdhury',
  'Dlamini',
  'Esposito',
  'Fernandes',
  'Gallagher',
  'Hosseini',
  'Ibrahim',
  'Jovanovic',
  'Kowalski',
  'Lemaire',
  'Mensah',
  'Nguyen',
  'Oyelaran',
  'Park',
  'Quispe',
  'Rahman',
  'Schneider',
  'Tanaka',
  'Urquhart',
  'Varga',
  'Wozniak',
  'Xu',
  'Yamamoto',
  'Zapata',
  'Achterberg',
  'Banda',
  'Costa',
  'Demir',
  'Eriksen',
  'Farouk',
  'Gonzaga',
  'Horvat',
  'Iyer',
  'Juarez',
  'Kamau',
  'Lungu',
  'Moreau',
  'Nasser',
  'Ortega',
  'Popescu',
  'Rossi',
  'Sato',
  'Tembo',
  'Vasquez',
  'Wright',
  'Zhang',
];
/** Team-written pool of world cities and countries that replace the places of a passage. */
const PLACES = [
  'Mosul',
  'Kharkiv',
  'Goma',
  'Aleppo',
  'Tripoli',
  'Marseille',
  'Mandalay',
  'Bamako',
  'Odesa',
  'Khartoum',
  'Valencia',
  'Kandahar',
  'Lagos',
  'Nairobi',
  'Accra',
  'Dakar',
  'Addis Ababa',
  'Kampala',
  'Kigali',
  'Lusaka',
  'Harare',
  'Maputo',
  'Luanda',
  'Kinshasa',
  'Johannesburg',
  'Cape Town',
  'Casablanca',
  'Tunis',
  'Algiers',
  'Cairo',
  'Alexandria',
  'Benghazi',
  'Juba',
  'Mogadishu',
  'Djibouti',
  'Asmara',
  'Beirut',
  'Damascus',
  'Amman',
  'Baghdad',
  'Basra',
  'Tehran',
  'Isfahan',
  'Riyadh',
  'Jeddah',
  'Doha',
  'Muscat',
  'Sanaa',
  'Aden',
  'Ankara',
  'Izmir',
  'Tbilisi',
  'Yerevan',
  'Baku',
  'Tashkent',
  'Almaty',
  'Bishkek',
  'Dushanbe',
  'Kabul',
  'Karachi',
  'Lahore',
  'Peshawar',
  'Delhi',
  'Mumbai',
  'Chennai',
  'Kolkata',
  'Dhaka',
  'Chittagong',
  'Colombo',
  'Kathmandu',
  'Yangon',
  'Bangkok',
  'Chiang Mai',
  'Hanoi',
  'Da Nang',
  'Phnom Penh',
  'Vientiane',
  'Manila',
  'Cebu',
  'Jakarta',
  'Surabaya',
  'Kuala Lumpur',
  'Singapore',
  'Taipei',
  'Seoul',
  'Busan',
  'Osaka',
  'Sapporo',
  'Shenzhen',
  'Chengdu',
  'Wuhan',
  'Ulaanbaatar',
  'Vladivostok',
  'Novosibirsk',
  'Kazan',
  'Minsk',
  'Vilnius',
  'Riga',
  'Tallinn',
  'Helsinki',
  'Tampere',
  'Gothenburg',
  'Bergen',
  'Aarhus',
  'Gdansk',
  'Krakow',
  'Brno',
  'Bratislava',
  'Debrecen',
  'Cluj',
  'Chisinau',
  'Lviv',
  'Sofia',
  'Plovdiv',
  'Thessaloniki',
  'Skopje',
  'Tirana',
  'Sarajevo',
  'Zagreb',
  'Ljubljana',
  'Trieste',
  'Naples',
  'Palermo',
  'Seville',
  'Bilbao',
  'Porto',
  'Bordeaux',
  'Lille',
  'Antwerp',
  'Rotterdam',
  'Hamburg',
  'Leipzig',
  'Glasgow',
  'Cardiff',
  'Belfast',
  'Cork',
  'Reykjavik',
  'Halifax',
  'Winnipeg',
  'Calgary',
  'Monterrey',
  'Oaxaca',
  'Guatemala City',
  'San Salvador',
  'Tegucigalpa',
  'Managua',
  'Havana',
  'Port-au-Prince',
  'Medellin',
  'Cali',
  'Quito',
  'Guayaquil',
  'Lima',
  'Cusco',
  'La Paz',
  'Asuncion',
  'Montevideo',
  'Rosario',
  'Valparaiso',
  'Recife',
  'Manaus',
  'Fortaleza',
  'Auckland',
  'Suva',
  'Port Moresby',
  'Darwin',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** Team-invented outlets the articles are credited to. */
const PUBLISHERS = [
  'Northwire',
  'The Horn Monitor',
  'Nordic Ledger',
  'The City Desk',
  'Northern Post',
  'Rhone Dispatch',
  'Meridian Daily',
  'Coastline Herald',
  'The Sahel Courier',
  'Pacific Record',
  'Andes Observer',
  'Baltic Bulletin',
  'Delta Times',
  'The Highland Gazette',
  'Levant Review',
  'Global Brief',
  'The Continental',
  'Harbour Chronicle',
  'Steppe News Service',
  'The Evening Lantern',
];
/** Kickers a syndicating outlet puts before the original headline. */
const COPY_KICKERS = ['UPDATE 1-', 'UPDATE 2-', 'Analysis: ', 'Breaking: ', 'WRAPUP 1-', 'In brief: ', 'World news: '];
/** Boilerplate lines syndicated copies carry ({P} a person, {C} a place, {O} an outlet). */
const COPY_FOOTERS = [
  'Reporting by {P}; editing by {P}',
  '(Reporting by {P} in {C}; writing by {P}; editing by {P})',
  'Source link',
  'This story was first published by {O}.',
  'Additional reporting by {P} in {C}.',
  '© {O}. All rights reserved. Republished with permission.',
];
/** Words before a name that mark it as a person's (titles and roles written capitalised). */
const PERSON_TITLES = [
  'President',
  'Minister',
  'Secretary',
  'Senator',
  'Governor',
  'Mayor',
  'Chancellor',
  'Premier',
  'Ambassador',
  'Spokesman',
  'Spokeswoman',
  'Chairman',
  'Chairwoman',
  'Director',
  'Commissioner',
  'Chief',
  'Coach',
  'Judge',
  'King',
  'Queen',
  'Prince',
];
/** Lower-case role nouns written before a name ("councillor Janet Ames", "chairman, Owen Price"). */
const ROLE_WORDS = [
  'councillor',
  'envoy',
  'aide',
  'chairman',
  'chairwoman',
  'chair',
  'executive',
  'leader',
  'official',
  'mayor',
  'analyst',
  'director',
  'manager',
  'founder',
  'economist',
  'lawyer',
  'attorney',
  'prosecutor',
  'judge',
  'coach',
  'striker',
  'midfielder',
  'defender',
  'goalkeeper',
  'captain',
  'player',
  'actor',
  'singer',
  'author',
  'professor',
  'researcher',
  'scientist',
  'doctor',
  'activist',
  'dissident',
  'colleague',
  'husband',
  'wife',
  'son',
  'daughter',
  'mother',
  'father',
  'resident',
  'witness',
  'governor',
  'senator',
];
/** The role noun right before a name, maybe followed by a comma. */
const ROLE_BEFORE = /\b(\p{Ll}+),?\s$/u;
/** A reporting verb or relative clause right after a name marks a person ("X said", "X, who"). */
const SPEECH_AFTER = /^,?\s+(?:said|says|told|added|who|wrote|insisted|argued|warned|claimed)\b/;
/** Words that end organisation, street and building names, so such runs are not taken for persons. */
const ORG_WORDS = [
  'Street',
  'Road',
  'Avenue',
  'Square',
  'Airport',
  'Airlines',
  'Airways',
  'Logistics',
  'Capital',
  'News',
  'Party',
  'Agency',
  'Holdings',
  'Partners',
  'Times',
  'Post',
  'Press',
  'Television',
  'Radio',
  'Hospital',
  'School',
  'College',
  'Stadium',
  'Park',
  'River',
  'Bridge',
  'Club',
  'United',
  'City',
  'Company',
  'Group',
  'Nations',
  'Union',
  'Force',
  'Forces',
  'Army',
  'Police',
];
/** Abbreviations a full stop does not end a sentence after. */
const ABBREVIATIONS =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K)|\b[A-Z])\.$/;
/** A sentence boundary: end punctuation, optional closing quote/bracket, space, then an opener. */
const SENTENCE_END = /([.!?]["”’)\]]?)\s+(?=["“‘([]?[\p{Lu}\p{N}])/gu;
/** A run of capitalised words (the candidates for person and place names). */
const CAPITAL_RUN =
  /(?<![\p{L}\p{N}'’-])\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*(?:\s+\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*)*/gu;
/** An all-capitals word of 3+ letters (CoNLL datelines such as "BRUSSELS"), checked against places. */
const CAPS_WORD = /(?<![\p{L}\p{N}])\p{Lu}{3,}(?:\s+\p{Lu}{3,})?(?![\p{L}\p{N}])/gu;
/** Month and day names are dates even where a gazetteer lists a town of that name ("March"). */
const CALENDAR = new Set([...WEEKDAYS, ...MONTHS]);
const WEEKDAY_RE = new RegExp(`\\b(?:${WEEKDAYS.join('|')})\\b`, 'g');
const MONTH_RE = new RegExp(`\\b(?:${MONTHS.join('|')})\\b(?:\\s+(\\d{1,2})\\b(?!,\\d))?`, 'g');
/** Integers (with thousands separators) not part of decimals, times, dates, codes or model names. */
const NUMBER_RE =
  /(?<![\p{L}\p{N}.,:/-])\d{1,3}(?:,\d{3})+(?![\p{L}\p{N}]|[.,:/-]\d)|(?<![\p{L}\p{N}.,:/-])\d+(?![\p{L}\p{N}]|[.,:/-]\d)/gu;
/** Years are kept: shifting them breaks the time expressions around them. */
const YEAR_RE = /^(1[89]|20)\d\d$/;
/** A number right after a capitalised word is a name part ("Flight 447", "Boeing 737"), not a count. */
const NAME_BEFORE_NUMBER = /\p{Lu}[\p{L}]*\s$/u;
/** A sentence of prose ends with end punctuation (maybe inside a closing quote or bracket). */
const TERMINATED = /[.!?]["'”’)\]]*$/;
/** A CoNLL document where more than this share of lines is unterminated is a list, table or itinerary: skipped. */
const MAX_UNTERMINATED_SHARE = 0.2;
/** List items and sign-off lines ("- IP/97/12: ...", "-- Brussels Newsroom") are not prose. */
const LIST_LINE = /^\s*[-–—•*]/;
/** Words a shortened headline must not end on. */
const HEADLINE_TRAILING_WORD =
  /\s+(?:a|an|the|in|on|at|of|to|for|and|or|but|by|with|from|as|that|after|before|during|over|under|into|its|their|his|her)$/i;
/** Prose has mostly lower-case words; a line of four or more words with fewer than this share is a table or score list. */
const MIN_LOWERCASE_SHARE = 0.3;
/** A tabular line (scores, tables, results): more digits than letters, or hardly any lower-case words. */
const TABULAR = (s: string) => {
  if ((s.match(/\d/g)?.length ?? 0) > (s.match(/\p{L}/gu)?.length ?? 0)) return true;
  const words = s.match(/\S+/g) ?? [];
  return (
    words.length >= 4 && words.filter((w) => /^["“‘(]?\p{Ll}/u.test(w)).length < MIN_LOWERCASE_SHARE * words.length
  );
};

// ---------------------------------------------------------------------------------------------
// Templates: base text with slots where names, places, days, months and numbers are varied.

type SlotKind = 'first' | 'last' | 'place' | 'weekday' | 'month' | 'day' | 'number';
interface Slot {
  kind: SlotKind;
  /** The original text; slots of a passage with the same kind and key get the same replacement. */
  key: string;
  upper?: boolean;
}
type Template = Array<string | Slot>;
interface Span {
  start: number;
  end: number;
  kind: 'person' | 'place';
}
/** One sentence of a base document, with any entity spans its source annotates. */
interface Sent {
  text: string;
  spans: Span[];
}
/** Which entity kinds a source annotates completely (then the detector leaves that kind alone). */
interface Annotated {
  person?: boolean;
  place?: boolean;
}
interface BaseDoc {
  origin: string;
  headline: Template;
  /** Units in order: each is one paragraph of the output, a list of sentence templates. */
  units: Template[][];
  unitWords: number[];
}
interface Pool {
  source: string;
  docs: BaseDoc[];
  words: number;
}

interface Lexicon {
  given: Set<string>;
  /** Lower-case role nouns ("councillor", "aide") that come before a person's name. */
  roles: Set<string>;
  /** Words that make a capitalised run an organisation or a street, never a person. */
  orgWords: Set<string>;
  stop: Set<string>;
  places: Set<string>;
  titles: Set<string>;
}

/** Mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const wordCount = (s: string) => (s.match(/\S+/g) ?? []).length;

/** Split a paragraph into sentences (end punctuation followed by a capital, not after an abbreviation). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[1].length;
    if (ABBREVIATIONS.test(text.slice(Math.max(from, end - 8), end))) continue;
    out.push(text.slice(from, end).trim());
    from = m.index + m[0].length;
  }
  const rest = text.slice(from).trim();
  if (rest) out.push(rest);
  return out.filter(Boolean);
}

/** Join tokens into text (no space before closing punctuation, after openers; straight quotes alternate), with token offsets. */
export function detokenise(tokens: string[]): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  let quoteOpen = false;
  let noSpaceNext = true;
  for (const raw of tokens) {
    const tok = raw === '``' || raw === "''" ? '"' : raw;
    let space = !noSpaceNext;
    noSpaceNext = false;
    if (/^(?:[,.;:!?)\]}%]|\.\.\.|'s|'S|n't|'re|'ve|'ll|'d|'m|')$/.test(tok)) space = false;
    if (tok === '"') {
      if (quoteOpen) space = false;
      else noSpaceNext = true;
      quoteOpen = !quoteOpen;
    }
    if (/^[([{$]$/.test(tok)) noSpaceNext = true;
    if (space && text) text += ' ';
    offsets.push(text.length);
    text += tok;
  }
  return { text, offsets };
}

/** Read the team-written lexicons the name detector uses, once. */
function lexicon(lowerWords: Set<string>): Lexicon {
  const read = (rel: string) => {
    const p = resolve(REPO_ROOT, rel);
    return existsSync(p) ? readFileSync(p, 'utf8') : '';
  };
  const givenJson = read('data/lexicons/given-names.json');
  const given = new Set<string>([...FIRST, ...(givenJson ? (JSON.parse(givenJson).names as string[]) : [])]);
  const honJson = read('data/lexicons/honorifics.json');
  const titles = new Set<string>(PERSON_TITLES);
  if (honJson) {
    const h = JSON.parse(honJson) as Record<string, unknown>;
    for (const k of ['male', 'female', 'neutral', 'ranks']) for (const w of (h[k] as string[]) ?? []) titles.add(w);
  }
  // A place name the corpus also writes in lower case ("police", "reading", "march") is a common word: skip it.
  const places = new Set<string>(PLACES);
  for (const rel of ['data/name-lists/countries.txt', 'data/name-lists/cities.txt']) {
    for (const line of read(rel).split('\n')) {
      const name = line.trim();
      if (name.length >= 4 && !lowerWords.has(name.toLowerCase()) && !given.has(name) && !CALENDAR.has(name))
        places.add(name);
    }
  }
  const fwJson = read('data/lexicons/function-words.json');
  const stop = new Set<string>(
    fwJson
      ? (JSON.parse(fwJson).words as string[]).map((w) => w.toLowerCase())
      : ['in', 'the', 'at', 'from', 'to', 'of'],
  );
  const roles = new Set<string>(ROLE_WORDS);
  const rolesJson = read('data/lexicons/roles.json');
  if (rolesJson) for (const w of (JSON.parse(rolesJson).heads as string[]) ?? []) roles.add(w.toLowerCase());
  const orgWords = new Set<string>(ORG_WORDS);
  const orgsJson = read('data/lexicons/orgs.json');
  if (orgsJson) {
    const o = JSON.parse(orgsJson) as Record<string, unknown>;
    for (const k of ['heads', 'leads', 'companySuffixes']) for (const w of (o[k] as string[]) ?? []) orgWords.add(w);
  }
  return { given, roles, orgWords, stop, places, titles };
}

/** Turn a document's sentences into templates: annotated spans first, then detected names, places, days, months, numbers. */
function templatise(sents: Sent[], lex: Lexicon, annotated: Annotated): Template[] {
  // Surnames of the persons this document names in full, so later surname-only mentions vary too.
  const surnames = new Set<string>();
  // Capitalised words that stand alone somewhere in the document (a surname's later mentions).
  const singles = new Set<string>();
  for (const s of sents)
    for (const m of s.text.matchAll(CAPITAL_RUN)) if (!/\s/.test(m[0])) singles.add(m[0].replace(/['’]s$/, ''));
  for (const w of [...singles])
    if (
      lex.places.has(w) ||
      lex.given.has(w) ||
      lex.stop.has(w.toLowerCase()) ||
      lex.orgWords.has(w) ||
      CALENDAR.has(w)
    )
      singles.delete(w);
  const found: Array<Array<{ start: number; end: number; slot: Slot }>> = [];
  for (const s of sents) {
    const spans: Array<{ start: number; end: number; slot: Slot }> = [];
    const upper = (t: string) => /^\p{Lu}{3,}(?:\s+\p{Lu}+)*$/u.test(t);
    for (const sp of s.spans) {
      const t = s.text.slice(sp.start, sp.end);
      if (sp.kind === 'place')
        spans.push({ start: sp.start, end: sp.end, slot: { kind: 'place', key: t, upper: upper(t) } });
      else {
        const words = [...t.matchAll(/\S+/g)];
        const last = words[words.length - 1];
        if (words.length >= 2) {
          const first = words[0];
          spans.push({
            start: sp.start + first.index,
            end: sp.start + first.index + first[0].length,
            slot: { kind: 'first', key: t, upper: upper(first[0]) },
          });
        }
        spans.push({
          start: sp.start + last.index,
          end: sp.start + last.index + last[0].length,
          slot: { kind: 'last', key: last[0], upper: upper(last[0]) },
        });
        surnames.add(last[0]);
      }
    }
    for (const m0 of s.text.matchAll(CAPITAL_RUN)) {
      // A possessive "'s" is not part of the name.
      const m = { index: m0.index, 0: m0[0].replace(/['’]s$/, '') };
      const words = [...m[0].matchAll(/\S+/g)].map((w) => ({ w: w[0], start: m.index + w.index! }));
      const whole = m[0].replace(/\s+/g, ' ');
      if (annotated.place && annotated.person) continue;
      if (!annotated.place && lex.places.has(whole)) {
        spans.push({ start: m.index, end: m.index + m[0].length, slot: { kind: 'place', key: whole } });
        continue;
      }
      let i = words.findIndex(
        (x, j) => (lex.given.has(x.w) && j < words.length - 1) || (j > 0 && lex.titles.has(words[j - 1].w)),
      );
      if (i >= 0 && !lex.given.has(words[i].w) && i + 1 < words.length && lex.given.has(words[i + 1].w)) i++;
      // A two- or three-word name of unknown first name is a person when a role comes before it, a
      // reporting verb after it, or its last word stands alone elsewhere in the document.
      if (
        i < 0 &&
        words.length >= 2 &&
        words.length <= 3 &&
        words.every((x) => !lex.orgWords.has(x.w) && !lex.stop.has(x.w.toLowerCase()) && !CALENDAR.has(x.w))
      ) {
        const before = s.text.slice(Math.max(0, m.index - 40), m.index);
        const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 20);
        const lastWord = words[words.length - 1].w;
        const role = ROLE_BEFORE.exec(before);
        if ((role && lex.roles.has(role[1].toLowerCase())) || SPEECH_AFTER.test(after) || singles.has(lastWord)) i = 0;
      }
      if (i >= 0 && !annotated.person) {
        const person = words.slice(i, i + 3);
        const last = person[person.length - 1];
        if (person.length >= 2) {
          spans.push({
            start: person[0].start,
            end: person[0].start + person[0].w.length,
            slot: { kind: 'first', key: person.map((x) => x.w).join(' ') },
          });
        }
        spans.push({ start: last.start, end: last.start + last.w.length, slot: { kind: 'last', key: last.w } });
        surnames.add(last.w);
        continue;
      }
      // A place inside a longer run is usually part of a name ("Air France", "Morgan Stanley"): only a
      // leading function word ("In Paris", "The Hague" excepted by the lexicon) is stripped.
      const rest = words
        .slice(1)
        .map((x) => x.w)
        .join(' ');
      if (!annotated.place && words.length >= 2 && lex.stop.has(words[0].w.toLowerCase()) && lex.places.has(rest)) {
        spans.push({ start: words[1].start, end: m.index + m[0].length, slot: { kind: 'place', key: rest } });
      }
    }
    for (const m of annotated.place ? [] : s.text.matchAll(CAPS_WORD)) {
      const title = m[0].toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
      if (lex.places.has(title))
        spans.push({ start: m.index, end: m.index + m[0].length, slot: { kind: 'place', key: title, upper: true } });
    }
    for (const m of s.text.matchAll(WEEKDAY_RE))
      spans.push({ start: m.index, end: m.index + m[0].length, slot: { kind: 'weekday', key: m[0] } });
    for (const m of s.text.matchAll(MONTH_RE)) {
      const month = m[0].split(/\s/)[0];
      spans.push({ start: m.index, end: m.index + month.length, slot: { kind: 'month', key: month } });
      if (m[1] && Number(m[1]) >= 1 && Number(m[1]) <= 31) {
        const at = m.index + m[0].length - m[1].length;
        spans.push({ start: at, end: at + m[1].length, slot: { kind: 'day', key: `${month} ${m[1]}` } });
      }
    }
    for (const m of s.text.matchAll(NUMBER_RE)) {
      const digits = m[0].replace(/,/g, '');
      if (YEAR_RE.test(m[0]) || Number(digits) < NUMBER_KEEP_BELOW) continue;
      if (NAME_BEFORE_NUMBER.test(s.text.slice(Math.max(0, m.index - 30), m.index))) continue;
      spans.push({ start: m.index, end: m.index + m[0].length, slot: { kind: 'number', key: m[0] } });
    }
    found.push(spans);
  }
  return sents.map((s, k) => {
    const spans = found[k];
    // Surname-only mentions of persons named in full elsewhere in the document.
    if (surnames.size) {
      for (const m of s.text.matchAll(/(?<![\p{L}'’-])\p{Lu}[\p{Ll}'’-]+/gu)) {
        if (surnames.has(m[0]))
          spans.push({ start: m.index, end: m.index + m[0].length, slot: { kind: 'last', key: m[0] } });
      }
    }
    // Earlier entries win (annotated spans, then names, places, dates, numbers); drop overlaps.
    const order = spans.map((sp, i) => ({ sp, i })).sort((a, b) => a.sp.start - b.sp.start || a.i - b.i);
    const kept: typeof spans = [];
    const taken: Array<[number, number]> = [];
    for (const { sp } of [...order].sort((a, b) => a.i - b.i)) {
      if (taken.some(([a, b]) => sp.start < b && a < sp.end)) continue;
      taken.push([sp.start, sp.end]);
      kept.push(sp);
    }
    kept.sort((a, b) => a.start - b.start);
    const t: Template = [];
    let at = 0;
    for (const sp of kept) {
      if (sp.start > at) t.push(s.text.slice(at, sp.start));
      t.push(sp.slot);
      at = sp.end;
    }
    if (at < s.text.length) t.push(s.text.slice(at));
    return t;
  });
}

/** Shorten a first sentence into a headline: at most HEADLINE_MAX_WORDS words, cut at a clause if one ends early enough. */
function headlineOf(s: Sent): Sent {
  let text = s.text.replace(/\s+/g, ' ').trim();
  const words = [...text.matchAll(/\S+/g)];
  if (words.length > HEADLINE_MAX_WORDS) {
    const cutAt = words[HEADLINE_MAX_WORDS].index;
    const comma = text.slice(0, cutAt).search(/,[^,]*$/);
    text = comma > 0 && wordCount(text.slice(0, comma)) >= 5 ? text.slice(0, comma) : text.slice(0, cutAt).trim();
  }
  text = text.replace(/[\s.,;:]+$/, '');
  while (HEADLINE_TRAILING_WORD.test(text)) text = text.replace(HEADLINE_TRAILING_WORD, '');
  return { text, spans: s.spans.filter((sp) => sp.end <= text.length) };
}

/** Build a base document from its paragraphs (each a list of sentences); null when too short or tabular. */
function makeDoc(
  origin: string,
  headline: Sent | undefined,
  paragraphs: Sent[][],
  annotated: Annotated,
  lex: Lexicon,
): BaseDoc | null {
  const all = paragraphs.flat();
  if (!all.length) return null;
  const tabular = all.filter((s) => TABULAR(s.text)).length;
  if (tabular / all.length > MAX_TABULAR_SHARE) return null;
  const clean = paragraphs
    .map((p) => p.filter((s) => !TABULAR(s.text) && !LIST_LINE.test(s.text)))
    .filter((p) => p.length);
  const words = clean.flat().reduce((n, s) => n + wordCount(s.text), 0);
  if (words < MIN_DOC_WORDS) return null;
  let head = headline && headline.text !== headline.text.toUpperCase() ? headline : clean[0][0];
  head = headlineOf(head);
  const [headT, ...sentT] = templatise([head, ...clean.flat()], lex, annotated);
  const units: Template[][] = [];
  const unitWords: number[] = [];
  let k = 0;
  for (const p of clean) {
    let unit: Template[] = [];
    let n = 0;
    for (const s of p) {
      const w = wordCount(s.text);
      if (unit.length && n + w > UNIT_MAX_WORDS) {
        units.push(unit);
        unitWords.push(n);
        unit = [];
        n = 0;
      }
      unit.push(sentT[k++]);
      n += w;
    }
    if (unit.length) {
      units.push(unit);
      unitWords.push(n);
    }
  }
  return { origin, headline: headT, units, unitWords };
}

/** Group loose sentences (no paragraph marks in the source) into paragraphs of about PARAGRAPH_WORDS words. */
function paragraphsOf(sents: Sent[]): Sent[][] {
  const out: Sent[][] = [];
  let cur: Sent[] = [];
  let n = 0;
  for (const s of sents) {
    cur.push(s);
    n += wordCount(s.text);
    if (n >= PARAGRAPH_WORDS) {
      out.push(cur);
      cur = [];
      n = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

const plain = (text: string): Sent => ({ text, spans: [] });

/** Paragraphed plain text (article bodies, example files) as paragraphs of sentences. */
function textParagraphs(text: string): Sent[][] {
  return text
    .split(/\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => wordCount(p) > 8)
    .map((p) => splitSentences(p).map(plain));
}

/** Raw documents of the shared data: [origin, headline, paragraphs]. */
type RawDoc = [string, Sent | undefined, Sent[][], Annotated?];

function readArticleExtraction(dir: string): RawDoc[] {
  const p = join(dir, 'article-extraction/ground-truth.json');
  if (!existsSync(p)) return [];
  const gt = JSON.parse(readFileSync(p, 'utf8')) as Record<string, { articleBody?: string }>;
  return Object.entries(gt).map(([id, v]) => {
    const paras = textParagraphs(v.articleBody ?? '');
    return [`article-extraction/${id.slice(0, 12)}`, paras[0]?.[0], paras] as RawDoc;
  });
}

function readGeoVirus(dir: string): RawDoc[] {
  const p = join(dir, 'geovirus/GeoVirus-dev.xml');
  if (!existsSync(p)) return [];
  const xml = readFileSync(p, 'utf8');
  const out: RawDoc[] = [];
  let n = 0;
  for (const a of xml.matchAll(/<article>([\s\S]*?)<\/article>/g)) {
    const text = decodeXmlEntities(/<text>([\s\S]*?)<\/text>/.exec(a[1])?.[1] ?? '');
    const places: Array<[number, number]> = [];
    for (const l of a[1].matchAll(/<location>([\s\S]*?)<\/location>/g)) {
      const name = decodeXmlEntities(/<name>([\s\S]*?)<\/name>/.exec(l[1])?.[1] ?? '');
      const start = Number(/<start>(\d+)<\/start>/.exec(l[1])?.[1]) - 1;
      const end = Number(/<end>(\d+)<\/end>/.exec(l[1])?.[1]) - 1;
      if (text.slice(start, end) === name) places.push([start, end]);
    }
    // Sentences with the annotated places moved to sentence offsets.
    const sents: Sent[] = [];
    let from = 0;
    for (const s of splitSentences(text)) {
      const at = text.indexOf(s, from);
      from = at + s.length;
      sents.push({
        text: s,
        spans: places
          .filter(([a, b]) => a >= at && b <= from)
          .map(([a, b]) => ({ start: a - at, end: b - at, kind: 'place' as const })),
      });
    }
    out.push([`geovirus#${n++}`, sents[0], paragraphsOf(sents), { place: true }]);
  }
  return out;
}

function readMeantime(dir: string): RawDoc[] {
  const root = join(dir, 'meantime');
  if (!existsSync(root)) return [];
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.xml') && /corpus_/.test(p)) files.push(p);
    }
  };
  walk(root);
  return files.map((f) => {
    const bySentence = new Map<number, string[]>();
    for (const m of readFileSync(f, 'utf8').matchAll(/<token\b[^>]*\bsentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
      const k = Number(m[1]);
      if (!bySentence.has(k)) bySentence.set(k, []);
      bySentence.get(k)!.push(decodeXmlEntities(m[2]));
    }
    const sents = [...bySentence.entries()].sort((a, b) => a[0] - b[0]).map(([, toks]) => plain(detokenise(toks).text));
    // Sentence 0 is the title, then usually the date line.
    const body = sents.slice(1).filter((s, i) => !(i === 0 && wordCount(s.text) <= 4));
    return [`meantime/${f.split('/').pop()!.split('_')[0]}`, sents[0], paragraphsOf(body)] as RawDoc;
  });
}

function readConll(dir: string): RawDoc[] {
  const out: RawDoc[] = [];
  for (const part of ['train', 'dev']) {
    const p = join(dir, `conll2003/${part}.txt`);
    if (!existsSync(p)) continue;
    const docs: Sent[][] = [];
    let doc: Sent[] | null = null;
    let toks: string[] = [];
    let tags: string[] = [];
    const flush = () => {
      if (!toks.length || !doc) return;
      const { text, offsets } = detokenise(toks);
      const spans: Span[] = [];
      for (let i = 0; i < toks.length; i++) {
        const m = /^B-(PER|LOC)$/.exec(tags[i]);
        if (!m) continue;
        let j = i;
        while (j + 1 < toks.length && tags[j + 1] === `I-${m[1]}`) j++;
        spans.push({ start: offsets[i], end: offsets[j] + toks[j].length, kind: m[1] === 'PER' ? 'person' : 'place' });
      }
      doc.push({ text, spans });
      toks = [];
      tags = [];
    };
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (line.startsWith('-DOCSTART-')) {
        flush();
        doc = [];
        docs.push(doc);
      } else if (!line.trim()) flush();
      else {
        const cols = line.split(' ');
        toks.push(cols[0]);
        tags.push(cols[cols.length - 1]);
      }
    }
    flush();
    docs.forEach((d, n) => {
      // Headline, then byline and a dateline ("BRUSSELS 1996-08-22") before the body.
      const dateline = d.slice(0, 4).findIndex((s) => /\d{4}-\d\d-\d\d$/.test(s.text));
      const lines = d.slice(dateline >= 0 ? dateline + 1 : 1);
      if (!lines.length || lines.filter((s) => !TERMINATED.test(s.text)).length / lines.length > MAX_UNTERMINATED_SHARE)
        return;
      // CoNLL sometimes splits a sentence at a line break: an unterminated line joins the next one.
      const body: Sent[] = [];
      let open: Sent | null = null;
      for (const s of lines) {
        const merged: Sent = open
          ? {
              text: `${open.text} ${s.text}`,
              spans: [
                ...open.spans,
                ...s.spans.map((sp) => ({
                  ...sp,
                  start: sp.start + open!.text.length + 1,
                  end: sp.end + open!.text.length + 1,
                })),
              ],
            }
          : s;
        if (TERMINATED.test(merged.text)) {
          body.push(merged);
          open = null;
        } else open = merged;
      }
      if (open) body.push(open);
      // Reuters writes one- or two-sentence paragraphs: a short sentence joins the next one.
      const paras: Sent[][] = [];
      for (const s of body) {
        const last = paras[paras.length - 1];
        if (last && last.length === 1 && wordCount(last[0].text) < 15) last.push(s);
        else paras.push([s]);
      }
      out.push([`conll2003/${part}#${n}`, d[0], paras, { person: true, place: true }]);
    });
  }
  return out;
}

function readExamples(): RawDoc[] {
  const manifest: Array<{ id: string; file: string }> = JSON.parse(
    readFileSync(resolve(REPO_ROOT, 'examples/articles.json'), 'utf8'),
  );
  return manifest.map((m) => {
    const paras = textParagraphs(readFileSync(resolve(REPO_ROOT, 'examples', m.file), 'utf8'));
    return [`examples/${m.id}`, paras[0]?.[0], paras] as RawDoc;
  });
}

const pools = new Map<string, Pool>();

/** The folder of the shared data, or null when it is absent. */
function sharedDir(options: SynthOptions): string | null {
  const dir = options.dataDir ?? resolve(REPO_ROOT, '../shared/data');
  return existsSync(dir) ? dir : null;
}

/** Read and parse the source text once per process. */
function loadPool(options: SynthOptions): Pool {
  const want = options.source ?? 'auto';
  const dir = want === 'examples' ? null : sharedDir(options);
  if (want === 'shared' && !dir)
    throw new Error(`synth: shared data is absent (${options.dataDir ?? resolve(REPO_ROOT, '../shared/data')})`);
  const key = dir ?? 'examples';
  const cached = pools.get(key);
  if (cached) return cached;
  const raw = dir
    ? [...readArticleExtraction(dir), ...readGeoVirus(dir), ...readMeantime(dir), ...readConll(dir)]
    : readExamples();
  const lower = new Set<string>();
  for (const [, , paras] of raw)
    for (const p of paras) for (const s of p) for (const w of s.text.match(/(?<![\p{L}])\p{Ll}+/gu) ?? []) lower.add(w);
  const lex = lexicon(lower);
  const docs = raw
    .map(([origin, head, paras, ann]) => makeDoc(origin, head, paras, ann ?? {}, lex))
    .filter((d): d is BaseDoc => d !== null);
  const words = docs.reduce((n, d) => n + d.unitWords.reduce((a, b) => a + b, 0), 0);
  const kinds = new Map<string, number>();
  for (const d of docs) {
    const k = d.origin.split(/[/#]/)[0];
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  const parts = [...kinds].map(([k, n]) => `${k} ${n}`).join(', ');
  const source = dir
    ? `shared data (${docs.length} documents, ${words} words: ${parts})`
    : `team examples (${docs.length} documents, ${words} words)`;
  const pool = { source, docs, words };
  pools.set(key, pool);
  return pool;
}

/** Which text the corpus is made from, in words (for the benches to print). */
export function synthSource(options: SynthOptions = {}): string {
  return loadPool(options).source;
}

// ---------------------------------------------------------------------------------------------
// Generation.

/** Draws passages without replacement: documents in shuffled order, each read from a random start onwards. */
class PassageDrawer {
  private queue: number[] = [];
  private cursor: number[] = [];
  private end: number[] = [];
  private flat: Array<[number, number]> | undefined;
  constructor(
    private pool: Pool,
    private rand: () => number,
  ) {}

  private refill() {
    const n = this.pool.docs.length;
    this.queue = shuffle([...Array(n).keys()], this.rand);
    // Each pass reads every document from its start; passage lengths vary, so boundaries differ between passes.
    this.cursor = this.pool.docs.map(() => 0);
    this.end = this.cursor.map((c, i) => c + this.pool.docs[i].units.length);
  }

  /** A pool too small to draw from without replacement (the team examples): paragraphs are drawn at random. */
  get small(): boolean {
    return this.pool.docs.length < SMALL_POOL_DOCS;
  }

  /** The next passage of about `goal` words from a document not in `avoid` (one random paragraph in a small pool). */
  draw(goal: number, avoid: Set<number>): { doc: number; units: number[]; words: number } {
    if (this.small) {
      // Every paragraph equally likely, whatever the length of its document.
      this.flat ??= this.pool.docs.flatMap((doc, d) => doc.units.map((_, u) => [d, u] as [number, number]));
      const [d, u] = this.flat[Math.floor(this.rand() * this.flat.length)];
      return { doc: d, units: [u], words: this.pool.docs[d].unitWords[u] };
    }
    for (let tries = 0; tries < 3; tries++) {
      if (!this.queue.length) this.refill();
      const k = this.queue.findIndex((d) => !avoid.has(d));
      if (k < 0) {
        // Every document is already in this article (a tiny pool): allow a second passage of one.
        if (this.pool.docs.length <= avoid.size) avoid = new Set();
        else this.queue = [];
        continue;
      }
      const d = this.queue[k];
      const doc = this.pool.docs[d];
      const units: number[] = [];
      let words = 0;
      while (this.cursor[d] < this.end[d] && (words < goal || !units.length)) {
        const u = this.cursor[d] % doc.units.length;
        // A passage does not run from a document's end back to its start.
        if (units.length && u === 0) break;
        units.push(u);
        words += doc.unitWords[u];
        this.cursor[d]++;
      }
      this.queue.splice(k, 1);
      // A document with text left goes to the back of the queue for a later passage.
      if (this.cursor[d] < this.end[d]) this.queue.push(d);
      return { doc: d, units, words };
    }
    const d = Math.floor(this.rand() * this.pool.docs.length);
    return { doc: d, units: [0], words: this.pool.docs[d].unitWords[0] };
  }
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Fills the slots of one passage: the same original gets the same replacement, different originals different ones. */
class Filler {
  private map = new Map<string, string>();
  private used = new Set<string>();
  constructor(private rand: () => number) {}

  private pick(xs: readonly string[], kind: string): string {
    let v = xs[Math.floor(this.rand() * xs.length)];
    for (let i = 0; i < 4 && this.used.has(`${kind}:${v}`); i++) v = xs[Math.floor(this.rand() * xs.length)];
    this.used.add(`${kind}:${v}`);
    return v;
  }

  private value(slot: Slot): string {
    const k = `${slot.kind}:${slot.key}`;
    let v = this.map.get(k);
    if (v !== undefined) return v;
    switch (slot.kind) {
      case 'first':
        v = this.pick(FIRST, 'first');
        break;
      case 'last':
        v = this.pick(LAST, 'last');
        break;
      case 'place':
        v = this.pick(PLACES, 'place');
        break;
      case 'weekday':
        v = this.pick(WEEKDAYS, 'weekday');
        break;
      case 'month':
        v = this.pick(MONTHS, 'month');
        break;
      case 'day':
        v = String(1 + Math.floor(this.rand() * 28));
        break;
      case 'number': {
        const n = Number(slot.key.replace(/,/g, ''));
        const j = Math.max(NUMBER_KEEP_BELOW, Math.round(n * (1 - NUMBER_JITTER + 2 * NUMBER_JITTER * this.rand())));
        v = slot.key.includes(',') ? j.toLocaleString('en-US') : String(j);
        break;
      }
    }
    this.map.set(k, v);
    return v;
  }

  fill(t: Template): string {
    let s = '';
    for (const part of t) {
      if (typeof part === 'string') s += part;
      else {
        const v = this.value(part);
        // Keep "a"/"an" in agreement with the new word ("an Amman", "a Lagos").
        s = s.replace(
          /(^|[^\p{L}])([Aa])n? $/u,
          (_, pre: string, a: string) => `${pre}${a}${/^[AEIOU]/i.test(v) ? 'n' : ''} `,
        );
        s += part.upper ? v.toUpperCase() : v;
      }
    }
    return s;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayString = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const slug = (s: string) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
const urlOf = (publisher: string, published: string, title: string, id: string) =>
  `https://www.${slug(publisher).replace(/-/g, '')}.example/${published.replace(/-/g, '/')}/${slug(title) || 'story'}-${id.replace(/\D/g, '')}`;

/**
 * `count` synthetic news articles of about `targetWords` words (plus the headline), deterministic
 * for the same arguments. See the module comment for how they are made.
 */
export function synthCorpus(count: number, targetWords = 600, seed = 7, options: SynthOptions = {}): SynthArticle[] {
  const pool = loadPool(options);
  const copyShare = options.copyShare ?? COPY_SHARE;
  const rand = prng(seed);
  const drawer = new PassageDrawer(pool, rand);
  const pickOf = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: SynthArticle[] = [];
  const originals: number[] = [];
  const bodies: string[][] = [];
  for (let i = 0; i < count; i++) {
    const id = `synth-${i}`;
    if (originals.length && rand() < copyShare) {
      const o = originals[Math.floor(rand() * originals.length)];
      const orig = out[o];
      let paras = bodies[o];
      if (paras.length >= 3 && rand() < COPY_CUT_CHANCE) {
        const cut = 1 + Math.floor(rand() * (paras.length - 1));
        paras = paras.filter((_, k) => k !== cut);
      }
      const title = pickOf(COPY_KICKERS) + orig.title;
      const footer = pickOf(COPY_FOOTERS)
        .replace(/\{P\}/g, () => `${pickOf(FIRST)} ${pickOf(LAST)}`)
        .replace(/\{C\}/g, () => pickOf(PLACES))
        .replace(/\{O\}/g, orig.publisher);
      let publisher = pickOf(PUBLISHERS);
      if (publisher === orig.publisher) publisher = PUBLISHERS[(PUBLISHERS.indexOf(publisher) + 1) % PUBLISHERS.length];
      const published = dayString(
        Date.parse(orig.published) + Math.floor(rand() * (COPY_MAX_DELAY_DAYS + 1)) * 86_400_000,
      );
      out.push({
        id,
        title,
        text: [title, ...paras, footer].join('\n\n'),
        published,
        publisher,
        url: urlOf(publisher, published, title, id),
        copyOf: orig.id,
        bases: orig.bases,
      });
      bodies.push(paras);
      continue;
    }
    const want = MIN_PASSAGES + Math.floor(rand() * (MAX_PASSAGES - MIN_PASSAGES + 1));
    const used = new Set<number>();
    // One filler per base document, so a name keeps its replacement across the passages of one article.
    const fillers = new Map<number, Filler>();
    const paras: string[] = [];
    const bases: string[] = [];
    let words = 0;
    let title = '';
    const cap = drawer.small ? SMALL_POOL_CAP_PARAGRAPHS : CAP_PASSAGES;
    for (let k = 0; k < cap && (k < MIN_PASSAGES || words < targetWords * LENGTH_SLACK); k++) {
      const goal = Math.max(
        20,
        Math.min(MAX_PASSAGE_SHARE * targetWords, (targetWords - words) / Math.max(1, want - k)),
      );
      const p = drawer.draw(goal, used);
      used.add(p.doc);
      const doc = pool.docs[p.doc];
      const filler = fillers.get(p.doc) ?? new Filler(rand);
      fillers.set(p.doc, filler);
      if (k === 0) title = filler.fill(doc.headline);
      for (const u of p.units) paras.push(doc.units[u].map((t) => filler.fill(t)).join(' '));
      if (!bases.includes(doc.origin)) bases.push(doc.origin);
      words += p.words;
    }
    const published = dayString(PUBLISHED_FROM + Math.floor(rand() * PUBLISHED_SPAN_DAYS) * 86_400_000);
    const publisher = pickOf(PUBLISHERS);
    out.push({
      id,
      title,
      text: [title, ...paras].join('\n\n'),
      published,
      publisher,
      url: urlOf(publisher, published, title, id),
      bases,
    });
    originals.push(i);
    bodies.push(paras);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stats entry point.

export interface CorpusStats {
  count: number;
  meanWords: number;
  copyShare: number;
  distinctWords: number;
  /** The most common non-function words and the share of articles each appears in. */
  topWords: Array<[string, number]>;
  /** Share of articles containing each probe word. */
  probes: Record<string, number>;
}

/** Summary figures of a corpus: how varied its text is and how often common words recur across articles. */
export function corpusStats(
  articles: Array<{ text: string; copyOf?: string }>,
  probes = ['said', 'government', 'police', 'president'],
): CorpusStats {
  const fw = resolve(REPO_ROOT, 'data/lexicons/function-words.json');
  const stop = new Set<string>(
    existsSync(fw) ? (JSON.parse(readFileSync(fw, 'utf8')).words as string[]).map((w) => w.toLowerCase()) : [],
  );
  const df = new Map<string, number>();
  let words = 0;
  for (const a of articles) {
    const toks = a.text.toLowerCase().match(/\p{L}+/gu) ?? [];
    words += wordCount(a.text);
    for (const t of new Set(toks)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = articles.length || 1;
  const top = [...df]
    .filter(([w]) => !stop.has(w) && w.length > 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10);
  return {
    count: articles.length,
    meanWords: Math.round(words / n),
    copyShare: articles.filter((a) => a.copyOf).length / n,
    distinctWords: df.size,
    topWords: top.map(([w, c]) => [w, c / n]),
    probes: Object.fromEntries(probes.map((p) => [p, (df.get(p) ?? 0) / n])),
  };
}

export function printStats(label: string, s: CorpusStats, seconds?: number): void {
  const pc = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(`source: ${label}`);
  console.log(
    `articles: ${s.count}, mean words ${s.meanWords}, syndicated copies ${pc(s.copyShare)}, distinct words ${s.distinctWords}`,
  );
  if (seconds !== undefined) console.log(`generated in ${seconds.toFixed(2)} s CPU`);
  console.log(
    `articles containing: ${Object.entries(s.probes)
      .map(([w, x]) => `${w} ${pc(x)}`)
      .join(', ')}`,
  );
  console.log(
    `10 most common non-function words (share of articles): ${s.topWords.map(([w, x]) => `${w} ${pc(x)}`).join(', ')}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name: string, dflt: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  const count = Number(arg('--count', '10000'));
  const words = Number(arg('--words', '600'));
  const source = arg('--source', 'auto') as SynthOptions['source'];
  const cpu0 = process.cpuUsage();
  const corpus = synthCorpus(count, words, 7, { source });
  const cpu = process.cpuUsage(cpu0);
  if (args.includes('--sample'))
    console.log(
      corpus
        .slice(0, Number(arg('--sample', '2')))
        .map((a) => `${a.id} ${a.published} ${a.publisher} ${a.url}\n${a.text}`)
        .join('\n\n----\n\n'),
    );
  printStats(synthSource({ source }), corpusStats(corpus), (cpu.user + cpu.system) / 1e6);
}
