/**
 * One event mention of a sentence: its cue's arguments found (events/args.ts), resolved to
 * entities (events/actors.ts), placed and dated (events/setting.ts), and coded for intent.
 */
import type { Doc } from '../../model/doc.ts';
import type { Entity, Event } from '../../model/analysis.ts';
import { matchTriggers, type TriggerMatch } from './lexicon.ts';
import { joined, mapTruthy } from '../../text/arrays.ts';
import { ACTOR_NOUNS, AUX, DETERMINERS, PRONOUNS, TIME_WORDS, isCap, type Tok, type Span } from './tokens.ts';
import {
  auxModes,
  byPhrase,
  isInstrument,
  isPassive,
  leftPhrase,
  nominalArgs,
  rightTarget,
  speakerBefore,
  splitAnd,
  type Phrase,
} from './args.ts';
import { isPlace } from '../../lexicon/countries.ts';
import type { EventIndex } from './resolve.ts';
import { instrumentMode, resolvePhrase } from './actors.ts';
import { findCounts } from './counts.ts';
import { alternation, wordSet, wordTable } from '../../lexicon/load.ts';
import { RELATIVE, placeOf, timeOf } from './setting.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** The lexicon file of the events' word classes. */
const WORDS = 'event-words';
/** The lexicon file of PLOVER codes. */
const CODING = 'plover/coding';
/** Opens with a lower-case letter. */
const LOWER_START = /^\p{Ll}/u;

/**
 * Words that never name a party: adverbs and superlatives ("‘fully commit’", "not yet ready", "the deadliest
 * attack").
 */
const NOT_PARTY_WORD = new RegExp(
  `^(?:[a-z]+(?:${alternation(WORDS, 'adverbSuffixes')})ly|${alternation(WORDS, 'notPartyWords')}|[a-z]+est)$`,
);
/** Head nouns of geographic features: a feature is where something happens, never who acts or suffers. */
const GEO_FEATURE = wordSet(WORDS, 'geoFeatures');
/** Types whose verbal cue takes an infinitive saying what is asked, threatened, refused or promised
 *  ("urged the tribes to commit to ending hostilities"): cues inside that infinitive are its content, not events. */
const COMPLEMENT_HEADS = new Set(['REQUEST', 'THREATEN', 'REJECT']);
/**
 * ... but a request's content with parties of its own is coded as the act requested ("urged the EU to support the
 * PLO").
 */
export const COMPLEMENT_KEEPS_PARTIES = new Set(['REQUEST']);
/** How many words after such a head its infinitive content may reach. */
const COMPLEMENT_WINDOW = 10;
/**
 * Cues of acts done to people whose bare participle after a noun is a reduced passive ("officers killed in an
 * ambush").
 */
const REDUCED_PASSIVE_TYPES = new Set(['ASSAULT', 'COERCE']);
/** Words after such a participle that show it has no object of its own (a preposition or the clause end). */
const REDUCED_PASSIVE_NEXT = wordSet(WORDS, 'reducedPassiveNext');
/** Types whose promise is coded AGREE and whose refusal is coded REJECT (PLOVER: intent to cooperate). */
const COOPERATIVE = wordSet(CODING, 'cooperativeTypes');
/** Types whose announced use is a threat (PLOVER THREATEN), with the threat mode. */
const COERCIVE_THREAT = wordTable(CODING, 'coerciveThreats');
/** Words after which a promise turns into a conditional threat ("will withdraw unless ..."). */
const CONDITION = /\b(unless|if)\b/i;
/** A condition that makes an announced act a threat ("will withdraw unless ..."). */
const UNLESS = /\bunless\b/i;
/** Determiners that make a verb cue a noun ("the raid", "their protest"). */
const NOMINAL_DETERMINER = wordSet(WORDS, 'nominalDeterminers');
/** Prepositions that make a place after the trigger its location rather than its target. */
const TARGET_LOCATIVE = wordSet(WORDS, 'targetLocatives');

export interface Draft {
  ev: Event;
  sentence: Span;
  para: number;
  trigger: TriggerMatch;
  actorEntities: Set<string>;
  targetEntities: Set<string>;
  /** The cue is a noun ("the threats", "a ceasefire"): a mention of an event, which may be only a reference to it. */
  nominal: boolean;
}

/**
 * The drafts a trigger gives in its sentence: the event with its arguments, and the promise, threat or refusal it
 * codes.
 */
