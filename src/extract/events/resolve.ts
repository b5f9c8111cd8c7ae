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
import type { Claim, Entity, Quote, TimeExpression } from '../../model/analysis.ts';
import { SpanIndex } from './spans.ts';
import { firstStartAtOrAfter } from '../../text/search.ts';
import { countryEntity, countryOfCapital, countryOfName } from '../../lexicon/countries.ts';

export interface MentionRef {
  start: number;
  end: number;
  entity: Entity;
}

/** The mentions, quotes, claims and times of a doc indexed by position (built once per run of the stage). */
export interface EventIndex {
  /** Every entity mention, sorted by start (longer first). */
  mentions: MentionRef[];
  /** The length of the longest mention: a mention reaching `start` starts at most this far before it. */
  longest: number;
  quotes: SpanIndex<Quote>;
  claims: SpanIndex<Claim>;
  times: SpanIndex<TimeExpression>;
}

/** The position indexes of a doc. */
export function eventIndex(doc: Doc): EventIndex {
  const mentions = mentionIndex(doc);
  let longest = 0;
  for (const m of mentions) longest = Math.max(longest, m.end - m.start);
  return {
    mentions,
    longest,
    quotes: new SpanIndex(doc.quotes),
    claims: new SpanIndex(doc.claims),
    times: new SpanIndex(doc.times),
  };
}

/** Every entity mention of the doc, sorted by start. */
function mentionIndex(doc: Doc): MentionRef[] {
  const out: MentionRef[] = [];
  for (const e of doc.entities) for (const m of e.mentions) out.push({ start: m.start, end: m.end, entity: e });
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Mentions lying inside (or overlapping) `[start, end)`, in index order: only those starting from `start` less the
 * longest mention's length up to `end` can reach into it.
 */
export function mentionsIn(idx: EventIndex, start: number, end: number): MentionRef[] {
  const out: MentionRef[] = [];
  const refs = idx.mentions;
  for (let i = firstStartAtOrAfter(refs, start - idx.longest); i < refs.length && refs[i].start < end; i++)
    if (refs[i].end > start) out.push(refs[i]);
  return out;
}

/** Whether a mention overlaps `[start, end)`: `mentionsIn(idx, start, end).length > 0`, without the list. */
export function overlapsMention(idx: EventIndex, start: number, end: number): boolean {
  const refs = idx.mentions;
  for (let i = firstStartAtOrAfter(refs, start - idx.longest); i < refs.length && refs[i].start < end; i++)
    if (refs[i].end > start) return true;
  return false;
}

/**
 * The mention with the latest start among those starting from `from` and ending by `at` that `fits` (the first in
 * index order when several share that start): read backwards from `at`, so only the mentions after the one found
 * are read.
 */
export function lastMentionBefore(
  idx: EventIndex,
  at: number,
  fits: (m: MentionRef) => boolean,
  from = 0,
): MentionRef | undefined {
  const refs = idx.mentions;
  let best: MentionRef | undefined;
  for (let i = firstStartAtOrAfter(refs, at + 1) - 1; i >= 0 && refs[i].start >= from; i--) {
    const m = refs[i];
    if (best && m.start < best.start) break;
    if (m.end <= at && fits(m)) best = m;
  }
  return best;
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
