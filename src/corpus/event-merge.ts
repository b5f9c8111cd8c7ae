/**
 * Merging an article's event mentions with the corpus's real-world events: each mention joins the
 * event it reports (same type, dates within a window, a shared place, party or story) or starts a
 * new one (see `addEventMentions`).
 */
import type { Analysis, Event } from '../model/analysis.ts';
import type { Db, Param, Statement } from './db.ts';
import { inList } from './db.ts';
import type { Writes } from './writes.ts';
import { isoWeekMonday } from '../nlp/times/calendar.ts';
import { figure, latestFiguresOf } from './event-figures.ts';

/** Entity types that can act or be acted on in an event. */
const PARTY_TYPES = new Set(['PERSON', 'ORG', 'NORP', 'GPE']);

/** Days apart that two dated mentions of one kind of event between the same parties may be. */
const EVENT_DATE_WINDOW_DAYS = 3;

/** A month-precision date ("2026-04") may be any day of the month: half a month either way. */
const MONTH_WINDOW_DAYS = 16;

/** An ISO week ("2026-W19") is pinned to its Thursday; any day of it is within this many days. */
const WEEK_WINDOW_DAYS = 4;

/**
 * Widest window of any date precision. Two mentions match when their days are at most the wider
 * of their two windows apart, so events further than this from every mention cannot match.
 */
const MAX_WINDOW_DAYS = Math.max(EVENT_DATE_WINDOW_DAYS, MONTH_WINDOW_DAYS, WEEK_WINDOW_DAYS);

/** An `events` row as merging reads it. */
interface EventRow {
  id: number;
  type: string;
  place_id: string | null;
  date: string | null;
  day: number | null;
  day_window: number | null;
  actors: string;
  targets: string;
}

/** A corpus event a mention may join, as merging sees it. */
interface CandidateEvent {
  id: number;
  type: string;
  place: string | null;
  /** Whether the event has a date (a report that dates it gives it one when not). */
  dated: boolean;
  day: number | null;
  window: number;
  parties: Set<string>;
  /** Already reported in the story of the article being stored. */
  inStory: boolean;
}

/** The columns of `EventRow`. */
const EVENT_COLUMNS = 'id, type, place_id, date, day, day_window, actors, targets';

/** Position of place_id in a new event's row. */
const EVENT_PLACE = 3;
/** Position of the date in a new event's row. */
const EVENT_DATE = 4;

/** An event mention of the article being stored, with its date, place and parties as corpus ids. */
interface Mention {
  ev: Event;
  date: string | null;
  when: { day: number; window: number } | undefined;
  place: string | null;
  actors: string[];
  targets: string[];
}

/**
 * Attach each event mention of an article to the corpus event it reports, or start a new one.
 *
 * Two mentions report the same real-world event when they have the same PLOVER type, dates
 * within a window that fits their precision, no conflict (different places, or actors and
 * targets that share nobody, where both name them) and at least one positive tie: the same
 * place, a shared actor or target, or the same story (copies of one story are one source).
 * A mention that names no place takes the place its article gives that type of event, when the
 * article gives exactly one. Background mentions (historical mode) join events, never start one.
 *
 * Resolves to the statements to run once the writes are sent: the events a report gave dead or
 * injured take their latest report's figures (event-figures.ts), which they read from the reports
 * just written (on PostgreSQL the writes go as one statement, whose parts do not see each other).
 *
 * The steps are separate functions, not one: V8 recompiles a function whenever the objects it
 * reads come in a shape it has not seen (analyses vary), and one big function here cost up to a
 * second of compiling each time.
 */
