/**
 * Who said something: the speaker phrase before a reporting verb ("Ms Ortiz said", "senior
 * officials said", "Jane Ortiz, the firm’s founder, said"), after it ("…,” said the minister") or
 * at the head of its clause ("Mayor Ines Duarte toured the district and spoke of …"), classed by
 * form (entity, pronoun, name, description, anonymous, publication) and resolved to an entity of
 * the Doc through coreference (`src/extract/coref.ts`). Without entities a speaker keeps its
 * words and no id.
 */
import type { Doc, MentionRef } from '../../model/doc.ts';
import type { Entity } from '../../model/analysis.ts';
import { isHonorific } from '../../lexicon/lexicon.ts';
import { alternation, wordList, wordSet } from '../../lexicon/load.ts';
import { pronounAntecedent, speakerEntity } from '../coref.ts';
import {
  ANONYMOUS_MARKER,
  ANONYMOUS_NOUN_END,
  ANONYMOUS_PHRASE_START,
  ANONYMOUS_PHRASE_WORD,
  BODY_PHRASE_WORD,
  PHRASE_BREAKERS,
  PUBLICATION_NAME,
  SELF_PUBLICATION,
  anonymousSourceEnd,
  endsWithRole,
  isPublication,
  isRoleNoun,
  peopleOfBodyEnd,
} from './sources.ts';
import { trimEnd, trimStart, type Span } from './spans.ts';
import { wordsIn } from './words.ts';

/** How a speaker is written: entity mention, pronoun, name, description, anonymous source or publication. */
export type SpeakerForm = 'entity' | 'pronoun' | 'name' | 'description' | 'anonymous' | 'publication';

/** Who a statement is attributed to: the words used and, where resolved, the entity. */
export interface SpeakerMatch extends Span {
  text: string;
  form: SpeakerForm;
  entity: string | null;
}

/** The words of a list, then the capitalised forms of those that change ("he|she|I|He|She"), as an alternation. */
export function withCapitals(words: readonly string[]): string {
  const capitals = words.map((w) => w[0].toUpperCase() + w.slice(1)).filter((w, i) => w !== words[i]);
  return [...words, ...capitals].join('|');
}

/** Pronouns that can stand for a speaker. */
export const SPEAKER_PRONOUNS = wordList('speaker-words', 'speakerPronouns');

/** A speaker pronoun ending a stretch of text ("… he"). */
const SPEAKER_PRONOUN = new RegExp(`(?:^|[^\\p{L}])(${withCapitals(SPEAKER_PRONOUNS)})$`, 'u');

/** A speaker pronoun opening a stretch of text ("said she"). */
const SPEAKER_PRONOUN_START = new RegExp(`^(${SPEAKER_PRONOUNS.join('|')})(?![\\p{L}])`, 'u');

/** Pronouns that open a clause as its subject ("he toured …"). */
const CLAUSE_PRONOUN = new RegExp(`^(${withCapitals(['he', 'she', 'they', 'we'])})\\s`);

/**
 * Honorifics kept as part of a speaker's name ("Mr Lammy", "Sir Keir Starmer"): the English
 * courtesy titles of `honorifics.json` (see `speakerTitles` in speaker-words.json for why not all).
 */
const SPEAKER_TITLES: ReadonlySet<string> = new Set(wordList('speaker-words', 'speakerTitles').filter(isHonorific));

/** Whether a word (never ending in a full stop here: see words.ts) is a speaker title. */
function isTitle(w: string): boolean {
  return SPEAKER_TITLES.has(w);
}

/** Name particles written in lower case inside names ("Abu Hasan al-Jazrawi", "Ursula von der Leyen"). */
const NAME_PARTICLES = new RegExp(`^(${alternation('speaker-words', 'nameParticles')})$`);

/** Capitalised words that start sentences or name times, never a speaker. */
const NOT_NAME_WORDS = wordSet('speaker-words', 'notNameWords');

/** Words between a subject and its verb that do not break the link ("he has also said"). */
export const SKIPPABLE_BEFORE_VERB = wordSet('speaker-words', 'skippedBeforeVerb');

