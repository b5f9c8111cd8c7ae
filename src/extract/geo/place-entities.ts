/**
 * The entity stage's entities on the map: GPE/LOC entities geocoded, and ORG/MISC/PERSON entities
 * the text itself calls places ("the city of X", "X province", "in X") re-typed as places when the
 * gazetteer agrees. The words that make a mention a place are in `data/lexicons/place-words.json`.
 */
import type { Entity, Mention } from '../../model/analysis.ts';
import type { Doc } from '../../model/doc.ts';
import type { Gazetteer } from './gazetteer.ts';
import { nameKey } from './normalize.ts';
import { toGeo, ADMIN_SUFFIX } from './resolve.ts';
import { LIST_GAP, LIST_GAP_MAX, parentAfter, PLACE_TYPES, resolveMentions, type ToponymMention } from './context.ts';
import { addNestedPlaces } from './nested.ts';
import { SpanSet } from './spans.ts';
import { pushAll } from '../../text/arrays.ts';
import { alternation, wordSet } from '../../lexicon/load.ts';

/** The lexicon file of words around place names. */
const PLACE_WORDS = 'place-words';

/** Planets and moons (`data/lexicons/entity-noise.json`): a LOC so named has no point on the Earth's map. */
const CELESTIAL = wordSet('entity-noise', 'celestialBodies');

/** Other entity types that are placed too when the text itself calls a mention a place. */
const MAYBE_PLACE_TYPES = new Set(['ORG', 'MISC', 'PERSON']);
/** Words around a mention that make it a place whatever the recogniser said ("the city of X", "X province"). */
const PLACE_BEFORE = new RegExp(String.raw`\b(?:${alternation(PLACE_WORDS, 'placeOfBefore')}) of\s+$`, 'i');
/** A name that ends with the kind of an administrative area is one ("Santa Clara County", "Jefferson Parish"). */
const KIND_WORD_END = new RegExp(String.raw`\s(?:${alternation(PLACE_WORDS, 'kindWordEnd')})$`);
/** Kind words after a mention that make it a place ("Sweida province", "Kakuma camp"). */
const PLACE_AFTER = new RegExp(String.raw`^\s+(?:${alternation(PLACE_WORDS, 'placeAfterPattern', true)})\b`, 'i');
/** Prepositions that nearly always introduce a place ("in Kananga", "near Tyler", "towards Kananga"). */
const STRONG_LOCATIVE = new RegExp(
  String.raw`\b(?:${alternation(PLACE_WORDS, 'strongLocativePattern', true)})\s+(?:the\s+)?$`,
  'i',
);
/** Prepositions that often introduce a place, but also organisations ("from Amazon", "at Google"). */
const WEAK_LOCATIVE = new RegExp(String.raw`\b(?:${alternation(PLACE_WORDS, 'weakLocative')})\s+(?:the\s+)?$`, 'i');
/** Titles and honorifics before a mention that make it a person, whatever the gazetteer says. */
const PERSON_BEFORE = new RegExp(String.raw`\b(?:${alternation(PLACE_WORDS, 'personTitleBefore')})\.?\s+$`);
/**
 * Extra evidence a re-typing needs for each further mention of the entity: the recogniser read
 * every mention in its context, and an organisation named ten times ("Leicestershire beat
 * Somerset") is not made a place by two weak cues.
 */
const RETYPE_EVIDENCE_PER_MENTION = 0.25;
/** Mentions that need no extra evidence ("towards Kananga ... Kananga is the provincial capital"). */
const RETYPE_FREE_MENTIONS = 2;
/** Evidence weights for re-typing an ORG/PERSON/MISC entity as a place, and the bar it must pass. */
const EVIDENCE_KIND_WORD = 2;
const EVIDENCE_PARENT = 2;
const EVIDENCE_STRONG_LOCATIVE = 1;
const EVIDENCE_WEAK_LOCATIVE = 0.5;
const EVIDENCE_LISTED_WITH_PLACE = 0.5;
const RETYPE_MIN_EVIDENCE = 1;
/**
 * The name itself is evidence when the gazetteer knows it as a country, region or world region
 * ("West Java", "Rift Valley", "the Mediterranean"): few organisations or people bear such names.
 * Not for one-word PERSON names ("Georgia", "Jordan", "Victoria" are first names).
 */
const EVIDENCE_REGION_NAME = 0.5;
/** Towns below this population are re-typed only when their country is named in the article or a parent
 * names their region. */
const RETYPE_MIN_POP_FREE = 10_000;

