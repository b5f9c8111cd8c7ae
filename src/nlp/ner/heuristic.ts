/**
 * The interim entity recogniser: capitalised token runs typed by gazetteers, lexicons and cues.
 *
 * It writes `doc.tokenTags` (BIO over PERSON, ORG, GPE, LOC, NORP, MISC) like the trained model
 * that replaces it (issue 3), and stays as a fallback and for tests. Steps, per sentence:
 *   1. find runs of capitalised tokens, joined by lower-case connectors ("of", "on", "al-");
 *   2. drop a sentence-initial word that is an ordinary word ("Those", "But", "Fresh");
 *   3. take honorifics and role titles out of the run ("Mr", "Foreign Minister");
 *   4. type what is left: lexicons, gazetteers, then cues (org heads, "province", given names).
 * Sentences in capitals or title case (headlines) only keep words the body names too.
 */
import type { Doc } from '../../model/doc.ts';
import type { Stage } from '../../model/stage.ts';
import type { EntityType } from '../../model/analysis.ts';
import {
  countryByDemonym,
  countryByName,
  isAdminHead,
  isCityOrState,
  isCompass,
  isFunctionWord,
  isGivenName,
  isHonorific,
  isKnownOrg,
  isOrgHead,
  isOrgLead,
  isPlaceHead,
  isRegion,
  norpLemma,
} from '../../extract/entities/lexicon.ts';
import { isRolePhrase } from '../../extract/entities/roles.ts';
import { isRoleHead } from '../../extract/entities/lexicon.ts';