/** Longest relative clause stepped over between a speaker and the verb, in words. */
const RELATIVE_CLAUSE_MAX_WORDS = 30;

/** The relative clause ", who …" ending a stretch of text (between a speaker and the verb). */
const RELATIVE_CLAUSE_END = new RegExp(
  `,\\s+(?:${alternation('speaker-words', 'relativePronouns')})\\s[^‘’“”"«».!?;]*$`,
  'u',
);

/** Determiners that open a described speaker ("the minister", "her spokesman"), lower case. */
const DETERMINERS = alternation('speaker-words', 'determiners');

/** An appositive description between a name and its verb ("Jane Ortiz, the firm’s founder, said"). */
const APPOSITIVE_DESCRIPTION = new RegExp(`^(?:${DETERMINERS}|[\\p{Lu}][\\p{L}’'-]*[’']s)\\s`, 'u');

/** A lower-case role description ending a stretch: "the minister", "the company’s chief executive". */
const ROLE_DESCRIPTION_END = new RegExp(
  `(?:^|[^\\p{L}])((?:${withCapitals(wordList('speaker-words', 'determiners'))}|[\\p{Lu}][\\p{L}-]*[’']s)` +
    `\\s+(?:[\\p{L}’'-]+\\s+){0,3}?[\\p{L}-]+)$`,
  'u',
);

/** A description after the verb: "the minister", "two officials", "a spokesman for the ministry". */
const DESCRIPTION_START = new RegExp(
  `^((?:${alternation('speaker-words', 'descriptionOpeners')})\\s+(?:[\\p{L}’'-]+\\s+){0,3}?[\\p{L}-]+)(?=[\\s,.;:]|$)`,
  'u',
);

/** One letter (a code point): the unit of the run `lastLetterRunStart` walks back over. */
const LETTER = /^\p{L}$/u;

/**
 * Start of the run of letters ending at `end`, not before `lo` (`end` when there is none):
 * `/\p{L}+$/u` read backwards.
 */
