/**
 * The relations stage: who holds which office, who belongs to, founded, leads or owns what, and
 * which place lies in which, each with the evidence span.
 *
 * Representation: `{subject, predicate, object?, objectText?, of?}`. For `role`, `objectText` is the
 * title as written ("National Security Adviser") and `of` the entity the role is held in or for
 * (Keir Starmer, Syria) when the text or its context says; other predicates put the entity in
 * `object` (and its words in `objectText` when no entity stands for them).
 *
 * Patterns (over entity mentions, no parser):
 *   "<X>'s <Title>, <Person>"          → role Title of X
 *   "<Demonym|Country> <Title> <Person>" → role Title of that country
 *   "<Title> <Person>"                 → role Title
 *   "<Person>, (the) <Title> of <X>"   → role Title of X
 *   "the presidency of <Person>"       → role president (of the article's main state)
 *   "<Person> ... to become the first <Demonym> minister" + "the <Title>" later → role Title of that state
 *   "<Person> – the <description>"     → role description
 *   "<Person>, a member of <X>"        → member_of X
 *   "the organisation he founded"      → founded (pronoun and description resolved by distance)
 *   "<Person> leads|heads|owns <X>", "<X>, led|owned by <Person>" → leads / owns
 *   "the <Place> province of <Place>", "<City>, <Country>" → located_in
 */
import type { Doc } from '../model/doc.ts';
import type { Entity, Relation } from '../model/analysis.ts';
import type { Stage } from '../model/stage.ts';
import { alternation, escapeRegExp, wordTable } from '../lexicon/load.ts';
import { countryOfEntity, isPlace, stateOfWord } from '../lexicon/countries.ts';
import { firstStartAtOrAfter } from '../text/search.ts';

// ---------------------------------------------------------------- named heuristics
/** The lexicon file of the relations' words (data/lexicons/affiliation-words.json). */
const WORDS = 'affiliation-words';
/** Words that end a title ("Foreign Minister", "National Security Adviser", "Secretary-General"). */
const TITLE_HEAD = `(?:${alternation(WORDS, 'titleHeads')})`;
/** A title: up to three capitalised words before its head word. */
const TITLE = String.raw`((?:[\p{Lu}][\p{L}-]*\s+){0,3}${TITLE_HEAD})`;
/** Possessive marks, including the curly opening quote that scraped text uses ("Starmer‘s"). */
const POSS = String.raw`\s?['’‘]s`;
/** Offices named as a noun with "of" ("the presidency of X") and the role they give. */
const OFFICE_NOUNS = wordTable(WORDS, 'officeNouns');
/** Descriptions that refer to an organisation ("the organisation he founded"). */
/** The nouns of such a description (pattern pieces) and the verbs after its founder or leader. */
const ORG_NOUNS = alternation(WORDS, 'organisationNouns', true);
/** "the <organisation noun> (that) <he|she|they|Name> <verb>": groups 1 to 3 the noun, the founder, the verb. */
const ORG_DESCRIPTION = new RegExp(
  String.raw`\bthe\s+(${ORG_NOUNS})\s+(?:that\s+|which\s+)?(he|she|they|[\p{Lu}][\p{L}-]+)\s+` +
    String.raw`(${alternation(WORDS, 'descriptionVerbs')})\b`,
  'giu',
);
/** Verbs of founding, leading and owning, and the predicate they give. */
const ACT_PREDICATES: [RegExp, string][] = Object.entries(wordTable<string[]>(WORDS, 'actPredicates')).map(
  ([predicate, verbs]) => [new RegExp(`^(${verbs.map(escapeRegExp).join('|')})$`, 'i'), predicate],
);
/** Words between a place and the larger place it lies in ("the Sweida province of Southern Syria"). */
const PLACE_PART = new RegExp(String.raw`^\s*(?:${alternation(WORDS, 'placeParts')})\s+of\s+$`, 'i');
/** Verbs that mark an organisation as a source of reporting, not an actor ("as The Mail reveals"). */
const REPORTING_AFTER = new RegExp(String.raw`^\s+(?:${alternation(WORDS, 'reportingAfter')})\b`, 'i');
/** An "organisation" whose name is only a title ("National Security Adviser") is a role, not an organisation. */
const TITLE_ONLY = new RegExp(String.raw`^(?:[\p{Lu}][\p{L}-]*\s+){0,3}${TITLE_HEAD}$`, 'u');
/** "<X>'s <Title>, " right before a person (compiled once, like the three below). */
const OWNER_TITLE_END = new RegExp(
  String.raw`([\p{Lu}][\p{L}-]*(?:\s+[\p{Lu}][\p{L}-]*)*)${POSS}\s+${TITLE},?\s*$`,
  'u',
);
/** "<Demonym|Country> <Title> " or "<Title> " right before a person. */
const TITLE_END = new RegExp(String.raw`(?:^|[^\p{L}])((?:[\p{Lu}][\p{L}-]*\s+)?)${TITLE}\s+$`, 'u');
/** A title's head word at the very end of a string (the heads are short: a tail this long holds one). */
const TITLE_HEAD_END = new RegExp(`(?:${TITLE_HEAD})$`, 'u');
/** Longest tail of a string that can hold a title head ("Chief Executive" and a margin). */
const TITLE_HEAD_MAX_CHARS = 24;

