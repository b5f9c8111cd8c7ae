/**
 * Resolving the words of an actor, target or place to an entity of the article.
 *
 * Order of evidence: an entity mention inside the phrase (the rightmost one: English noun phrases
 * end in their head), a country demonym ("British special forces" → the United Kingdom entity), a
 * capital standing for its state ("Damascus" as actor → Syria, as PLOVER codes it), a title the
 * entity carries ("the Foreign Secretary"), and for bare "government forces" the state whose
 * government or forces the article named last.
 */
import type { Doc } from '../../model/doc.ts';
import type { Entity } from '../../model/analysis.ts';
import { countryEntity, countryOfCapital, countryOfName } from '../../lexicon/countries.ts';

export interface MentionRef {
  start: number;
  end: number;
  entity: Entity;
}

/** Every entity mention of the doc, sorted by start. */
export function mentionIndex(doc: Doc): MentionRef[] {
  const out: MentionRef[] = [];
  for (const e of doc.entities) for (const m of e.mentions) out.push({ start: m.start, end: m.end, entity: e });
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * How many mentions of `idx` (sorted by start, as `mentionIndex` gives) start before `end`: they are its first ones.
 */
function countStartingBefore(idx: MentionRef[], end: number): number {
  let lo = 0;
  let hi = idx.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idx[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Mentions lying inside (or overlapping) `[start, end)`, from `idx` sorted by start (as
 * `mentionIndex` gives), reading only the mentions that start before `end` (the full filter is the
 * reference form in test/events.test.ts).
 */
export function mentionsIn(idx: MentionRef[], start: number, end: number): MentionRef[] {
  const out: MentionRef[] = [];
  const n = countStartingBefore(idx, end);
  for (let i = 0; i < n; i++) if (idx[i].end > start) out.push(idx[i]);
  return out;
}

/**
 * Whether a mention of `idx` (sorted by start) overlaps `[start, end)`: `mentionsIn(idx, start, end).length > 0`,
 * without the list.
 */
export function overlapsMention(idx: MentionRef[], start: number, end: number): boolean {
  const n = countStartingBefore(idx, end);
  for (let i = 0; i < n; i++) if (idx[i].end > start) return true;
  return false;
}

/** Entity a title description names ("the Foreign Secretary"): one carrying it as role or alias. */
export function entityWithTitle(doc: Doc, title: string): Entity | undefined {
  const t = title.toLowerCase().replace(/^(the|a|an)\s+/, '');
  return doc.entities.find(
    (e) =>
      e.type === 'PERSON' &&
      (e.roles.some((r) => r.toLowerCase() === t) ||
        e.aliases.some((a) => a.toLowerCase().replace(/^(the|a|an)\s+/, '') === t)),
  );
}

/** A capital named as an actor stands for its state (PLOVER codes "Damascus" as Syria) when that state is an entity. */
export function stateForPlace(doc: Doc, e: Entity): Entity {
  const c = countryOfCapital(e.name);
  if (!c || countryOfName(e.name)) return e;
  return countryEntity(doc, c) ?? e;
}
