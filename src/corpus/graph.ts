/**
 * The entity graph of the corpus, the one query behind `sitrep graph` (Corpus.graph) and the API's
 * /api/graph: entities as nodes weighted by the current articles that mention them, edges between
 * entities that share a sentence or an event (stored per article in `entity_pairs` when it is
 * stored, see `entityPairs`) and from extracted relations. Two names that merely appear in the same
 * article are not linked: a long article would tie everything in it to everything else. Superseded
 * revisions never count.
 */
import type { Analysis } from '../model/analysis.ts';
import type { Db, Param } from './db.ts';
import { dateRange, placeholders as marks } from './db.ts';
import { Writes } from './writes.ts';
import { storedAnalyses } from './stored-analysis.ts';

/** Nodes a graph request returns by default (more is unreadable as a drawing). */
export const DEFAULT_GRAPH_NODES = 120;
/** Edges kept per graph, strongest first (a hairball helps nobody). */
export const MAX_GRAPH_EDGES = 600;

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

/** One edge of the graph. A co-occurrence edge says how its weight is made up. */
export interface GraphEdge {
  source: string;
  target: string;
  /** `co-occurrence` (a shared sentence or event), or the predicate of an extracted relation. */
  kind: string;
  /** Co-occurrence: shared sentences plus shared events; a relation: times it was extracted. */
  weight: number;
  /** Co-occurrence only: sentences naming both, events with both as parties or place, articles. */
  sentences?: number;
  events?: number;
  articles?: number;
}

export interface Graph {
  nodes: Array<{ id: string; label: string; type: string; weight: number }>;
  edges: GraphEdge[];
}

/** Two corpus entities an article puts together, `a` < `b`. */
export interface EntityPair {
  a: string;
  b: string;
  /** Sentences naming both. */
  sentences: number;
  /** Events (not negated, not hypothetical) with both among their actors, targets and place. */
  events: number;
}

/**
 * The pairs of entities one article puts together: named in one sentence, or parties (or the
 * place) of one event. `ids` maps the analysis's entity ids to corpus ids; entities without one
 * are left out.
 */
export function entityPairs(a: Pick<Analysis, 'sentences' | 'entities' | 'events'>, ids: Map<string, string>) {
  const pairs = new Map<string, EntityPair>();
  const add = (group: Iterable<string>, field: 'sentences' | 'events') => {
    const list = [...new Set(group)].sort();
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const key = `${list[i]}\u0000${list[j]}`;
        let p = pairs.get(key);
        if (!p) pairs.set(key, (p = { a: list[i]!, b: list[j]!, sentences: 0, events: 0 }));
        p[field]++;
      }
  };
  // Which sentence each mention falls in: sentences are in text order, found by binary search.
  const starts = a.sentences.map((s) => s.start);
  const sentenceOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const bySentence = new Map<number, string[]>();
  for (const e of a.entities) {
    const id = ids.get(e.id);
    if (!id) continue;
    for (const m of e.mentions) {
      const s = sentenceOf(m.start);
      (bySentence.get(s) ?? bySentence.set(s, []).get(s)!).push(id);
    }
  }
  for (const group of bySentence.values()) add(group, 'sentences');
  for (const ev of a.events) {
    if (ev.negated || ev.hypothetical) continue;
    const local = [...ev.actors, ...ev.targets].map((x) => x.entity).concat(ev.where ?? null);
    add(
      local.map((x) => (x ? ids.get(x) : undefined)).filter((x): x is string => !!x),
      'events',
    );
  }
  return [...pairs.values()];
}

/** The rows of `entity_pairs` for one stored article. */
export function pairRows(articleId: number, pairs: EntityPair[]): Param[][] {
  return pairs.map((p) => [articleId, p.a, p.b, p.sentences, p.events]);
}

export const PAIR_COLUMNS = 'entity_pairs (article_id, entity_a, entity_b, sentences, events)';

/**
 * Fill `entity_pairs` for every stored article from its stored analysis (the migration that adds
 * the table runs this once, in its transaction).
 */