/**
 * Whether `s` ends with a title head, then (with `comma`) maybe a comma, then only white space:
 * what OWNER_TITLE_END and TITLE_END need, checked on the tail before their costly end-anchored search.
 */
function endsWithTitleHead(s: string, comma: boolean): boolean {
  let end = s.trimEnd().length;
  if (end === s.length && !comma) return false; // TITLE_END needs white space after the title
  if (comma && s.charCodeAt(end - 1) === 44 /* , */) end--;
  return TITLE_HEAD_END.test(s.slice(Math.max(0, end - TITLE_HEAD_MAX_CHARS), end));
}

/** A name: capitalised words ("National Security Council"). */
const NAME = String.raw`[\p{Lu}][\p{L}-]*(?:\s+[\p{Lu}][\p{L}-]*)*`;
/** ", (the) <Title> of <X>" right after a person. */
const TITLE_OF_START = new RegExp(
  String.raw`^,\s+(?:the\s+|a\s+|an\s+)?(?:former\s+|new\s+)?${TITLE}\s+of\s+((?:the\s+)?${NAME})`,
  'u',
);
/** "the <Title>" standing for its holder (not "the <Title> of", not before a name). */
const THE_TITLE = new RegExp(String.raw`\bthe\s+${TITLE}\b(?!\s+(?:of|[\p{Lu}]))`, 'gu');
/** Office nouns before "of <Person>" ("the presidency of X"). */
const OFFICE_OF = new RegExp(String.raw`\b(${Object.keys(OFFICE_NOUNS).join('|')})\s+of\s+`, 'giu');
/** "<X>, led|owned by <Person>". */
const ACTED_BY_PREDICATES = wordTable(WORDS, 'actedBy');
/** "<X>, led|owned by <Person>": group 1 the participle. */
const ACTED_BY = new RegExp(String.raw`\b(${Object.keys(ACTED_BY_PREDICATES).join('|')})\s+by\s+`, 'giu');
/**
 * Fast forms of OFFICE_OF, ACTED_BY and a necessary condition for ORG_DESCRIPTION: the same ASCII
 * patterns without the `u` flag, about four times cheaper. They match exactly like the /iu forms
 * in any text free of UNICODE_FOLDS (see `asciiFoldSafe`).
 */
