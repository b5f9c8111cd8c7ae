/**
 * The events stage: PLOVER-coded event mentions with actors, targets, place, date and counts.
 *
 *   sentence ─▶ trigger lexicon (data/lexicons/plover) ─▶ arguments (events/args.ts)
 *            ─▶ entities (events/resolve.ts) ─▶ intent coding (promise → AGREE, threat → THREATEN,
 *               refusal → REJECT) ─▶ discourse (same-event mentions share their missing arguments)
 *
 * Each event keeps its evidence span (trigger plus the arguments found in its sentence) and the
 * quote or claim it sits in. Arguments never come from outside the article: when the text gives
 * no date the event has none.
 */
import type { Doc } from '../model/doc.ts';
import type { Entity, Event, EventActor } from '../model/analysis.ts';
import type { Stage } from '../model/stage.ts';
import { matchTriggers, type TriggerMatch } from './events/lexicon.ts';
import { joined, mapTruthy, pushAll } from '../text/arrays.ts';
import {
  tokenize,
  sentencesOf,
  SECTORS,
  INSTRUMENTS,
  REPORTING,
  TIME_WORDS,
  ACTOR_NOUNS,
  AUX,
  DETERMINERS,
  PRONOUNS,
  isCap,
  type Tok,
  type Span,
} from './events/tokens.ts';
import {
  auxModes,
  byPhrase,
  findCounts,
  isInstrument,
  isPassive,
  leftPhrase,
  nominalArgs,
  rightTarget,
  splitAnd,
  type Phrase,
} from './events/args.ts';
import {
  countryEntity,
  countryOfDemonym,
  countryOfEntity,
  countryOfName,
  entityWithTitle,
  mentionIndex,
  mentionsIn,
  overlapsMention,
  isPlace,
  stateForPlace,
  type MentionRef,
} from './events/resolve.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a lower-case letter. */
const LOWER_START = /^\p{Ll}/u;

// ---------------------------------------------------------------- named heuristics
/** Collocations where a trigger word is not an event ("restore order", "in order to", "so-called"). */
const NOT_EVENT = /\b(?:restore|restoring|in|law and|public) order\b|\bso-called\b|\bfirst-hand\b/i;
/**
 * Idioms in which a conflict word is a figure of speech, not an act: "strike a different tone",
 * "strike a balance", "a charm offensive", "a price war", "attack ads", "prices hit a record high",
 * "came under fire" (criticism), "fire up", "a shot at the title". Tested on the words around the cue,
 * each only when the lower-cased words hold one of the strings its pattern `needs` (most hold none).
 */
