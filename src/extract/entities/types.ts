/**
 * Entity types: name-shaped organisations that the text treats as people, one type per entity (the
 * most frequent of its mentions', PERSON where an honorific says so), and the mentions that keep a
 * type of their own where a name is used for another kind of thing ("Cleveland beat Texas").
 */
import type { Doc } from '../../model/doc.ts';
import type { EntityType } from '../../model/analysis.ts';
import { isKnownOrg, isOrgHead } from '../../lexicon/lexicon.ts';
import { nameWords, surnameKey, SURNAME_PARTICLE } from './names.ts';
import { rolesAround } from './roles.ts';
import type { RawMention, Work } from './work.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** A capital then a lower-case letter. */
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}/u;

/** The most words a person's name has; longer name-shaped runs are organisations. */
const MAX_NAME_WORDS = 4;

/**
 * Types a mention keeps where its entity's type differs: a place named for the organisation that
 * sits there or plays for it ("Cleveland beat Texas", "Fort Hood said") is the same name used as an
 * organisation, and the recogniser's reading of that one mention is kept.
 */
const METONYMY: Partial<Record<EntityType, ReadonlySet<EntityType>>> = {
  GPE: new Set(['ORG']),
  LOC: new Set(['ORG']),
  ORG: new Set(['GPE', 'LOC']),
};

/**
 * Name-shaped ORG/MISC mentions that the text treats as people: a role binds to them, or they share
 * a person's surname.
 */
export function retypePersons(doc: Doc, mentions: RawMention[]): void {
  const surnames = new Set<string>();
  for (const m of mentions) {
    const ws = nameWords(m.text);
    if (m.type === 'PERSON' && ws.length >= 2) surnames.add(surnameKey(ws[ws.length - 1]));
  }
  for (const m of mentions) {
    if (m.type !== 'ORG' && m.type !== 'MISC') continue;
    const ws = nameWords(m.text);
    if (
      ws.length < 2 ||
      ws.length > MAX_NAME_WORDS ||
      !ws.every((w) => CAPITALISED_WORD.test(w) || SURNAME_PARTICLE.test(w))
    )
      continue;
    if (isKnownOrg(m.text) || ws.some((w) => isOrgHead(w))) continue;
    if (surnames.has(surnameKey(ws[ws.length - 1])) || rolesAround(doc, m).length > 0) m.type = 'PERSON';
  }
}

/** One type per entity: the most frequent among its mentions, PERSON where an honorific says so. */
export function settleTypes(works: Work[]): void {
  for (const w of works) {
    if (w.country || w.mentions.length === 0) continue;
    if (w.mentions.some((m) => m.honorific)) {
      w.type = 'PERSON';
      continue;
    }
    const votes = new Map<EntityType, number>();
    for (const m of w.mentions) votes.set(m.type, (votes.get(m.type) ?? 0) + 1);
    w.type = [...votes.entries()].sort((a, b) => b[1] - a[1])[0][0];
  }
}

/** The type a mention of an entity of type `entity` keeps as its own (see METONYMY), else undefined. */
export function ownMentionType(entity: EntityType, mention: EntityType): EntityType | undefined {
  return METONYMY[entity]?.has(mention) ? mention : undefined;
}