const OFFICE_OF_ASCII = new RegExp(OFFICE_OF.source, 'gi');
/** The ASCII forms (see above). */
const ACTED_BY_ASCII = new RegExp(ACTED_BY.source, 'gi');
/** "the <organisation noun> ": what every ORG_DESCRIPTION match holds. */
const ORG_DESCRIPTION_NEEDS = new RegExp(String.raw`\bthe\s+(?:${ORG_NOUNS})\s`, 'i');
/**
 * The two characters that /iu patterns fold onto ASCII letters (long s → s, Kelvin sign → k) and
 * count as word characters for \b; an ASCII-only pattern with /i and no `u` matches exactly like
 * its /iu form in a text without them.
 */
const UNICODE_FOLDS = /[\u017F\u212A]/;
/** Whether the fast ASCII forms match like the /iu ones in `text` (it holds no UNICODE_FOLDS character). */
function asciiFoldSafe(text: string): boolean {
  return !UNICODE_FOLDS.test(text);
}
/** ", a member of <X>" right after a person: group 1 the organisation's words. */
const MEMBER_OF = new RegExp(
  String.raw`^,\s+(?:a|an)\s+(?:senior\s+|leading\s+|founding\s+|former\s+)?member\s+of\s+(?:the\s+)?(${NAME})`,
  'u',
);
/** "<Person> leads|heads|owns <X>": group 1 the verb, group 2 the organisation's words. */
const PERSON_ACTS = new RegExp(String.raw`^\s+(${alternation(WORDS, 'personVerbs')})\s+(?:the\s+)?(${NAME})`, 'u');
/** Nouns of office after a demonym ("minister", "envoy"). */
const OFFICIAL_NOUNS = alternation(WORDS, 'officialNouns');
/** "<Person> ... (to become|is|was|as) the (first) <Demonym> minister|official|...": group 1 the demonym. */
const OFFICIAL_OF = new RegExp(
  String.raw`^\s+(?:(?:to\s+)?(?:${alternation(WORDS, 'officialLinks')})\s+)(?:the\s+|a\s+)?` +
    String.raw`(?:first\s+|former\s+|new\s+|senior\s+)?([\p{Lu}][\p{L}]+)\s+(?:${OFFICIAL_NOUNS})\b`,
  'u',
);
/** Distance (characters) within which a description or pronoun may find its entity. */
const MAX_REFERENCE_DISTANCE = 600;

export const relationStage: Stage = {
  name: 'relations',
  reads: ['text', 'entities'],
  adds: ['relations'],
  run(doc) {
    doc.relations = extractRelations(doc);
  },
};

