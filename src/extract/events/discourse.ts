/**
 * Discourse: mentions of one event within a sentence merge, later mentions take the arguments
 * they lack from earlier ones, officials act for their state, regions narrow to the place inside.
 */
import type { Doc } from '../../model/doc.ts';
import type { Event, EventActor, Relation } from '../../model/analysis.ts';
import { mapTruthy, pushAll } from '../../text/arrays.ts';
import { wordSet } from '../../lexicon/load.ts';
import { INSTRUMENTS } from './tokens.ts';
import { countryOfEntity } from '../../lexicon/countries.ts';
import type { Draft } from './draft.ts';

/** Types whose two sides may be named in either order. */
const SYMMETRIC = wordSet('plover/coding', 'symmetricTypes');
/** How many paragraphs apart two mentions of one event may lie. */
const MAX_COREF_PARAGRAPHS = 5;
/** Mode precedence when several instruments are named (the most specific wins). */
const INSTRUMENT_ORDER = INSTRUMENTS.map(([, m]) => m);

/**
 * An actor is not its own target: "Ms X warned she would resign" has X as actor; the "she" that
 * resolves to X again names the speaker, not a party acted on. (Reflexive PLOVER events are coded
 * with the actor alone.)
 */
export function dropSelfTargets(ev: Event): void {
  const actors = new Set(mapTruthy(ev.actors, (a) => a.entity));
  if (actors.size) ev.targets = ev.targets.filter((t) => !t.entity || !actors.has(t.entity));
}

/** A nominal mention with no actor and no target stands only when the text anchors it to a place or a count ("a
 *  ceasefire announced in Sweida", "14 killed"); a bare noun ("the threats", "a sustainable ceasefire is vital") only
 *  refers to an event. A verb reports an act even when its parties were not found. */
export function anchored(d: Draft): boolean {
  const ev = d.ev;
  if (ev.actors.length || ev.targets.length || !d.nominal) return true;
  return (
    !!ev.where ||
    ev.dead !== undefined ||
    ev.injured !== undefined ||
    ev.displaced !== undefined ||
    ev.arrested !== undefined
  );
}

// ---------------------------------------------------------------- discourse
function compatible(a: Set<string>, b: Set<string>, aList: EventActor[], bList: EventActor[]): boolean {
  if (aList.length === 0 || bList.length === 0) return true;
  for (const x of a) if (b.has(x)) return true;
  // one side named, the other only described ("a senior terrorist" ~ "Abu Hasan al-Jazrawi")
  if ((a.size === 0) !== (b.size === 0)) return true;
  const na = lowerTexts(aList);
  return [...lowerTexts(bList)].some((t) => na.has(t));
}

/** The lower-cased texts of some actors. */
function lowerTexts(l: EventActor[]): Set<string> {
  return new Set(l.map((x) => x.text.toLowerCase()));
}

/** An event mention naming no party. */
function isBare(d: Draft): boolean {
  return d.ev.actors.length === 0 && d.ev.targets.length === 0;
}

/**
 * Whether two drafts can be mentions of one event: same type and (mode), parties shared or compatible (either order
 * for symmetric types).
 */
function sameEvent(a: Draft, b: Draft, strict: boolean): boolean {
  if (a.ev.type !== b.ev.type) return false;
  if (a.ev.mode && b.ev.mode && a.ev.mode !== b.ev.mode && strict) return false;
  if (strict) {
    // inside one sentence: one mention names the parties the other lacks, or they share one
    const shares =
      [...a.targetEntities].some((x) => b.targetEntities.has(x)) ||
      [...a.actorEntities].some((x) => b.actorEntities.has(x));
    return shares || isBare(a) || isBare(b);
  }
  const straight =
    compatible(a.actorEntities, b.actorEntities, a.ev.actors, b.ev.actors) &&
    compatible(a.targetEntities, b.targetEntities, a.ev.targets, b.ev.targets);
  // fighting is symmetric: "clashes between A and B" and "clashes between B and A" are one event
  const swapped =
    SYMMETRIC.has(a.ev.type) &&
    a.actorEntities.size > 0 &&
    b.actorEntities.size > 0 &&
    compatible(a.actorEntities, b.targetEntities, a.ev.actors, b.ev.targets) &&
    compatible(a.targetEntities, b.actorEntities, a.ev.targets, b.ev.actors);
  return straight || swapped;
}

/**
 * Two mentions of one event in a sentence ("the killing of X ... who was hit by a missile") become one. A sentence's
 * drafts lie together (they are found sentence by sentence), so each sentence's run is merged on its own.
 */
export function mergeWithinSentence(drafts: Draft[]): void {
  const out: Draft[] = [];
  for (let from = 0; from < drafts.length;) {
    let to = from + 1;
    while (to < drafts.length && drafts[to].sentence === drafts[from].sentence) to++;
    pushAll(out, mergeRun(drafts.slice(from, to)));
    from = to;
  }
  drafts.length = 0;
  pushAll(drafts, out);
}

/** The drafts of one sentence with the mentions of one event merged into the first. */
function mergeRun(drafts: Draft[]): Draft[] {
  for (let i = 0; i < drafts.length; i++) {
    for (let j = i + 1; j < drafts.length; j++) {
      const a = drafts[i];
      const b = drafts[j];
      if (!sameEvent(a, b, true)) continue;
      fill(a, b, true);
      a.ev.start = Math.min(a.ev.start, b.ev.start);
      a.ev.end = Math.max(a.ev.end, b.ev.end);
      drafts.splice(j, 1);
      j--;
    }
  }
  return drafts;
}

