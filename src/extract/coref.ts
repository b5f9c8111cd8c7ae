/**
 * Coreference: which entity a pronoun ("he", "it"), a description ("the Foreign Secretary", "the
 * company") or a short name ("Mr Lammy") at a place in the text stands for.
 *
 * One module, read by every stage after the entity stage that needs an antecedent (quotes, claims,
 * relations, events). It reads only the Doc's entity and sentence layers and the lexicon, and
 * never changes the Doc. Its interface:
 *  - `resolveDescription(doc, start, end)` and `resolvePronoun(doc, offset, pronoun)`: the core
 *    resolvers (an `Entity` of `doc.entities`, or `undefined`);
 *  - `speakerEntity(doc, start, end)` and `pronounAntecedent(doc, offset, pronoun)`: who a
 *    speaker's description or pronoun refers to (an entity id, or null): the core resolver first,
 *    then the fallbacks that speaker search needs, in the order each documents;
 *  - `pronounSpec`, `nearest` and `MAX_LOOKBACK_SENTENCES`, shared with the entity stage.
 */
import type { Doc, MentionRef } from '../model/doc.ts';
import type { Entity, EntityType } from '../model/analysis.ts';
import { foldKey, honorificGender, honorificList, type Gender } from '../lexicon/lexicon.ts';
import { alternation, escapeRegExp, wordTable } from '../lexicon/load.ts';
import { roleHead } from '../lexicon/roles.ts';
import { memoize } from '../text/memo.ts';
import { endsWithRole } from './attribution/sources.ts';
import { sentenceAt } from './attribution/spans.ts';
import { countBelow } from '../text/search.ts';

/** What a pronoun can refer to: entity types and, for he/she forms, a gender. */
export interface PronounSpec {
  types: EntityType[];
  gender?: Gender;
}

/** Pronouns and the entity types they can refer to (`data/lexicons/pronouns.json`). */
export function pronounSpec(pronoun: string): PronounSpec | undefined {
  const table = wordTable<PronounSpec>('pronouns', 'pronouns');
  return Object.hasOwn(table, pronoun) ? table[pronoun] : undefined;
}

/** How many sentences back a pronoun looks for its antecedent. */
export const MAX_LOOKBACK_SENTENCES = 3;

/**
 * The item with a mention nearest to `offset`; a mention after it counts four times its distance
 * (an antecedent comes before, far more often than after).
 */
