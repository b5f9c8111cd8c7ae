/**
 * Discourse: mentions of one event within a sentence merge, later mentions take the arguments
 * they lack from earlier ones, officials act for their state, regions narrow to the place inside.
 */
import type { Doc } from '../../model/doc.ts';
import type { Event, EventActor } from '../../model/analysis.ts';
import { mapTruthy } from '../../text/arrays.ts';
import { wordSet } from '../../lexicon/load.ts';
import { INSTRUMENTS, type Span } from './tokens.ts';
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

/** Index of the draft's sentence among `sents`. */
function sentenceIndexOf(sents: Span[], d: Draft): number {
  return sents.findIndex((s) => s.start === d.sentence.start);
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

/** Two mentions of one event in a sentence ("the killing of X ... who was hit by a missile") become one. */
export function mergeWithinSentence(drafts: Draft[]): void {
  for (let i = 0; i < drafts.length; i++) {
    for (let j = i + 1; j < drafts.length; j++) {
      const a = drafts[i];
      const b = drafts[j];
      if (a.sentence !== b.sentence || !sameEvent(a, b, true)) continue;
      fill(a, b, true);
      a.ev.start = Math.min(a.ev.start, b.ev.start);
      a.ev.end = Math.max(a.ev.end, b.ev.end);
      drafts.splice(j, 1);
      j--;
    }
  }
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
  for (let i = 0; i < drafts.length; i++) {
    const b = drafts[i];
    for (let j = i - 1; j >= 0; j--) {
      const a = drafts[j];
      if (a.sentence === b.sentence) continue;
      if (b.para - a.para > MAX_COREF_PARAGRAPHS) break;
      if (!sameEvent(a, b, false)) continue;
      fill(b, a, false);
      break;
    }
  }
  const sents = doc.sentences;
  for (const b of drafts) {
    if (b.ev.where && b.ev.when) continue;
    if (b.actorEntities.size === 0) continue;
    const si = sentenceIndexOf(sents, b);
    for (const a of drafts) {
      if (a === b || Math.abs(sentenceIndexOf(sents, a) - si) !== 1) continue;
      if (![...a.actorEntities].some((x) => b.actorEntities.has(x))) continue;
      if (!b.ev.where && a.ev.where && !b.targetEntities.has(a.ev.where)) b.ev.where = a.ev.where;
      if (!b.ev.when && a.ev.when) b.ev.when = a.ev.when;
    }
  }
}

/** PLOVER codes an official acting in office by the state they serve: add the state as a second actor. */
export function addStatesOfOfficials(doc: Doc, drafts: Draft[]): void {
  for (const d of drafts) {
    for (const a of [...d.ev.actors]) {
      const rel = doc.relations.find((r) => r.subject === a.entity && r.predicate === 'role' && r.of);
      const state = rel ? doc.entityById(rel.of) : undefined;
      if (!state || !countryOfEntity(state) || d.actorEntities.has(state.id)) continue;
      d.ev.actors.push({ entity: state.id, text: a.text, sector: 'government' });
      d.actorEntities.add(state.id);
    }
  }
}

/** A region named as the place ("Southern Syria") narrows to the one place the article locates inside it. */
export function narrowPlaces(doc: Doc, drafts: Draft[]): void {
  for (const d of drafts) {
    if (!d.ev.where) continue;
    const inside = doc.relations
      .filter((r) => r.predicate === 'located_in' && r.object === d.ev.where)
      .map((r) => r.subject);
    const uniq = [...new Set(inside)];
    if (uniq.length === 1) d.ev.where = uniq[0];
  }
}
