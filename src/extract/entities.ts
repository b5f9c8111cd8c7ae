/**
 * The entity stage: BIO token labels → entities with merged mentions, aliases and roles.
 *
 * Works with any recogniser that writes `doc.tokenTags` (the trained model by default; the pipeline
 * takes another). Steps:
 *   1. read mentions from the labels and tidy their spans (possessive "'s", "-linked", honorifics,
 *      military ranks: "Brigadier Nabil Abdallah" names "Nabil Abdallah", with "Brigadier" a role);
 *   2. link countries and demonyms to one country entity ("Syria", "Syrian", "UK", "British");
 *   3. group full names, then attach short forms to the nearest full form ("Starmer" → "Keir
 *      Starmer"; two people sharing a surname stay apart), acronyms to their expansion, group
 *      nouns to their lemma ("Bedouins" → "Bedouin"), a company's short name to its full name
 *      ("Harbourline" → "Harbourline Logistics");
 *   4. bind roles ("Foreign Minister X", "X, the chief executive", "the presidency of X") and
 *      title descriptions ("the Foreign Secretary") to people;
 *   5. number entities "e1", "e2", … in order of first mention.
 * `resolveDescription` and `resolvePronoun` serve the quote and claim stages.
 */
import type { Doc } from '../model/doc.ts';
import type { Entity, EntityType, Mention } from '../model/analysis.ts';
import type { Stage } from '../model/stage.ts';
import {
  acronymExpansion,
  countryByDemonym,
  countryByName,
  foldKey,
  honorificGender,
  honorificList,
  isAdminHead,
  isFunctionWord,
  isKnownOrg,
  isOrgHead,
  norpLemma,
  rankPrefixLength,
  type Gender,
} from '../lexicon/lexicon.ts';
import {
  roleAppositiveAfter,
  roleAppositiveBefore,
  roleBefore,
  roleFromNominalisation,
  titleDescriptions,
} from '../lexicon/roles.ts';
import { isAsciiLetterOrDigit, isSpace } from '../text/chars.ts';
import { MAX_LOOKBACK_SENTENCES, nearest } from './coref.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;
/** Holds a letter. */
const HAS_LETTER = /\p{L}/u;
/** Opens with a lower-case letter. */
const LOWER_START = /^\p{Ll}/u;
/** A capital then a lower-case letter. */
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}/u;
/** Two to six capitals and nothing else. */
const ACRONYM_SHAPE = /^\p{Lu}{2,6}$/u;
/** The lower-case word right after. */
const NEXT_LOWER_WORD = /^\s+(\p{Ll}+)/u;