export function nearest<T extends { mentions: Array<{ start: number }> }>(items: T[], offset: number): T | undefined {
  let best: T | undefined;
  let bestDist = Infinity;
  for (const item of items) {
    for (const m of item.mentions) {
      const d = m.start <= offset ? offset - m.start : (m.start - offset) * 4;
      if (d < bestDist) {
        bestDist = d;
        best = item;
      }
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Speakers: who a speaker's description or pronoun refers to (the quote and claim stages)
// ---------------------------------------------------------------------------------------------

/**
 * The entity a speaker's description or name at `[start, end)` refers to ("the minister", "Ms
 * Ortiz", "the company"), or null. The resolution order:
 *  1. an entity mention covering the phrase, or a PERSON/ORG mention inside it ("Foreign
 *     Secretary David Lammy");
 *  2. `resolveDescription` (names, aliases, roles);
 *  3. a PERSON or ORG whose name, alias, mention or role reads the same once determiners,
 *     honorifics and possessives are stripped (`normalizeDescription`), nearest before;
 *  4. for a capitalised phrase, a PERSON of the same surname ("Ms Ortiz" for "Jane Ortiz");
 *  5. none for "the expert" repeating an unnamed "one legal expert" (the indefinite-antecedent rule);
 *  6. for a definite person description ("the minister"), the PERSON mentioned last in this
 *     sentence or the two before; for a definite body ("the company"), the ORG mentioned last.
 */
export function speakerEntity(doc: Doc, start: number, end: number): string | null {
  const covering = doc.entityAt(start, end);
  if (covering) return covering.id;
  // A mention inside the phrase ("Foreign Secretary David Lammy"): of the first such entity.
  let inside: MentionRef | undefined;
  for (const r of doc.mentionsIn(start, end)) {
    if (r.entity.type !== 'PERSON' && r.entity.type !== 'ORG') continue;
    if (!inside || r.order < inside.order) inside = r;
  }
  if (inside) return inside.entity.id;
  const resolved = resolveDescription(doc, start, end);
  if (resolved) return resolved.id;
  const phrase = doc.span(start, end);
  const norm = normalizeDescription(phrase);
  if (!norm) return null;
  const index = corefIndex(doc);
  const exact = lookUp(index, 'byNormalForm', norm).filter((e) => e.type === 'PERSON' || e.type === 'ORG');
  if (exact.length) return nearestBefore(index, exact, start).id;
  // Surname: "Ms Ortiz" for "Jane Ortiz" (a capitalised phrase: a name, with or without its title).
  if (/^[\p{Lu}]/u.test(phrase)) {
    const last = norm.split(' ').pop()!;
    const bySurname = lookUp(index, 'bySurname', last).filter((e) => e.type === 'PERSON');
    if (bySurname.length) return nearestBefore(index, bySurname, start).id;
  }
  // "the expert" after "one legal expert": the unnamed person introduced before, not an entity.
  const head = norm.split(' ').pop()!;
  const lookback = doc.text.slice(Math.max(0, start - INDEFINITE_ANTECEDENT_WINDOW), start);
  if (/^the\s/i.test(phrase) && mayHoldWord(lookback, head) && indefiniteMention(head).test(lookback)) return null;
  // A definite person description ("the Foreign Secretary", "the minister"): most recent person.
  if (/^the\s/i.test(phrase) && endsWithRole(norm) && !BODY_WORD.test(norm)) return recentOfType(doc, start, 'PERSON');
  if (/^the\s/i.test(phrase) && ORGANISATION_HEAD_END.test(norm)) return recentOfType(doc, start, 'ORG');
  return null;
}

/** Parts of role nouns that name a body, not a person ("ministry", "authorit(y|ies)"), anywhere in a description. */
const BODY_WORD = new RegExp(`(${alternation('speaker-words', 'bodyWords')})`);

/** Heads of a description that names an organisation ("the company", "the ministry"). */
const ORGANISATION_HEAD_END = new RegExp(`(${alternation('speaker-words', 'organisationHeads')})$`);

/** Determiners stripped from a description before it is compared ("the", "his"). */
const LEADING_DETERMINER = new RegExp(`^(?:${alternation('speaker-words', 'determiners')})\\s+`);

/** Honorifics stripped from a description before it is compared ("mr", "dr."), lower case. */
const LEADING_HONORIFIC = new RegExp(`^(?:${honorificList().map(escapeRegExp).join('|')})\\.?\\s+`);

/** Strips determiners, honorifics and possessives to compare descriptions with names and roles. */
// Memoised: every description is compared with every person's and organisation's names, roles and mentions.
const normalizeDescription = memoize((s) => computeNormalizedDescription(s), 20_000);

/** `normalizeDescription` without its memo. */
function computeNormalizedDescription(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(LEADING_DETERMINER, '')
    .replace(LEADING_HONORIFIC, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The forms of an entity a description is compared with: its name, aliases, mentions and roles, normalised. */
function normalForms(e: Entity): string[] {
  return [e.name, ...e.aliases, ...e.mentions.map((m) => m.text), ...e.roles].map(normalizeDescription);
}

/** How far back (characters) "the expert" looks for an unnamed "one legal expert" it repeats. */
const INDEFINITE_ANTECEDENT_WINDOW = 600;

/**
 * "a|an|one|another (…) <head>": compiled once per head word (compiling a case-folding Unicode
 * pattern costs more than running it).
 */
function indefiniteMention(head: string): RegExp {
  let re = INDEFINITE_MENTIONS.get(head);
  if (!re) {
    re = new RegExp(`\\b(?:a|an|one|another)\\s+(?:[\\p{L}-]+\\s+){0,2}${escapeRegExp(head)}\\b`, 'iu');
    if (INDEFINITE_MENTIONS.size >= INDEFINITE_MENTION_MEMO) INDEFINITE_MENTIONS.clear();
    INDEFINITE_MENTIONS.set(head, re);
  }
  return re;
}

/** Printable ASCII and white space only: case-insensitive matching there is plain lower-casing. */
const ASCII_TEXT = /^[\x00-\x7f]*$/;

/**
 * Whether `text` may hold `word` in any case: false only when both are ASCII and the lower-cased
 * text lacks it (a cheap test before a case-folding Unicode pattern that needs the word).
 */
function mayHoldWord(text: string, word: string): boolean {
  if (!ASCII_TEXT.test(text) || !ASCII_TEXT.test(word)) return true;
  return text.toLowerCase().includes(word.toLowerCase());
}

/** How many compiled head patterns are kept before the memo starts afresh. */
const INDEFINITE_MENTION_MEMO = 2_000;
/** The compiled `indefiniteMention` patterns, by head word. */
const INDEFINITE_MENTIONS = new Map<string, RegExp>();

/**
 * The entity of `list` with a mention ending closest before `offset` (of two, the first in `list`;
 * the first when none ends before it). Each entity's mention ends are read by binary search.
 */
function nearestBefore(index: CorefIndex, list: Entity[], offset: number): Entity {
  let best = list[0];
  let bestPos = -1;
  for (const e of list) {
    const { ends } = mentionEdges(index, e);
    const k = countBelow(ends, offset + 1) - 1;
    if (k >= 0 && ends[k] > bestPos) {
      bestPos = ends[k];
      best = e;
    }
  }
  return best;
}

/**
 * `nearest` for entities of the index: per entity only the last mention starting at or before
 * `offset` and the first after it can be nearest, found by binary search.
 */
function nearestEntity(index: CorefIndex, list: Entity[], offset: number): Entity | undefined {
  let best: Entity | undefined;
  let bestDist = Infinity;
  for (const e of list) {
    const { starts } = mentionEdges(index, e);
    const k = countBelow(starts, offset + 1);
    const before = k > 0 ? offset - starts[k - 1] : Infinity;
    const after = k < starts.length ? (starts[k] - offset) * 4 : Infinity;
    const d = Math.min(before, after);
    if (d < bestDist) {
      bestDist = d;
      best = e;
    }
  }
  return best;
}

/** Sentences searched back for a speaker's antecedent (this one and two before). */
const ANTECEDENT_SENTENCE_WINDOW = 2;

/** Start of the antecedent window of `offset`: the start of the sentence two before its own. */
function antecedentWindowStart(doc: Doc, offset: number): number {
  const si = sentenceAt(doc.sentences, offset);
  return si >= 0 ? doc.sentences[Math.max(0, si - ANTECEDENT_SENTENCE_WINDOW)].start : 0;
}

/**
 * The entity of type `type` mentioned last before `offset` within the antecedent window (of two
 * ending together, the first in `doc.entities`).
 */
function recentOfType(doc: Doc, offset: number, type: string): string | null {
  let best: MentionRef | undefined;
  for (const r of doc.mentionsIn(antecedentWindowStart(doc, offset), offset)) {
    if (r.entity.type !== type) continue;
    if (!best || r.end > best.end || (r.end === best.end && r.order < best.order)) best = r;
  }
  return best ? best.entity.id : null;
}

/**
 * The entity a speaker pronoun at `offset` stands for, or null. The resolution order:
 *  1. `resolvePronoun` (gender and type from the pronoun lexicon, sentence by sentence);
 *  2. the most recent PERSON (he/she/I), ORG or GPE (it), or ORG, NORP, GPE or PERSON (they/we)
 *     in this sentence or the two before, preferring one that opens its sentence (a subject).
 */
export function pronounAntecedent(doc: Doc, offset: number, pronoun: string): string | null {
  const resolved = resolvePronoun(doc, offset, pronoun);
  if (resolved) return resolved.id;
  const p = pronoun.toLowerCase();
  const types =
    p === 'it' ? ['ORG', 'GPE'] : p === 'they' || p === 'we' ? ['ORG', 'NORP', 'GPE', 'PERSON'] : ['PERSON'];
  const sentences = doc.sentences;
  let best: { ref: MentionRef; subject: boolean } | null = null;
  for (const m of doc.mentionsIn(antecedentWindowStart(doc, offset), offset)) {
    if (!types.includes(m.entity.type)) continue;
    const sj = sentenceAt(sentences, m.start);
    const head = sj >= 0 ? doc.text.slice(sentences[sj].start, m.start) : '';
    const subject = /^\W*(?:(?:[\p{Lu}][\p{L}]*|the|a|an)\s+){0,4}$/u.test(head) || /,\s*$/.test(head);
    // Prefer the latest subject mention; among non-subjects only when no subject is found; of two
    // ending together, the entity first in `doc.entities`.
    const later = !best || m.end > best.ref.end || (m.end === best.ref.end && m.order < best.ref.order);
    if (!best || (subject && !best.subject) || (subject === best.subject && later)) best = { ref: m, subject };
  }
  return best?.ref.entity.id ?? null;
}

/**
 * The entity a description names: "the Foreign Secretary", "the minister", "Mr Lammy". First an
 * entity with a mention over the span, then a person holding the role (nearest before `start`).
 */
export function resolveDescription(doc: Doc, start: number, end: number): Entity | undefined {
  const direct = doc.entityAt(start, end);
  if (direct) return direct;
  const text = doc
    .span(start, end)
    .replace(/^(?:the|a|an)\s+/i, '')
    .trim();
  if (!text) return undefined;
  const key = foldKey(text);
  const index = corefIndex(doc);
  const exact = union(index, lookUp(index, 'byName', key), lookUp(index, 'byAlias', key));
  const byRole = exact.length
    ? exact
    : union(index, lookUp(index, 'byRole', key), key.includes(' ') ? [] : lookUp(index, 'byRoleHead', key)).filter(
        (e) => e.type === 'PERSON',
      );
  return nearestEntity(index, byRole, start);
}

/**
 * A folded key without its leading "the " (`replace(/^the /, '')` without a regular expression:
 * asked for every alias of every entity).
 */
function withoutThe(key: string): string {
  return key.startsWith('the ') ? key.slice(4) : key;
}

/** Whether an entity of known gender `gender` (if any) can be what a pronoun of `spec` refers to. */
function pronounFits(spec: PronounSpec, gender: Gender | undefined, e: Entity): boolean {
  return spec.types.includes(e.type) && (!spec.gender || !gender || gender === spec.gender);
}

/**
 * The entity a pronoun at `offset` refers to: the most recent compatible entity in the same
 * sentence before it, else in the previous sentences (up to MAX_LOOKBACK_SENTENCES), preferring
 * in each sentence its first mention (the subject, most often). Gender comes from honorifics.
 */
export function resolvePronoun(doc: Doc, offset: number, pronoun: string): Entity | undefined {
  const spec = pronounSpec(pronoun.toLowerCase());
  if (!spec) return undefined;
  const index = corefIndex(doc);
  const si = doc.sentenceIndexAt(offset);
  const sentences = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
  const cur = si >= 0 ? si : sentences.length - 1;
  for (let k = cur; k >= Math.max(0, cur - MAX_LOOKBACK_SENTENCES); k--) {
    const s = sentences[k];
    const limit = k === cur ? offset : s.end;
    const found = doc
      .mentionsIn(s.start, limit)
      .filter((m) => pronounFits(spec, genderOf(index, m.entity), m.entity))
      .sort((a, b) => a.start - b.start || a.order - b.order)
      .map((m) => ({ e: m.entity, start: m.start }));
    if (found.length === 0) continue;
    // a person whose known gender matches beats one whose gender is unknown
    if (spec.gender) {
      const sure = found.filter((f) => genderOf(index, f.e) === spec.gender);
      if (sure.length) return k === cur ? sure[sure.length - 1].e : sure[0].e;
    }
    // same sentence: the nearest before the pronoun; earlier sentences: the first (subject) one
    return k === cur ? found[found.length - 1].e : found[0].e;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The per-Doc index: entities by the keys the resolvers compare, so that each look-up reads the
// few entities that match instead of every entity and mention of the Doc (linear in the text).
// ---------------------------------------------------------------------------------------------

/** The keys an entity is found by (each a map from key to entities, in `doc.entities` order). */
type IndexKey = 'byName' | 'byAlias' | 'byRole' | 'byRoleHead' | 'byNormalForm' | 'bySurname';

/** How each key map is built: the keys of one entity. */
const INDEX_KEYS: Record<IndexKey, (e: Entity) => string[]> = {
  byName: (e) => [foldKey(e.name)],
  byAlias: (e) => e.aliases.map((a) => withoutThe(foldKey(a))),
  byRole: (e) => e.roles.map(foldKey),
  byRoleHead: (e) => e.roles.map(roleHead),
  byNormalForm: normalForms,
  bySurname: (e) => [normalizeDescription(e.name).split(' ').pop()!],
};

/** The index of one Doc's entity layer; each map is built on first use. */
interface CorefIndex {
  entities: Entity[];
  order: Map<Entity, number>;
  maps: Partial<Record<IndexKey, Map<string, Entity[]>>>;
  genders: Map<Entity, Gender | undefined>;
  /** Each entity's mention starts and ends, each sorted (built on first use). */
  edges: Map<Entity, { starts: number[]; ends: number[] }>;
}

/**
 * The index of `doc`, kept while its mention index (`doc.mentions()`) is the same array: rebuilt
 * when entities are added or replaced or `doc.entitiesChanged()` is called.
 */
const INDEXES = new WeakMap<readonly MentionRef[], CorefIndex>();

/** The coreference index of `doc` (see `INDEXES`). */
function corefIndex(doc: Doc): CorefIndex {
  const refs = doc.mentions();
  let index = INDEXES.get(refs);
  if (!index) {
    const entities = doc.entities;
    index = {
      entities,
      order: new Map(entities.map((e, i) => [e, i])),
      maps: {},
      genders: new Map(),
      edges: new Map(),
    };
    INDEXES.set(refs, index);
  }
  return index;
}

/** The entities found under `key` in the map `name` of the index, in `doc.entities` order. */
function lookUp(index: CorefIndex, name: IndexKey, key: string): Entity[] {
  let map = index.maps[name];
  if (!map) {
    map = new Map();
    for (const e of index.entities) {
      for (const k of new Set(INDEX_KEYS[name](e))) {
        const list = map.get(k);
        if (list) list.push(e);
        else map.set(k, [e]);
      }
    }
    index.maps[name] = map;
  }
  return map.get(key) ?? [];
}

/** The entities of two look-ups, each once, in `doc.entities` order. */
function union(index: CorefIndex, a: Entity[], b: Entity[]): Entity[] {
  if (!b.length) return a;
  if (!a.length) return b;
  return [...new Set([...a, ...b])].sort((x, y) => index.order.get(x)! - index.order.get(y)!);
}

/** The gender of an entity, from the first honorific that opens one of its mentions ("Ms Ortiz"). */
function genderOf(index: CorefIndex, e: Entity): Gender | undefined {
  if (index.genders.has(e)) return index.genders.get(e);
  let g: Gender | undefined;
  for (const m of e.mentions) {
    const h = /^(\S+)\s/.exec(m.text);
    if (h) g ??= honorificGender(h[1]);
  }
  index.genders.set(e, g);
  return g;
}

/** The mention starts and ends of `e`, each sorted ascending (see `CorefIndex.edges`). */
function mentionEdges(index: CorefIndex, e: Entity): { starts: number[]; ends: number[] } {
  let edges = index.edges.get(e);
  if (!edges) {
    edges = {
      starts: e.mentions.map((m) => m.start).sort((a, b) => a - b),
      ends: e.mentions.map((m) => m.end).sort((a, b) => a - b),
    };
    index.edges.set(e, edges);
  }
  return edges;
}