export async function fillEntityPairs(db: Db): Promise<void> {
  for await (const arts of storedAnalyses(db)) {
    const first = arts[0]!.id;
    const last = arts[arts.length - 1]!.id;
    const links = await db.all<{ article_id: number; local_id: string; entity_id: string }>(
      'SELECT article_id, local_id, entity_id FROM entity_mentions WHERE article_id >= ? AND article_id <= ?',
      [first, last],
    );
    const idsOf = new Map<number, Map<string, string>>();
    for (const l of links) {
      const art = Number(l.article_id);
      (idsOf.get(art) ?? idsOf.set(art, new Map()).get(art)!).set(l.local_id, l.entity_id);
    }
    const writes = new Writes();
    for (const { id, analysis } of arts) {
      writes.insert(PAIR_COLUMNS, pairRows(id, entityPairs(analysis, idsOf.get(id) ?? new Map())));
    }
    await db.runAll(writes.list);
  }
}

/** The publication-window conditions on the articles `a` of a graph. */
function windowOf(f: GraphFilters): { where: string[]; params: Param[] } {
  const where = ['a.is_current = 1'];
  const params: Param[] = [];
  dateRange(where, params, f);
  return { where, params };
}

/**
 * Entities as nodes (weight: articles mentioning them within the filters), edges between entities
 * that share sentences or events (weight: how many, over the current articles in the window) and
 * from extracted relations, strongest first.
 */
export async function graph(db: Db, f: GraphFilters): Promise<Graph> {
  const win = windowOf(f);
  const where = [...win.where];
  const params = [...win.params];
  if (f.type?.length) {
    where.push(`e.type IN (${marks(f.type.length)})`);
    params.push(...f.type);
  }
  const nodes = await db.all<{ id: string; name: string; type: string; n: number }>(
    `SELECT e.id, e.name, e.type, count(DISTINCT m.article_id) AS n
     FROM entity_mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id
     WHERE ${where.join(' AND ')} GROUP BY e.id, e.name, e.type ORDER BY n DESC, e.id LIMIT ?`,
    [...params, f.limit],
  );
  if (!nodes.length) return { nodes: [], edges: [] };
  const ids = nodes.map((n) => n.id);
  const maxEdges = f.maxEdges ?? MAX_GRAPH_EDGES;
  const co = await db.all<{ a: string; b: string; s: number; ev: number; n: number }>(
    `SELECT p.entity_a AS a, p.entity_b AS b, sum(p.sentences) AS s, sum(p.events) AS ev,
            count(*) AS n
     FROM entity_pairs p JOIN articles a ON a.id = p.article_id
     WHERE p.entity_a IN (${marks(ids.length)}) AND p.entity_b IN (${marks(ids.length)})
       AND ${win.where.join(' AND ')}
     GROUP BY p.entity_a, p.entity_b HAVING count(*) >= ?
     ORDER BY sum(p.sentences) + sum(p.events) DESC, p.entity_a, p.entity_b LIMIT ?`,
    [...ids, ...ids, ...win.params, f.minWeight, maxEdges],
  );
  const rel = await db.all<{ a: string; b: string; predicate: string; w: number }>(
    `SELECT r.subject_id AS a, r.object_id AS b, r.predicate, count(*) AS w
     FROM relations r JOIN articles a ON a.id = r.article_id
     WHERE r.object_id IS NOT NULL AND r.subject_id IN (${marks(ids.length)})
       AND r.object_id IN (${marks(ids.length)}) AND ${win.where.join(' AND ')}
     GROUP BY r.subject_id, r.object_id, r.predicate ORDER BY w DESC, r.subject_id, r.object_id LIMIT ?`,
    [...ids, ...ids, ...win.params, maxEdges],
  );
  return {
    nodes: nodes.map((n) => ({ id: n.id, label: n.name, type: n.type, weight: Number(n.n) })),
    edges: [
      ...rel.map((e) => ({ source: e.a, target: e.b, kind: e.predicate, weight: Number(e.w) })),
      ...co.map((e) => ({
        source: e.a,
        target: e.b,
        kind: 'co-occurrence',
        weight: Number(e.s) + Number(e.ev),
        sentences: Number(e.s),
        events: Number(e.ev),
        articles: Number(e.n),
      })),
    ],
  };
}