/** Trailing possessive on a mention ("Starmer‘s", "Starmer ’s"). */
const POSSESSIVE_TAIL = /\s?['’‘]s$/;
/** A capitalised word with a lower-case hyphenated tail: "Druze-linked", "Iran-backed" name "Druze", "Iran". */
const HYPHEN_TAIL = /^(\p{Lu}[\p{L}]*)-\p{Ll}+$/u;
/** Punctuation that recognisers sometimes leave at a mention's edges. */
const EDGE_PUNCT = /^[\s"“”‘’'()[\]{},.;:!?\u2013\u2014-]+|[\s"“”‘’'()[\]{},;:!?\u2013\u2014-]+$/gu;
/** What follows a name that ends in an opened bracket: its closing bracket ("Mladost ( L )"). */
const BRACKET_TAIL = /^\s*\)/;
/** Honorific right before a mention ("Mr ", "Sir ", "Dr. "). */
const HONORIFIC_BEFORE = new RegExp(`(?:^|[^\\p{L}])((?:${honorificPattern()})\\.?)\\s+$`, 'u');
/** Honorific opening a mention ("Mr Lammy" tagged whole). */
const HONORIFIC_START = new RegExp(`^((?:${honorificPattern()})\\.?)\\s+`, 'u');
/** How much text before a mention the role patterns read (a role phrase is a few words). */
const ROLE_WINDOW_CHARS = 120;
/** Name particles ignored when comparing surnames ("al-Sharaa" ~ "Sharaa"). */
const SURNAME_PARTICLE = /^(?:al|el|ad|ash|as|at|az|ar|an|bin|ibn|van|von|de|di|da|du|del|della|le|la)[-\s‘’']/i;
/** Words skipped when forming an acronym from a name ("United Nations" → "UN"). */
const ACRONYM_SKIP = new Set(['of', 'the', 'and', 'for', 'on', 'in', '&', 'de']);
/** Collective nouns after a group name that make a fuller alias ("Bedouin tribes", "Druze community"). */
const GROUP_NOUN = /^\s+(tribes?|clans?|communit(?:y|ies)|minority|people|groups?)\b/u;
/** The most words a person's name has; longer name-shaped runs are organisations. */
const MAX_NAME_WORDS = 4;
/**
 * Types a mention keeps where its entity's type differs: a place named for the organisation that
 * sits there or plays for it ("Cleveland beat Texas", "Fort Hood said") is the same name used as an
 * organisation, and the recogniser's reading of that one mention is kept.
 */
const METONYMY: Partial<Record<EntityType, ReadonlySet<EntityType>>> = {
  GPE: new Set(['ORG']),
  LOC: new Set(['ORG']),
  ORG: new Set(['GPE', 'LOC']),
};

function honorificPattern(): string {
  return honorificList()
    .map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .map((h) => h.charAt(0).toUpperCase() + h.slice(1))
    .join('|');
}

export interface RawMention extends Mention {
  type: EntityType;
  /** The honorific or rank before the name, if any ("Mr", "Brigadier"), and where it starts. */
  honorific?: string;
  /** The rank, when the title before the name is a military or police rank (also a role). */
  rank?: string;
  honorificStart?: number;
  /** Country code for countries and their demonyms. */
  country?: string;
  demonym?: boolean;
  entity?: Work;
}

/** An entity under construction. */
export interface Work {
  type: EntityType;
  mentions: RawMention[];
  roles: string[];
  aliases: string[];
  country?: string;
  gender?: Gender;
  /** Words of the longest full name ("Keir Starmer"), for surname matching. */
  key: string;
}

export const entityStage: Stage = {
  name: 'entities',
  reads: ['text', 'sentences', 'tokens', 'tokenTags'],
  adds: ['entities'],
  run(doc) {
    doc.entities = extractEntities(doc);
  },
};

/** Build the entities of `doc` from its token labels. */
export function extractEntities(doc: Doc): Entity[] {
  const mentions = readMentions(doc);
  retypePersons(doc, mentions);
  const works = groupMentions(mentions);
  for (const w of works) if (w.type === 'PERSON') bindRoles(doc, w);
  bindDescriptions(doc, works);
  return finish(doc, works);
}

// ---------------------------------------------------------------------------------------------
// 1. Mentions

/** Mentions from BIO labels, tidied. An `I-` label without a `B-` starts a mention. */
function readMentions(doc: Doc): RawMention[] {
  const out: RawMention[] = [];
  const tags = doc.tokenTags;
  let i = 0;
  while (i < doc.tokens.length) {
    const tag = tags[i] ?? 'O';
    if (tag === 'O' || tag.length < 3) {
      i++;
      continue;
    }
    const type = tag.slice(2) as EntityType;
    let j = i + 1;
    while (j < doc.tokens.length && tags[j] === `I-${type}`) j++;
    const m = tidy(doc, doc.tokens[i].start, doc.tokens[j - 1].end, type);
    if (m) out.push(m);
    i = j;
  }
  return out;
}

/** Trim punctuation, possessives and hyphen tails; split off an honorific; drop debris. */
function tidy(doc: Doc, start: number, end: number, type: EntityType): RawMention | undefined {
  let text = doc.span(start, end);
  // (a mention opening and ending in an ASCII letter or digit, most of them, has no edge punctuation to trim)
  if (!asciiAlnumEdges(text)) {
    const lead = /^[\s"“”‘’'()[\]{},.;:!?\u2013\u2014-]+/u.exec(text)?.[0].length ?? 0;
    start += lead;
    text = doc.span(start, end);
    const trail = text.replace(EDGE_PUNCT, '');
    let trailEnd = text.indexOf(trail) + trail.length;
    // a closing bracket that closes one inside the name stays ("Mladost (L)", "Rad (B)")
    const close = BRACKET_TAIL.exec(text.slice(trailEnd));
    if (close && trail.includes('(') && !trail.includes(')')) trailEnd += close[0].length;
    end = start + trailEnd;
    text = doc.span(start, end);
  }
  // (POSSESSIVE_TAIL ends in "s")
  const poss = text.charCodeAt(text.length - 1) === 115 /* s */ ? POSSESSIVE_TAIL.exec(text) : null;
  if (poss) {
    end -= poss[0].length;
    text = doc.span(start, end);
  }
  const hy = text.includes('-') ? HYPHEN_TAIL.exec(text) : null; // (HYPHEN_TAIL needs a hyphen)
  if (hy && !text.includes(' ')) {
    end = start + hy[1].length;
    text = hy[1];
  }
  if (/^the\s/.test(text) || (type === 'PERSON' && /^The\s/.test(text))) {
    start += 4;
    text = doc.span(start, end);
  }
  const m = rawMention(start, end, text, type);
  // a military or police rank opening a person's mention ("Brigadier Nabil Abdallah"): a title
  if (type === 'PERSON') {
    const ws = text.split(/\s+/);
    const k = rankPrefixLength(ws);
    if (k > 0 && k < ws.length && CAPITALISED.test(ws[k])) {
      const rank = ws.slice(0, k).join(' ');
      const at = text.indexOf(ws[k], rank.length);
      m.honorific = rank;
      m.honorificStart = start;
      m.rank = rank;
      m.start = start + at;
      m.text = doc.span(m.start, end);
      return m;
    }
  }
  // an honorific inside the mention ("Mr Lammy" tagged whole) or right before it
  const inner = HONORIFIC_START.exec(text);
  if (inner) {
    m.honorific = inner[1];
    m.honorificStart = start;
    m.start = start + inner[0].length;
    m.text = doc.span(m.start, end);
  } else {
    const before = doc.text.slice(Math.max(0, start - 12), start);
    // (HONORIFIC_BEFORE ends in white space)
    const h = before.length > 0 && isSpace(before.charCodeAt(before.length - 1)) ? HONORIFIC_BEFORE.exec(before) : null;
    if (h) {
      m.honorific = h[1];
      m.honorificStart = start - before.length + before.lastIndexOf(h[1]);
    }
  }
  if (!hasLetter(m.text)) return undefined;
  // a lone ordinary word is debris, unless an honorific or a gazetteer vouches for it
  if (!m.text.includes(' ') && isFunctionWord(m.text) && !m.honorific && !countryByName(m.text) && !isKnownOrg(m.text))
    return undefined;
  if (m.honorific) m.type = 'PERSON';
  else if (m.type !== 'NORP' && norpLemma(m.text) && !countryByName(m.text)) m.type = 'NORP'; // "Druze" tagged as a name
  return m;
}

/**
 * Whether `text` opens and ends with an ASCII letter or digit: then neither end holds a character
 * of EDGE_PUNCT or of the leading class `tidy` strips (the trimming would keep all of it).
 */
export function asciiAlnumEdges(text: string): boolean {
  return (
    text.length > 0 &&
    isAsciiLetterOrDigit(text.charCodeAt(0)) &&
    isAsciiLetterOrDigit(text.charCodeAt(text.length - 1))
  );
}

/** `HAS_LETTER.test(text)`, reading ASCII characters by code (the pattern runs only once a non-ASCII one is met). */
export function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return HAS_LETTER.test(text);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  }
  return false;
}

/** Name-shaped ORG/MISC mentions that the text treats as people: a role binds to them, or they share a person's surname. */
function retypePersons(doc: Doc, mentions: RawMention[]): void {
  const surnames = new Set<string>();
  for (const m of mentions) {
    const ws = nameWords(m.text);
    if (m.type === 'PERSON' && ws.length >= 2) surnames.add(surnameKey(ws[ws.length - 1]));
  }
  for (const m of mentions) {
    if (m.type !== 'ORG' && m.type !== 'MISC') continue;
    const ws = nameWords(m.text);
    if (
      ws.length < 2 ||
      ws.length > MAX_NAME_WORDS ||
      !ws.every((w) => CAPITALISED_WORD.test(w) || SURNAME_PARTICLE.test(w))
    )
      continue;
    if (isKnownOrg(m.text) || ws.some((w) => isOrgHead(w))) continue;
    if (surnames.has(surnameKey(ws[ws.length - 1])) || rolesAround(doc, m).length > 0) m.type = 'PERSON';
  }
}

// ---------------------------------------------------------------------------------------------
// 2–3. Grouping

function nameWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** `nameWords(text).length`, counted without building the words: the runs of characters other than white space. */
export function nameWordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** `nameWords` itself, for the test of `nameWordCount` against it. */
export const nameWordsReference = nameWords;

/** A surname compared without case, diacritics or a leading particle ("Al-Sharaa" ~ "al-Sharaa"). */
function surnameKey(word: string): string {
  return foldKey(word).replace(SURNAME_PARTICLE, '');
}

function personKey(text: string): string {
  return nameWords(text).map(surnameKey).join(' ');
}

function acronymOf(text: string): string {
  return nameWords(text)
    .filter((w) => !ACRONYM_SKIP.has(w.toLowerCase()))
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
}

/** How many results a `memoized` function keeps before it starts afresh. */
const MEMO_SIZE = 20_000;

/** A pure function of a string, remembered (bounded): for keys asked of every mention against every other. */
function memoized<T>(fn: (s: string) => T): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined && !memo.has(s)) {
      v = fn(s);
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(s, v);
    }
    return v as T;
  };
}

