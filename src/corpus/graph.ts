/**
 * The entity graph of the corpus, the one query behind `sitrep graph` (Corpus.graph) and the API's
 * /api/graph: entities as nodes weighted by the current articles that mention them, edges from
 * co-occurrence in an article and from extracted relations. Superseded revisions never count.
 */
import type { Db, Param } from './db.ts';
import { placeholders as marks } from './db.ts';

/** Nodes a graph request returns by default (more is unreadable as a drawing). */
export const DEFAULT_GRAPH_NODES = 120;
/** Edges kept per graph, strongest first (a hairball helps nobody). */
export const MAX_GRAPH_EDGES = 600;

/** `until` is inclusive at any precision: `2026-03` covers every day of March. */
const untilBound = (until: string) => until + '\uffff';

/** What a graph is drawn from: node types, a publication window, sizes. */
export interface GraphFilters {
  /** Entity types of the nodes (all when empty). */
  type?: string[];
  /** Articles published on or after this date (YYYY[-MM[-DD]]). */
  since?: string;
  /** Articles published on or before this date, inclusive at any precision. */
  until?: string;
  /** Nodes, most-mentioned first. */
  limit: number;
  /** Articles a co-occurrence edge needs. */
  minWeight: number;
  /** Edges of each kind (co-occurrence, relations) kept, strongest first: MAX_GRAPH_EDGES when unset. */
  maxEdges?: number;
}

/**
 * Entities as nodes (weight: articles mentioning them within the filters), edges from
 * co-occurrence in an article and from extracted relations, strongest first. Only current
 * articles count: an article stored again as a revision is one article, not two.
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
  const maxEdges = f.maxEdges ?? MAX_GRAPH_EDGES;
  const co = [...pairs]
    .filter(([, w]) => w >= f.minWeight)
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, maxEdges)
    .map(([key, w]) => ({ a: ids[Math.floor(key / n)]!, b: ids[key % n]!, w }));
  const rel = await db.all<{ a: string; b: string; predicate: string; w: number }>(
    `SELECT r.subject_id AS a, r.object_id AS b, r.predicate, count(*) AS w
     FROM relations r JOIN articles a ON a.id = r.article_id
     WHERE r.object_id IS NOT NULL AND r.subject_id IN (${marks(ids.length)})
       AND r.object_id IN (${marks(ids.length)}) AND ${dateWhere.join(' AND ')}
     GROUP BY r.subject_id, r.object_id, r.predicate ORDER BY w DESC LIMIT ?`,
    [...ids, ...ids, ...dateParams, maxEdges],
  );
  return {
    nodes: nodes.map((n) => ({ id: n.id, label: n.name, type: n.type, weight: Number(n.n) })),
    edges: [
      ...rel.map((e) => ({ source: e.a, target: e.b, kind: e.predicate, weight: Number(e.w) })),
      ...co.map((e) => ({ source: e.a, target: e.b, kind: 'co-occurrence', weight: Number(e.w) })),
    ],
  };
}