function lastLetterRunStart(text: string, lo: number, end: number): number {
  let k = end;
  while (k > lo) {
    const c = text.charCodeAt(k - 1);
    // a surrogate pair is one code point; a lone half is no letter
    const width = c >= 0xdc00 && c <= 0xdfff && k - 2 >= lo && (text.charCodeAt(k - 2) & 0xfc00) === 0xd800 ? 2 : 1;
    if (
      width === 1 && c < 128 ? !((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) : !LETTER.test(text.slice(k - width, k))
    )
      break;
    k -= width;
  }
  return k;
}

/** Skips words that may sit between a subject and its verb; returns the new end offset. */
function skipBackOverAdverbs(text: string, lo: number, pos: number): number {
  let e = trimEnd(text, lo, pos);
  for (;;) {
    const w = text.slice(lastLetterRunStart(text, lo, e), e);
    if (!w) return e;
    const isAdverb =
      SKIPPABLE_BEFORE_VERB.has(w) ||
      (/^[a-z]+ly$/.test(w) && w !== 'only' && w.length > 4 && !/(?:family|ally|supply|rally|italy)$/.test(w));
    if (!isAdverb) return e;
    e = trimEnd(text, lo, e - w.length);
  }
}

/**
 * Start of a relative clause ", who …" / ", which …" that ends at `inner` (the comma before the
 * verb), i.e. the offset of the comma that opens it; null when there is none. The clause may hold
 * inner commas ("who, in 2019, founded …") but no quotation marks or sentence ends.
 */
function relativeClauseBefore(text: string, lo: number, inner: number): number | null {
  const seg = text.slice(lo, inner);
  // The leftmost match is the outermost clause (nested ones lie inside it).
  const m = RELATIVE_CLAUSE_END.exec(seg);
  if (!m || seg.slice(m.index).split(/\s+/).length > RELATIVE_CLAUSE_MAX_WORDS) return null;
  return lo + m.index;
}

/** Whether a word may be part of a proper name. */
function isNameWord(w: string): boolean {
  return /^[\p{Lu}][\p{L}\p{N}’'.-]*$/u.test(w) || NAME_PARTICLES.test(w) || /^(al|el)-/.test(w);
}

/**
 * The speaker phrase that ends right before `pos` (a verb), looking no further back than `lo`:
 * a pronoun, an entity mention, a name, a role description ("the company’s chief executive")
 * or an anonymous source ("officials"); an appositive between name and verb is stepped over
 * ("Jane Ortiz, the firm’s founder, said").
 *
 * Memoised for the Doc last asked about (see `SubjectMemo`): the quote stage and the claim stage
 * look for the subjects of the same reporting verbs (about 40% of the calls repeat one). Each call
 * gets its own copy of the result, which callers may change (the quote stage sets `entity`).
 */
export function subjectBefore(doc: Doc, pos: number, lo: number): SpeakerMatch | null {
  // a key of two offsets in one number, exact below 2^26 characters (longer texts are not memoised)
  if (lo >= SUBJECT_KEY_SPAN || pos >= SUBJECT_KEY_SPAN) return findSubjectBefore(doc, pos, lo);
  const stamp = entityStamp(doc.entities);
  if (!subjectMemo || subjectMemo.doc !== doc || subjectMemo.entities !== doc.entities || subjectMemo.stamp !== stamp) {
    subjectMemo = { doc, entities: doc.entities, stamp, byKey: new Map() };
  }
  const key = pos * SUBJECT_KEY_SPAN + lo;
  let r = subjectMemo.byKey.get(key);
  if (r === undefined) {
    r = findSubjectBefore(doc, pos, lo);
    if (subjectMemo.byKey.size >= SUBJECT_MEMO_SIZE) subjectMemo.byKey.clear();
    subjectMemo.byKey.set(key, r);
  }
  // every field in the order of the literals below: one object shape
  return r && { start: r.start, end: r.end, text: r.text, form: r.form, entity: r.entity };
}

/**
 * `subjectBefore`'s results for one Doc, valid while its entity layer is the one they were found
 * with: the same array, and the same `entityStamp` (what the later stages change there: entities
 * and mentions added, entities re-typed, renamed or given aliases and roles).
 */
interface SubjectMemo {
  doc: Doc;
  entities: Entity[];
  stamp: number;
  byKey: Map<number, SpeakerMatch | null>;
}
/** The memo of the Doc last asked about. */
let subjectMemo: SubjectMemo | undefined;
/** Offsets at or past this are not memoised (the key packs two offsets in one exact number). */
const SUBJECT_KEY_SPAN = 2 ** 26;
/** Results kept per Doc before the memo starts afresh (a few dozen in a news article). */
const SUBJECT_MEMO_SIZE = 4096;

/**
 * A hash of what `subjectBefore` reads of the entities besides the text: types, names, counts of
 * mentions, aliases, roles.
 */
function entityStamp(entities: Entity[]): number {
  let h = entities.length;
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    h = (Math.imul(h, 31) + e.mentions.length) | 0;
    h = (Math.imul(h, 31) + e.aliases.length * 1024 + e.roles.length) | 0;
    h = (Math.imul(h, 31) + e.name.length * 64 + e.type.length * 8 + e.type.charCodeAt(0)) | 0;
  }
  return h;
}

/** The search `subjectBefore` memoises (its steps over appositives and relative clauses recurse here). */
function findSubjectBefore(doc: Doc, pos: number, lo: number): SpeakerMatch | null {
  const text = doc.text;
  const e = skipBackOverAdverbs(text, lo, pos);
  if (e <= lo) return null;
  // Appositive: "Name, description," before the verb.
  if (text[e - 1] === ',') {
    const inner = e - 1;
    // Relative clause: "Margrit Oberholzer, who chaired the talks in Geneva, said".
    const rel = relativeClauseBefore(text, lo, inner);
    if (rel !== null) {
      const head = findSubjectBefore(doc, rel, lo);
      if (head && head.form !== 'pronoun') return head;
    }
    const prevComma = text.lastIndexOf(',', inner - 1);
    if (prevComma >= lo) {
      const desc = text.slice(prevComma + 1, inner).trim();
      if (APPOSITIVE_DESCRIPTION.test(desc) && desc.split(/\s+/).length <= 8) {
        const name = findSubjectBefore(doc, prevComma, lo);
        if (name && (name.form === 'entity' || name.form === 'name')) return name;
      }
      // "The opposition leader, Tove Ellingsen, said": the name is the appositive itself.
      const inside = findSubjectBefore(doc, inner, prevComma + 1);
      if (
        inside &&
        (inside.form === 'entity' || inside.form === 'name') &&
        inside.start <= trimStart(text, prevComma + 1, inner) + 4
      )
        return inside;
    }
    return null;
  }
  const before = text.slice(lo, e);
  // Pronoun.
  const pm = SPEAKER_PRONOUN.exec(before);
  if (pm) {
    const start = e - pm[1].length;
    return { start, end: e, text: pm[1], form: 'pronoun', entity: pronounAntecedent(doc, start, pm[1]) };
  }
  // Entity mention ending here (speakers are people, organisations or states).
  const ent = mentionEndingAt(doc, e, lo);
  if (ent) {
    let start = ent.start;
    const words = wordsIn(text, lo, start);
    for (
      let i = words.length - 1;
      i >= 0 && isTitle(words[i].w) && trimEnd(text, words[i].end, start) === words[i].end;
      i--
    )
      start = words[i].start;
    // "Analysts at Brightwater Capital", "a spokesman for the ministry": the people, named by their body.
    const pre = peopleOfBodyEnd(text.slice(lo, start));
    if (pre && !pre[1].split(/\s+/).some((w) => PHRASE_BREAKERS.has(w.toLowerCase()) && !BODY_PHRASE_WORD.test(w)))
      start -= pre[1].length;
    const t = text.slice(start, e);
    if (isPublication(doc, t, ent.entity))
      return { start, end: e, text: t, form: 'publication', entity: ent.entity.id };
    return { start, end: e, text: t, form: 'entity', entity: ent.entity.id };
  }
  // Anonymous source phrase.
  const anonymous = anonymousPhraseEnding(before);
  if (anonymous !== null) {
    const start = e - anonymous;
    return { start, end: e, text: text.slice(start, e), form: 'anonymous', entity: null };
  }
  // Capitalised run: a name ("Ms Ortiz") or a title description ("the Foreign Secretary").
  const words = wordsIn(text, lo, e);
  const i = words.length - 1;
  if (i >= 0 && words[i].end === e && isNameWord(words[i].w) && !NAME_PARTICLES.test(words[i].w)) {
    let j = i;
    while (j > 0 && isNameWord(words[j - 1].w) && /^\s+$|^$/.test(text.slice(words[j - 1].end, words[j].start))) j--;
    while (j <= i && NOT_NAME_WORDS.has(words[j].w) && !isTitle(words[j].w)) j++;
    while (j <= i && NAME_PARTICLES.test(words[j].w)) j++;
    if (j <= i) {
      let start = words[j].start;
      const prev = words[j - 1];
      const isThe = prev && /^(the|The)$/.test(prev.w) && /^\s+$/.test(text.slice(prev.end, start));
      if (isThe) start = prev.start;
      const t = text.slice(start, e);
      if (SELF_PUBLICATION.test(t) || (PUBLICATION_NAME.test(t) && isPublication(doc, t))) {
        return { start, end: e, text: t, form: 'publication', entity: speakerEntity(doc, start, e) };
      }
      if (isThe || endsWithRole(t))
        return { start, end: e, text: t, form: 'description', entity: speakerEntity(doc, start, e) };
      return { start, end: e, text: t, form: 'name', entity: speakerEntity(doc, start, e) };
    }
  }
  // Lower-case role description: "the minister", "the company’s chief executive", "a spokesman".
  const dm = ROLE_DESCRIPTION_END.exec(before);
  if (
    dm &&
    endsWithRole(dm[1].replace(/^\S+\s+/, '')) &&
    !dm[1]
      .split(/\s+/)
      .slice(1)
      .some((w) => PHRASE_BREAKERS.has(w))
  ) {
    const start = e - dm[1].length;
    const t = text.slice(start, e);
    if (SELF_PUBLICATION.test(t)) return { start, end: e, text: t, form: 'publication', entity: null };
    return { start, end: e, text: t, form: 'description', entity: speakerEntity(doc, start, e) };
  }
  if (SELF_PUBLICATION.test(before.trim().split(/\s+/).slice(-2).join(' '))) {
    const t = before.trim().split(/\s+/).slice(-2).join(' ');
    return { start: e - t.length, end: e, text: t, form: 'publication', entity: null };
  }
  return null;
}

/**
 * The subject of a clause whose verb has none right before it ("Mayor Ines Duarte toured the
 * district and spoke of …"): the first person or organisation mention, pronoun or definite title
 * that opens the clause in `[lo, hi)`, after any leading subordinate phrase ended by a comma.
 */
export function clauseSubject(doc: Doc, lo: number, hi: number): SpeakerMatch | null {
  const text = doc.text;
  const region = text.slice(lo, hi);
  const opens: number[] = [lo];
  const commaRe = /,\s*/g;
  let m: RegExpExecArray | null;
  while ((m = commaRe.exec(region))) opens.push(lo + m.index + m[0].length);
  for (const o of opens) {
    const start = trimStart(text, o, hi);
    // Title words may precede the name ("Mayor Ines Duarte", "Yesterday Mr Okafor").
    // the first such mention; of two starting together, the entity first in `doc.entities`
    let best: MentionRef | undefined;
    for (const mm of doc.mentionsIn(start, hi)) {
      if (best && mm.start > best.start) break;
      if (mm.entity.type !== 'PERSON' && mm.entity.type !== 'ORG') continue;
      if (!best && !/^(?:(?:the|The|[\p{Lu}][\p{L}’'.-]*)\s+){0,4}$/u.test(text.slice(start, mm.start))) continue;
      if (!best || mm.order < best.order) best = mm;
    }
    if (best)
      return {
        start: best.start,
        end: best.end,
        text: doc.span(best.start, best.end),
        form: 'entity',
        entity: best.entity.id,
      };
    const pm = CLAUSE_PRONOUN.exec(text.slice(start, hi));
    if (pm)
      return {
        start,
        end: start + pm[1].length,
        text: pm[1],
        form: 'pronoun',
        entity: pronounAntecedent(doc, start, pm[1]),
      };
    const dm = /^(?:the|The)\s+(?:[\p{Lu}][\p{L}-]*\s+){0,3}[\p{Lu}][\p{L}-]*(?=\s)/u.exec(text.slice(start, hi));
    if (dm && endsWithRole(dm[0].replace(/^\S+\s+/, ''))) {
      return {
        start,
        end: start + dm[0].length,
        text: dm[0],
        form: 'description',
        entity: speakerEntity(doc, start, start + dm[0].length),
      };
    }
  }
  return null;
}

/**
 * The speaker phrase right after a verb (inverted order: "…,” said Ms Ortiz, the firm’s chief
 * executive."), looking no further than `hi`.
 */
export function subjectAfter(doc: Doc, pos: number, hi: number): SpeakerMatch | null {
  const text = doc.text;
  const s = trimStart(text, pos, hi);
  if (s >= hi) return null;
  const rest = text.slice(s, hi);
  const pm = SPEAKER_PRONOUN_START.exec(rest);
  if (pm)
    return { start: s, end: s + pm[1].length, text: pm[1], form: 'pronoun', entity: pronounAntecedent(doc, s, pm[1]) };
  // Entity mention starting here (optionally after an honorific).
  const words = wordsIn(text, s, hi);
  let k = 0;
  while (k < words.length && isTitle(words[k].w)) k++;
  if (k < words.length) {
    // a mention starting at the first word or the first after the titles, of the entity first in `doc.entities`
    let m: MentionRef | undefined;
    for (const r of doc.mentionsIn(words[0].start, hi)) {
      if (r.start > words[k].start) break;
      if ((r.start === words[k].start || r.start === words[0].start) && (!m || r.order < m.order)) m = r;
    }
    if (m) {
      return {
        start: s,
        end: m.end,
        text: text.slice(s, m.end),
        form: isPublication(doc, doc.span(m.start, m.end), m.entity) ? 'publication' : 'entity',
        entity: m.entity.id,
      };
    }
  }
  // Capitalised name run.
  let j = 0;
  while (
    j < words.length &&
    isNameWord(words[j].w) &&
    (j === 0 || /^\s+$/.test(text.slice(words[j - 1].end, words[j].start)))
  )
    j++;
  while (j > 0 && NAME_PARTICLES.test(words[j - 1].w)) j--;
  const firstNonHonorific = words.slice(0, j).find((w) => !isTitle(w.w));
  if (j > 0 && firstNonHonorific && !NOT_NAME_WORDS.has(firstNonHonorific.w)) {
    const e = words[j - 1].end;
    const t = text.slice(s, e);
    return {
      start: s,
      end: e,
      text: t,
      form: PUBLICATION_NAME.test(t) && isPublication(doc, t) ? 'publication' : 'name',
      entity: speakerEntity(doc, s, e),
    };
  }
  // "the minister", "a spokesman for the ministry", "officials".
  const dm = DESCRIPTION_START.exec(rest);
  if (dm) {
    const t = dm[1];
    if (ANONYMOUS_NOUN_END.test(t) && !/^the\s/i.test(t))
      return { start: s, end: s + t.length, text: t, form: 'anonymous', entity: null };
    if (endsWithRole(t))
      return {
        start: s,
        end: s + t.length,
        text: t,
        form: 'description',
        entity: speakerEntity(doc, s, s + t.length),
      };
  }
  const an = ANONYMOUS_PHRASE_START.exec(rest);
  if (an && !an[1].split(/\s+/).some((w) => PHRASE_BREAKERS.has(w))) {
    return { start: s, end: s + an[1].length, text: an[1], form: 'anonymous', entity: null };
  }
  // A bare body or role with no determiner ("according to police", "said prosecutors").
  const bare = /^((?:[\p{Ll}-]+\s+){0,2}?[\p{L}-]+)(?=[\s,.;:]|$)/u.exec(rest);
  if (
    bare &&
    !bare[1].split(/\s+/).some((w) => PHRASE_BREAKERS.has(w.toLowerCase())) &&
    isRoleNoun(bare[1].split(/\s+/).pop()!.toLowerCase())
  ) {
    return {
      start: s,
      end: s + bare[1].length,
      text: bare[1],
      form: 'description',
      entity: speakerEntity(doc, s, s + bare[1].length),
    };
  }
  return null;
}

/**
 * The longest entity mention ending at `end` (allowing a possessive-free exact end), starting after
 * `lo`; of two, the entity first in `doc.entities`.
 */
export function mentionEndingAt(doc: Doc, end: number, lo: number): { entity: Entity; start: number } | null {
  let best: MentionRef | undefined;
  for (const m of doc.mentionsIn(lo, end)) {
    if (best && m.start > best.start) break;
    if (m.end === end && SPEAKER_TYPES.has(m.entity.type) && (!best || m.order < best.order)) best = m;
  }
  return best ? { entity: best.entity, start: best.start } : null;
}

/** Entity types that can speak. */
const SPEAKER_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);

/**
 * Length of the anonymous-source phrase ending `before` ("senior intelligence sources", "officials
 * in Damascus", "people familiar with the talks"), or null: the test `findSubjectBefore` applies.
 */
export function anonymousPhraseEnding(before: string): number | null {
  const am = anonymousSourceEnd(before);
  if (!am) return null;
  const phraseWords = am[1].split(/\s+/);
  let k = 0;
  while (k < phraseWords.length - 1 && PHRASE_BREAKERS.has(phraseWords[k].toLowerCase())) k++;
  const kept = phraseWords.slice(k);
  if (kept.some((w) => PHRASE_BREAKERS.has(w.toLowerCase()) && !ANONYMOUS_PHRASE_WORD.test(w))) return null;
  const src = kept.join(' ');
  // "the minister's aides" may point back to someone named; a plural group of trade stays unnamed.
  if (
    /^(?:the|a|an)\s/i.test(src) &&
    !ANONYMOUS_MARKER.test(src) &&
    !/^the\s+(?:[\p{Ll}-]+\s+){0,2}[\p{Ll}]+s$/u.test(src)
  )
    return null;
  return src.length;
}
