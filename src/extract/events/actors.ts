/**
 * The actor or target a phrase names: an entity mention in it, a demonym, a title the article
 * gives someone, bare state forces, or a pronoun's antecedent; with its PLOVER sector.
 */
import type { Doc } from '../../model/doc.ts';
import type { Entity, EventActor } from '../../model/analysis.ts';
import { ACTOR_NOUNS, INSTRUMENTS, SECTORS, TIME_WORDS, isCap, type Tok, type Span } from './tokens.ts';
import { speakerBefore, type Phrase } from './args.ts';
import {
  countryEntity,
  countryOfDemonym,
  countryOfEntity,
  countryOfName,
  stateOfWord,
} from '../../lexicon/countries.ts';
import { alternation, wordList } from '../../lexicon/load.ts';
import { pronounSpec, resolvePronoun as resolveByCoref } from '../coref.ts';
import type { MentionRef } from './resolve.ts';
import { entityWithTitle, lastMentionBefore, mentionsIn, stateForPlace, type EventIndex } from './resolve.ts';

/** The lexicon file of the events' word classes. */
const WORDS = 'event-words';
/** A headline's present-tense verb right after a name ("Kasese mourns officers"): the party is what follows it. */
const HEADLINE_VERB = /^[a-z]+[^s]s$/;
/** Unqualified state forces ("government forces", "the regime") stand for the state last named with such words. */
const BARE_STATE = new RegExp(
  String.raw`^(?:the\s+)?(?:${alternation(WORDS, 'stateBodies')})(?:\s+(?:security\s+)?(?:forces|troops|soldiers))?$` +
    String.raw`|^(?:the\s+)?(?:government|security)\s+forces$`,
  'i',
);
/** A state's government or forces named by the country ("Syrian forces"): group 1 is the country word. */
const QUALIFIED_STATE = new RegExp(
  String.raw`\b([\p{Lu}][\p{L}-]+)\s+(?:${alternation(WORDS, 'stateForces')})\b`,
  'gu',
);
/** Titles that, used as "the X", stand for the person who holds them. */
const TITLE_DESCRIPTION = /^the\s+((?:[\p{Lu}][\p{L}-]*\s*){1,4})$/u;

/** The ASSAULT mode of the first instrument (in INSTRUMENTS order, the most specific first) that `text` names. */
export function instrumentMode(text: string): string | undefined {
  // the first instrument in INSTRUMENTS order that the text names
  for (const [re, m] of INSTRUMENTS) if (re.test(text)) return m;
  return undefined;
}

/** The PLOVER sector of an actor phrase: the first sector whose words it holds. */
function sectorOf(text: string): string | undefined {
  for (const [re, s] of SECTORS) if (re.test(text)) return s;
  return undefined;
}

/**
 * The actor with its sector, field by field rather than spread: every actor with a sector shares one object shape
 * (see arrays.ts).
 */
function withSector(a: EventActor, sector: string | undefined): EventActor {
  return sector ? { entity: a.entity, text: a.text, sector } : a;
}

/** Resolve a phrase to an actor: entity mention, demonym, title, bare state forces, pronoun. */
export function resolvePhrase(doc: Doc, idx: EventIndex, toks: Tok[], p: Phrase, sent: Span): EventActor | null {
  const start = toks[p.from].start;
  const end = toks[p.to - 1].end;
  const text = doc.text.slice(start, end);
  const sector = sectorOf(text);
  if (p.pronoun) {
    const ent = resolveActorPronoun(doc, idx, toks, p, sent);
    if (ent) return withSector({ entity: ent.entity?.id ?? null, text: ent.text }, sector);
    return null;
  }
  const ms = mentionsIn(idx, start, end);
  // a headline verb after a name ("Kasese mourns officers"): the party is the words after the verb
  const inTitle = doc.blocks[doc.blockIndexAt(start)]?.kind === 'title';
  for (let k = p.from + 1; inTitle && k + 1 < p.to; k++) {
    if (
      HEADLINE_VERB.test(toks[k].text) &&
      isCap(toks[k - 1]) &&
      !ACTOR_NOUNS.has(toks[k].lower) &&
      !isCap(toks[k + 1])
    ) {
      return resolvePhrase(doc, idx, toks, { from: k + 1, to: p.to }, sent);
    }
  }
  if (ms.length) {
    // the head of an English noun phrase is on the right; a person outranks the state it serves
    const person = ms.filter((m) => m.entity.type === 'PERSON' || m.entity.type === 'ORG');
    const pick = (person.length ? person : ms)[(person.length ? person : ms).length - 1];
    const ent = pick.entity.type === 'GPE' ? stateForPlace(doc, pick.entity) : pick.entity;
    return withSector({ entity: ent.id, text }, sector);
  }
  for (let k = p.from; k < p.to; k++) {
    const c = countryOfDemonym(toks[k].text) ?? (isCap(toks[k]) ? countryOfName(toks[k].text) : undefined);
    if (c) return withSector({ entity: countryEntity(doc, c)?.id ?? null, text }, sector);
  }
  const titled = TITLE_DESCRIPTION.exec(text);
  if (titled) {
    const ent = entityWithTitle(doc, titled[1].trim()) ?? recentPerson(doc, idx, start);
    if (ent) return withSector({ entity: ent.id, text }, sector);
  }
  if (BARE_STATE.test(text)) {
    const ent = lastQualifiedState(doc, idx, start);
    return withSector({ entity: ent?.id ?? null, text }, sector);
  }
  return withSector({ entity: null, text }, sector);
}