/** How strongly the text calls an entity's mentions places (see the EVIDENCE_* weights). */
function placeEvidence(doc: Doc, gaz: Gazetteer, e: Entity, placeSpans: SpanSet<Mention>): number {
  // a person's full name that is no place: a mention of the surname alone ("Jordan") is no place either
  if (e.type === 'PERSON' && /\s/.test(e.name.trim()) && !KIND_WORD_END.test(e.name) && gaz.lookup(e.name).length === 0)
    return 0;
  let score = 0;
  if ((e.type !== 'PERSON' || /\s/.test(e.name.trim())) && gaz.lookup(e.name).some((p) => p.kind !== 'P'))
    score += EVIDENCE_REGION_NAME;
  let listed = 0;
  for (const m of e.mentions) {
    const before = doc.text.slice(Math.max(0, m.start - 24), m.start);
    if (PERSON_BEFORE.test(before)) return 0;
    if (PLACE_BEFORE.test(before) || PLACE_AFTER.test(doc.text.slice(m.end, m.end + 16)) || KIND_WORD_END.test(m.text))
      score += EVIDENCE_KIND_WORD;
    else if (parentAfter(gaz, doc.text, m.end)) score += EVIDENCE_PARENT;
    else if (STRONG_LOCATIVE.test(before)) score += EVIDENCE_STRONG_LOCATIVE;
    else if (WEAK_LOCATIVE.test(before)) score += EVIDENCE_WEAK_LOCATIVE;
    // Listed with names already typed as places ("Suba, Migori, Homa Bay").
    for (const x of placeSpans.near(m.start - LIST_GAP_MAX, m.end + LIST_GAP_MAX)) {
      const gap =
        x.end <= m.start ? doc.text.slice(x.end, m.start) : m.end <= x.start ? doc.text.slice(m.end, x.start) : null;
      if (gap !== null && LIST_GAP.test(gap)) listed++;
    }
  }
  score += Math.min(2, listed) * EVIDENCE_LISTED_WITH_PLACE;
  return score - RETYPE_EVIDENCE_PER_MENTION * Math.max(0, e.mentions.length - RETYPE_FREE_MENTIONS);
}

/**
 * Set `geo` on every GPE/LOC entity that resolves (its name first, then its mentions and aliases),
 * and on ORG/MISC entities the text calls places ("the city of X"); their type is left to the
 * entity stage.
 */
export function geocodeEntities(doc: Doc, gaz: Gazetteer, demonymsOfText: () => Map<string, number>): void {
  const maybe = new Map<Entity, number>();
  const placeSpans: Mention[] = [];
  for (const e of doc.entities) if (PLACE_TYPES.has(e.type)) pushAll(placeSpans, e.mentions);
  const placeSet = new SpanSet(placeSpans);
  for (const e of doc.entities) if (MAYBE_PLACE_TYPES.has(e.type)) maybe.set(e, placeEvidence(doc, gaz, e, placeSet));
  // Once more with the names that passed as list neighbours ("Suba, Migori, Rongo and Nyando").
  const passed = [...maybe].filter(([, v]) => v >= RETYPE_MIN_EVIDENCE).flatMap(([e]) => e.mentions);
  if (passed.length) {
    const spans = new SpanSet([...placeSpans, ...passed]);
    for (const [e, v] of maybe) if (v < RETYPE_MIN_EVIDENCE) maybe.set(e, placeEvidence(doc, gaz, e, spans));
  }
  const places = doc.entities.filter(
    (e) =>
      (PLACE_TYPES.has(e.type) && !(e.type === 'LOC' && CELESTIAL.has(e.name))) ||
      (maybe.get(e) ?? 0) >= RETYPE_MIN_EVIDENCE,
  );
  // One toponym per entity name form, with the offset of a mention for the parent pattern.
  const forms: { entity: Entity; mention: ToponymMention }[] = [];
  for (const e of places) {
    const names = [e.name];
    for (const m of e.mentions) names.push(m.text);
    pushAll(names, e.aliases);
    // the first mention of each key, read in one pass (not a search of the mentions per name form)
    const firstOfKey = new Map<string, Mention>();
    for (const x of e.mentions) {
      const k = nameKey(x.text);
      if (!firstOfKey.has(k)) firstOfKey.set(k, x);
    }
    const seen = new Set<string>();
    for (const n of names) {
      const k = nameKey(n);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      const m = firstOfKey.get(k) ?? e.mentions[0];
      forms.push({ entity: e, mention: { name: n, start: m?.start ?? 0, end: m?.end ?? 0 } });
    }
  }
  const res = resolveMentions(
    gaz,
    doc.text,
    forms.map((f) => f.mention),
    forms.length ? demonymsOfText() : undefined,
  );
  const countries = new Set<string>();
  forms.forEach((f, i) => {
    const p = res[i]?.place;
    if (p?.kind === 'C' && PLACE_TYPES.has(f.entity.type)) countries.add(p.cc);
  });
  const done = new Set<Entity>();
  const retyped: string[] = [];
  forms.forEach((f, i) => {
    const r = res[i];
    if (!r || done.has(f.entity)) return;
    if (maybe.has(f.entity)) {
      // Re-typed only on an exact gazetteer name that is a sizeable place, or one in a country the article names.
      const p = r.place;
      const exact =
        gaz.lookup(f.mention.name).includes(p) ||
        (KIND_WORD_END.test(f.mention.name) && gaz.lookup(f.mention.name.replace(ADMIN_SUFFIX, '')).includes(p));
      const sure =
        r.score > -Infinity &&
        exact &&
        (p.kind !== 'P' ||
          p.pop >= RETYPE_MIN_POP_FREE ||
          countries.has(p.cc) ||
          !!parentAfter(gaz, doc.text, f.mention.end));
      if (!sure) return;
      f.entity.type = p.kind === 'R' ? 'LOC' : 'GPE';
      retyped.push(f.entity.name);
    }
    done.add(f.entity);
    f.entity.geo = toGeo(gaz, r.place);
  });
  if (retyped.length) doc.info('geo', `re-typed as places (gazetteer and context agree): ${retyped.join(', ')}`);
  const missed: string[] = [];
  for (const e of places) if (!done.has(e) && !maybe.has(e)) missed.push(e.name);
  if (missed.length) doc.info('geo', `not placed (not in the gazetteer): ${missed.join(', ')}`);
  addNestedPlaces(doc, gaz);
}
