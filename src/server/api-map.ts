/**
 * The timeline's and the map's API. `GET /api/timeline`: the events a filter matches as the drawing
 * needs them (no evidence: the latest ones, as light rows), with tallies over all of them (per type,
 * dated, placed, and per type and month) so that nothing matched goes uncounted; `GET /api/timeline/:id`
 * one event with its evidence. `GET /api/places`: the places with coordinates named in the current
 * articles that match the same filters (an entity they name, a place they name, an event type they
 * report, their publication days), each with how many of those articles name it. A filter naming
 * nothing in the corpus is refused with a message rather than answered with an empty drawing.
 */
import type { Corpus, CorpusEventRow, EventFilters } from '../corpus/corpus.ts';
import { dateRange, placeholders as marks, type Db, type Param } from '../corpus/db.ts';
import { eventFields, evidence, partyNames, type EvidenceRow } from '../corpus/event-rows.ts';
import { wordList } from '../lexicon/load.ts';
import { HttpError, qDate, qInt, qString, type Router } from './http.ts';
import { memoByCorpus } from './memo.ts';

/** Places a map request returns at most, most-named first. */
export const MAX_MAP_PLACES = 1000;

export interface MapPlaceFilters {
  /** Corpus id of an entity the articles name. */
  entity?: string;
  /** Corpus id of a place the articles name. */
  place?: string;
  /** A PLOVER type the articles report an event of. */
  type?: string;
  since?: string;
  until?: string;
  limit: number;
}

export interface MapPlace {
  id: string;
  name: string;
  type: string;
  /** Matching articles that name the place. */
  articles: number;
  geo: { lat: number; lon: number };
}

/** Places with coordinates named in the current articles that match `f`, most-named first. */
export async function mapPlaces(db: Db, f: MapPlaceFilters): Promise<MapPlace[]> {
  const where = ["e.type IN ('GPE', 'LOC')", 'e.lat IS NOT NULL', 'a.is_current = 1'];
  const params: Param[] = [];
  dateRange(where, params, f);
  // The articles a filter keeps are read first (IN a list, which SQLite walks by the mentions' key):
  // a correlated EXISTS would be tested on every mention of every place.
  for (const id of [f.entity, f.place])
    if (id) {
      where.push('m.article_id IN (SELECT x.article_id FROM entity_mentions x WHERE x.entity_id = ?)');
      params.push(id);
    }
  if (f.type) {
    where.push('m.article_id IN (SELECT v.article_id FROM event_mentions v WHERE v.type = ?)');
    params.push(f.type);
  }
  const rows = await db.all<{ id: string; name: string; type: string; lat: number; lon: number; n: number }>(
    `SELECT e.id, e.name, e.type, e.lat, e.lon, count(DISTINCT m.article_id) AS n
     FROM entity_mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id
     WHERE ${where.join(' AND ')} GROUP BY e.id, e.name, e.type, e.lat, e.lon ORDER BY n DESC, e.id LIMIT ?`,
    [...params, f.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    articles: Number(r.n),
    geo: { lat: Number(r.lat), lon: Number(r.lon) },
  }));
}

/** An event as the timeline and the map draw it: a corpus event without its evidence. */
export type TimelineEvent = Omit<CorpusEventRow, 'mentions'>;

/**
 * Events `/api/timeline` lists by default and at most (the latest; the tallies count every one): a
 * thousand dots fill a screen-wide axis, and the rest are shaded in by month.
 */
export const TIMELINE_EVENTS = 1000;
export const MAX_TIMELINE_EVENTS = 5000;

export interface Timeline {
  /** Events the filter matches, dated ones, and ones at a place with coordinates. */
  total: number;
  dated: number;
  located: number;
  /** Matching events per type. */
  types: Array<{ type: string; events: number }>;
  /** Matching dated events per type and month (`YYYY-MM`; a date coarser than a month: `YYYY`, `199X`). */
  periods: Array<[type: string, period: string, events: number]>;
  /** The latest matching events (dated first), at most the limit asked for. */
  events: TimelineEvent[];
}

/**
 * The month of a date, or its year when it gives no month (a year, a week, a quarter, a decade);
 * null when undated.
 */