/** Copy the arguments `to` lacks from `from` (a mention of the same event). */
function fill(to: Draft, from: Draft, withMode: boolean): void {
  const e = to.ev;
  const f = from.ev;
  if (e.actors.length === 0 && f.actors.length) {
    e.actors = [...f.actors];
    to.actorEntities = new Set(from.actorEntities);
  }
  if (e.targets.length === 0 && f.targets.length) {
    e.targets = [...f.targets];
    to.targetEntities = new Set(from.targetEntities);
  } else if (to.targetEntities.size === 0 && from.targetEntities.size > 0) {
    e.targets = [...f.targets];
    to.targetEntities = new Set(from.targetEntities);
  }
  if (!e.where && f.where) e.where = f.where;
  if (!e.when && f.when) e.when = f.when;
  if (withMode && !e.mode && f.mode) e.mode = f.mode;
  if (
    withMode &&
    f.mode &&
    e.mode &&
    INSTRUMENT_ORDER.includes(f.mode) &&
    INSTRUMENT_ORDER.indexOf(f.mode) < INSTRUMENT_ORDER.indexOf(e.mode)
  )
    e.mode = f.mode;
  for (const k of ['dead', 'injured', 'displaced', 'arrested'] as const)
    if (e[k] === undefined && f[k] !== undefined) e[k] = f[k];
}

/**
 * Later mentions of an event ("the killing of X") take the arguments they lack from the nearest
 * earlier compatible mention of the same type ("British forces mounted an operation against a
 * senior terrorist in Syria last month"). Then an event still lacking place or date takes them
 * from an adjacent sentence about the same actor (the story's setting carries over).
 */
export function inheritAcrossMentions(doc: Doc, drafts: Draft[]): void {
  inheritFromEarlier(drafts);
  inheritSetting(doc, drafts);
}

/**
 * Each draft takes the arguments it lacks from the nearest earlier mention of its type (in another sentence, at most
 * MAX_COREF_PARAGRAPHS paragraphs back). Only drafts of the same type can be one event, so each looks back through
 * its type's drafts alone; drafts come in text order, so the paragraph bound ends the look-back.
 */
function inheritFromEarlier(drafts: Draft[]): void {
  const byType = new Map<string, Draft[]>();
  for (const b of drafts) {
    const earlier = byType.get(b.ev.type);
    if (!earlier) {
      byType.set(b.ev.type, [b]);
      continue;
    }
    for (let j = earlier.length - 1; j >= 0; j--) {
      const a = earlier[j];
      if (a.sentence === b.sentence) continue;
      if (b.para - a.para > MAX_COREF_PARAGRAPHS) break;
      if (!sameEvent(a, b, false)) continue;
      fill(b, a, false);
      break;
    }
    earlier.push(b);
  }
}

/**
 * An event still lacking place or date takes them from a draft of an adjacent sentence that shares an actor (the
 * story's setting carries over). Drafts are grouped by sentence index, so each reads only its neighbours.
 */
function inheritSetting(doc: Doc, drafts: Draft[]): void {
  // a sentence's index by its start (the first sentence with that start; -1 for none)
  const sentenceAt = new Map<number, number>();
  doc.sentences.forEach((s, k) => {
    if (!sentenceAt.has(s.start)) sentenceAt.set(s.start, k);
  });
  const sentOf = drafts.map((d) => sentenceAt.get(d.sentence.start) ?? -1);
  // the positions of the drafts of each sentence, in draft order
  const inSentence = new Map<number, number[]>();
  sentOf.forEach((si, k) => {
    const list = inSentence.get(si);
    if (list) list.push(k);
    else inSentence.set(si, [k]);
  });
  drafts.forEach((b, k) => {
    if (b.ev.where && b.ev.when) return;
    if (b.actorEntities.size === 0) return;
    const si = sentOf[k];
    const near = [...(inSentence.get(si - 1) ?? []), ...(inSentence.get(si + 1) ?? [])].sort((x, y) => x - y);
    for (const n of near) {
      const a = drafts[n];
      if (![...a.actorEntities].some((x) => b.actorEntities.has(x))) continue;
      if (!b.ev.where && a.ev.where && !b.targetEntities.has(a.ev.where)) b.ev.where = a.ev.where;
      if (!b.ev.when && a.ev.when) b.ev.when = a.ev.when;
    }
  });
}

/** PLOVER codes an official acting in office by the state they serve: add the state as a second actor. */
export function addStatesOfOfficials(doc: Doc, drafts: Draft[]): void {
  // each subject's first role relation naming whose office it is
  const roleOf = new Map<string, Relation>();
  for (const r of doc.relations) if (r.predicate === 'role' && r.of && !roleOf.has(r.subject)) roleOf.set(r.subject, r);
  for (const d of drafts) {
    for (const a of [...d.ev.actors]) {
      const rel = a.entity ? roleOf.get(a.entity) : undefined;
      const state = rel ? doc.entityById(rel.of) : undefined;
      if (!state || !countryOfEntity(state) || d.actorEntities.has(state.id)) continue;
      d.ev.actors.push({ entity: state.id, text: a.text, sector: 'government' });
      d.actorEntities.add(state.id);
    }
  }
}

/** A region named as the place ("Southern Syria") narrows to the one place the article locates inside it. */
export function narrowPlaces(doc: Doc, drafts: Draft[]): void {
  // the places the article locates inside each region
  const inside = new Map<string, Set<string>>();
  for (const r of doc.relations) {
    if (r.predicate !== 'located_in' || r.object === undefined) continue;
    const set = inside.get(r.object);
    if (set) set.add(r.subject);
    else inside.set(r.object, new Set([r.subject]));
  }
  for (const d of drafts) {
    if (!d.ev.where) continue;
    const uniq = inside.get(d.ev.where);
    if (uniq?.size === 1) d.ev.where = [...uniq][0];
  }
}