/** Every relation the text states, in text order, each once (a later statement can add the `of` of an earlier one). */
export function extractRelations(doc: Doc): Relation[] {
  const idx = mentionIndex(doc);
  const out = new Relations();
  const add = (r: Relation): void => out.add(r);
  const text = doc.text;
  const persons = idx.refs.filter((m) => m.entity.type === 'PERSON');

  for (const p of persons) {
    const before = text.slice(Math.max(0, p.start - 120), p.start);
    const after = text.slice(p.end, p.end + 160);
    // "<X>'s <Title>, <Person>"
    let m = endsWithTitleHead(before, true) ? OWNER_TITLE_END.exec(before) : null;
    if (m) {
      const ownerAt = p.start - before.length + m.index;
      const owner = entityOver(idx, ownerAt, ownerAt + m[1].length) ?? stateOfWord(doc, m[1]);
      add({
        subject: p.entity.id,
        predicate: 'role',
        objectText: m[2].trim(),
        ...(owner ? { of: owner.id } : {}),
        start: ownerAt,
        end: p.end,
      });
      continue;
    }
    // "<Demonym|Country> <Title> <Person>" / "<Title> <Person>"
    m = endsWithTitleHead(before, false) ? TITLE_END.exec(before) : null;
    if (m) {
      const lead = m[1].trim();
      const state = lead ? stateOfWord(doc, lead) : undefined;
      const title = state || !lead ? m[2].trim() : `${lead} ${m[2].trim()}`;
      const s =
        p.start -
        before.length +
        m.index +
        (m[0].length - m[1].length - m[2].length - (m[0].length - m[0].trimEnd().length));
      add({
        subject: p.entity.id,
        predicate: 'role',
        objectText: title,
        ...(state ? { of: state.id } : {}),
        start: s,
        end: p.end,
      });
    }
    // "<Person>, (the) <Title> of <X>"
    m = TITLE_OF_START.exec(after);
    if (m) {
      const at = p.end + m.index + m[0].length - m[2].length;
      const of = entityOver(idx, at, at + m[2].length) ?? stateOfWord(doc, m[2]);
      add({
        subject: p.entity.id,
        predicate: 'role',
        objectText: m[1].trim(),
        ...(of ? { of: of.id } : {}),
        start: p.start,
        end: p.end + m.index + m[0].length,
      });
      continue;
    }
    // "<Person>, a member of <X>"
    m = MEMBER_OF.exec(after);
    if (m) {
      const at = p.end + m.index + m[0].length - m[1].length;
      const org = entityOver(idx, at, at + m[1].length);
      add({
        subject: p.entity.id,
        predicate: 'member_of',
        ...(org ? { object: org.id } : { objectText: m[1] }),
        start: p.start,
        end: p.end + m[0].length,
      });
      continue;
    }
    // "<Person> – the <description> who|,|–": an appositive description
    m = /^\s*(?:[–—]|,)\s+the\s+([\p{Ll}][^,–—()]{3,80}?)(?=\s+(?:who|which|whose|that)\b|\s*[,–—()]|\.)/u.exec(after);
    if (m && !/^(first|last|same|other)\b/.test(m[1])) {
      add({
        subject: p.entity.id,
        predicate: 'role',
        objectText: m[1].trim(),
        start: p.start,
        end: p.end + m.index + m[0].length,
      });
    }
    // "<Person> leads|heads|owns <X>"
    m = PERSON_ACTS.exec(after);
    if (m) {
      const at = p.end + m.index + m[0].length - m[2].length;
      const obj = entityOver(idx, at, at + m[2].length);
      const pred = ACT_PREDICATES.find(([re]) => re.test(m![1]))?.[1] ?? 'leads';
      if (obj) add({ subject: p.entity.id, predicate: pred, object: obj.id, start: p.start, end: p.end + m[0].length });
    }
  }

  // "the presidency of <Person>": office nouns give a role in the article's main state
  const foldSafe = asciiFoldSafe(text);
  // the article's main state, found on first use
  let main: { state: Entity | undefined } | undefined;
  for (const m of text.matchAll(foldSafe ? OFFICE_OF_ASCII : OFFICE_OF)) {
    const at = m.index! + m[0].length;
    const p = startingAt(persons, at, () => true);
    if (!p) continue;
    if (!main) main = { state: mainState(doc) };
    const state = main.state;
    add({
      subject: p.entity.id,
      predicate: 'role',
      objectText: OFFICE_NOUNS[m[1].toLowerCase()],
      ...(state ? { of: state.id } : {}),
      start: m.index!,
      end: p.end,
    });
  }

  // "<X>, led|owned by <Person>"
  for (const m of text.matchAll(foldSafe ? ACTED_BY_ASCII : ACTED_BY)) {
    const at = m.index! + m[0].length;
    const p = startingAt(idx.refs, at, (x) => x.entity.type === 'PERSON' || x.entity.type === 'ORG');
    if (!p) continue;
    const org = lastEndingNear(idx, m.index!, 60, (x) => x.entity.type === 'ORG' || x.entity.type === 'GPE');
    if (!org) continue;
    const pred = Object.hasOwn(ACTED_BY_PREDICATES, m[1]) ? ACTED_BY_PREDICATES[m[1]] : 'leads';
    add({ subject: p.entity.id, predicate: pred, object: org.entity.id, start: org.start, end: p.end });
  }

  // "the organisation he founded"
  ORG_DESCRIPTION.lastIndex = 0;
  for (const m of foldSafe && !ORG_DESCRIPTION_NEEDS.test(text) ? [] : text.matchAll(ORG_DESCRIPTION)) {
    const pred = ACT_PREDICATES.find(([re]) => re.test(m[3]))?.[1] ?? 'founded';
    const descAt = m.index!;
    const who = /^(he|she|they)$/i.test(m[2])
      ? nearestBefore(idx, descAt + m[0].indexOf(m[2]), ['PERSON'])
      : entityOver(idx, descAt + m[0].indexOf(m[2]), descAt + m[0].indexOf(m[2]) + m[2].length);
    const org = nearestOrg(doc, idx, descAt, descAt + m[0].length);
    if (who && org) add({ subject: who.id, predicate: pred, object: org.id, start: descAt, end: descAt + m[0].length });
  }

  // titles carried by descriptions ("the Foreign Secretary" for the last person named), of the
  // state the person is called a minister or official of ("to become the first British minister")
  for (const e of doc.entities) {
    if (e.type !== 'PERSON') continue;
    const state = stateByPredicate(doc, e);
    for (const role of e.roles) {
      const has = out.role(e.id, role);
      if (has) {
        if (!has.of && state) has.of = state.id;
        continue;
      }
      const m = e.mentions.find((x) => x.text.toLowerCase().includes(role.toLowerCase())) ?? e.mentions[0];
      add({
        subject: e.id,
        predicate: 'role',
        objectText: role,
        ...(state ? { of: state.id } : {}),
        start: m.start,
        end: m.end,
      });
    }
  }
  // the first person carrying each role (lower-cased), and each person's state by predicate, read once
  const carrier = new Map<string, Entity>();
  for (const e of doc.entities)
    if (e.type === 'PERSON')
      for (const r of e.roles) if (!carrier.has(r.toLowerCase())) carrier.set(r.toLowerCase(), e);
  const stateOf = new Map<Entity, Entity | undefined>();
  for (const m of text.matchAll(THE_TITLE)) {
    const at = m.index!;
    if (isInPerson(idx, at)) continue;
    const holder =
      carrier.get(m[1].toLowerCase()) ??
      doc.entityById(out.firstRoleTitled(m[1])?.subject) ??
      nearestBefore(idx, at, ['PERSON'], (e) => !out.hasNamedRole(e.id));
    if (!holder) continue;
    if (!stateOf.has(holder)) stateOf.set(holder, stateByPredicate(doc, holder));
    const state = stateOf.get(holder);
    add({
      subject: holder.id,
      predicate: 'role',
      objectText: m[1],
      ...(state ? { of: state.id } : {}),
      start: at,
      end: at + m[0].length,
    });
  }

  // located_in
  const places = idx.refs.filter((m) => isPlace(m.entity));
  for (const a of places) {
    // the places starting within 30 characters after `a` (the list is sorted by start)
    for (let k = firstStartAtOrAfter(places, a.end + 1); k < places.length && places[k].start - a.end <= 30; k++) {
      const b = places[k];
      if (a.entity === b.entity) continue;
      const between = text.slice(a.end, b.start);
      if (
        PLACE_PART.test(between) ||
        (/^,\s*$/.test(between) && !!countryOfEntity(b.entity) && !countryOfEntity(a.entity))
      ) {
        add({ subject: a.entity.id, predicate: 'located_in', object: b.entity.id, start: a.start, end: b.end });
      }
    }
  }
  return out.list.sort((a, b) => a.start - b.start);
}