const PERIOD_SQL =
  "CASE WHEN substr(ev.date, 5, 1) = '-' AND substr(ev.date, 6, 1) IN ('0', '1') " +
  'THEN substr(ev.date, 1, 7) ELSE substr(ev.date, 1, 4) END';

/** Light rows (no evidence) of the events with these ids, in the order given. */
async function eventRows(db: Db, ids: number[]): Promise<TimelineEvent[]> {
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    rows.push(
      ...(await db.all<Record<string, unknown>>(
        `SELECT ev.id, ev.type, ev.mode, ev.date, ev.place_id, ev.actors, ev.targets, ev.dead, ev.injured,
                p.name AS place_name, p.lat, p.lon,
                (SELECT count(DISTINCT m.story_id) FROM event_mentions m WHERE m.event_id = ev.id) AS sources
         FROM events ev LEFT JOIN entities p ON p.id = ev.place_id WHERE ev.id IN (${marks(chunk.length)})`,
        chunk,
      )),
    );
  }
  const party = await partyNames(db, rows);
  const byId = new Map(
    rows.map((r): [number, TimelineEvent] => [Number(r.id), { ...eventFields(r, party), sources: Number(r.sources) }]),
  );
  return ids.map((id) => byId.get(id)).filter((e): e is TimelineEvent => !!e);
}

/**
 * The timeline of the events `f` matches: tallies over all of them, light rows of the latest `limit`.
 * One pass over the matching events counts them by type and period (month, or year; none for the
 * undated) and by place; the latest come from the date index, dated ones first.
 */
export async function timeline(corpus: Corpus, f: EventFilters, limit: number): Promise<Timeline> {
  const db = corpus.db;
  const w = await corpus.eventWhere(f);
  if (!w) return { total: 0, dated: 0, located: 0, types: [], periods: [], events: [] };
  const counts = await db.all<{ type: string; period: string | null; n: number; located: number }>(
    `SELECT ev.type, ${PERIOD_SQL} AS period, count(*) AS n,
            sum(CASE WHEN p.lat IS NOT NULL THEN 1 ELSE 0 END) AS located
     FROM events ev LEFT JOIN entities p ON p.id = ev.place_id WHERE ${w.sql} GROUP BY ev.type, ${PERIOD_SQL}`,
    w.params,
  );
  const ids = (
    await db.all<{ id: number }>(
      `SELECT ev.id FROM events ev WHERE ${w.sql} AND ev.date IS NOT NULL ORDER BY ev.date DESC, ev.id LIMIT ?`,
      [...w.params, limit],
    )
  ).map((r) => Number(r.id));
  if (ids.length < limit)
    for (const r of await db.all<{ id: number }>(
      `SELECT ev.id FROM events ev WHERE ${w.sql} AND ev.date IS NULL ORDER BY ev.id LIMIT ?`,
      [...w.params, limit - ids.length],
    ))
      ids.push(Number(r.id));
  const types = new Map<string, number>();
  const dated = counts.filter((c) => c.period !== null);
  for (const c of counts) types.set(c.type, (types.get(c.type) ?? 0) + Number(c.n));
  const sum = (list: typeof counts, k: 'n' | 'located') => list.reduce((n, c) => n + Number(c[k]), 0);
  const events = await eventRows(db, ids);
  return {
    total: sum(counts, 'n'),
    dated: sum(dated, 'n'),
    located: sum(counts, 'located'),
    types: [...types].map(([type, events]) => ({ type, events })).sort((a, b) => b.events - a.events),
    // Per type and month only when some dated events are not listed: the drawing shades them in.
    periods:
      events.filter((e) => e.date).length < sum(dated, 'n')
        ? dated.map((c): [string, string, number] => [c.type, c.period!, Number(c.n)])
        : [],
    events,
  };
}

/** One event with its evidence sentences (each once, in publication order), or undefined. */
export async function timelineEvent(db: Db, id: number): Promise<CorpusEventRow | undefined> {
  const [row] = await eventRows(db, [id]);
  if (!row) return undefined;
  const ms = await db.all<EvidenceRow>(
    `SELECT m.article_id, m.story_id, m.text, m.start_offset, a.published, a.title
     FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY a.published, m.id`,
    [id],
  );
  return { ...row, mentions: evidence(ms) };
}