/** Whether a mention names a person. */
function isPerson(m: MentionRef): boolean {
  return m.entity.type === 'PERSON';
}

/** Most recent person mentioned before `at` (a title description refers back to them). */
function recentPerson(doc: Doc, idx: EventIndex, at: number): Entity | undefined {
  return lastMentionBefore(idx, at, isPerson)?.entity;
}

/**
 * QUALIFIED_STATE's words all end in a letter, so a match read in `text.slice(0, at)` ends in a letter: when the
 * character at `at` is no word character, its closing `\b` holds in the slice exactly when it holds in the whole text.
 */
const STATE_WORDS_END_IN_LETTERS = wordList(WORDS, 'stateForces').every((w) => /[a-z]$/i.test(w));
/** A character `\b` counts as a word character (QUALIFIED_STATE has no `i` flag: ASCII only). */
const WORD_CHAR = /\w/;

/** QUALIFIED_STATE's matches in the whole text, read once per run (issue 16: no rescan of the text per phrase). */
interface StateNames {
  starts: number[];
  ends: number[];
  /** `found[k]`: the state entity of the last of matches 0..k that names one. */
  found: (Entity | undefined)[];
  /** The state the article names most often (first in `doc.entities` on a tie). */
  busiest: Entity | undefined;
}

/** The state names of each run's index. */
const STATE_NAMES = new WeakMap<EventIndex, StateNames>();

/** The state names of the doc of `idx`, read on first use. */
function stateNames(doc: Doc, idx: EventIndex): StateNames {
  let names = STATE_NAMES.get(idx);
  if (names) return names;
  names = { starts: [], ends: [], found: [], busiest: undefined };
  let found: Entity | undefined;
  QUALIFIED_STATE.lastIndex = 0;
  for (let m = QUALIFIED_STATE.exec(doc.text); m; m = QUALIFIED_STATE.exec(doc.text)) {
    found = stateOfWord(doc, m[1]) ?? found;
    names.starts.push(m.index);
    names.ends.push(m.index + m[0].length);
    names.found.push(found);
  }
  let most = 0;
  for (const e of doc.entities) {
    if (countryOfEntity(e) && (!names.busiest || e.mentions.length > most)) {
      names.busiest = e;
      most = e.mentions.length;
    }
  }
  STATE_NAMES.set(idx, names);
  return names;
}

/**
 * The state whose government or forces the text named last before `at` ("Syrian forces" → Syria): the matches of
 * the whole text that end by `at` are those of `text.slice(0, at)`, but for one running across `at`, read again in
 * the slice.
 */
