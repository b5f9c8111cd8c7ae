/**
 * The actor or target a phrase names: an entity mention in it, a demonym, a title the article
 * gives someone, bare state forces, or a pronoun's antecedent; with its PLOVER sector.
 */
import type { Doc } from '../../model/doc.ts';
import type { Entity, EventActor } from '../../model/analysis.ts';
import { ACTOR_NOUNS, INSTRUMENTS, SECTORS, TIME_WORDS, isCap, type Tok, type Span } from './tokens.ts';
import { speakerBefore, type Phrase } from './args.ts';
import { countryEntity, countryOfDemonym, countryOfEntity, countryOfName } from '../../lexicon/countries.ts';
import { alternation } from '../../lexicon/load.ts';
import { pronounSpec, resolvePronoun as resolveByCoref } from '../coref.ts';
import { entityWithTitle, mentionsIn, stateForPlace, type MentionRef } from './resolve.ts';

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
export function resolvePhrase(doc: Doc, idx: MentionRef[], toks: Tok[], p: Phrase, sent: Span): EventActor | null {
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
    const ent = lastQualifiedState(doc, start);
    return withSector({ entity: ent?.id ?? null, text }, sector);
  }
  return withSector({ entity: null, text }, sector);
}

/** Most recent person mentioned before `at` (a title description refers back to them). */
function recentPerson(doc: Doc, idx: MentionRef[], at: number): Entity | undefined {
  let best: MentionRef | undefined;
  for (const m of idx) if (m.end <= at && m.entity.type === 'PERSON' && (!best || m.start > best.start)) best = m;
  return best?.entity;
}

/** The state whose government or forces the text named last before `at` ("Syrian forces" → Syria). */
function lastQualifiedState(doc: Doc, at: number): Entity | undefined {
  const before = doc.text.slice(0, at);
  let found: Entity | undefined;
  QUALIFIED_STATE.lastIndex = 0;
  for (let m = QUALIFIED_STATE.exec(before); m; m = QUALIFIED_STATE.exec(before)) {
    const c = countryOfDemonym(m[1]) ?? countryOfName(m[1]);
    const e = c ? countryEntity(doc, c) : undefined;
    if (e) found = e;
  }
  if (found) return found;
  // else the state the article names most often
  const counts = new Map<Entity, number>();
  for (const e of doc.entities) if (countryOfEntity(e)) counts.set(e, e.mentions.length);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The antecedent of a pronoun standing for a party: "I"/"we" in a quotation → its speaker; "they"/"it"
 * after "X said" → X; a personal pronoun → the coreference module's antecedent (`extract/coref.ts`), else
 * the last mention of a fitting type within the sentence or the 600 characters before it; relative
 * "who" → the nearest name before it.
 */
function resolveActorPronoun(
  doc: Doc,
  idx: MentionRef[],
  toks: Tok[],
  p: Phrase,
  sent: Span,
): { entity: Entity | null; text: string } | null {
  const at = toks[p.from].start;
  const pr = p.pronoun!;
  if (pr === 'i' || pr === 'we' || pr === 'me' || pr === 'us') {
    const q = doc.quotes.find((x) => x.start <= at && at < x.end);
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
  let best: MentionRef | undefined;
  const from = pr === 'who' || pr === 'which' ? sent.start : Math.max(0, sent.start - 600);
  for (const m of idx)
    if (m.end <= at && m.start >= from && types.includes(m.entity.type) && (!best || m.start > best.start)) best = m;
  if (best) return { entity: best.entity, text: doc.text.slice(best.start, best.end) };
  if (pr === 'who' || pr === 'which') {
    // the nearest capitalised name before a relative pronoun
    for (let k = p.from - 1; k >= 0; k--) {
      // a weekday or month is a time, never the antecedent of "who" ("on Wednesday to mourn officers who ...")
      if (
        isCap(toks[k]) &&
        k > 0 &&
        !TIME_WORDS.test(toks[k].lower) &&
        !doc.times.some((t) => t.start <= toks[k].start && toks[k].end <= t.end)
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
function lastMentionText(doc: Doc, idx: MentionRef[], ent: Entity, at: number): string {
  let last: MentionRef | undefined;
  for (const m of idx) if (m.entity === ent && m.end <= at && (!last || m.start > last.start)) last = m;
  return last ? doc.text.slice(last.start, last.end) : ent.name;
}
