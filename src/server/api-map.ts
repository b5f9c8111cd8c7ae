/**
 * The map's places (`GET /api/places`): the places with coordinates named in the current articles
 * that match the timeline's filters (an entity they name, a place they name, an event type they
 * report, their publication days), each with how many of those articles name it. The same filters
 * as `/api/events`, so places and events on the map answer one question; a filter naming nothing
 * in the corpus is refused with a message rather than answered with an empty map.
 */
import type { Corpus } from '../corpus/corpus.ts';
import { dateRange, type Db, type Param } from '../corpus/db.ts';
import { wordList } from '../lexicon/load.ts';
import { HttpError, qDate, qInt, qString, type Router } from './http.ts';

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
  for (const id of [f.entity, f.place])
    if (id) {
      where.push('EXISTS (SELECT 1 FROM entity_mentions x WHERE x.article_id = a.id AND x.entity_id = ?)');
      params.push(id);
    }
  if (f.type) {
    where.push('EXISTS (SELECT 1 FROM event_mentions v WHERE v.article_id = a.id AND v.type = ?)');
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

/** What `addMapRoutes` needs of the API's read cache. */
interface Cache {
  get<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export function addMapRoutes(r: Router, corpus: Corpus, cache: Cache): void {
  r.add(
    'GET',
    '/api/places',
    {
      summary:
        'Places with coordinates named in the current articles that match the filters (an entity or place they ' +
        'name, an event type they report, publication days), each with the number of those articles',
      query: {
        entity: 'entity id or name',
        place: 'place id or name',
        type: 'PLOVER event type',
        since: 'YYYY[-MM[-DD]]',
        until: 'YYYY[-MM[-DD]]',
        limit: `1–${MAX_MAP_PLACES} (300)`,
      },
      responses: {
        '200': '{places: [{id, name, type, articles, geo}], entity, place}',
        '400': 'an unknown event type, or an entity or place the corpus does not know',
      },
    },
    async (ctx) => {
      const u = ctx.url;
      const type = qString(u, 'type', 40)?.toUpperCase();
      const types = wordList('plover/coding', 'types');
      if (type && !types.includes(type))
        throw new HttpError(400, `type: unknown event type "${type.slice(0, 40)}" (one of ${types.join(', ')})`);
      const named = async (name: string, placeOnly: boolean) => {
        const e = await cache.get(`find:${name}`, () => corpus.findEntity(name));
        if (!e) throw new HttpError(400, `${placeOnly ? 'place' : 'entity'}: nothing in the corpus is named "${name}"`);
        if (placeOnly && e.type !== 'GPE' && e.type !== 'LOC')
          throw new HttpError(400, `place: "${name}" is not a place (${e.name} is ${e.type})`);
        return e;
      };
      const entityName = qString(u, 'entity');
      const placeName = qString(u, 'place');
      const entity = entityName ? await named(entityName, false) : null;
      const place = placeName ? await named(placeName, true) : null;
      const f: MapPlaceFilters = {
        entity: entity?.id,
        place: place?.id,
        type,
        since: qDate(u, 'since'),
        until: qDate(u, 'until'),
        limit: qInt(u, 'limit', 300, 1, MAX_MAP_PLACES),
      };
      const places = await cache.get(`places:${JSON.stringify(f)}`, () => mapPlaces(corpus.db, f));
      return { places, entity, place };
    },
  );
}
