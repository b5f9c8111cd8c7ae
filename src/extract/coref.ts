/**
 * Coreference: which entity a pronoun ("he", "it"), a description ("the Foreign Secretary", "the
 * company") or a short name ("Mr Lammy") at a place in the text stands for.
 *
 * One module, read by every stage after the entity stage that needs an antecedent (quotes, claims,
 * relations, events). It reads only the Doc's entity and sentence layers and the lexicon, and
 * answers with an `Entity` of `doc.entities` or `undefined`; it never changes the Doc.
 */
import type { Doc } from '../model/doc.ts';
import type { Entity, EntityType } from '../model/analysis.ts';
import { foldKey, honorificGender, type Gender } from '../lexicon/lexicon.ts';
import { wordTable } from '../lexicon/load.ts';
import { roleHead } from '../lexicon/roles.ts';

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
  const exact = doc.entities.filter(
    (e) => foldKey(e.name) === key || e.aliases.some((a) => withoutThe(foldKey(a)) === key),
  );
  const byRole = exact.length
    ? exact
    : doc.entities.filter(
        (e) =>
          e.type === 'PERSON' && e.roles.some((r) => foldKey(r) === key || (!key.includes(' ') && roleHead(r) === key)),
      );
  return nearest(byRole, start);
}

/** A folded key without its leading "the " (`replace(/^the /, '')` without a regular expression: asked for every alias of every entity). */
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
  const genders = new Map<string, Gender | undefined>();
  for (const e of doc.entities) {
    let g: Gender | undefined;
    for (const m of e.mentions) {
      const h = /^(\S+)\s/.exec(m.text);
      if (h) g ??= honorificGender(h[1]);
    }
    genders.set(e.id, g);
  }
  const si = doc.sentenceIndexAt(offset);
  const sentences = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
  const cur = si >= 0 ? si : sentences.length - 1;
  for (let k = cur; k >= Math.max(0, cur - MAX_LOOKBACK_SENTENCES); k--) {
    const s = sentences[k];
    const limit = k === cur ? offset : s.end;
    const found: { e: Entity; start: number }[] = [];
    for (const e of doc.entities) {
      if (!pronounFits(spec, genders.get(e.id), e)) continue;
      for (const m of e.mentions) if (m.start >= s.start && m.end <= limit) found.push({ e, start: m.start });
    }
    if (found.length === 0) continue;
    found.sort((a, b) => a.start - b.start);
    // a person whose known gender matches beats one whose gender is unknown
    if (spec.gender) {
      const sure = found.filter((f) => genders.get(f.e.id) === spec.gender);
      if (sure.length) return k === cur ? sure[sure.length - 1].e : sure[0].e;
    }
    // same sentence: the nearest before the pronoun; earlier sentences: the first (subject) one
    return k === cur ? found[found.length - 1].e : found[0].e;
  }
  return undefined;
}