const IDIOMS: Array<{ re: RegExp; needs: string[] }> = [
  {
    re: /\b(?:strike|strikes|striking|struck)\s+(?:an?\s+|the\s+)?(?:[\p{L}-]+\s+){0,2}?(?:tone|note|balance|chord|pose|figure)\b/iu,
    needs: ['strik', 'struck'],
  },
  { re: /\bcharm offensive\b/i, needs: ['charm offensive'] },
  { re: /\b(?:price|bidding|talent|turf|culture|trade|format|streaming|console) wars?\b/i, needs: ['war'] },
  { re: /\battack (?:ads?|dogs?|line)\b/i, needs: ['attack '] },
  {
    re: /\b(?:hit|hits|hitting)\s+(?:an?\s+|the\s+)?(?:(?:new|all-time|record|fresh|[\d-]+(?:year|month|week)|multi-year)\s+)*(?:high|low|record|peak|milestone|mark|shelves|stores|screens|headlines|the market|the road|the ground running|home|jackpot|target)\b/iu,
    needs: ['hit'],
  },
  {
    re: /\bunder fire\b|\bfir(?:e|ed|es|ing) up\b|\bopen(?:ed|s)? fire on (?:critics|the government's record)\b/i,
    needs: ['fir'],
  },
  { re: /\b(?:a|his|her|their|its) shot at\b|\bbig shots?\b|\bcall(?:ed|s)? the shots\b/i, needs: ['shot'] },
  { re: /\bkill(?:ed|s|ing)? (?:time|the mood|the bill|the deal|off)\b/i, needs: ['kill'] },
  {
    re: /\b(?:battle|fight) (?:for|against) (?:votes|customers|viewers|survival|the title|market share)\b/i,
    needs: ['battle', 'fight'],
  },
];
/** Characters that a case-insensitive Unicode pattern reads as ASCII letters (ſ as s, the Kelvin sign as k): a text holding one is tested against every idiom. */
const FOLDS_TO_ASCII = /[\u017f\u212a]/;
/** Words that never name a party: adverbs and superlatives ("‘fully commit’", "not yet ready", "the deadliest attack"). */
const NOT_PARTY_WORD =
  /^(?:[a-z]+(?:al|ful|ive|ous|ent|ant|ic|ar|ed|ing|ate|ible|able|less|ight|ct|ire|ete|ain|ute|ure|ear|ow)ly|fully|yet|even|only|just|still|also|already|again|now|soon|too|very|more|most|less|least|[a-z]+est|anything|something|nothing|everything|comment|itself|themselves)$/;
/** Head nouns of geographic features: a feature is where something happens, never who acts or suffers. */
const GEO_FEATURE =
  /^(?:mountains?|hills?|ranges?|valleys?|rivers?|lakes?|sea|seas|ocean|coast|coastline|shore|desert|forests?|plains?|plateau|peninsula|gulf|bay|island|islands|delta|highlands|lowlands|road|roads|highway|motorway|border|frontier|region|province|district)$/;
/** Types whose verbal cue takes an infinitive saying what is asked, threatened, refused or promised
 *  ("urged the tribes to commit to ending hostilities"): cues inside that infinitive are its content, not events. */
const COMPLEMENT_HEADS = new Set(['REQUEST', 'THREATEN', 'REJECT']);
/** ... but a request's content with parties of its own is coded as the act requested ("urged the EU to support the PLO"). */
const COMPLEMENT_KEEPS_PARTIES = new Set(['REQUEST']);
/** How many words after such a head its infinitive content may reach. */
const COMPLEMENT_WINDOW = 10;
/** Words that open a relative clause: a date outside it does not date the event inside it, and vice versa
 *  ("people gathered on Wednesday to mourn officers who were shot"). */
const RELATIVE = /^(?:who|whom|whose|which)$/;
/** Clause punctuation that a date is not carried across. */
const DATE_BARRIER = /^[;:()–—]$/;
/** Cues of acts done to people whose bare participle after a noun is a reduced passive ("officers killed in an ambush"). */
const REDUCED_PASSIVE_TYPES = new Set(['ASSAULT', 'COERCE']);
/** Words after such a participle that show it has no object of its own (a preposition or the clause end). */
const REDUCED_PASSIVE_NEXT =
  /^(?:in|at|on|by|during|near|outside|inside|when|while|after|before|since|as|last|this|,|\.|;)$/;
/** A headline's present-tense verb right after a name ("Kasese mourns officers"): the party is what follows it. */
const HEADLINE_VERB = /^[a-z]+[^s]s$/;
/** Types whose promise is coded AGREE and whose refusal is coded REJECT (PLOVER: intent to cooperate). */
const COOPERATIVE = new Set(['CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'AGREE']);
/** Types whose announced use is a threat (PLOVER THREATEN), with the threat mode. */
const COERCIVE_THREAT: Record<string, string> = {
  ASSAULT: 'violence',
  COERCE: 'restrict',
  SANCTION: 'relations',
  PROTEST: 'restrict',
  MOBILIZE: 'violence',
};
/** Words after which a promise turns into a conditional threat ("will withdraw unless ..."). */
const CONDITION = /\b(unless|if)\b/i;
/** A condition that makes an announced act a threat ("will withdraw unless ..."). */
const UNLESS = /\bunless\b/i;
/** Locative prepositions that introduce where an event happens. */
const LOCATIVE = /^(in|at|near|inside|outside|across|throughout|around|within|from|into|to|on)$/;
/** Determiners that make a verb cue a noun ("the raid", "their protest"). */
const NOMINAL_DETERMINER = /^(the|a|an|its|their|his|her|this|that|these|those)$/;
/** Prepositions that make a place after the trigger its location rather than its target. */
const TARGET_LOCATIVE = /^(in|at|near|from|inside|outside|within|across|throughout)$/;
/** Words between a locative preposition and the place ("in the city of Sweida", "from the Sweida province"). */
const PLACE_FILLER =
  /^(the|city|town|village|province|region|district|capital|state|county|area|areas|of|northern|southern|eastern|western|central|north|south|east|west|besieged|neighbouring|neighboring)$/;
/** Unqualified state forces ("government forces", "the regime") stand for the state last named with such words. */
const BARE_STATE =
  /^(?:the\s+)?(?:government|regime|security|state|army|military)(?:\s+(?:security\s+)?(?:forces|troops|soldiers))?$|^(?:the\s+)?(?:government|security)\s+forces$/i;
const QUALIFIED_STATE = /\b([\p{Lu}][\p{L}-]+)\s+(?:government|regime|forces|troops|army|military|security forces)\b/gu;
/** Titles that, used as "the X", stand for the person who holds them. */
const TITLE_DESCRIPTION = /^the\s+((?:[\p{Lu}][\p{L}-]*\s*){1,4})$/u;
/** Types whose two sides may be named in either order. */
const SYMMETRIC = new Set(['ASSAULT', 'CONSULT', 'COOPERATE', 'AGREE']);
/** How many paragraphs apart two mentions of one event may lie. */
const MAX_COREF_PARAGRAPHS = 5;
/** Minimum cue weight kept. */
const MIN_WEIGHT = 0.5;
/** Mode precedence when several instruments are named (the most specific wins). */
const INSTRUMENT_ORDER = INSTRUMENTS.map(([, m]) => m);

interface Draft {
  ev: Event;
  sentence: Span;
  para: number;
  trigger: TriggerMatch;
  actorEntities: Set<string>;
  targetEntities: Set<string>;
  /** The cue is a noun ("the threats", "a ceasefire"): a mention of an event, which may be only a reference to it. */
  nominal: boolean;
}

export const eventStage: Stage = {
  name: 'events',
  reads: ['text', 'blocks', 'sentences', 'entities', 'quotes', 'claims', 'times', 'relations'],
  adds: ['events'],
  run(doc) {
    doc.events = extractEvents(doc);
  },
};

/** All events of a doc, in text order. */
export function extractEvents(doc: Doc): Event[] {
  const idx = mentionIndex(doc);
  const drafts: Draft[] = [];
  for (const sent of sentencesOf(doc)) {
    // a photo caption repeats or describes the body; it never reports an event of its own
    if (doc.blocks[doc.blockIndexAt(sent.start)]?.kind === 'caption') continue;
    const toks = tokenize(doc.text, sent.start, sent.end);
    const sentText = doc.text.slice(sent.start, sent.end);
    const trigs = matchTriggers(toks);
    for (const trig of trigs) {
      if (trig.entry.weight < MIN_WEIGHT) continue;
      const around = doc.text.slice(
        toks[Math.max(0, trig.from - 2)].start,
        toks[Math.min(toks.length - 1, trig.to + 1)].end,
      );
      if (NOT_EVENT.test(around)) continue;
      const wide = doc.text.slice(
        toks[Math.max(0, trig.from - 3)].start,
        toks[Math.min(toks.length - 1, trig.to + 5)].end,
      );
      if (isIdiom(wide)) continue;
      const head = complementHead(toks, trigs, trig);
      if (head && !COMPLEMENT_KEEPS_PARTIES.has(head)) continue;
      // a cue inside a name ("Inter Mediate", "Strike Force Inc") is no event
      if (overlapsMention(idx, toks[trig.from].start, toks[trig.to - 1].end)) continue;
      const found = draftsFor(doc, idx, sent, sentText, toks, trig);
      pushAll(drafts, head ? found.filter((d) => d.ev.actors.length || d.ev.targets.length) : found);
    }
  }
  mergeWithinSentence(drafts);
  addStatesOfOfficials(doc, drafts);
  inheritAcrossMentions(doc, drafts);
  narrowPlaces(doc, drafts);
  for (const d of drafts) dropSelfTargets(d.ev);
  const events: Event[] = [];
  for (const d of drafts) {
    if (anchored(d)) events.push({ ...d.ev, id: `ev${events.length + 1}`, text: doc.text.slice(d.ev.start, d.ev.end) });
  }
  return events;
}

/** Whether `text` holds one of the IDIOMS: each pattern is run only when the text holds a string it needs. */
export function isIdiom(text: string): boolean {
  const lower = FOLDS_TO_ASCII.test(text) ? undefined : text.toLowerCase();
  for (const { re, needs } of IDIOMS) {
    if (lower !== undefined && !holdsAny(lower, needs)) continue;
    if (re.test(text)) return true;
  }
  return false;
}

function holdsAny(text: string, parts: string[]): boolean {
  for (const p of parts) if (text.includes(p)) return true;
  return false;
}

/** `isIdiom` running every pattern: the reference form it is tested against. */
export function isIdiomReference(text: string): boolean {
  return IDIOMS.some(({ re }) => re.test(text));
}

/**
 * An actor is not its own target: "Ms X warned she would resign" has X as actor; the "she" that
 * resolves to X again names the speaker, not a party acted on. (Reflexive PLOVER events are coded
 * with the actor alone.)
 */
function dropSelfTargets(ev: Event): void {
  const actors = new Set(mapTruthy(ev.actors, (a) => a.entity));
  if (actors.size) ev.targets = ev.targets.filter((t) => !t.entity || !actors.has(t.entity));
}

function draftsFor(
  doc: Doc,
  idx: MentionRef[],
  sent: Span,
  sentText: string,
  toks: Tok[],
  trig: TriggerMatch,
): Draft[] {
  const e = trig.entry;
  let actors: Phrase[] = [];
  let targets: Phrase[] = [];
  let instrument: Phrase | null = null;
  // a verb cue after a determiner is used as a noun ("condemned the raid"); "clashed between A and B" reads like the noun
  const asNoun =
    e.pos === 'N' ||
    toks[trig.to]?.lower === 'between' ||
    (trig.from > 0 && NOMINAL_DETERMINER.test(toks[trig.from - 1].lower));
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
  targets = targets.filter((p) => isParty(doc, toks, p));
  actors = actors.filter((p) => isParty(doc, toks, p));
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
      TARGET_LOCATIVE.test(prev) &&
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
  const when = timeOf(doc, toks, trig, sent);
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
  const q = doc.quotes.findIndex((x) => x.start <= start && end <= x.end + 1);
  if (q >= 0) ev.quote = q;
  else {
    const c = doc.claims.findIndex((x) => x.start <= start && end <= x.end);
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

/** The draft of event `x` found at `start` in sentence `sent` (a function, not a closure per call: tsx names every such closure at run time). */
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

/** The type of the request, threat or refusal whose infinitive content holds the trigger ("urged X to ‘fully commit’ to ending ..."), if any. */
function complementHead(toks: Tok[], trigs: TriggerMatch[], trig: TriggerMatch): string | undefined {
  for (const h of trigs) {
    if (h === trig || !COMPLEMENT_HEADS.has(h.entry.type) || h.entry.pos !== 'V' || h.to > trig.from) continue;
    if (trig.from - h.to > COMPLEMENT_WINDOW) continue;
    let sawTo = false;
    let crossed = false;
    for (let k = h.to; k < trig.from; k++) {
      if (/^[;:()–—.!?]$/.test(toks[k].text) || RELATIVE.test(toks[k].lower)) crossed = true;
      if (toks[k].lower === 'to') sawTo = true;
    }
    if (sawTo && !crossed) return h.entry.type;
  }
  return undefined;
}

/** "officers killed in an ambush": a bare participle of an act done to people, right after a noun and with no object, is passive. */
function reducedPassive(toks: Tok[], trig: TriggerMatch): boolean {
  if (!REDUCED_PASSIVE_TYPES.has(trig.entry.type) || trig.to - trig.from !== 1) return false;
  const w = toks[trig.from].lower;
  if (!/(?:ed|en)$|^(?:shot|hit|struck|held|beaten)$/.test(w) || trig.from === 0) return false;
  const prev = toks[trig.from - 1];
  if (!/^[\p{L}]/u.test(prev.text) || AUX.has(prev.lower) || DETERMINERS.has(prev.lower) || PRONOUNS.has(prev.lower))
    return false;
  // the noun must follow a verb or preposition ("mourns officers killed in"), not open the clause ("Gunmen attacked on Friday")
  const before = toks[trig.from - 2];
  if (!before || !LOWER_START.test(before.text) || DETERMINERS.has(before.lower)) return false;
  const next = toks[trig.to];
  return !next || REDUCED_PASSIVE_NEXT.test(next.lower);
}

/** Can the phrase be a party (actor or target): not a time, a geographic feature, an adverb, an event or an unknown lowercase word alone. */
function isParty(doc: Doc, toks: Tok[], p: Phrase): boolean {
  if (p.pronoun) return true;
  const words = toks.slice(p.from, p.to);
  if (words.every((t) => TIME_WORDS.test(t.lower))) return false;
  const s = words[0].start;
  const e = words[words.length - 1].end;
  // a time expression of the article ("Wednesday", "last month") is when, not who
  if (doc.times.some((t) => t.start <= s && e <= t.end)) return false;
  // (only lowercase words: "Italy" is no adverb; the last word is the head: "sign anything")
  if (words.every((t) => NOT_PARTY_WORD.test(t.text)) || NOT_PARTY_WORD.test(words[words.length - 1].text))
    return false;
  // the head of "the government of Sindh province" is "government": the word before "of"
  const of = words.findIndex((t) => t.lower === 'of');
  const headTok = words[of > 0 ? of - 1 : words.length - 1];
  const head = headTok.lower;
  // "the Rwenzori mountains", "the northern border"; a capitalised feature is a name ("Ivory Coast") and stays
  // unless the article knows it as a geographic location (LOC)
  if (GEO_FEATURE.test(head) && (!isCap(headTok) || doc.entityAt(headTok.start, headTok.end)?.type === 'LOC'))
    return false;
  // an event named where a party should be ("the deadliest attack since a ceasefire", "Shelling kills"), unless
  // a name in it says whose ("an Australian ultimatum")
  if (
    !ACTOR_NOUNS.test(words[words.length - 1].lower) &&
    (words.length === 1 || !words.some((t, k) => k > 0 && isCap(t)))
  ) {
    const cue = matchTriggers(words).find((m) => m.to === words.length);
    if (cue) return false;
  }
  return true;
}

/** Is a date separated from the trigger by a relative clause boundary or clause punctuation? */
function dateBarrier(toks: Tok[], start: number, end: number, trig: TriggerMatch): boolean {
  const lo = end <= toks[trig.from].start ? toks.findIndex((t) => t.start >= end) : trig.to;
  const hi = end <= toks[trig.from].start ? trig.from : toks.findIndex((t) => t.start >= start);
  for (let k = Math.max(0, lo); k < (hi < 0 ? toks.length : hi); k++) {
    if (RELATIVE.test(toks[k].lower) || DATE_BARRIER.test(toks[k].text)) return true;
  }
  return false;
}

/** A nominal mention with no actor and no target stands only when the text anchors it to a place or a count ("a
 *  ceasefire announced in Sweida", "14 killed"); a bare noun ("the threats", "a sustainable ceasefire is vital") only
 *  refers to an event. A verb reports an act even when its parties were not found. */
function anchored(d: Draft): boolean {
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

/** The subject of a reporting verb left of token `i` ("Russia said Sudan must ..."). */
function speakerBefore(toks: Tok[], i: number): Phrase | null {
  for (let k = i - 1; k >= 0; k--) {
    if (REPORTING.has(toks[k].lower)) return leftPhrase(toks, k - 1);
  }
  return null;
}

function instrumentMode(text: string): string | undefined {
  // the first instrument in INSTRUMENTS order that the text names
  for (const [re, m] of INSTRUMENTS) if (re.test(text)) return m;
  return undefined;
}

function sectorOf(text: string): string | undefined {
  for (const [re, s] of SECTORS) if (re.test(text)) return s;
  return undefined;
}

/** The actor with its sector, field by field rather than spread: every actor with a sector shares one object shape (see arrays.ts). */
function withSector(a: EventActor, sector: string | undefined): EventActor {
  return sector ? { entity: a.entity, text: a.text, sector } : a;
}

/** Resolve a phrase to an actor: entity mention, demonym, title, bare state forces, pronoun. */
function resolvePhrase(doc: Doc, idx: MentionRef[], toks: Tok[], p: Phrase, sent: Span): EventActor | null {
  const start = toks[p.from].start;
  const end = toks[p.to - 1].end;
  const text = doc.text.slice(start, end);
  const sector = sectorOf(text);
  if (p.pronoun) {
    const ent = resolvePronoun(doc, idx, toks, p, sent);
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
      !ACTOR_NOUNS.test(toks[k].lower) &&
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

/** "I"/"we" in a quotation → its speaker; "they"/"it" after "X said" → X; "he"/"she" → the last person; relative "who" → the nearest name before. */
function resolvePronoun(
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

/** The place of an event: a GPE/LOC introduced by a locative preposition in the trigger's clause, nearest first. */
function placeOf(
  doc: Doc,
  idx: MentionRef[],
  toks: Tok[],
  trig: TriggerMatch,
  parties: EventActor[],
): Entity | undefined {
  const partyIds = new Set(parties.map((a) => a.entity));
  let best: { e: Entity; d: number } | undefined;
  const sFrom = toks[0].start;
  const sTo = toks[toks.length - 1].end;
  for (const m of idx) {
    if (m.start < sFrom || m.end > sTo) continue;
    if (!isPlace(m.entity)) continue;
    if (partyIds.has(m.entity.id)) continue;
    const ti = toks.findIndex((t) => t.start >= m.start);
    if (ti < 0) continue;
    let k = ti - 1;
    while (k >= 0 && ti - k <= 4 && PLACE_FILLER.test(toks[k].lower) && !LOCATIVE.test(toks[k].lower)) k--;
    if (k < 0 || !LOCATIVE.test(toks[k].lower)) continue;
    // the same clause: no clause punctuation between the trigger and the place
    const lo = Math.min(ti, trig.from);
    const hi = Math.max(ti, trig.to);
    let crosses = false;
    for (let j = lo; j < hi; j++)
      if (/^[;:()–—]$/.test(toks[j].text) || (toks[j].text === ',' && j >= trig.to)) crosses = true;
    if (crosses) continue;
    const d = ti >= trig.to ? ti - trig.to : trig.from - ti;
    if (!best || d < best.d) best = { e: m.entity, d };
  }
  return best?.e;
}

/** The ISO value of the date nearest the trigger in its sentence (dates and times only, not durations). */
function timeOf(doc: Doc, toks: Tok[], trig: TriggerMatch, sent: Span): string | undefined {
  const at = toks[trig.from].start;
  let best: { v: string; d: number } | undefined;
  for (const t of doc.times) {
    if (t.start < sent.start || t.end > sent.end) continue;
    if (t.kind !== 'date' && t.kind !== 'time') continue;
    if (!/^\d{4}/.test(t.value)) continue;
    if (dateBarrier(toks, t.start, t.end, trig)) continue;
    const d = Math.abs(t.start - at);
    if (!best || d < best.d) best = { v: t.value, d };
  }
  return best?.v;
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
function mergeWithinSentence(drafts: Draft[]): void {
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
function inheritAcrossMentions(doc: Doc, drafts: Draft[]): void {
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
  const sents = sentencesOf(doc);
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
function addStatesOfOfficials(doc: Doc, drafts: Draft[]): void {
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
function narrowPlaces(doc: Doc, drafts: Draft[]): void {
  for (const d of drafts) {
    if (!d.ev.where) continue;
    const inside = doc.relations
      .filter((r) => r.predicate === 'located_in' && r.object === d.ev.where)
      .map((r) => r.subject);
    const uniq = [...new Set(inside)];
    if (uniq.length === 1) d.ev.where = uniq[0];
  }
}