/** Lower-case words that join the parts of one name ("Bank of England", "Mail on Sunday", "bin Salman"). */
const CONNECTORS = new Set(['of', 'on', 'de', 'del', 'della', 'da', 'di', 'du', 'van', 'von', 'der', 'den', 'bin', 'ibn', 'bint', 'al', 'el', 'la', 'le', 'y', '&', 'and', 'the']);
/** Connectors that may only join two name parts when the second is a known org/publication shape. */
const WEAK_CONNECTORS = new Set(['and', 'the']);
/** A lower-case Arabic or European name particle glued to a capitalised name ("al-Jazrawi"). */
const PARTICLE_NAME = /^(?:al|el|ad|ash|as|at|az|ar|an|ibn|bin|bint|abu|van|von|de|di|da|du|del|della|le|la|d')[-‘’'][\p{Lu}]/u;
/** Tokens that open a quotation or parenthesis: the next word is capitalised as if sentence-initial. */
const OPENERS = /^[‘“"'(\[\u2013\u2014:]$/;
/** Apostrophe-s clitics, as a separate token or at the end of a word ("Starmer‘s"). */
const POSSESSIVE = /^['’‘]s$/;
const POSSESSIVE_SUFFIX = /['’‘]s$/;
/** Word-shapes that are almost never names when sentence-initial ("Writing", "Pictured", "Nominally"). */
const ORDINARY_SHAPE = /^\p{Lu}\p{Ll}+(?:ing|ed|ly)$/u;
/** Kunya and patronymic words that open Arabic personal names ("Abu Hasan ..."). */
const PERSON_LEADS = new Set(['Abu', 'Umm', 'Bin', 'Ibn']);
/** Words after a name that mark a person ("Powell said", "Smith, 45,"). */
const PERSON_NEXT = /^(?:said|says|told|added|wrote|argued|insisted|warned|claimed|denied|explained|believes|spoke|speaks|resigned|died|tweeted|posted|replied|recalled|admitted|conceded|urged)$/;
/** Kinship and relation nouns before a name that mark a person ("his sister Clara Marsh"). */
const PERSON_PREV = /^(?:sister|brother|wife|husband|son|daughter|mother|father|uncle|aunt|cousin|widow|widower|friend|colleague|partner|fiancée?|girlfriend|boyfriend|grandson|granddaughter|nephew|niece)$/i;
/** Collective nouns after a capitalised word that make it a group ("the Maasai community"). */
const GROUP_NEXT = /^(?:community|communities|tribes?|clans?|minority|people|militias?)$/;
/** Nouns after "of" that make the following name a place ("the city of Sweida"). */
const PLACE_OF = /^(?:city|town|village|province|region|district|governorate|state|county|capital|port|island)$/i;
/** Month and weekday names: capitalised, but dates, not names (unless a listed name holds them: "Mail on Sunday"). */
const DATE_WORD = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/;
/** A capitalised word with a lower-case hyphenated tail ("Druze-linked", "Iran-backed"): typed by its first part. */
const HYPHEN_TAIL = /^(\p{Lu}[\p{L}]*)-\p{Ll}+$/u;
/** Share of capitalised words above which a sentence is a headline in capitals or title case. */
const HEADLINE_CAPS_SHARE = 0.7;
/** Headlines shorter than this are not judged by their case (too little evidence). */
const HEADLINE_MIN_WORDS = 3;

interface Run {
  from: number; // token index, inclusive
  to: number; // token index, exclusive
  type?: EntityType;
}

export function heuristicRecognizer(): Stage {
  return { name: 'ner', run: (doc) => tagDoc(doc) };
}

/** Tag every token of `doc` (BIO), writing `doc.tokenTags`. */
export function tagDoc(doc: Doc): void {
  const n = doc.tokens.length;
  const tags: string[] = new Array(n).fill('O');
  const texts = doc.tokens.map((_, i) => doc.tokenText(i));
  const sentences = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
  const ranges = sentences.map((s) => doc.tokenRange(s.start, s.end));
  const headline = ranges.map(([a, b]) => isHeadline(texts.slice(a, b)));

  // document-wide evidence
  const lowerSeen = new Set<string>();
  const capMidSeen = new Set<string>();
  const afterHonorific = new Set<string>();
  ranges.forEach(([a, b], si) => {
    if (headline[si]) return;
    for (let i = a; i < b; i++) {
      const t = texts[i];
      if (/^\p{Ll}/u.test(t) && !PARTICLE_NAME.test(t)) lowerSeen.add(t.toLowerCase());
      else if (isCap(t) && !isInitial(texts, a, i)) capMidSeen.add(t.toLowerCase());
      if (PARTICLE_NAME.test(t)) capMidSeen.add(t.toLowerCase());
      if (isHonorific(t) && i + 1 < b) afterHonorific.add(texts[i + 1] === '.' && i + 2 < b ? texts[i + 2] : texts[i + 1]);
    }
  });
  const ctx: Ctx = { doc, texts, lowerSeen, capMidSeen, afterHonorific };

  const vocab = new Map<string, EntityType>();
  ranges.forEach(([a, b], si) => {
    if (headline[si]) return;
    for (const run of findRuns(ctx, a, b)) {
      if (!run.type) continue;
      for (let i = run.from; i < run.to; i++) {
        tags[i] = `${i === run.from ? 'B' : 'I'}-${run.type}`;
        if (/^\p{Lu}/u.test(texts[i])) vocab.set(texts[i].toLowerCase(), run.type);
      }
    }
  });
  ranges.forEach(([a, b], si) => {
    if (headline[si]) tagHeadline(texts, tags, a, b, vocab);
  });
  doc.tokenTags = tags;
}

interface Ctx {
  doc: Doc;
  texts: string[];
  lowerSeen: Set<string>;
  capMidSeen: Set<string>;
  afterHonorific: Set<string>;
}

function isWord(t: string): boolean {
  return /\p{L}/u.test(t);
}

function isCap(t: string): boolean {
  return /^\p{Lu}/u.test(t) || PARTICLE_NAME.test(t);
}

/** Whether token `i` opens its sentence, a quotation or a clause after a colon. */
function isInitial(texts: string[], sentStart: number, i: number): boolean {
  if (sentStart < 0) return false; // a piece split off a run: never sentence-initial
  let j = i - 1;
  while (j >= sentStart && !isWord(texts[j])) {
    if (OPENERS.test(texts[j])) return true;
    j--;
  }
  return j < sentStart;
}

/** A headline in capitals or title case: most of its words start upper-case, function words too. */
function isHeadline(words: string[]): boolean {
  const ws = words.filter((w) => /^\p{L}/u.test(w));
  if (ws.length < HEADLINE_MIN_WORDS) return false;
  const allCaps = ws.filter((w) => w.length > 1 && w === w.toUpperCase()).length;
  if (allCaps / ws.length >= HEADLINE_CAPS_SHARE) return true;
  const caps = ws.filter((w) => /^\p{Lu}/u.test(w)).length;
  const capFunction = ws.slice(1).some((w) => /^\p{Lu}/u.test(w) && isFunctionWord(w) && w.length > 2);
  return capFunction && caps / ws.length >= HEADLINE_CAPS_SHARE;
}

/** In a headline, keep only words the body tagged, or that a gazetteer knows, typed the same way. */
function tagHeadline(texts: string[], tags: string[], a: number, b: number, vocab: Map<string, EntityType>): void {
  let prev: EntityType | undefined;
  for (let i = a; i < b; i++) {
    const t = texts[i];
    const title = t.charAt(0).toUpperCase() + t.slice(1).toLowerCase();
    let type = vocab.get(t.toLowerCase());
    if (!type && countryByName(t.length <= 3 ? t.toUpperCase() : title)) type = 'GPE';
    if (!type && countryByDemonym(title)) type = 'NORP';
    if (!type && norpLemma(title)) type = 'NORP';
    if (!type && t.length > 3 && isCityOrState(title)) type = 'GPE';
    if (type && isWord(t) && !isFunctionWord(t)) {
      tags[i] = `${prev === type ? 'I' : 'B'}-${type}`;
      prev = type;
    } else prev = undefined;
  }
}

/** Capitalised runs of the sentence `[a, b)`, split and typed. */
function findRuns(ctx: Ctx, a: number, b: number): Run[] {
  const { texts } = ctx;
  const runs: Run[] = [];
  let i = a;
  while (i < b) {
    if (!isCap(texts[i]) || !isWord(texts[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < b) {
      if (POSSESSIVE_SUFFIX.test(texts[j - 1]) || POSSESSIVE.test(texts[j])) break;
      if (isCap(texts[j]) && isWord(texts[j]) && adjacentOrSpaced(ctx, j)) {
        j++;
        continue;
      }
      // hyphen token inside a name ("Al" "-" "Sharaa")
      if (texts[j] === '-' && j + 1 < b && isCap(texts[j + 1]) && glued(ctx, j - 1, j) && glued(ctx, j, j + 1)) {
        j += 2;
        continue;
      }
      // "Mr." as two tokens
      if (texts[j] === '.' && isHonorific(texts[j - 1]) && j + 1 < b && isCap(texts[j + 1])) {
        j += 2;
        continue;
      }
      const c = texts[j].toLowerCase();
      if (CONNECTORS.has(texts[j]) && j + 1 < b) {
        // one or two connectors ("of the") then a capitalised word
        let k = j + 1;
        if (k < b && CONNECTORS.has(texts[k])) k++;
        if (k < b && isCap(texts[k]) && isWord(texts[k]) && (!WEAK_CONNECTORS.has(c) || joinsKnownName(texts, i, k + 1))) {
          j = k + 1;
          continue;
        }
      }
      break;
    }
    runs.push(...processRun(ctx, a, i, j));
    i = j;
  }
  return runs;
}

function glued(ctx: Ctx, i: number, j: number): boolean {
  return ctx.doc.tokens[i].end === ctx.doc.tokens[j].start;
}

/** Runs do not cross a line break: a caption or heading line is its own unit. */
function adjacentOrSpaced(ctx: Ctx, j: number): boolean {
  const gap = ctx.doc.text.slice(ctx.doc.tokens[j - 1].end, ctx.doc.tokens[j].start);
  return !/\n/.test(gap) && !/[^\s]/.test(gap);
}

/** Whether tokens `[from, to)` joined with "and"/"the" form a listed name ("Bosnia and Herzegovina"). */
function joinsKnownName(texts: string[], from: number, to: number): boolean {
  const s = texts.slice(from, to).join(' ');
  return !!countryByName(s) || isKnownOrg(s) || isRegion(s);
}

function runText(texts: string[], from: number, to: number): string {
  return texts.slice(from, to).join(' ').replace(/ - /g, '-');
}

/** Trim, split and type one capitalised run `[from, to)` of the sentence starting at `sentStart`. */
function processRun(ctx: Ctx, sentStart: number, from: number, to: number): Run[] {
  const { texts } = ctx;
  let personEvidence = false;
  // 2. sentence-initial ordinary word
  if (isInitial(texts, sentStart, from) && !knownName(runText(texts, from, from + 1))) {
    const w = texts[from];
    const ordinary = isFunctionWord(w) || ctx.lowerSeen.has(w.toLowerCase()) || ORDINARY_SHAPE.test(w);
    if (ordinary && !isHonorific(w)) from++;
    else if (to - from === 1 && !ctx.capMidSeen.has(w.toLowerCase()) && !ctx.afterHonorific.has(w) && !PERSON_NEXT.test(texts[to] ?? '')) return [];
  }
  while (from < to && !isCap(texts[from])) from++; // a connector left at the front
  // dates at the end of a run ("Sweida on July"), unless a listed name ends with them
  if (!knownName(runText(texts, from, to))) {
    while (to > from && DATE_WORD.test(texts[to - 1])) {
      to--;
      while (to > from && !isCap(texts[to - 1])) to--;
    }
  }
  // 3a. honorifics
  while (from < to && isHonorific(texts[from])) {
    from++;
    if (texts[from] === '.') from++;
    personEvidence = true;
  }
  if (from >= to) return [];
  // 3b. role titles inside the run: "Syrian Foreign Minister Asaad al-Shaibani"
  const role = findRole(texts, from, to);
  if (role) {
    const out: Run[] = [];
    if (role.start > from) out.push(...processRun(ctx, -1, from, role.start));
    if (role.end < to) {
      const rest = typeRun(ctx, role.end, to, true);
      out.push(...rest);
    }
    return out;
  }
  return typeRun(ctx, from, to, personEvidence);
}

/** A role phrase inside `[from, to)` followed by a name or ending the run. */
function findRole(texts: string[], from: number, to: number): { start: number; end: number } | undefined {
  if (!texts.slice(from, to).some((t) => isRoleHead(t))) return undefined; // cheap test first
  for (let s = from; s < to; s++) {
    for (let e = to; e > s; e--) {
      const ws = texts.slice(s, e);
      if (!isRolePhrase(ws)) continue;
      // "General Motors", "Secretary of State" as an org: an org head after the phrase keeps the run whole
      if (e < to && isOrgHead(texts[to - 1])) continue;
      if (e === to && s === from && isKnownOrg(runText(texts, from, to))) continue;
      return { start: s, end: e };
    }
  }
  return undefined;
}

/** Whether `text` is in a gazetteer or lexicon (such words keep their place at sentence start). */
function knownName(text: string): boolean {
  return !!countryByName(text) || !!countryByDemonym(text) || !!norpLemma(text) || isKnownOrg(text) || isRegion(text) || isCityOrState(text);
}

/** 4. Type the run `[from, to)`; may split off a leading demonym or group word. */
function typeRun(ctx: Ctx, from: number, to: number, personEvidence: boolean): Run[] {
  const { texts } = ctx;
  if (from >= to) return [];
  const text = runText(texts, from, to);
  const hyphenTail = to - from === 1 ? HYPHEN_TAIL.exec(text) : null;
  const whole = wholeType(hyphenTail ? hyphenTail[1] : text);
  if (whole) return [{ from, to, type: whole }];
  // a run of group words: "Sunni Muslim Bedouin" → three NORP mentions
  const words = texts.slice(from, to);
  if (words.every((w) => norpLemma(w) || countryByDemonym(w) || w === '-')) {
    return words.map((w, k) => ({ from: from + k, to: from + k + 1, type: 'NORP' as EntityType })).filter((r) => texts[r.from] !== '-');
  }
  const last = texts[to - 1];
  if (to - from > 1 && isOrgHead(last)) return [{ from, to, type: 'ORG' }];
  if (to - from > 2 && isOrgLead(texts[from]) && texts[from + 1] === 'of') return [{ from, to, type: 'ORG' }];
  if (to - from > 1 && isPlaceHead(last)) return [{ from, to, type: 'LOC' }];
  // "Southern Syria", "North Africa"
  if (to - from > 1 && isCompass(texts[from]) && knownName(runText(texts, from + 1, to))) return [{ from, to, type: 'LOC' }];
  // a leading demonym or group word before other capitalised words: "Syrian Kurdish ...", "British Airways" is an org head case above
  if (to - from > 1 && (countryByDemonym(texts[from]) || norpLemma(texts[from]))) {
    return [{ from, to: from + 1, type: 'NORP' }, ...typeRun(ctx, from + 1, to, personEvidence)];
  }
  const next = texts[to] ?? '';
  const prev = texts[from - 1] ?? '';
  const prev2 = texts[from - 2] ?? '';
  if (isAdminHead(next) && /^\p{Ll}/u.test(next)) return [{ from, to, type: 'GPE' }];
  if (to - from === 1 && GROUP_NEXT.test(next)) return [{ from, to, type: 'NORP' }];
  if (prev === 'of' && PLACE_OF.test(prev2)) return [{ from, to, type: 'GPE' }];
  if (isCityOrState(text) && !personEvidence && !ctx.afterHonorific.has(texts[to - 1])) return [{ from, to, type: 'GPE' }];
  const person =
    personEvidence ||
    isGivenName(texts[from]) ||
    PERSON_LEADS.has(texts[from]) ||
    ctx.afterHonorific.has(texts[to - 1]) ||
    PERSON_NEXT.test(next) ||
    PERSON_PREV.test(prev) ||
    (to - from > 1 && words.some((w) => PARTICLE_NAME.test(w)));
  if (person) return [{ from, to, type: 'PERSON' }];
  if (hyphenTail) return []; // "Kremlin-backed": an adjective, typed only when its first part is known
  if (/^(?:the|The)$/.test(prev)) return [{ from, to, type: 'ORG' }];
  if (/^(?:a|an)$/i.test(prev)) return [{ from, to, type: 'MISC' }];
  if (to - from > 1) return [{ from, to, type: 'ORG' }];
  if (/^\p{Lu}{2,6}$/u.test(text)) return [{ from, to, type: 'ORG' }]; // an unknown acronym
  return [{ from, to, type: 'PERSON' }];
}

/** The type of a run that a lexicon or gazetteer names whole. */
function wholeType(text: string): EntityType | undefined {
  if (isKnownOrg(text)) return 'ORG';
  if (countryByName(text)) return 'GPE';
  if (countryByDemonym(text)) return 'NORP';
  if (norpLemma(text)) return 'NORP';
  if (isRegion(text)) return 'LOC';
  return undefined;
}
