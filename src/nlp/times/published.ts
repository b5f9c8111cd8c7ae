/**
 * The publication day read from the text, for an article that lost its metadata.
 *
 * News dates what it reports against the day it appears ("yesterday", "on Wednesday"), so the
 * text holds its own day wherever a relative date and a calendar date name the same day. Three
 * kinds of evidence, each named below where it is read:
 *
 * - DATELINE: a full calendar date opening the text or its first line ("LONDON, July 20, 2025 —").
 * - AGREEMENT: a relative day and a calendar date that stand within one sentence of each other
 *   ("… on July 19. But yesterday, …"): the publication day is the one that makes them the same
 *   day. Each pair is a vote; the day with the most votes wins when no other day has as many.
 * - WEEKDAY: a newspaper named for a weekday that speaks of "today" ("as The Mail on Sunday reveals
 *   today") appears on that weekday. A weekday fixes the year of a day known without one: the
 *   latest year, not after today, in which that day falls on that weekday.
 *
 * With no such evidence nothing is inferred. `npm run eval:published` hides the known day of
 * MEANTIME, TempEval-3 and PolNeAR documents and scores what this reads back.
 */
import { dayNumber, fromDayNumber, isoDay, isoWeekday } from './calendar.ts';
import type { Sem } from './grammar.ts';
import type { PublishedInference } from '../../model/analysis.ts';
import { WEEKDAY, WEEKDAYS, word } from './words.ts';
import { alternation } from '../../lexicon/load.ts';

type InferredDay = PublishedInference;

/** A time expression found by the grammar, before anchoring. */
interface Found {
  start: number;
  end: number;
  sem: Sem;
}

interface Span {
  start: number;
  end: number;
}

/** How far into the text a dateline may stand (characters). */
const DATELINE_REACH = 160;
/** What may stand before a dateline's date on its line: a place in capitals, a comma or a dash. */
const DATELINE_BEFORE = /(?:^|\n)[ \t]*(?:[A-Z][A-Za-z .'-]{0,40}[,—–-][ \t]*)?$/;
/** A newspaper named for a weekday ("The Mail on Sunday", "the Sunday Times"). */
const PAPER = alternation('time-words', 'weekdayPaperBefore');
const PAPER_ON_WEEKDAY = new RegExp(`\\b(?:(?:${PAPER})\\s+on\\s+(${WEEKDAY})|(${WEEKDAY})\\s+(?:${PAPER}))\\b`, 'g');
const TODAY = /\btoday\b/i;

/** The day "yesterday" (−1) or "tomorrow" (+1) counts from the publication day. "today" is left out: as
 * often as not it means these days ("airports are safer today than after the attacks of Sept. 11, 2001"). */
function dayShift(sem: Sem): number | null {
  return sem.k === 'rel' && sem.unit === 'day' && !sem.pod && sem.n !== 0 ? sem.n : null;
}

/** A calendar day of the text: month and day, the year where given. */
function calendarDay(sem: Sem): { y?: number; m: number; d: number } | null {
  return sem.k === 'date' && sem.m !== undefined && sem.d !== undefined && sem.yRel === undefined
    ? { y: sem.y, m: sem.m, d: sem.d }
    : null;
}

/** Index of the sentence holding an offset. */
function sentenceIndex(sentences: Span[], offset: number): number {
  return sentences.findIndex((s) => offset >= s.start && offset < s.end);
}

/** The latest year, not after `today`'s, in which month `m`, day `d` falls on ISO weekday `dow`. */
function yearOfWeekday(m: number, d: number, dow: number, today: number): number | null {
  for (let y = fromDayNumber(today).y; y > fromDayNumber(today).y - 28; y--) {
    const day = dayNumber(y, m, d);
    if (day <= today && isoWeekday(day) === dow) return y;
  }
  return null;
}

/**
 * The publication day the text gives, or null. `today` (a day number) bounds the year chosen by
 * weekday: a text is not published after the day it is read.
 */
export function inferPublished(text: string, found: Found[], sentences: Span[], today: number): InferredDay | null {
  const evidence: InferredDay['evidence'] = [];
  const quote = (s: Span) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) });

  // DATELINE
  let dateline: { y?: number; m: number; d: number } | null = null;
  for (const f of found) {
    if (f.start > DATELINE_REACH) break;
    const day = calendarDay(f.sem);
    if (day && DATELINE_BEFORE.test(text.slice(Math.max(0, f.start - 60), f.start))) {
      dateline = day;
      evidence.push(quote(f));
      break;
    }
  }

  // AGREEMENT: votes for month-day (and year, where the calendar date has one)
  const votes = new Map<string, { y?: number; m: number; d: number; n: number; pairs: Span[][] }>();
  const sentenceOf = found.map((f) => sentenceIndex(sentences, f.start));
  found.forEach((r, i) => {
    const shift = dayShift(r.sem);
    if (shift === null) return;
    found.forEach((c, j) => {
      const day = calendarDay(c.sem);
      if (!day || sentenceOf[i] < 0) return;
      // Beside each other (within a sentence) a pair is a vote; further apart, half a vote, and only for a
      // date without a year: one with a year far from the relative day is history ("Sept. 11, 2001").
      const near = Math.abs(sentenceOf[i] - sentenceOf[j]) <= 1;
      if (!near && day.y !== undefined) return;
      // the day that makes the relative one the calendar one
      const ref = dayNumber(day.y ?? 2001, day.m, day.d) - shift;
      const at = fromDayNumber(ref);
      const y = day.y === undefined ? undefined : at.y;
      const key = `${y ?? 'XXXX'}-${at.m}-${at.d}`;
      const v = votes.get(key) ?? { y, m: at.m, d: at.d, n: 0, pairs: [] };
      v.n += near ? 1 : 0.5;
      v.pairs.push([r, c]);
      votes.set(key, v);
    });
  });
  let best: { y?: number; m: number; d: number; n: number; pairs: Span[][] } | null = null;
  for (const v of votes.values()) if (!best || v.n > best.n) best = v;

  let chosen: { y?: number; m: number; d: number } | null = null;
  let confidence = 0;
  if (dateline) {
    chosen = dateline;
    confidence = 0.9;
    if (best && best.m === dateline.m && best.d === dateline.d) confidence = 0.95;
  } else if (best && [...votes.values()].every((v) => v === best || v.n < best.n)) {
    chosen = best;
    confidence = Math.min(0.9, 0.5 + 0.1 * best.n);
    for (const pair of best.pairs) evidence.push(...pair.map(quote));
  }
  if (!chosen) return null;

  // WEEKDAY: the year of a day known without one
  let y = chosen.y;
  if (y === undefined) {
    for (const m of text.matchAll(PAPER_ON_WEEKDAY)) {
      const s = sentences[sentenceIndex(sentences, m.index)];
      if (!s || !TODAY.test(text.slice(s.start, s.end))) continue;
      const dow = WEEKDAYS[word(m[1] ?? m[2])];
      const year = yearOfWeekday(chosen.m, chosen.d, dow, today);
      if (year === null) continue;
      y = year;
      evidence.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
      break;
    }
  }
  if (y === undefined) return null;
  const day = dayNumber(y, chosen.m, chosen.d);
  if (day > today) return null;
  evidence.sort((a, b) => a.start - b.start);
  return { value: isoDay(day), confidence, evidence: dedupe(evidence) };
}

/** Evidence spans, each once. */
function dedupe(spans: InferredDay['evidence']): InferredDay['evidence'] {
  return spans.filter((s, i) => i === 0 || s.start !== spans[i - 1].start || s.end !== spans[i - 1].end);
}