export function draftsFor(
  doc: Doc,
  idx: EventIndex,
  sent: Span,
  sentText: string,
  toks: Tok[],
  trig: TriggerMatch,
): Draft[] {
  const e = trig.entry;
  let actors: Phrase[] = [];
  let targets: Phrase[] = [];
  let instrument: Phrase | null = null;
  // a verb cue after a determiner is used as a noun ("condemned the raid"); "clashed between A and B" reads like the
  // noun
  const asNoun =
    e.pos === 'N' ||
    toks[trig.to]?.lower === 'between' ||
    (trig.from > 0 && NOMINAL_DETERMINER.has(toks[trig.from - 1].lower));
  if (asNoun) {
    ({ actors, targets } = nominalArgs(toks, trig.from, trig.to));
  } else if (e.pos === 'P' || isPassive(toks, trig.from) || reducedPassive(toks, trig)) {
    const by = byPhrase(toks, trig.to);
    if (by && isInstrument(toks, by)) instrument = by;
    else if (by) actors = [by];
    const subj = leftPhrase(toks, trig.from - 1);
    if (subj) targets = [subj];
  } else {
    const subj = leftPhrase(toks, trig.from - 1, true);
    if (subj) actors = splitAnd(toks, subj);
    const obj = rightTarget(toks, trig.to);
    if (obj) targets = splitAnd(toks, obj);
    // "X said Y must ...": the demand is the speaker's, addressed to Y
    if (e.pattern === 'must' && subj) {
      const speaker = speakerBefore(toks, subj.from);
      if (!speaker) return [];
      targets = splitAnd(toks, subj);
      actors = [speaker];
    }
  }
  // a time, a geographic feature, an adverb or an event is never a party
  targets = targets.filter((p) => isParty(doc, idx, toks, p));
  actors = actors.filter((p) => isParty(doc, idx, toks, p));
  const sentEnd = trig.to;
  const actorRefs = mapTruthy(actors, (p) => resolvePhrase(doc, idx, toks, p, sent));
  const targetRefs = mapTruthy(targets, (p) => resolvePhrase(doc, idx, toks, p, sent));
  // "withdrew from Gao", "fighting in Goma": a place after a locative preposition is where, not whom
  let placeTarget: Entity | undefined;
  for (let k = targets.length - 1; k >= 0; k--) {
    const ref = targetRefs[k];
    const ent = doc.entityById(ref?.entity);
    const prev = toks[targets[k].from - 1]?.lower ?? '';
    if (
      ent &&
      isPlace(ent) &&
      TARGET_LOCATIVE.has(prev) &&
      ref.text === doc.text.slice(toks[targets[k].from].start, toks[targets[k].to - 1].end)
    ) {
      placeTarget = ent;
      targetRefs.splice(k, 1);
    }
  }
  const aux = auxModes(toks, trig.from);
  // the event's extent: the trigger and every party (and instrument), loops rather than spreads (see arrays.ts)
  let startTok = trig.from;
  let endTok = Math.max(sentEnd, instrument ? instrument.to : 0);
  for (const p of actors) {
    startTok = Math.min(startTok, p.from);
    endTok = Math.max(endTok, p.to);
  }
  for (const p of targets) {
    startTok = Math.min(startTok, p.from);
    endTok = Math.max(endTok, p.to);
  }
  const start = toks[startTok].start;
  const end = toks[endTok - 1].end;
  const ev: Event = {
    id: '',
    type: e.type,
    actors: actorRefs,
    targets: targetRefs,
    text: doc.text.slice(start, end),
    start,
    end,
  };
  let mode = e.mode;
  if (e.type === 'ASSAULT') mode = instrumentMode(sentText) ?? mode;
  if (mode) ev.mode = mode;
  if (e.context) ev.context = e.context;
  const place = placeOf(doc, idx, toks, trig, joined(actorRefs, targetRefs)) ?? placeTarget;
  if (place) ev.where = place.id;
  const when = timeOf(idx, toks, trig, sent);
  if (when) ev.when = when;
  if (e.type === 'ASSAULT' || e.type === 'COERCE' || e.type === 'PROTEST') Object.assign(ev, findCounts(sentText));
  if (e.type === 'ASSAULT' && ev.dead === undefined && /^kill/.test(toks[trig.from].lower) && targetRefs.length === 1) {
    const t = doc.entityById(targetRefs[0].entity);
    if (t?.type === 'PERSON') ev.dead = 1;
  }
  if (aux.negated) ev.negated = true;
  if (aux.future) ev.future = true;
  if (aux.hypothetical) ev.hypothetical = true;
  if (aux.historical) ev.historical = true;
  const q = idx.quotes.firstHolding(start, end - 1);
  if (q >= 0) ev.quote = q;
  else {
    const c = idx.claims.firstHolding(start, end);
    if (c >= 0) ev.claim = c;
  }
  const out = [makeDraft(doc, ev, sent, start, trig, asNoun)];
  // PLOVER codes intentions: a promised cooperative act is AGREE, an announced coercive act a
  // THREATEN, a refused cooperative act a REJECT.
  const condition = CONDITION.test(doc.text.slice(end, sent.end));
  const unless = UNLESS.test(doc.text.slice(end, sent.end));
  // an intention is someone's: with no actor there is no promise, threat or refusal to code
  const intends = actorRefs.length > 0;
  if (!intends) return out;
  if (
    (aux.future || aux.hypothetical) &&
    !aux.negated &&
    e.type !== 'THREATEN' &&
    (unless || COERCIVE_THREAT[e.type])
  ) {
    out.push(
      makeDraft(
        doc,
        { ...ev, type: 'THREATEN', mode: COERCIVE_THREAT[e.type] ?? 'relations' },
        sent,
        start,
        trig,
        asNoun,
      ),
    );
  } else if (
    (aux.future || (aux.hypothetical && condition)) &&
    !aux.negated &&
    COOPERATIVE.has(e.type) &&
    e.type !== 'AGREE'
  ) {
    out.push(makeDraft(doc, { ...ev, type: 'AGREE', mode: undefined }, sent, start, trig, asNoun));
  }
  if (aux.negated && COOPERATIVE.has(e.type))
    out.push(makeDraft(doc, { ...ev, type: 'REJECT', mode: undefined, negated: undefined }, sent, start, trig, asNoun));
  return out;
}