/** An entity mention: where it lies and whose it is. */
interface MentionRef {
  start: number;
  end: number;
  entity: Entity;
}

/** Every entity mention of a doc sorted by start, and the longest one's length (how far back one may start). */
interface Mentions {
  refs: MentionRef[];
  longest: number;
}

/** Every entity mention of the doc, sorted by start (longer first at one start). */
function mentionIndex(doc: Doc): Mentions {
  const refs: MentionRef[] = [];
  let longest = 0;
  for (const e of doc.entities)
    for (const m of e.mentions) {
      refs.push({ start: m.start, end: m.end, entity: e });
      longest = Math.max(longest, m.end - m.start);
    }
  return { refs: refs.sort((a, b) => a.start - b.start || b.end - a.end), longest };
}

/** The first mention of `list` (sorted by start) starting at `at` that `fits`. */
function startingAt(list: MentionRef[], at: number, fits: (m: MentionRef) => boolean): MentionRef | undefined {
  for (let i = firstStartAtOrAfter(list, at); i < list.length && list[i].start === at; i++)
    if (fits(list[i])) return list[i];
  return undefined;
}

/** The last mention (in index order) ending by `at`, at most `reach` characters before it, that `fits`. */
function lastEndingNear(
  idx: Mentions,
  at: number,
  reach: number,
  fits: (m: MentionRef) => boolean,
): MentionRef | undefined {
  const refs = idx.refs;
  // a mention ending in [at - reach, at] starts in [at - reach - longest, at]
  for (let i = firstStartAtOrAfter(refs, at + 1) - 1; i >= 0 && refs[i].start >= at - reach - idx.longest; i--)
    if (refs[i].end <= at && at - refs[i].end <= reach && fits(refs[i])) return refs[i];
  return undefined;
}