function lastQualifiedState(doc: Doc, idx: EventIndex, at: number): Entity | undefined {
  const text = doc.text;
  if (!STATE_WORDS_END_IN_LETTERS || (at > 0 && WORD_CHAR.test(text[at - 1] ?? '') && WORD_CHAR.test(text[at] ?? '')))
    return lastQualifiedStateIn(doc, text.slice(0, at)) ?? stateNames(doc, idx).busiest;
  const names = stateNames(doc, idx);
  let lo = 0;
  let hi = names.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names.ends[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  let found = lo > 0 ? names.found[lo - 1] : undefined;
  if (lo < names.starts.length && names.starts[lo] < at)
    found = lastQualifiedStateIn(doc, text.slice(0, at), names.starts[lo]) ?? found;
  return found ?? names.busiest;
}

/** The state of the last QUALIFIED_STATE match in `before` from offset `from` that names one. */
function lastQualifiedStateIn(doc: Doc, before: string, from = 0): Entity | undefined {
  let found: Entity | undefined;
  QUALIFIED_STATE.lastIndex = from;
  for (let m = QUALIFIED_STATE.exec(before); m; m = QUALIFIED_STATE.exec(before))
    found = stateOfWord(doc, m[1]) ?? found;
  return found;
}

/**
 * The antecedent of a pronoun standing for a party: "I"/"we" in a quotation → its speaker; "they"/"it"
 * after "X said" → X; a personal pronoun → the coreference module's antecedent (`extract/coref.ts`), else
 * the last mention of a fitting type within the sentence or the 600 characters before it; relative
 * "who" → the nearest name before it.
 */
function resolveActorPronoun(
  doc: Doc,
  idx: EventIndex,
  toks: Tok[],
  p: Phrase,
  sent: Span,
): { entity: Entity | null; text: string } | null {
  const at = toks[p.from].start;
  const pr = p.pronoun!;
  if (pr === 'i' || pr === 'we' || pr === 'me' || pr === 'us') {
    const q = idx.quotes.list[idx.quotes.firstHolding(at, at + 1)];
    if (q?.speaker)
      return {
        entity: doc.entityById(q.speaker) ?? null,
        text: q.speakerText ?? doc.entityById(q.speaker)?.name ?? '',
      };
    // "X said: 'I spoke to ...'" without a quote layer: the subject before the colon
    const before = doc.text.slice(Math.max(0, at - 400), at);
    const m = /([\p{Lu}][\p{L}'’ -]{1,60}?)\s+(?:said|wrote|added|told)[^.]{0,40}?:\s*['‘"“][^'’"”]*$/u.exec(
      before
        .split(/\n\s*\n/)
        .slice(-2)
        .join('\n'),
    );
    if (m) {
      const s = at - before.length + before.lastIndexOf(m[1]);
      const ms = mentionsIn(idx, s, s + m[1].length);
      if (ms.length) return { entity: ms[ms.length - 1].entity, text: m[1] };
      const titled = TITLE_DESCRIPTION.exec(m[1].replace(/^.*\b(the\s)/i, 'the '));
      const ent = titled ? (entityWithTitle(doc, titled[1].trim()) ?? recentPerson(doc, idx, s)) : undefined;
      return { entity: ent ?? null, text: m[1] };
    }
    return null;
  }
  if (pr === 'they' || pr === 'it' || pr === 'we') {
    const sp = speakerBefore(toks, p.from);
    if (sp && !sp.pronoun) {
      const start = toks[sp.from].start;
      const end = toks[sp.to - 1].end;
      const ms = mentionsIn(idx, start, end);
      return { entity: ms.length ? ms[ms.length - 1].entity : null, text: doc.text.slice(start, end) };
    }
  }
  // a personal pronoun the coreference module knows: its antecedent, named by its last mention before the pronoun
  if (pronounSpec(pr)) {
    const ent = resolveByCoref(doc, at, pr);
    if (ent) return { entity: ent, text: lastMentionText(doc, idx, ent, at) };
  }
  // else (and for relative "who"/"which") the last mention of a fitting type in this sentence or the 600
  // characters before it
  const types =
    pr === 'he' || pr === 'she' || pr === 'him' || pr === 'her' || pr === 'who'
      ? ['PERSON']
      : ['GPE', 'ORG', 'NORP', 'PERSON'];
  const from = pr === 'who' || pr === 'which' ? sent.start : Math.max(0, sent.start - 600);
  const best = lastMentionBefore(idx, at, (m) => types.includes(m.entity.type), from);
  if (best) return { entity: best.entity, text: doc.text.slice(best.start, best.end) };
  if (pr === 'who' || pr === 'which') {
    // the nearest capitalised name before a relative pronoun
    for (let k = p.from - 1; k >= 0; k--) {
      // a weekday or month is a time, never the antecedent of "who" ("on Wednesday to mourn officers who ...")
      if (
        isCap(toks[k]) &&
        k > 0 &&
        !TIME_WORDS.test(toks[k].lower) &&
        idx.times.firstHolding(toks[k].start, toks[k].end) < 0
      ) {
        let s = k;
        while (s > 0 && isCap(toks[s - 1])) s--;
        return { entity: null, text: doc.text.slice(toks[s].start, toks[k].end) };
      }
    }
  }
  return null;
}

/** The text of the last mention of `ent` ending before `at` (its name when there is none). */
function lastMentionText(doc: Doc, idx: EventIndex, ent: Entity, at: number): string {
  const last = lastMentionBefore(idx, at, (m) => m.entity === ent);
  return last ? doc.text.slice(last.start, last.end) : ent.name;
}
