/**
 * Corpus queries the API and UI need beyond `Corpus`'s own: paged article lists, entities with
 * counts, stories with titles, per-month tallies, and the local → corpus entity links of one
 * article (the entity graph is `src/corpus/graph.ts`, shared with the CLI). Written against the
 * `Db` seam (`?` placeholders), so they run on SQLite and PostgreSQL alike.
 */
import type { Db, Param } from '../corpus/db.ts';
import { placeholders as marks } from '../corpus/db.ts';
import { graph as corpusGraph } from '../corpus/graph.ts';
import { memoByCorpus } from './memo.ts';

// The entity graph is the corpus layer's one query, used by the CLI (`sitrep graph`) and the API; the
// API keeps its answers until the corpus changes (it counts over every article: hundreds of ms).
export { DEFAULT_GRAPH_NODES, MAX_GRAPH_EDGES, type GraphFilters } from '../corpus/graph.ts';
export const graph = memoByCorpus(corpusGraph);

/** Largest number of article ids an entity page lists with titles. */
export const ENTITY_ARTICLES_LISTED = 100;

export interface ArticleListFilters {
  since?: string;
  until?: string;
  entity?: string;
  type?: string[];
  /** Articles of this publisher (as stored, case-insensitive). */
  publisher?: string;
  /** Articles of this story (syndicated copies grouped). */
  story?: number;
  limit: number;
  offset: number;
}

export interface ArticleListRow {
  id: number;
  title: string | null;
  published: string | null;
  publisher: string | null;
  url: string | null;
  story: number;
}

/** `until` is inclusive at any precision: `2026-03` covers every day of March. */
const untilBound = (until: string) => until + '\uffff';

function articleRow(r: Record<string, unknown>): ArticleListRow {
  return {
    id: Number(r.id),
    title: (r.title as string) ?? null,
    published: (r.published as string) ?? null,
    publisher: (r.publisher as string) ?? null,
    url: (r.url as string) ?? null,
    story: Number(r.story_id),
  };
}

/** Current articles, newest first, with optional date, entity and entity-type filters. */
export async function listArticles(
  db: Db,
  f: ArticleListFilters,
): Promise<{ total: number; articles: ArticleListRow[] }> {
  const where = ['a.is_current = 1'];
  const params: Param[] = [];
  if (f.since) {
    where.push('a.published >= ?');
    params.push(f.since);
  }
  if (f.until) {
    where.push('a.published <= ?');
    params.push(untilBound(f.until));
  }
  if (f.publisher) {
    where.push('lower(a.publisher) = ?');
    params.push(f.publisher.toLowerCase());
  }
  if (f.story !== undefined) {
    where.push('a.story_id = ?');
    params.push(f.story);
  }
  if (f.entity) {
    where.push('EXISTS (SELECT 1 FROM entity_mentions m WHERE m.article_id = a.id AND m.entity_id = ?)');
    params.push(f.entity);
  }
  if (f.type?.length) {
    where.push(
      'EXISTS (SELECT 1 FROM entity_mentions m JOIN entities e ON e.id = m.entity_id ' +
        `WHERE m.article_id = a.id AND e.type IN (${marks(f.type.length)}))`,
    );
    params.push(...f.type);
  }
  const w = where.join(' AND ');
  const total = Number(
    (await db.get<{ n: number }>(`SELECT count(*) AS n FROM articles a WHERE ${w}`, params))?.n ?? 0,
  );
  const rows = await db.all<Record<string, unknown>>(
    `SELECT a.id, a.title, a.published, a.publisher, a.url, a.story_id FROM articles a WHERE ${w}
     ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?`,
    [...params, f.limit, f.offset],
  );
  return { total, articles: rows.map(articleRow) };
}

