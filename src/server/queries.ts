/**
 * Corpus queries the API and UI need beyond `Corpus`'s own: paged article lists, entities with
 * counts, a filtered graph, stories with titles, per-month tallies, and the local → corpus entity
 * links of one article. Written against the `Db` seam (`?` placeholders), so they run on SQLite
 * and PostgreSQL alike.
 */
import type { Db, Param } from '../corpus/db.ts';
import { placeholders as marks } from '../corpus/db.ts';

/** Nodes a graph request returns by default (more is unreadable as a drawing). */
export const DEFAULT_GRAPH_NODES = 120;
/** Edges kept per graph, strongest first (a hairball helps nobody). */
export const MAX_GRAPH_EDGES = 600;
/** Largest number of article ids an entity page lists with titles. */
export const ENTITY_ARTICLES_LISTED = 100;

export interface ArticleListFilters {
  since?: string;
  until?: string;
  entity?: string;
  type?: string[];
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
  if (f.entity) {
    where.push('EXISTS (SELECT 1 FROM entity_mentions m WHERE m.article_id = a.id AND m.entity_id = ?)');
    params.push(f.entity);
  }
  if (f.type?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM entity_mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = a.id AND e.type IN (${marks(f.type.length)}))`,
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
    'SELECT id, title, published, publisher, url, story_id FROM articles WHERE story_id = ? AND is_current = 1 ORDER BY published, id LIMIT 200',
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
    `SELECT e.id, e.name, e.type, e.lat, e.lon, e.country, count(DISTINCT m.article_id) AS articles, sum(m.mentions) AS mentions
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
    `SELECT substr(published, 1, 7) AS m, count(*) AS n FROM articles WHERE is_current = 1 AND published IS NOT NULL GROUP BY substr(published, 1, 7) ORDER BY m`,
  );
  const events = await db.all<{ m: string; n: number }>(
    `SELECT substr(date, 1, 7) AS m, count(*) AS n FROM events WHERE date IS NOT NULL AND length(date) >= 7 GROUP BY substr(date, 1, 7) ORDER BY m`,
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

export interface GraphFilters {
  type?: string[];
  since?: string;
  until?: string;
  limit: number;
  minWeight: number;
}

/**
 * Entities as nodes (weight: articles mentioning them within the filters), edges from
 * co-occurrence in an article and from extracted relations, strongest first.
 */
export async function graph(db: Db, f: GraphFilters) {
  const where = ['a.is_current = 1'];
  const params: Param[] = [];
  if (f.type?.length) {
    where.push(`e.type IN (${marks(f.type.length)})`);
    params.push(...f.type);
  }
  if (f.since) {
    where.push('a.published >= ?');
    params.push(f.since);
  }
  if (f.until) {
    where.push('a.published <= ?');
    params.push(untilBound(f.until));
  }
  const nodes = await db.all<{ id: string; name: string; type: string; n: number }>(
    `SELECT e.id, e.name, e.type, count(DISTINCT m.article_id) AS n
     FROM entity_mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id
     WHERE ${where.join(' AND ')} GROUP BY e.id, e.name, e.type ORDER BY n DESC, e.id LIMIT ?`,
    [...params, f.limit],
  );
  if (!nodes.length) return { nodes: [], edges: [] };
  const ids = nodes.map((n) => n.id);
  const dateWhere: string[] = ['a.is_current = 1'];
  const dateParams: Param[] = [];
  if (f.since) {
    dateWhere.push('a.published >= ?');
    dateParams.push(f.since);
  }
  if (f.until) {
    dateWhere.push('a.published <= ?');
    dateParams.push(untilBound(f.until));
  }
  // Co-occurrence counted here rather than by a self-join in SQL: one pass over the mentions of
  // the kept nodes, pairs tallied per article (the self-join is quadratic per article in SQL).
  const rows = await db.all<{ article_id: number; entity_id: string }>(
    `SELECT m.article_id, m.entity_id FROM entity_mentions m JOIN articles a ON a.id = m.article_id
     WHERE m.entity_id IN (${marks(ids.length)}) AND ${dateWhere.join(' AND ')} ORDER BY m.article_id`,
    [...ids, ...dateParams],
  );
  const slot = new Map(ids.map((id, i) => [id, i]));
  const pairs = new Map<number, number>();
  const n = ids.length;
  for (let i = 0; i < rows.length;) {
    const art = rows[i]!.article_id;
    const inArticle: number[] = [];
    for (; i < rows.length && rows[i]!.article_id === art; i++) inArticle.push(slot.get(rows[i]!.entity_id)!);
    const uniq = [...new Set(inArticle)].sort((x, y) => x - y);
    for (let x = 0; x < uniq.length; x++)
      for (let y = x + 1; y < uniq.length; y++) {
        const key = uniq[x]! * n + uniq[y]!;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
  }
  const co = [...pairs]
    .filter(([, w]) => w >= f.minWeight)
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, MAX_GRAPH_EDGES)
    .map(([key, w]) => ({ a: ids[Math.floor(key / n)]!, b: ids[key % n]!, w }));
  const rel = await db.all<{ a: string; b: string; predicate: string; w: number }>(
    `SELECT r.subject_id AS a, r.object_id AS b, r.predicate, count(*) AS w FROM relations r JOIN articles a ON a.id = r.article_id
     WHERE r.object_id IS NOT NULL AND r.subject_id IN (${marks(ids.length)}) AND r.object_id IN (${marks(ids.length)}) AND ${dateWhere.join(' AND ')}
     GROUP BY r.subject_id, r.object_id, r.predicate ORDER BY w DESC LIMIT ?`,
    [...ids, ...ids, ...dateParams, MAX_GRAPH_EDGES],
  );
  return {
    nodes: nodes.map((n) => ({ id: n.id, label: n.name, type: n.type, weight: Number(n.n) })),
    edges: [
      ...rel.map((e) => ({ source: e.a, target: e.b, kind: e.predicate, weight: Number(e.w) })),
      ...co.map((e) => ({ source: e.a, target: e.b, kind: 'co-occurrence', weight: Number(e.w) })),
    ],
  };
}