/** Whether `at` lies inside a person's mention. */
function isInPerson(idx: Mentions, at: number): boolean {
  const refs = idx.refs;
  for (let i = firstStartAtOrAfter(refs, at + 1) - 1; i >= 0 && refs[i].start >= at - idx.longest; i--)
    if (at < refs[i].end && refs[i].entity.type === 'PERSON') return true;
  return false;
}

/** The last entity with a mention overlapping `[start, end)` (the head of a noun phrase is on its right). */
function entityOver(idx: Mentions, start: number, end: number): Entity | undefined {
  const refs = idx.refs;
  for (let i = firstStartAtOrAfter(refs, end) - 1; i >= 0 && refs[i].start >= start - idx.longest; i--)
    if (refs[i].end > start) return refs[i].entity;
  return undefined;
}

/**
 * The entity of the nearest mention of one of `types` ending before `at` (within 5 × MAX_REFERENCE_DISTANCE) that
 * `ok` accepts.
 */
function nearestBefore(
  idx: Mentions,
  at: number,
  types: string[],
  ok: (e: Entity) => boolean = () => true,
): Entity | undefined {
  const refs = idx.refs;
  const reach = MAX_REFERENCE_DISTANCE * 5;
  let best: MentionRef | undefined;
  for (let i = firstStartAtOrAfter(refs, at - reach - idx.longest); i < refs.length && refs[i].start <= at; i++) {
    const m = refs[i];
    if (
      m.end <= at &&
      at - m.end <= reach &&
      types.includes(m.entity.type) &&
      ok(m.entity) &&
      (!best || m.start > best.start)
    )
      best = m;
  }
  return best?.entity;
}

/** The organisation a description refers to: the nearest ORG mention either side, not a reporting source. */
function nearestOrg(doc: Doc, idx: Mentions, start: number, end: number): Entity | undefined {
  const refs = idx.refs;
  let best: { e: Entity; d: number } | undefined;
  // within MAX_REFERENCE_DISTANCE either side: starting from that far before `start` (less the longest mention)
  const from = firstStartAtOrAfter(refs, start - MAX_REFERENCE_DISTANCE - idx.longest);
  for (let i = from; i < refs.length && refs[i].start <= end + MAX_REFERENCE_DISTANCE; i++) {
    const m = refs[i];
    if (m.entity.type !== 'ORG' || TITLE_ONLY.test(m.entity.name)) continue;
    if (REPORTING_AFTER.test(doc.text.slice(m.end, m.end + 30))) continue;
    const d = m.end <= start ? start - m.end : m.start >= end ? m.start - end : -1;
    if (d < 0 || d > MAX_REFERENCE_DISTANCE) continue;
    if (!best || d < best.d) best = { e: m.entity, d };
  }
  return best?.e;
}