/** What `addMapRoutes` needs of the API's read cache. */
interface Cache {
  get<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** The filters the timeline and the map share, with the entity and place they name resolved. */
async function viewFilters(u: URL, corpus: Corpus, cache: Cache) {
  const type = qString(u, 'type', 40)?.toUpperCase();
  const types = wordList('plover/coding', 'types');
  if (type && !types.includes(type))
    throw new HttpError(400, `type: unknown event type "${type.slice(0, 40)}" (one of ${types.join(', ')})`);
  const named = async (param: 'entity' | 'place') => {
    const name = qString(u, param);
    if (!name) return null;
    const e = await cache.get(`find:${name}`, () => corpus.findEntity(name));
    if (!e) throw new HttpError(400, `${param}: nothing in the corpus is named "${name}"`);
    if (param === 'place' && e.type !== 'GPE' && e.type !== 'LOC')
      throw new HttpError(400, `place: "${name}" is not a place (${e.name} is ${e.type})`);
    return e;
  };
  const entity = await named('entity');
  const place = await named('place');
  return { entity, place, type, since: qDate(u, 'since'), until: qDate(u, 'until') };
}

const FILTER_DOC = {
  entity: 'entity id or name',
  place: 'place id or name',
  type: 'PLOVER event type',
  since: 'YYYY[-MM[-DD]]',
  until: 'YYYY[-MM[-DD]]',
};

export function addMapRoutes(r: Router, corpus: Corpus, cache: Cache): void {
  // Both count over every matching article or event: kept until the corpus changes (memo.ts).
  const places = memoByCorpus(mapPlaces);
  const events = memoByCorpus((_db, a: { f: EventFilters; limit: number }) => timeline(corpus, a.f, a.limit));
  r.add(
    'GET',
    '/api/timeline',
    {
      summary:
        'The events the filters match as the timeline and the map draw them: the latest as light rows (no ' +
        'evidence), with counts over all of them per type, dated, placed, and per type and month',
      query: { ...FILTER_DOC, limit: `1–${MAX_TIMELINE_EVENTS} (${TIMELINE_EVENTS})` },
      responses: {
        '200': '{total, dated, located, types, periods, events, entity, place}',
        '400': 'an unknown event type, or an entity or place the corpus does not know',
      },
    },
    async (ctx) => {
      const v = await viewFilters(ctx.url, corpus, cache);
      const f = { type: v.type, entity: v.entity?.id, place: v.place?.id, since: v.since, until: v.until };
      const limit = qInt(ctx.url, 'limit', TIMELINE_EVENTS, 1, MAX_TIMELINE_EVENTS);
      const t = await events(corpus.db, { f, limit });
      return { ...t, entity: v.entity, place: v.place };
    },
  );

  r.add(
    'GET',
    '/api/timeline/:id',
    {
      summary: 'One event of the timeline with its evidence sentences',
      responses: { '200': 'the event, as /api/events lists it', '404': 'no such event' },
    },
    async (ctx) => {
      const id = ctx.params.id!;
      if (!/^\d{1,15}$/.test(id)) throw new HttpError(400, `event id must be a number, got "${id.slice(0, 40)}"`);
      const e = await cache.get(`timeline-event:${id}`, () => timelineEvent(corpus.db, Number(id)));
      if (!e) throw new HttpError(404, `no event ${id}`);
      return e;
    },
  );

  r.add(
    'GET',
    '/api/places',
    {
      summary:
        'Places with coordinates named in the current articles that match the filters (an entity or place they ' +
        'name, an event type they report, publication days), each with the number of those articles',
      query: { ...FILTER_DOC, limit: `1–${MAX_MAP_PLACES} (300)` },
      responses: {
        '200': '{places: [{id, name, type, articles, geo}], entity, place}',
        '400': 'an unknown event type, or an entity or place the corpus does not know',
      },
    },
    async (ctx) => {
      const v = await viewFilters(ctx.url, corpus, cache);
      const f: MapPlaceFilters = {
        entity: v.entity?.id,
        place: v.place?.id,
        type: v.type,
        since: v.since,
        until: v.until,
        limit: qInt(ctx.url, 'limit', 300, 1, MAX_MAP_PLACES),
      };
      return { places: await places(corpus.db, f), entity: v.entity, place: v.place };
    },
  );
}
