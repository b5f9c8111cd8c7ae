/**
 * Where and when an event happens: the place introduced by a locative preposition in the cue's clause, the date
 * nearest it.
 */
import type { Doc } from '../../model/doc.ts';
import type { Entity, EventActor } from '../../model/analysis.ts';
import type { TriggerMatch } from './lexicon.ts';
import type { Span, Tok } from './tokens.ts';
import { isPlace } from '../../lexicon/countries.ts';
import type { EventIndex } from './resolve.ts';
import { firstStartAtOrAfter } from '../../text/search.ts';
import { wordSet } from '../../lexicon/load.ts';

/** The lexicon file of the events' word classes. */
const WORDS = 'event-words';

/** Words that open a relative clause: a date outside it does not date the event inside it, and vice versa
 *  ("people gathered on Wednesday to mourn officers who were shot"). */
export const RELATIVE = wordSet(WORDS, 'relativeWords');
/** Clause punctuation that a date is not carried across. */
const DATE_BARRIER = /^[;:()–—]$/;
/** Locative prepositions that introduce where an event happens. */
const LOCATIVE = wordSet(WORDS, 'locatives');
/** Words between a locative preposition and the place ("in the city of Sweida", "from the Sweida province"). */
const PLACE_FILLER = wordSet(WORDS, 'placeFillers');

/** The place of an event: a GPE/LOC introduced by a locative preposition in the trigger's clause, nearest first. */
export function placeOf(
  doc: Doc,
  idx: EventIndex,
  toks: Tok[],
  trig: TriggerMatch,
  parties: EventActor[],
): Entity | undefined {
  const partyIds = new Set(parties.map((a) => a.entity));
  let best: { e: Entity; d: number } | undefined;
  const sFrom = toks[0].start;
  const sTo = toks[toks.length - 1].end;
  // the mentions inside the sentence: those starting in it (the index is sorted by start)
  const refs = idx.mentions;
  for (let i = firstStartAtOrAfter(refs, sFrom); i < refs.length && refs[i].start <= sTo; i++) {
    const m = refs[i];
    if (m.end > sTo) continue;
    if (!isPlace(m.entity)) continue;
    if (partyIds.has(m.entity.id)) continue;
    const ti = toks.findIndex((t) => t.start >= m.start);
    if (ti < 0) continue;
    let k = ti - 1;
    while (k >= 0 && ti - k <= 4 && PLACE_FILLER.has(toks[k].lower) && !LOCATIVE.has(toks[k].lower)) k--;
    if (k < 0 || !LOCATIVE.has(toks[k].lower)) continue;
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
export function timeOf(idx: EventIndex, toks: Tok[], trig: TriggerMatch, sent: Span): string | undefined {
  const at = toks[trig.from].start;
  let best: { v: string; d: number } | undefined;
  for (const t of idx.times.within(sent.start, sent.end)) {
    if (t.kind !== 'date' && t.kind !== 'time') continue;
    if (!/^\d{4}/.test(t.value)) continue;
    if (dateBarrier(toks, t.start, t.end, trig)) continue;
    const d = Math.abs(t.start - at);
    if (!best || d < best.d) best = { v: t.value, d };
  }
  return best?.v;
}

/** Is a date separated from the trigger by a relative clause boundary or clause punctuation? */
function dateBarrier(toks: Tok[], start: number, end: number, trig: TriggerMatch): boolean {
  const lo = end <= toks[trig.from].start ? toks.findIndex((t) => t.start >= end) : trig.to;
  const hi = end <= toks[trig.from].start ? trig.from : toks.findIndex((t) => t.start >= start);
  for (let k = Math.max(0, lo); k < (hi < 0 ? toks.length : hi); k++) {
    if (RELATIVE.has(toks[k].lower) || DATE_BARRIER.test(toks[k].text)) return true;
  }
  return false;
}