/** The acronym of a name of two words or more ("United Nations" → "UN"), else undefined. */
const multiWordAcronym = memoized((text: string): string | undefined =>
  nameWordCount(text) > 1 ? acronymOf(text) : undefined,
);

/** A name without its trailing organisation heads, folded ("Harbourline Logistics" → "harbourline"); undefined when it has none. */
const companyStem = memoized((text: string): string | undefined => {
  const ws = nameWords(text);
  let k = ws.length;
  while (k > 1 && isOrgHead(ws[k - 1])) k--;
  return k < ws.length ? foldKey(ws.slice(0, k).join(' ')) : undefined;
});

/**
 * A mention with every optional field present (undefined until set): one object shape for all
 * mentions keeps V8's code for them fast (fields added later would give each mix its own shape).
 */
function rawMention(start: number, end: number, text: string, type: EntityType): RawMention {
  return {
    start,
    end,
    text,
    type,
    honorific: undefined,
    rank: undefined,
    honorificStart: undefined,
    country: undefined,
    demonym: undefined,
    entity: undefined,
  };
}

function newWork(m: RawMention, key: string): Work {
  // every field in one literal: one object shape (see rawMention)
  const w: Work = { type: m.type, mentions: [], roles: [], aliases: [], country: undefined, gender: undefined, key };
  add(w, m);
  return w;
}