/**
 * The draft of event `x` found at `start` in sentence `sent` (a function, not a closure per call: tsx names every
 * such closure at run time).
 */
function makeDraft(doc: Doc, x: Event, sent: Span, start: number, trig: TriggerMatch, asNoun: boolean): Draft {
  return {
    ev: x,
    sentence: sent,
    para: doc.blockIndexAt(start),
    trigger: trig,
    nominal: asNoun,
    actorEntities: new Set(mapTruthy(x.actors, (a) => a.entity)),
    targetEntities: new Set(mapTruthy(x.targets, (a) => a.entity)),
  };
}

/**
 * The type of the request, threat or refusal whose infinitive content holds the trigger ("urged X to ‘fully commit’
 * to ending ..."), if any.
 */
export function complementHead(toks: Tok[], trigs: TriggerMatch[], trig: TriggerMatch): string | undefined {
  for (const h of trigs) {
    if (h === trig || !COMPLEMENT_HEADS.has(h.entry.type) || h.entry.pos !== 'V' || h.to > trig.from) continue;
    if (trig.from - h.to > COMPLEMENT_WINDOW) continue;
    let sawTo = false;
    let crossed = false;
    for (let k = h.to; k < trig.from; k++) {
      if (/^[;:()–—.!?]$/.test(toks[k].text) || RELATIVE.has(toks[k].lower)) crossed = true;
      if (toks[k].lower === 'to') sawTo = true;
    }
    if (sawTo && !crossed) return h.entry.type;
  }
  return undefined;
}

/**
 * "officers killed in an ambush": a bare participle of an act done to people, right after a noun and with no object,
 * is passive.
 */
function reducedPassive(toks: Tok[], trig: TriggerMatch): boolean {
  if (!REDUCED_PASSIVE_TYPES.has(trig.entry.type) || trig.to - trig.from !== 1) return false;
  const w = toks[trig.from].lower;
  if (!/(?:ed|en)$|^(?:shot|hit|struck|held|beaten)$/.test(w) || trig.from === 0) return false;
  const prev = toks[trig.from - 1];
  if (!/^[\p{L}]/u.test(prev.text) || AUX.has(prev.lower) || DETERMINERS.has(prev.lower) || PRONOUNS.has(prev.lower))
    return false;
  // the noun must follow a verb or preposition ("mourns officers killed in"), not open the clause ("Gunmen attacked
  // on Friday")
  const before = toks[trig.from - 2];
  if (!before || !LOWER_START.test(before.text) || DETERMINERS.has(before.lower)) return false;
  const next = toks[trig.to];
  return !next || REDUCED_PASSIVE_NEXT.has(next.lower);
}

/**
 * Can the phrase be a party (actor or target): not a time, a geographic feature, an adverb, an event or an unknown
 * lowercase word alone.
 */
function isParty(doc: Doc, idx: EventIndex, toks: Tok[], p: Phrase): boolean {
  if (p.pronoun) return true;
  const words = toks.slice(p.from, p.to);
  if (words.every((t) => TIME_WORDS.test(t.lower))) return false;
  const s = words[0].start;
  const e = words[words.length - 1].end;
  // a time expression of the article ("Wednesday", "last month") is when, not who
  if (idx.times.firstHolding(s, e) >= 0) return false;
  // (only lowercase words: "Italy" is no adverb; the last word is the head: "sign anything")
  if (words.every((t) => NOT_PARTY_WORD.test(t.text)) || NOT_PARTY_WORD.test(words[words.length - 1].text))
    return false;
  // the head of "the government of Sindh province" is "government": the word before "of"
  const of = words.findIndex((t) => t.lower === 'of');
  const headTok = words[of > 0 ? of - 1 : words.length - 1];
  const head = headTok.lower;
  // "the Rwenzori mountains", "the northern border"; a capitalised feature is a name ("Ivory Coast") and stays
  // unless the article knows it as a geographic location (LOC)
  if (GEO_FEATURE.has(head) && (!isCap(headTok) || doc.entityAt(headTok.start, headTok.end)?.type === 'LOC'))
    return false;
  // an event named where a party should be ("the deadliest attack since a ceasefire", "Shelling kills"), unless
  // a name in it says whose ("an Australian ultimatum")
  if (
    !ACTOR_NOUNS.has(words[words.length - 1].lower) &&
    (words.length === 1 || !words.some((t, k) => k > 0 && isCap(t)))
  ) {
    const cue = matchTriggers(words).find((m) => m.to === words.length);
    if (cue) return false;
  }
  return true;
}