/** Publishers of current articles with their article counts, most articles first. */
export async function listPublishers(db: Db, limit: number): Promise<Array<{ publisher: string; articles: number }>> {
  const rows = await db.all<{ publisher: string; n: number }>(
    `SELECT publisher, count(*) AS n FROM articles WHERE is_current = 1 AND publisher IS NOT NULL
     GROUP BY publisher ORDER BY n DESC, publisher LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({ publisher: r.publisher, articles: Number(r.n) }));
}

/** How many corpus events there are of each type. */
export async function eventTypeCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.all<{ type: string; n: number }>('SELECT type, count(*) AS n FROM events GROUP BY type');
  return new Map(rows.map((r) => [r.type, Number(r.n)]));
}

/** Title rows for a list of article ids, in the order given. */
export async function articlesByIds(db: Db, ids: number[]): Promise<ArticleListRow[]> {
  if (!ids.length) return [];
  const rows = await db.all<Record<string, unknown>>(
    `SELECT id, title, published, publisher, url, story_id FROM articles WHERE id IN (${marks(ids.length)})`,
    ids,
  );
  const byId = new Map(rows.map((r) => [Number(r.id), articleRow(r)]));
  return ids.map((id) => byId.get(id)).filter((r): r is ArticleListRow => !!r);
}

/** Local entity id → corpus entity id for one stored article. */
export async function entityLinks(db: Db, articleId: number): Promise<Record<string, string>> {
  const rows = await db.all<{ local_id: string; entity_id: string }>(
    'SELECT local_id, entity_id FROM entity_mentions WHERE article_id = ?',
    [articleId],
  );
  return Object.fromEntries(rows.map((r) => [r.local_id, r.entity_id]));
}

/** The story of an article: its id, original and every current version with titles. */
export async function storyOf(db: Db, storyId: number) {
  const s = await db.get<{ id: number; original_id: number | null }>(
    'SELECT id, original_id FROM stories WHERE id = ?',
    [storyId],
  );
  if (!s) return null;
  const rows = await db.all<Record<string, unknown>>(
    'SELECT id, title, published, publisher, url, story_id FROM articles WHERE story_id = ? AND is_current = 1 ' +
      'ORDER BY published, id LIMIT 200',
    [storyId],
  );
  return {
    id: Number(s.id),
    original: s.original_id === null ? null : Number(s.original_id),
    articles: rows.map(articleRow),
  };
}

export interface EntityListFilters {
  type?: string[];
  q?: string;
  limit: number;
  offset: number;
}

/** Entities with the number of articles mentioning them and their total mentions, most-mentioned first. */
export async function listEntities(db: Db, f: EntityListFilters) {
  const where = ['1 = 1'];
  const params: Param[] = [];
  if (f.type?.length) {
    where.push(`e.type IN (${marks(f.type.length)})`);
    params.push(...f.type);
  }
  if (f.q) {
    where.push('lower(e.name) LIKE ?');
    params.push(`%${f.q.toLowerCase().replace(/[%_]/g, '')}%`);
  }
  const rows = await db.all<{
    id: string;
    name: string;
    type: string;
    articles: number;
    mentions: number;
    lat: number | null;
    lon: number | null;
    country: string | null;
  }>(
    `SELECT e.id, e.name, e.type, e.lat, e.lon, e.country,
            count(DISTINCT m.article_id) AS articles, sum(m.mentions) AS mentions
     FROM entities e JOIN entity_mentions m ON m.entity_id = e.id
     WHERE ${where.join(' AND ')} GROUP BY e.id, e.name, e.type, e.lat, e.lon, e.country
     ORDER BY articles DESC, mentions DESC, e.id LIMIT ? OFFSET ?`,
    [...params, f.limit, f.offset],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    articles: Number(r.articles),
    mentions: Number(r.mentions),
    geo: r.lat === null || r.lat === undefined ? null : { lat: Number(r.lat), lon: Number(r.lon), country: r.country },
  }));
}

/** Month (`YYYY-MM`) → count, for articles by publication and events by date. */
export async function monthly(db: Db): Promise<{ articles: Array<[string, number]>; events: Array<[string, number]> }> {
  const articles = await db.all<{ m: string; n: number }>(
    `SELECT substr(published, 1, 7) AS m, count(*) AS n FROM articles
     WHERE is_current = 1 AND published IS NOT NULL GROUP BY substr(published, 1, 7) ORDER BY m`,
  );
  const events = await db.all<{ m: string; n: number }>(
    `SELECT substr(date, 1, 7) AS m, count(*) AS n FROM events
     WHERE date IS NOT NULL AND length(date) >= 7 GROUP BY substr(date, 1, 7) ORDER BY m`,
  );
  return { articles: articles.map((r) => [r.m, Number(r.n)]), events: events.map((r) => [r.m, Number(r.n)]) };
}

/** Stories, largest first, with the original's title and the span of publication days. */
export async function listStories(db: Db, limit: number, offset: number) {
  const rows = await db.all<{
    id: number;
    original_id: number | null;
    n: number;
    first: string | null;
    last: string | null;
    title: string | null;
  }>(
    `SELECT s.id, s.original_id, count(a.id) AS n, min(a.published) AS first, max(a.published) AS last,
            (SELECT o.title FROM articles o WHERE o.id = s.original_id) AS title
     FROM stories s JOIN articles a ON a.story_id = s.id AND a.is_current = 1
     GROUP BY s.id, s.original_id ORDER BY n DESC, s.id DESC LIMIT ? OFFSET ?`,
    [limit, offset],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    original: r.original_id === null ? null : Number(r.original_id),
    title: r.title,
    articles: Number(r.n),
    first: r.first,
    last: r.last,
  }));
}
