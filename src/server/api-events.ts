/**
 * The API's routes for events and the entity graph, with their exports: events as JSON pages (with
 * the total a filter matches) or, everything a filter matches, as ACLED-like CSV, GeoJSON or JSON;
 * the graph as JSON, GEXF or GraphML. The same exporters as `sitrep events|graph --format`.
 */
import type { Corpus, EventFilters, EventSort } from '../corpus/corpus.ts';
import { eventsToCsv, eventsToGeoJson, graphToGexf, graphToGraphml } from '../corpus/export.ts';
import { wordList } from '../lexicon/load.ts';
import { HttpError, Payload, qDate, qInt, qString, qTypes, type Router } from './http.ts';
import type { ReadCache } from './api.ts';
import * as Q from './queries.ts';

/** Events one page may list. */
const MAX_EVENTS_PAGE = 2000;
/** Events an export holds at most (a file, not a page: every event a filter matches, up to this). */
export const MAX_EVENTS_EXPORT = 50_000;
const EVENT_SORTS: readonly EventSort[] = ['date', 'type', 'place', 'sources', 'dead', 'injured'];

/** The PLOVER event types (data/lexicons/plover/coding.json), in the codebook's order. */
export function eventTypes(): readonly string[] {
  return wordList('plover/coding', 'types');
}

/** One value of a closed list, or undefined; anything else is a 400 naming the list. */
function qChoice<T extends string>(url: URL, name: string, choices: readonly T[], what: string): T | undefined {
  const v = qString(url, name, 40);
  if (v === undefined) return undefined;
  const hit = choices.find((c) => c.toLowerCase() === v.toLowerCase());
  if (!hit) throw new HttpError(400, `${name}: unknown ${what} "${v.slice(0, 40)}" (one of ${choices.join(', ')})`);
  return hit;
}

/** The events filter of a query string (type checked against the PLOVER types). */
export function eventFilters(u: URL): EventFilters {
  return {
    type: qChoice(u, 'type', eventTypes(), 'event type'),
    entity: qString(u, 'entity'),
    place: qString(u, 'place'),
    since: qDate(u, 'since'),
    until: qDate(u, 'until'),
    sort: qChoice(u, 'sort', EVENT_SORTS, 'sort key'),
    order: qChoice(u, 'order', ['asc', 'desc'] as const, 'order'),
  };
}

export function addEventRoutes(r: Router, corpus: Corpus, cache: ReadCache): void {
  const db = corpus.db;

  r.add(
    'GET',
    '/api/events',
    {
      summary:
        'Real-world events merged across articles, each with its evidence sentences: a page and the total the ' +
        'filters match, or with format every matching event as a file (csv: ACLED-like columns)',
      query: {
        type: 'PLOVER type',
        entity: 'entity id or name (actor, target or place)',
        place: 'place id or name',
        since: 'YYYY[-MM[-DD]]',
        until: 'YYYY[-MM[-DD]]',
        sort: EVENT_SORTS.join(' | ') + ' (date)',
        order: 'desc | asc (desc)',
        offset: 'integer (0)',
        limit: `1–${MAX_EVENTS_PAGE} (500); with format, 1–${MAX_EVENTS_EXPORT} (all)`,
        format: 'json | csv | geojson: a download of every matching event',
      },
      responses: { '200': '{total, offset, limit, events}, or the file', '400': 'an unknown type, sort or format' },
    },
    async (ctx) => {
      const u = ctx.url;
      const format = qChoice(u, 'format', ['json', 'csv', 'geojson'] as const, 'format');
      const f: EventFilters = {
        ...eventFilters(u),
        offset: qInt(u, 'offset', 0, 0, 1e9),
        limit: format
          ? qInt(u, 'limit', MAX_EVENTS_EXPORT, 1, MAX_EVENTS_EXPORT)
          : qInt(u, 'limit', 500, 1, MAX_EVENTS_PAGE),
      };
      const key = JSON.stringify(f);
      const [total, events] = await Promise.all([
        cache.get(`events-total:${JSON.stringify([f.type, f.entity, f.place, f.since, f.until])}`, () =>
          corpus.eventCount(f),
        ),
        cache.get(`events:${key}`, () => corpus.events(f)),
      ]);
      if (!format) return { total, offset: f.offset, limit: f.limit, events };
      const headers = { 'x-total-count': String(total) };
      if (format === 'csv') return new Payload('text/csv; charset=utf-8', eventsToCsv(events), 'events.csv', headers);
      if (format === 'geojson')
        return new Payload('application/geo+json', JSON.stringify(eventsToGeoJson(events)), 'events.geojson', headers);
      return new Payload('application/json; charset=utf-8', JSON.stringify({ total, events }), 'events.json', headers);
    },
  );

  r.add(
    'GET',
    '/api/event-types',
    { summary: 'The PLOVER event types, each with how many corpus events it has' },
    async () => {
      const counts = await cache.get('event-types', () => Q.eventTypeCounts(db));
      return { types: eventTypes().map((type) => ({ type, events: counts.get(type) ?? 0 })) };
    },
  );

  r.add(
    'GET',
    '/api/graph',
    {
      summary: 'Entity network: nodes weighted by articles, weighted edges; with format, a file for graph tools',
      query: {
        type: 'entity types, comma-separated',
        since: 'YYYY[-MM[-DD]]',
        until: 'YYYY[-MM[-DD]]',
        limit: `nodes, 1–500 (${Q.DEFAULT_GRAPH_NODES})`,
        minWeight: 'articles an edge needs, 1–1000 (1)',
        format: 'json | gexf | graphml: a download',
      },
    },
    async (ctx) => {
      const u = ctx.url;
      const format = qChoice(u, 'format', ['json', 'gexf', 'graphml'] as const, 'format');
      const f = {
        type: qTypes(u),
        since: qDate(u, 'since'),
        until: qDate(u, 'until'),
        limit: qInt(u, 'limit', Q.DEFAULT_GRAPH_NODES, 1, 500),
        minWeight: qInt(u, 'minWeight', 1, 1, 1000),
      };
      const g = await cache.get(`graph:${JSON.stringify(f)}`, () => Q.graph(db, f));
      if (format === 'gexf') return new Payload('application/gexf+xml; charset=utf-8', graphToGexf(g), 'graph.gexf');
      if (format === 'graphml')
        return new Payload('application/graphml+xml; charset=utf-8', graphToGraphml(g), 'graph.graphml');
      if (format === 'json') return new Payload('application/json; charset=utf-8', JSON.stringify(g), 'graph.json');
      return g;
    },
  );
}