export async function addEventMentions(
  db: Db,
  writes: Writes,
  a: Analysis,
  ids: Map<string, string>,
  articleId: number,
  storyId: number,
  newStory: boolean,
): Promise<Statement[]> {
  const mentions = eventMentions(a, ids);
  if (!mentions.length) return [];

  const cands = new Map<number, CandidateEvent>();
  const addCand = (r: EventRow) => {
    const id = Number(r.id);
    let c = cands.get(id);
    if (!c) cands.set(id, (c = candidateOf(r)));
    return c;
  };
  for (const r of await db.allOf<EventRow & { in_story: number }>(candidateQueries(mentions, storyId, newStory))) {
    const c = addCand(r);
    if (Number(r.in_story)) c.inStory = true;
  }

  const rows: Param[][] = [];
  const partyRows = new Map<string, Param[]>();
  const addParties = (eventId: number, c: CandidateEvent, parties: Iterable<string>) => {
    for (const p of parties) partyRows.set(`${p}\u0000${eventId}`, [p, eventId, c.type, c.day]);
  };
  // New events are written together at the end, with ids taken here: storing holds the store
  // lock (SQLite: the write lock), so nobody else creates events meanwhile.
  const created = new Map<number, Param[]>(); // id → row
  /** Events given a figure (dead, injured) by a report of this article: they take their latest report's. */
  const counted = new Set<number>();
  let nextId = 0;
  for (const m of mentions) {
    const parties = new Set([...m.actors, ...m.targets]);
    const best = bestCandidate(m, parties, cands);
    let eventId: number | null = null;
    if (best) {
      eventId = best.id;
      // What this mention adds to the event: a date or a place it lacked, new parties.
      if (m.date && !best.dated) {
        best.dated = true;
        const pending = created.get(eventId);
        if (pending) pending[EVENT_DATE] = m.date;
        else writes.run('UPDATE events SET date = ? WHERE id = ? AND date IS NULL', [m.date, eventId]);
      }
      if (m.place && !best.place) {
        best.place = m.place;
        const pending = created.get(eventId);
        if (pending) pending[EVENT_PLACE] = m.place;
        else writes.run('UPDATE events SET place_id = ? WHERE id = ? AND place_id IS NULL', [m.place, eventId]);
      }
      const added = [...parties].filter((p) => !best.parties.has(p));
      for (const p of added) best.parties.add(p);
      addParties(eventId, best, added);
      best.inStory = true;
    } else if (!m.ev.historical) {
      if (!nextId)
        nextId = Number((await db.get<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM events'))!.id) + 1;
      eventId = nextId++;
      const row = newEventRow(eventId, m);
      created.set(eventId, row);
      const c = addCand({
        id: eventId,
        type: m.ev.type,
        place_id: m.place,
        date: m.date,
        day: m.when?.day ?? null,
        day_window: m.when?.window ?? null,
        actors: row[7] as string,
        targets: row[8] as string,
      });
      c.inStory = true;
      addParties(eventId, c, parties);
    }
    rows.push(mentionRow(a, m, eventId, articleId, storyId));
    if (eventId !== null && (m.ev.dead !== undefined || m.ev.injured !== undefined)) counted.add(eventId);
  }
  writes.insert('events (id, type, mode, place_id, date, day, day_window, actors, targets, dead, injured)', [
    ...created.values(),
  ]);
  writes.insert('event_parties (entity_id, event_id, type, day)', [...partyRows.values()], ' ON CONFLICT DO NOTHING');
  writes.insert(
    'event_mentions (event_id, article_id, story_id, type, mode, date, place_id, actors, targets, historical, ' +
      'text, start_offset, end_offset, dead, injured)',
    rows,
  );
  return latestFiguresOf(counted);
}

/**
 * The article's event mentions that report something that happened (not negated, not
 * hypothetical), with their date as a day window, their place and their parties as corpus ids.
 */
function eventMentions(a: Analysis, ids: Map<string, string>): Mention[] {
  const live = a.events.filter((ev) => !ev.negated && !ev.hypothetical);
  if (!live.length) return [];
  // Parties are who acts and who is acted on: people, organisations, groups and states. A feature
  // or a thing named as an argument ("the road to the Rwenzori mountains") is not a party, and
  // must not make two reports of one event conflict.
  const local = new Map(a.entities.map((e) => [e.id, e.type]));
  const corpusId = (x: { entity: string | null } | undefined) =>
    x?.entity && PARTY_TYPES.has(local.get(x.entity) ?? '') ? ids.get(x.entity) : undefined;
  const mentions = live.map((ev): Mention => ({
    ev,
    // What the text dates, and nothing else: an event it dates nowhere is stored undated...
    date: ev.when || null,
    // ...but is matched with other reports around the day it was published.
    when: dayOf(ev.when || a.source.published),
    place: ev.where ? (ids.get(ev.where) ?? null) : null,
    actors: [...new Set(ev.actors.map(corpusId).filter((x): x is string => !!x))],
    targets: [...new Set(ev.targets.map(corpusId).filter((x): x is string => !!x))],
  }));
  // The article's place for each event type, when it names exactly one.
  const placesByType = new Map<string, Set<string>>();
  for (const m of mentions)
    if (m.place) (placesByType.get(m.ev.type) ?? placesByType.set(m.ev.type, new Set()).get(m.ev.type)!).add(m.place);
  for (const m of mentions) {
    const places = placesByType.get(m.ev.type);
    if (!m.place && places?.size === 1) m.place = [...places][0];
  }
  return mentions;
}

/**
 * The queries for the corpus events the mentions could join, to run in one round trip: across
 * stories a report can only join an event of its type in the date window at the same place or
 * with a shared party (the place index and event_parties find those); within its story, any event
 * of the story (none when the story is new).
 */
function candidateQueries(mentions: Mention[], storyId: number, newStory: boolean): Statement[] {
  const parts: Statement[] = [];
  const byType = new Map<string, number[]>();
  for (const m of mentions)
    if (m.when) (byType.get(m.ev.type) ?? byType.set(m.ev.type, []).get(m.ev.type)!).push(m.when.day);
  for (const [type, days] of byType) {
    const ofType = mentions.filter((m) => m.ev.type === type);
    const places = [...new Set(ofType.map((m) => m.place).filter((x): x is string => !!x))];
    const parties = [...new Set(ofType.flatMap((m) => [...m.actors, ...m.targets]))];
    const lo = Math.min(...days) - MAX_WINDOW_DAYS;
    const hi = Math.max(...days) + MAX_WINDOW_DAYS;
    if (places.length) {
      const at = inList(places);
      parts.push({
        sql: `SELECT ${EVENT_COLUMNS}, 0 AS in_story FROM events
           WHERE place_id IN (${at.marks}) AND type = ? AND day BETWEEN ? AND ?`,
        params: [...at.params, type, lo, hi],
      });
    }
    if (parties.length) {
      const by = inList(parties);
      parts.push({
        sql: `SELECT ${EVENT_COLUMNS}, 0 AS in_story FROM events WHERE id IN
           (SELECT event_id FROM event_parties WHERE entity_id IN (${by.marks}) AND type = ? AND day BETWEEN ? AND ?)`,
        params: [...by.params, type, lo, hi],
      });
    }
  }
  if (!newStory) {
    parts.push({
      sql: `SELECT ${EVENT_COLUMNS}, 1 AS in_story FROM events
         WHERE id IN (SELECT event_id FROM event_mentions WHERE story_id = ? AND event_id IS NOT NULL)`,
      params: [storyId],
    });
  }
  return parts;
}

/** A corpus event as merging sees it (not yet known to be in the story). */
function candidateOf(r: EventRow): CandidateEvent {
  return {
    id: Number(r.id),
    type: r.type,
    place: r.place_id,
    dated: r.date !== null,
    day: r.day === null ? null : Number(r.day),
    window: Number(r.day_window ?? EVENT_DATE_WINDOW_DAYS),
    parties: new Set([...(JSON.parse(r.actors) as string[]), ...(JSON.parse(r.targets) as string[])]),
    inStory: false,
  };
}

/** The candidate event a mention reports, the best tied one (the earliest of equals), if any. */
function bestCandidate(
  m: Mention,
  parties: Set<string>,
  cands: Map<number, CandidateEvent>,
): CandidateEvent | undefined {
  let best: { c: CandidateEvent; score: number } | undefined;
  for (const c of cands.values()) {
    if (c.type !== m.ev.type) continue;
    if (m.place && c.place && m.place !== c.place) continue;
    if (m.when && c.day !== null && Math.abs(m.when.day - c.day) > Math.max(m.when.window, c.window)) continue;
    const overlap = [...parties].some((p) => c.parties.has(p));
    if (parties.size && c.parties.size && !overlap) continue;
    const samePlace = !!m.place && m.place === c.place;
    if (!c.inStory && !samePlace && !overlap) continue; // nothing ties them
    if (!c.inStory && (!m.when || c.day === null)) continue; // undated: too loose across stories
    const score = (c.inStory ? 4 : 0) + (samePlace ? 2 : 0) + (overlap ? 1 : 0);
    // Ties go to the earliest event, whatever order the database returned the candidates in.
    if (!best || score > best.score || (score === best.score && c.id < best.c.id)) best = { c, score };
  }
  return best?.c;
}

/**
 * The events row of a new event started by a mention (place_id at EVENT_PLACE, actors and targets
 * as JSON at 7 and 8, then its dead and injured).
 */
function newEventRow(eventId: number, m: Mention): Param[] {
  return [
    eventId,
    m.ev.type,
    m.ev.mode ?? null,
    m.place,
    m.date,
    m.when?.day ?? null,
    m.when?.window ?? null,
    JSON.stringify(m.actors),
    JSON.stringify(m.targets),
    figure(m.ev.dead),
    figure(m.ev.injured),
  ];
}

/** The event_mentions row of a mention. */
function mentionRow(a: Analysis, m: Mention, eventId: number | null, articleId: number, storyId: number): Param[] {
  return [
    eventId,
    articleId,
    storyId,
    m.ev.type,
    m.ev.mode ?? null,
    m.date,
    m.place,
    JSON.stringify(m.actors),
    JSON.stringify(m.targets),
    m.ev.historical ? 1 : 0,
    evidenceSentence(a, m.ev),
    m.ev.start,
    m.ev.end,
    figure(m.ev.dead),
    figure(m.ev.injured),
  ];
}

/**
 * The evidence a corpus event lists for a report: the sentence the event mention stands in (its
 * own span is kept as offsets), so a reader can check the claim without opening the article.
 */
function evidenceSentence(a: Analysis, ev: { text: string; start: number; end: number }): string {
  const s = a.sentences.find((x) => x.start <= ev.start && ev.start < x.end);
  return s ? a.text.slice(s.start, Math.max(s.end, ev.end)) : ev.text;
}

/** Milliseconds in a day. */
const DAY_MS = 86_400_000;

/**
 * An event date as a day number (days since 1970) and how many days either side it may be:
 * a day ± EVENT_DATE_WINDOW_DAYS, a month or an ISO week ± its span. Years and unparsed
 * values give undefined: too vague to tie two reports together.
 */
function dayOf(date: string | null | undefined): { day: number; window: number } | undefined {
  if (!date) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (m) return { day: Math.floor(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS), window: EVENT_DATE_WINDOW_DAYS };
  m = /^(\d{4})-W(\d{2})/.exec(date);
  // a week is pinned to its Thursday, 3 days after its Monday
  if (m) return { day: isoWeekMonday(+m[1], +m[2]) + 3, window: WEEK_WINDOW_DAYS };
  m = /^(\d{4})-(\d{2})$/.exec(date);
  if (m) return { day: Math.floor(Date.UTC(+m[1], +m[2] - 1, 15) / DAY_MS), window: MONTH_WINDOW_DAYS };
  return undefined;
}