function add(w: Work, m: RawMention): void {
  w.mentions.push(m);
  m.entity = w;
  if (m.honorific && !w.gender) w.gender = honorificGender(m.honorific);
}

/**
 * Whether a key of several words ends with `word`: `pw.length >= 2 && pw[pw.length - 1] === word`
 * for `pw = key.split(' ')`, asked without splitting the key (the grouping asks it for every pair
 * of person and mention).
 */
function lastWordIs(key: string, word: string): boolean {
  const at = key.lastIndexOf(' ');
  return at >= 0 && key.length - at - 1 === word.length && key.endsWith(word);
}

/** `key.split(' ')[0] === word`, without splitting the key. */
function firstWordIs(key: string, word: string): boolean {
  const at = key.indexOf(' ');
  return at < 0 ? key === word : at === word.length && key.startsWith(word);
}

/** Group mentions into entities (see the module comment, step 3). */
function groupMentions(mentions: RawMention[]): Work[] {
  const works: Work[] = [];
  const byCountry = new Map<string, Work>();
  const byKey = new Map<string, Work>();
  const persons: Work[] = [];
  const shortPerson: RawMention[] = [];
  const rest: RawMention[] = [];

  // countries and demonyms
  for (const m of mentions) {
    const c = m.type === 'PERSON' && !m.honorific ? undefined : m.type === 'PERSON' ? undefined : countryByName(m.text);
    // a demonym the recogniser typed as a place is the place's short name ("Czech" for the Czech Republic)
    const d = c || m.type === 'PERSON' || m.type === 'ORG' ? undefined : countryByDemonym(m.text);
    const asPlace = !c && !!d && (m.type === 'GPE' || m.type === 'LOC');
    const country = c ?? d;
    if (country && !(norpLemma(m.text) && !c && !countryByDemonym(m.text))) {
      m.country = country.code;
      m.demonym = !c && !asPlace;
      let w = byCountry.get(country.code);
      if (!w) {
        w = newWork({ ...m, type: 'GPE' }, country.name);
        w.mentions = [];
        w.type = 'GPE';
        w.country = country.code;
        byCountry.set(country.code, w);
        works.push(w);
      }
      add(w, m);
    } else if (m.type === 'PERSON') {
      if (nameWordCount(m.text) >= 2) {
        // full names: same key, or same first and last word ("Ahmed Hussein al-Sharaa")
        const k = personKey(m.text);
        const ws = k.split(' ');
        let w = persons.find((p) => p.key === k);
        if (!w) {
          w = persons.find((p) => lastWordIs(p.key, ws[ws.length - 1]) && firstWordIs(p.key, ws[0]));
        }
        if (w) add(w, m);
        else {
          w = newWork(m, k);
          persons.push(w);
          works.push(w);
        }
      } else shortPerson.push(m);
    } else rest.push(m);
  }

  // short forms: a surname (of any type but countries) goes to the nearest full name with it
  const pending: RawMention[] = [];
  for (const m of [...shortPerson, ...rest]) {
    if (m.type !== 'PERSON' && nameWordCount(m.text) !== 1) {
      pending.push(m);
      continue;
    }
    const sk = surnameKey(m.text);
    const holders = persons.filter((p) => lastWordIs(p.key, sk));
    const target = nearest(holders, m.start);
    if (target && (m.type === 'PERSON' || m.type === 'MISC' || m.type === 'ORG')) add(target, m);
    else pending.push(m);
  }

  // everything else by key; acronyms and "The X" variants; group nouns by lemma
  pending.sort((a, b) => a.start - b.start);
  for (const m of pending) {
    const k = groupKey(m);
    let w = byKey.get(k);
    if (!w && m.type !== 'PERSON') {
      const exp = acronymExpansion(m.text);
      if (exp) w = byKey.get(foldKey(exp).replace(/^the /, ''));
    }
    if (!w && ACRONYM_SHAPE.test(m.text)) {
      w = works.find((x) => x.type !== 'PERSON' && x.mentions.some((y) => multiWordAcronym(y.text) === m.text));
    }
    if (w) add(w, m);
    else {
      w = newWork(m, k);
      byKey.set(k, w);
      works.push(w);
    }
  }
  // a company's short name, before or after its full name ("Harbourline" ~ "Harbourline Logistics")
  const stems = new StemIndex(works);
  for (const w of works) {
    if (w.type !== 'ORG' || w.mentions.length === 0) continue;
    const target = stems.companyByStem(w, w.mentions[0].text);
    if (target && w.mentions.every((m) => foldKey(m.text) === foldKey(w.mentions[0].text))) {
      for (const m of w.mentions) {
        add(target, m);
        stems.note(target, m);
      }
      w.mentions = [];
    }
  }
  // a full name spelt out after its acronym ("the UN ... the United Nations")
  for (const w of works) {
    if (w.type === 'PERSON' || w.mentions.length === 0) continue;
    const acr = w.mentions.find((m) => ACRONYM_SHAPE.test(m.text));
    if (!acr) continue;
    const full = works.find(
      (x) =>
        x !== w &&
        x.type !== 'PERSON' &&
        x.mentions.length > 0 &&
        x.mentions.some((m) => multiWordAcronym(m.text) === acr.text),
    );
    if (full) {
      for (const m of w.mentions) add(full, m);
      w.mentions = [];
    }
  }
  // one type per entity: the most frequent, PERSON where an honorific says so
  for (const w of works) {
    if (w.country || w.mentions.length === 0) continue;
    if (w.mentions.some((m) => m.honorific)) {
      w.type = 'PERSON';
      continue;
    }
    const votes = new Map<EntityType, number>();
    for (const m of w.mentions) votes.set(m.type, (votes.get(m.type) ?? 0) + 1);
    w.type = [...votes.entries()].sort((a, b) => b[1] - a[1])[0][0];
  }
  return works.filter((w) => w.mentions.length > 0);
}