/** A value of a relation as a key part (absent kept apart from any text). */
function part(v: string | undefined): string | number {
  return v === undefined ? 0 : v;
}

/**
 * The relations found so far, in order, with the look-ups the patterns make kept as keys (issue 16: no scan of
 * every relation per relation).
 */
class Relations {
  readonly list: Relation[] = [];
  /** The statements held: subject, predicate, object (or its words) and, for a role, its title lower-cased. */
  private readonly statements = new Set<string>();
  /** The first relation of each subject, predicate and lower-cased title (or no words: ''). */
  private readonly titled = new Map<string, Relation>();
  /** The first role relation with each lower-cased title. */
  private readonly roles = new Map<string, Relation>();
  /** The subjects holding a role whose title has a capital (a named office). */
  private readonly named = new Set<string>();

  /** Add a relation, each statement once (a later statement can add the `of` of an earlier one). */
  add(r: Relation): void {
    if (!r.subject || (r.object && r.object === r.subject)) return;
    const statement = JSON.stringify([
      r.subject,
      r.predicate,
      part(r.object ?? r.objectText),
      r.predicate === 'role' ? part(r.objectText?.toLowerCase()) : 0,
    ]);
    const titled = JSON.stringify([r.subject, r.predicate, (r.objectText ?? '').toLowerCase()]);
    if (this.statements.has(statement)) {
      const x = this.titled.get(titled);
      if (x && !x.of && r.of) x.of = r.of;
      return;
    }
    this.statements.add(statement);
    if (!this.titled.has(titled)) this.titled.set(titled, r);
    if (r.predicate === 'role' && r.objectText !== undefined) {
      const t = r.objectText.toLowerCase();
      if (!this.roles.has(t)) this.roles.set(t, r);
      if (/[\p{Lu}]/u.test(r.objectText)) this.named.add(r.subject);
    }
    this.list.push(r);
  }

  /** The first role relation of `subject` whose title is `title` (case aside). */
  role(subject: string, title: string): Relation | undefined {
    const t = title.toLowerCase();
    if (t === '') return this.list.find((r) => r.subject === subject && r.predicate === 'role' && r.objectText === '');
    return this.titled.get(JSON.stringify([subject, 'role', t]));
  }

  /** The first role relation with title `title` (case aside). */
  firstRoleTitled(title: string): Relation | undefined {
    return this.roles.get(title.toLowerCase());
  }

  /** Whether `subject` holds a role whose title has a capital. */
  hasNamedRole(subject: string): boolean {
    return this.named.has(subject);
  }
}

/**
 * The state a person is called an official of: "<Person> ... (to become|is|was|as) the (first) <Demonym>
 * minister|official|...".
 */
function stateByPredicate(doc: Doc, e: Entity): Entity | undefined {
  for (const m of e.mentions) {
    const after = doc.text.slice(m.end, m.end + 80);
    const x = OFFICIAL_OF.exec(after);
    if (x) {
      const s = stateOfWord(doc, x[1]);
      if (s) return s;
    }
  }
  return undefined;
}

/** The state the article is about: the country entity with most mentions (its places and demonyms included). */
export function mainState(doc: Doc): Entity | undefined {
  const score = new Map<Entity, number>();
  for (const e of doc.entities) {
    const c = countryOfEntity(e);
    if (c) score.set(e, (score.get(e) ?? 0) + e.mentions.length);
  }
  for (const e of doc.entities) {
    if (e.geo && !countryOfEntity(e)) {
      const st = [...score.keys()].find((s) => countryOfEntity(s)?.cca2 === e.geo!.country);
      if (st) score.set(st, (score.get(st) ?? 0) + e.mentions.length);
    }
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