/**
 * The organisations under each company stem of their mentions (`companyStem`), kept while the
 * grouping moves mentions between them, so that `companyByStem` need not ask every mention of every
 * work for each organisation (the grouping's cost grew with the square of the article's names).
 */
export class StemIndex {
  private readonly byStem = new Map<string, Work[]>();

  constructor(works: Work[]) {
    for (const x of works) if (x.type === 'ORG') for (const y of x.mentions) this.note(x, y);
  }

  /** Records that the organisation `x` now holds the mention `y`. */
  note(x: Work, y: RawMention): void {
    if (x.type !== 'ORG') return;
    const stem = companyStem(y.text);
    if (stem === undefined) return;
    const list = this.byStem.get(stem);
    if (!list) this.byStem.set(stem, [x]);
    else if (!list.includes(x)) list.push(x);
  }

  /**
   * `companyByStem(works.filter((x) => x !== w && x.mentions.length > 0), text)` (its reference
   * form, below), read from the index: works only gain mentions here or lose all of them, and their
   * types stay, so a work listed under a stem with mentions left has one with that stem.
   */
  companyByStem(w: Work, text: string): Work | undefined {
    const list = this.byStem.get(foldKey(text));
    if (!list) return undefined;
    let found: Work | undefined;
    for (const x of list) {
      if (x === w || x.mentions.length === 0) continue;
      if (found) return undefined;
      found = x;
    }
    return found;
  }
}

/**
 * The organisation whose name is `text` plus organisation heads ("Harbourline" → "Harbourline
 * Logistics", "Castell" → "Castell Freight"): a company's short name. Ambiguous stems stay apart.
 * The reference form of `StemIndex.companyByStem` (tested against it).
 */
export function companyByStem(works: Work[], text: string): Work | undefined {
  const key = foldKey(text);
  const found = works.filter((x) => x.type === 'ORG' && x.mentions.some((y) => companyStem(y.text) === key));
  return found.length === 1 ? found[0] : undefined;
}

/** The key that groups non-person mentions: case-folded, "The" dropped, group nouns lemmatised. */
function groupKey(m: RawMention): string {
  if (m.type === 'PERSON') return `p:${personKey(m.text)}`;
  const lemma = norpLemma(m.text);
  if (lemma) return `n:${foldKey(lemma)}`;
  let k = foldKey(m.text).replace(/^the /, '');
  if (m.type === 'GPE' || m.type === 'LOC') {
    const ws = k.split(' ');
    if (ws.length > 1 && isAdminHead(ws[ws.length - 1])) k = ws.slice(0, -1).join(' ');
  }
  return k;
}

// ---------------------------------------------------------------------------------------------
// 4. Roles and descriptions

function addRole(w: Work, role: string): void {
  if (!w.roles.some((r) => r.toLowerCase() === role.toLowerCase())) w.roles.push(role);
}

function addAlias(w: Work, alias: string): void {
  if (!w.aliases.some((a) => foldKey(a) === foldKey(alias))) w.aliases.push(alias);
}

/** Roles around each mention of the person `w`, read from the mention's sentence. */
function bindRoles(doc: Doc, w: Work): void {
  for (const m of w.mentions) {
    for (const r of rolesAround(doc, m)) addRole(w, r);
    if (m.rank) addRole(w, m.rank);
  }
}

/** The roles the text gives a mention: "ROLE NAME", "NAME, the ROLE", "X's ROLE, NAME", "presidency of NAME". */
function rolesAround(doc: Doc, m: RawMention): string[] {
  const out: string[] = [];
  {
    const si = doc.sentenceIndexAt(m.start);
    const sStart = Math.max(si >= 0 ? doc.sentences[si].start : 0, (m.honorificStart ?? m.start) - ROLE_WINDOW_CHARS);
    const sEnd = si >= 0 ? doc.sentences[si].end : doc.text.length;
    const left = m.honorificStart ?? m.start;
    const before = doc.text.slice(sStart, left);
    const after = doc.text.slice(m.end, sEnd).replace(/^\s?['’‘]s/, '');
    const r1 = roleBefore(before, sStart);
    if (r1) out.push(r1.role);
    const r2 = roleAppositiveAfter(doc.text.slice(m.end, sEnd), m.end);
    if (r2 && !/^\s?['’‘]s/.test(after)) out.push(r2.role);
    const r3 = roleAppositiveBefore(before, sStart);
    if (r3) out.push(r3.role);
    const nom = roleFromNominalisation(before);
    if (nom) out.push(nom);
  }
  return out;
}

/**
 * "the Foreign Secretary" with no name beside it: the person who holds that role, else the most
 * recently named person without another title, in this or the last few sentences.
 */
function bindDescriptions(doc: Doc, works: Work[]): void {
  const persons = works.filter((w) => w.type === 'PERSON');
  const sentences = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
  sentences.forEach((s) => {
    for (const d of titleDescriptions(doc.span(s.start, s.end), s.start)) {
      // a name right after the title is bound by bindRoles ("the Foreign Secretary, David Lammy")
      const next = persons.some((p) => p.mentions.some((m) => m.start >= d.end && m.start - d.end <= 3));
      if (next) continue;
      let holder = persons.filter((p) => p.roles.some((r) => foldKey(r) === foldKey(d.role)));
      let target = holder.length ? nearest(holder, d.start) : undefined;
      if (!target) {
        const candidates = persons.filter((p) => p.roles.every((r) => LOWER_START.test(r)));
        target = mostRecentPerson(doc, candidates, d.start);
        if (target) addRole(target, d.role);
      }
      if (!target) continue;
      const text = doc.span(d.start, d.end);
      addAlias(target, text.replace(/^The /, 'the '));
      add(target, rawMention(d.start, d.end, text, 'PERSON'));
      holder = [];
    }
  });
}

/** The person among `candidates` named most recently before `offset`, within the lookback window. */
function mostRecentPerson(doc: Doc, candidates: Work[], offset: number): Work | undefined {
  const si = doc.sentenceIndexAt(offset);
  const minStart = si >= 0 ? doc.sentences[Math.max(0, si - MAX_LOOKBACK_SENTENCES)].start : 0;
  let best: Work | undefined;
  let bestStart = -1;
  for (const w of candidates) {
    for (const m of w.mentions) {
      if (m.start < offset && m.start >= minStart && m.start > bestStart) {
        bestStart = m.start;
        best = w;
      }
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// 5. Output

/**
 * The aliases of one entity: each distinct under `foldKey` and never the name itself. A class, not
 * a closure made per entity (tsx names every such closure at run time, which costs a property definition).
 */
class AliasList {
  readonly aliases: string[] = [];
  /** The folded keys of the aliases so far, each folded once. */
  private readonly keys: string[] = [];
  private readonly nameFolded: string;
  constructor(nameFolded: string) {
    this.nameFolded = nameFolded;
  }

  push(a: string): void {
    const k = foldKey(a);
    if (k !== this.nameFolded && !this.keys.includes(k)) {
      this.aliases.push(a);
      this.keys.push(k);
    }
  }
}

/** Names, aliases, ids. */
function finish(doc: Doc, works: Work[]): Entity[] {
  const live = works.filter((w) => w.mentions.length > 0);
  for (const w of live) w.mentions.sort((a, b) => a.start - b.start);
  live.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  return live.map((w, i) => {
    const name = chooseName(w);
    const list = new AliasList(foldKey(name));
    const aliases = list.aliases;
    for (const m of w.mentions) {
      if (m.honorific) list.push(`${m.honorific} ${m.text}`);
      list.push(m.text);
    }
    if (w.type === 'PERSON') {
      const ws = nameWords(name);
      if (ws.length > 1) list.push(ws[ws.length - 1]);
    }
    if (w.type === 'NORP') {
      const lemma = norpLemma(name);
      if (lemma) list.push(lemma);
      for (const m of w.mentions) {
        const g = GROUP_NOUN.exec(doc.text.slice(m.end, m.end + 20));
        if (g) list.push(`${m.text} ${g[1]}`);
      }
    }
    if (w.type === 'GPE' || w.type === 'LOC') {
      for (const m of w.mentions) {
        const next = NEXT_LOWER_WORD.exec(doc.text.slice(m.end, m.end + 20));
        if (next && isAdminHead(next[1])) list.push(`${m.text} ${next[1]}`);
      }
    }
    for (const a of w.aliases) list.push(a);
    const mentions: Mention[] = w.mentions.map((m) => {
      const start = m.honorificStart ?? m.start;
      // A demonym ("Syrian") names its country's entity but is itself a nationality mention.
      if (m.demonym) return { start, end: m.end, text: doc.span(start, m.end), type: 'NORP' as const };
      // `type` present (undefined when the entity's own) in every mention: one object shape; JSON leaves it out
      const own = METONYMY[w.type]?.has(m.type) ? m.type : undefined;
      return { start, end: m.end, text: doc.span(start, m.end), type: own };
    });
    // `geo` (set by the geo stage) present from the start: one object shape for all entities
    return { id: `e${i + 1}`, name, type: w.type, mentions, roles: w.roles, aliases, geo: undefined };
  });
}

/** Whether `pool` holds another spelling of `t` that differs only in case ("DARAA" beside "Daraa"). */
function hasMixedCase(pool: string[], t: string): boolean {
  return pool.some((x) => x !== t && foldKey(x) === foldKey(t));
}

/** The entity's name: the country's name, the longest full name, the lexicon form of a group. */
function chooseName(w: Work): string {
  if (w.country) {
    const named = w.mentions.find((m) => !m.demonym && countryByName(m.text)?.code === w.country && m.text.length > 3);
    return w.key && w.key.length > 0
      ? named && foldKey(named.text) === foldKey(w.key)
        ? named.text
        : w.key
      : (named?.text ?? w.mentions[0].text);
  }
  // a loop, not filter + map: an empty filter result would de-optimise the map (see arrays.ts)
  const texts: string[] = [];
  for (const m of w.mentions) if (!/^the\s/i.test(m.text) || w.type === 'ORG') texts.push(m.text);
  const pool = texts.length ? texts : w.mentions.map((m) => m.text);
  if (w.type === 'NORP') {
    const counts = new Map<string, number>();
    for (const t of pool) counts.set(t, (counts.get(t) ?? 0) + 1);
    const lemma = norpLemma(pool[0]);
    if (lemma && pool.some((t) => foldKey(t) === foldKey(lemma)))
      return pool.find((t) => foldKey(t) === foldKey(lemma))!;
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0][0];
  }
  // never a description ("the Foreign Secretary") or an all-capitals headline form when better exists
  const proper = pool.filter(
    (t) => !/^the\s/.test(t) && (t !== t.toUpperCase() || (t.length <= 6 && !hasMixedCase(pool, t))),
  );
  const candidates = proper.length ? proper : pool;
  if (w.type === 'GPE' || w.type === 'LOC') {
    const bare = candidates.filter((t) => !isAdminHead(nameWords(t).slice(-1)[0] ?? ''));
    if (bare.length) return bare.sort((a, b) => nameWordCount(b) - nameWordCount(a))[0];
  }
  return candidates.slice().sort((a, b) => nameWordCount(b) - nameWordCount(a) || b.length - a.length)[0];
}
