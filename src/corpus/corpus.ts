/**
 * The corpus: many analysed articles in one database (SQLite by default, PostgreSQL at scale),
 * with syndicated copies grouped into stories, entities merged across articles, event mentions
 * merged into real-world events, and full-text search.
 *
 * Every article is stored in one transaction (src/corpus/store.ts): a crash leaves either all of
 * it or none of it, and the content hash makes a rerun skip what is already there.
 */
import type { Analysis } from '../model/analysis.ts';
import type { Db, OpenOptions, Param } from './db.ts';
import { dateRange, openDb, placeholders as marks } from './db.ts';
import { migrate } from './schema.ts';
import { prepareArticle, storeArticle, type AddResult, type PreparedArticle, type LockTurn } from './store.ts';
import { ftsQuery, pgTsQuery, snippet, tsqueryStems, SNIPPET_WORDS } from './snippet.ts';
import { graph } from './graph.ts';
import { eventFields, evidence, partyNames, type EvidenceRow } from './event-rows.ts';
import { decodeAnalysis } from './stored-analysis.ts';
import { MergedClaims, type ClaimFilters, type CorpusClaim } from './claims.ts';

export type { AddResult, AddStatus } from './store.ts';
export type { ClaimFilters, ClaimReport, CorpusClaim } from './claims.ts';

/**
 * Matches of one query that PostgreSQL ranks by relevance: the most recent ones (see search()).
 * SQLite's FTS5 keeps term frequencies in its index and ranks every match.
 */
const PG_RANKED_MATCHES = 1000;
/** Nodes of the graph the CLI exports (a file for a graph tool, larger than the API's drawing). */
const CLI_GRAPH_NODES = 300;

export interface ArticleRow {
  id: number;
  key: string;
  title: string | null;
  published: string | null;
  publisher: string | null;
  url: string | null;
  story: number;
  revision: number;
}

export interface SearchFilters {
  entity?: string;
  type?: string;
  since?: string;
  until?: string;
  place?: string;
  limit?: number;
  /** Hits to skip (paging), best first. */
  offset?: number;
}

export interface SearchHit {
  article: number;
  title: string | null;
  published: string | null;
  publisher: string | null;
  score: number;
  snippet: string;
}

export interface EventFilters {
  type?: string;
  entity?: string;
  place?: string;
  since?: string;
  until?: string;
  limit?: number;
  /** Events to skip (paging), in the order asked for. */
  offset?: number;
  /** Order: by date (default), type, place name, independent sources, dead or injured; `desc` (default) or `asc`. */
  sort?: EventSort;
  order?: 'asc' | 'desc';
}

/** What events can be ordered by. */
export type EventSort = 'date' | 'type' | 'place' | 'sources' | 'dead' | 'injured';

export interface CorpusEventRow {
  id: number;
  type: string;
  mode: string | null;
  date: string | null;
  place: { id: string; name: string; lat: number | null; lon: number | null } | null;
  actors: Array<{ id: string; name: string }>;
  targets: Array<{ id: string; name: string }>;
  /** Dead and injured as the event's latest report that gives them says (event-figures.ts): a number or text. */
  dead: string | null;
  injured: string | null;
  sources: number;
  /** One per sentence of evidence: its article and story, the sentence, and where the event word starts in it. */
  mentions: Array<{
    article: number;
    story: number;
    text: string;
    start: number;
    published: string | null;
    title: string | null;
  }>;
}

/**
 * The coarser dates that hold a `since` date and so overlap every range from it: its year and, for
 * a day, its month ("2025-03-10" → 2025, 2025-03). Weeks, quarters and decades compare as text.
 */
export function sincePeriods(since: string): string[] {
  const m = /^(\d{4})(?:-(\d{2})(?:-\d{2})?)?$/.exec(since);
  if (!m) return [];
  return since.length > 7 ? [m[1]!, `${m[1]}-${m[2]}`] : since.length > 4 ? [m[1]!] : [];
}

export class Corpus {
  private constructor(readonly db: Db) {}

  /**
   * Open the corpus at `spec`, creating or upgrading it; with `readOnly`, only an existing corpus
   * at the current schema version, and nothing is ever written.
   */
  static async open(spec: string, options: OpenOptions = {}): Promise<Corpus> {
    const db = await openDb(spec, options);
    try {
      await migrate(db);
    } catch (err) {
      await db.close();
      throw err;
    }
    return new Corpus(db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async hasContent(hash: string): Promise<boolean> {
    return !!(await this.db.get('SELECT 1 AS x FROM articles WHERE content_hash = ?', [hash]));
  }

  /**
   * Store one analysed article (and everything read from it) in one transaction (`within` one
   * already open, if given).
   */
  async add(a: Analysis, key = a.id, within: Db = this.db): Promise<AddResult> {
    return this.store(prepareArticle(a, key), within);
  }

  /** Store an article made ready by `prepareArticle` (the hashing, signing and compressing, which need no database). */
  async store(p: PreparedArticle, within: Db = this.db, turn?: LockTurn): Promise<AddResult> {
    return within.transaction((db) => storeArticle(db, p, turn));
  }

  async recordFailure(input: string, error: string, within: Db = this.db): Promise<void> {
    await within.run('INSERT INTO failures (input, error, at) VALUES (?, ?, ?)', [
      input,
      error,
      new Date().toISOString(),
    ]);
  }

  // ---- queries -------------------------------------------------------------------------------

  async articles(limit = 1000): Promise<ArticleRow[]> {
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT id, key, title, published, publisher, url, story_id, revision FROM articles WHERE is_current = 1
       ORDER BY published DESC, id DESC LIMIT ?`,
      [limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      key: String(r.key),
      title: (r.title as string) ?? null,
      published: (r.published as string) ?? null,
      publisher: (r.publisher as string) ?? null,
      url: (r.url as string) ?? null,
      story: Number(r.story_id),
      revision: Number(r.revision),
    }));
  }

  async article(id: number): Promise<(Analysis & { story: number; articleId: number }) | undefined> {
    const r = await this.db.get<{ id: number; text: string; analysis: Uint8Array; story_id: number }>(
      'SELECT id, text, analysis, story_id FROM articles WHERE id = ?',
      [id],
    );
    if (!r) return undefined;
    return { ...decodeAnalysis(r.analysis), text: r.text, story: Number(r.story_id), articleId: Number(r.id) };
  }

  async stories(): Promise<Array<{ id: number; original: number | null; articles: number[] }>> {
    const rows = await this.db.all<{ id: number; original_id: number | null; article_id: number | null }>(
      `SELECT s.id, s.original_id, a.id AS article_id
       FROM stories s LEFT JOIN articles a ON a.story_id = s.id AND a.is_current = 1
       ORDER BY s.id, a.id`,
    );
    const out = new Map<number, { id: number; original: number | null; articles: number[] }>();
    for (const r of rows) {
      const id = Number(r.id);
      if (!out.has(id))
        out.set(id, { id, original: r.original_id === null ? null : Number(r.original_id), articles: [] });
      if (r.article_id !== null) out.get(id)!.articles.push(Number(r.article_id));
    }
    return [...out.values()].filter((s) => s.articles.length > 0);
  }

  /** Find a corpus entity by id, or by a name or alias (most-mentioned first). */
  async findEntity(nameOrId: string): Promise<{ id: string; name: string; type: string } | undefined> {
    const byId = await this.db.get<{ id: string; name: string; type: string }>(
      'SELECT id, name, type FROM entities WHERE id = ?',
      [nameOrId],
    );
    if (byId) return byId;
    const key = nameOrId.toLowerCase().replace(/\s+/g, ' ').trim();
    const rows = await this.db.all<{ id: string; name: string; type: string; n: number }>(
      `SELECT e.id, e.name, e.type, (SELECT count(*) FROM entity_mentions m WHERE m.entity_id = e.id) AS n
       FROM entity_keys k JOIN entities e ON e.id = k.entity_id
       WHERE k.key = ? OR k.key = ? ORDER BY n DESC`,
      [key, `surname-only:${key}`],
    );
    return rows[0];
  }

  async entityReport(nameOrId: string) {
    const e = await this.findEntity(nameOrId);
    if (!e) return undefined;
    const mentions = await this.db.all<{
      article_id: number;
      name: string;
      roles: string;
      aliases: string;
      mentions: number;
      published: string | null;
    }>(
      `SELECT m.article_id, m.name, m.roles, m.aliases, m.mentions, a.published FROM entity_mentions m
       JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? ORDER BY a.published, a.id`,
      [e.id],
    );
    const aliases = new Set<string>();
    const roles: Array<{ role: string; since: string | null; article: number }> = [];
    const perDay = new Map<string, number>();
    for (const m of mentions) {
      aliases.add(m.name);
      for (const x of JSON.parse(m.aliases) as string[]) aliases.add(x);
      for (const r of JSON.parse(m.roles) as string[]) {
        if (!roles.some((x) => x.role.toLowerCase() === r.toLowerCase()))
          roles.push({ role: r, since: m.published, article: Number(m.article_id) });
      }
      const day = m.published ?? 'undated';
      perDay.set(day, (perDay.get(day) ?? 0) + Number(m.mentions));
    }
    aliases.delete(e.name);
    const quotes = await this.db.all<{ text: string; article_id: number; kind: string }>(
      'SELECT text, article_id, kind FROM quotes WHERE entity_id = ? ORDER BY article_id, start_offset',
      [e.id],
    );
    const claims = await this.db.all<{ text: string; article_id: number; source_kind: string; hedged: number }>(
      'SELECT text, article_id, source_kind, hedged FROM claims WHERE entity_id = ? ORDER BY article_id, start_offset',
      [e.id],
    );
    const events = (await this.events({ entity: e.id, limit: 200 })).map((x) => ({
      id: x.id,
      type: x.type,
      date: x.date,
      sources: x.sources,
    }));
    const related = await this.db.all<{ id: string; name: string; type: string; n: number }>(
      `SELECT o.entity_id AS id, e.name, e.type, count(DISTINCT o.article_id) AS n
       FROM entity_mentions m JOIN entity_mentions o ON o.article_id = m.article_id AND o.entity_id <> m.entity_id
       JOIN entities e ON e.id = o.entity_id
       WHERE m.entity_id = ? GROUP BY o.entity_id, e.name, e.type ORDER BY n DESC, e.name LIMIT 15`,
      [e.id],
    );
    return {
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: [...aliases],
      roles,
      articles: [...new Set(mentions.map((m) => Number(m.article_id)))],
      mentionsPerDay: Object.fromEntries(perDay),
      quotes: quotes.map((q) => ({ text: q.text, article: Number(q.article_id), kind: q.kind })),
      claims: claims.map((c) => ({
        text: c.text,
        article: Number(c.article_id),
        sourceKind: c.source_kind,
        hedged: !!c.hedged,
      })),
      events,
      related: related.map((r) => ({ id: r.id, name: r.name, type: r.type, articles: Number(r.n) })),
    };
  }

  /**
   * Ranked full-text search: `total` matches, `results` the best `limit` of them from `offset`. A
   * word ending in `*` is a prefix (`syri*` finds Syria); SQLite matches words as written, PostgreSQL
   * their English stems.
   */
  async search(query: string, f: SearchFilters = {}): Promise<{ total: number; results: SearchHit[] }> {
    const where: string[] = ['a.is_current = 1'];
    const params: Param[] = [];
    dateRange(where, params, f);
    for (const [name, typeFilter] of [
      [f.entity, null],
      [f.place, 'place'],
    ] as const) {
      if (!name) continue;
      const e = await this.findEntity(name);
      if (!e) return { total: 0, results: [] };
      if (typeFilter === 'place' && e.type !== 'GPE' && e.type !== 'LOC') return { total: 0, results: [] };
      where.push('EXISTS (SELECT 1 FROM entity_mentions m WHERE m.article_id = a.id AND m.entity_id = ?)');
      params.push(e.id);
    }
    if (f.type) {
      where.push(
        'EXISTS (SELECT 1 FROM entity_mentions m JOIN entities e ON e.id = m.entity_id ' +
          'WHERE m.article_id = a.id AND e.type = ?)',
      );
      params.push(f.type.toUpperCase());
    }
    const limit = f.limit ?? 20;
    const offset = f.offset ?? 0;
    const w = where.join(' AND ');
    type Row = {
      id: number;
      title: string | null;
      published: string | null;
      publisher: string | null;
      score: number;
      snippet?: string;
      stems?: string;
      text?: string;
    };
    let rows: Row[];
    let total: number;
    if (this.db.dialect === 'sqlite') {
      const match = ftsQuery(query);
      const from = `FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND ${w}`;
      total = Number((await this.db.get<{ n: number }>(`SELECT count(*) AS n ${from}`, [match, ...params]))?.n ?? 0);
      rows = await this.db.all<Row>(
        `SELECT a.id, a.title, a.published, a.publisher, -bm25(articles_fts) AS score,
                snippet(articles_fts, 1, '[', ']', '…', ${SNIPPET_WORDS}) AS snippet
         ${from} ORDER BY score DESC, a.id LIMIT ? OFFSET ?`,
        [match, ...params, limit, offset],
      );
    } else {
      // PostgreSQL's index says which articles match but not how well; ranking reads each match's
      // stored vector, and a common word matches most of the corpus. So the matches are found from
      // the index alone (a sequential scan would read every vector just to test it), the most
      // recent PG_RANKED_MATCHES of them are ranked, and only the rows shown are read in full.
      const [tsq, qText] = pgTsQuery(query);
      const sql = `SELECT r.id, r.title, r.published, r.publisher, r.score, r.q::text AS stems, t.text FROM (
           SELECT c.id, c.title, c.published, c.publisher, ts_rank(c.tsv, q) AS score, q FROM (
             SELECT a.id, a.title, a.published, a.publisher, a.tsv FROM articles a
             WHERE a.tsv @@ ${tsq} AND ${w}
             ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT ${PG_RANKED_MATCHES}
           ) c, ${tsq} q ORDER BY score DESC, c.id LIMIT ? OFFSET ?
         ) r JOIN articles t ON t.id = r.id ORDER BY r.score DESC, r.id`;
      [total, rows] = await this.db.transaction(async (tx) => {
        await tx.exec('SET LOCAL enable_seqscan = off');
        const n = await tx.get<{ n: number }>(`SELECT count(*) AS n FROM articles a WHERE a.tsv @@ ${tsq} AND ${w}`, [
          qText,
          ...params,
        ]);
        return [Number(n?.n ?? 0), await tx.all<Row>(sql, [qText, ...params, qText, limit, offset])] as const;
      });
    }
    return {
      total,
      results: rows.map((r) => ({
        article: Number(r.id),
        title: r.title,
        published: r.published,
        publisher: r.publisher ?? null,
        score: Number(r.score),
        snippet: r.snippet ?? snippet(r.text ?? '', tsqueryStems(r.stems ?? '')),
      })),
    };
  }

  /**
   * The WHERE clause (on `events ev`) of an events filter, or undefined when it names an entity the
   * corpus lacks: what `events` and `eventCount` select, and the timeline's tallies (server/api-map.ts).
   */
  async eventWhere(f: EventFilters): Promise<{ sql: string; params: Param[] } | undefined> {
    const where: string[] = ['1 = 1'];
    const params: Param[] = [];
    if (f.type) {
      where.push('ev.type = ?');
      params.push(f.type.toUpperCase());
    }
    if (f.since) {
      // An event overlapping the range stays: one dated to a year or a month that holds `since`
      // ("2025-03" for since 2025-03-10) as well as every date from `since` on. `until` keeps
      // its overlaps already (a bound above every date that starts with it).
      const periods = sincePeriods(f.since);
      where.push(`(ev.date >= ?${periods.map(() => ' OR ev.date = ?').join('')})`);
      params.push(f.since, ...periods);
    }
    if (f.until) {
      where.push('ev.date <= ?');
      params.push(f.until + '\uffff');
    }
    for (const [name, col] of [
      [f.entity, 'any'],
      [f.place, 'place'],
    ] as const) {
      if (!name) continue;
      const e = await this.findEntity(name);
      if (!e) return undefined;
      if (col === 'place') {
        where.push('ev.place_id = ?');
        params.push(e.id);
      } else {
        where.push('(ev.place_id = ? OR ev.actors LIKE ? OR ev.targets LIKE ?)');
        params.push(e.id, `%"${e.id}"%`, `%"${e.id}"%`);
      }
    }
    return { sql: where.join(' AND '), params };
  }

  /** How many events a filter matches (what `events` lists page by page). */
  async eventCount(f: EventFilters = {}): Promise<number> {
    const w = await this.eventWhere(f);
    if (!w) return 0;
    return Number(
      (await this.db.get<{ n: number }>(`SELECT count(*) AS n FROM events ev WHERE ${w.sql}`, w.params))?.n ?? 0,
    );
  }

  async events(f: EventFilters = {}): Promise<CorpusEventRow[]> {
    const w = await this.eventWhere(f);
    if (!w) return [];
    const dir = f.order === 'asc' ? 'ASC' : 'DESC';
    const count = (col: string) =>
      this.db.dialect === 'sqlite'
        ? `CASE WHEN ${col} GLOB '[0-9]*' THEN CAST(${col} AS INTEGER) END`
        : `CASE WHEN ${col} ~ '^[0-9]+$' THEN CAST(${col} AS BIGINT) END`;
    const key = {
      date: 'ev.date',
      type: 'ev.type',
      place: 'p.name',
      sources: '(SELECT count(DISTINCT sm.story_id) FROM event_mentions sm WHERE sm.event_id = ev.id)',
      dead: count('ev.dead'),
      injured: count('ev.injured'),
    }[f.sort ?? 'date'];
    // Events without the value come last either way (SQLite and PostgreSQL differ on where NULL sorts).
    const order = `(${key}) IS NULL, ${key} ${dir}${f.sort && f.sort !== 'date' ? `, ev.date ${dir}` : ''}, ev.id`;
    // The page's ids are sorted first (narrow rows, places joined only to sort by them), then only
    // their rows are read whole.
    const place = 'LEFT JOIN entities p ON p.id = ev.place_id';
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT ev.*, p.name AS place_name, p.lat, p.lon FROM events ev ${place}
       WHERE ev.id IN (SELECT ev.id FROM events ev ${f.sort === 'place' ? place : ''}
         WHERE ${w.sql} ORDER BY ${order} LIMIT ? OFFSET ?) ORDER BY ${order}`,
      [...w.params, f.limit ?? 500, f.offset ?? 0],
    );
    // Names and mentions of every listed event in two queries (not two per event).
    const eventIds = rows.map((r) => Number(r.id));
    const party = await partyNames(this.db, rows);
    type MentionRow = EvidenceRow & { event_id: number };
    const byEvent = new Map<number, MentionRow[]>();
    for (let i = 0; i < eventIds.length; i += 500) {
      const chunk = eventIds.slice(i, i + 500);
      const ms = await this.db.all<MentionRow>(
        `SELECT m.event_id, m.article_id, m.story_id, m.text, m.start_offset, a.published, a.title
         FROM event_mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id IN (${marks(chunk.length)}) ORDER BY a.published, m.id`,
        chunk,
      );
      for (const m of ms)
        (byEvent.get(Number(m.event_id)) ?? byEvent.set(Number(m.event_id), []).get(Number(m.event_id))!).push(m);
    }
    return rows.map((r) => {
      const mentions = byEvent.get(Number(r.id)) ?? [];
      return {
        ...eventFields(r, party),
        sources: new Set(mentions.map((m) => Number(m.story_id))).size,
        mentions: evidence(mentions),
      };
    });
  }

  async quotes(
    speaker?: string,
  ): Promise<
    Array<{ text: string; kind: string; speaker: string | null; speakerText: string | null; article: number }>
  > {
    let where = '';
    const params: Param[] = [];
    if (speaker) {
      const e = await this.findEntity(speaker);
      if (!e) return [];
      where = 'WHERE q.entity_id = ?';
      params.push(e.id);
    }
    const rows = await this.db.all<{
      text: string;
      kind: string;
      name: string | null;
      speaker_text: string | null;
      article_id: number;
    }>(
      `SELECT q.text, q.kind, e.name, q.speaker_text, q.article_id
       FROM quotes q LEFT JOIN entities e ON e.id = q.entity_id ${where}
       ORDER BY q.article_id, q.start_offset LIMIT 5000`,
      params,
    );
    return rows.map((r) => ({
      text: r.text,
      kind: r.kind,
      speaker: r.name,
      speakerText: r.speaker_text,
      article: Number(r.article_id),
    }));
  }

  /**
   * Entities as nodes; co-occurrence in current articles and extracted relations as weighted edges
   * (`graph` of graph.ts, the query the API runs too), every edge kept.
   */
  /** The corpus's claims merged, kept until a claim is added (claims.ts). */
  private merged = new MergedClaims();

  /** Claims merged across articles, with their reports, independent sources and disputes (claims.ts). */
  async claims(f: ClaimFilters = {}): Promise<CorpusClaim[]> {
    return (await this.mergedClaims(f, false))!;
  }

  /** `claims`, or undefined at once while the merge it needs is still running (it is started if not). */
  claimsIfReady(f: ClaimFilters = {}): Promise<CorpusClaim[] | undefined> {
    return this.mergedClaims(f, true);
  }

  private async mergedClaims(f: ClaimFilters, ifReady: boolean): Promise<CorpusClaim[] | undefined> {
    const entity = f.entity ? await this.findEntity(f.entity) : undefined;
    if (f.entity && !entity) return [];
    return this.merged.get(this.db, { ...f, entity: entity?.id }, ifReady);
  }

  async graph(minWeight = 1, limitNodes = CLI_GRAPH_NODES) {
    return graph(this.db, { minWeight, limit: limitNodes, maxEdges: Number.MAX_SAFE_INTEGER });
  }

  async counts(): Promise<{ articles: number; stories: number; entities: number; events: number; failures: number }> {
    const one = async (sql: string) => Number((await this.db.get<{ n: number }>(sql))?.n ?? 0);
    return {
      articles: await one('SELECT count(*) AS n FROM articles WHERE is_current = 1'),
      stories: await one('SELECT count(DISTINCT story_id) AS n FROM articles'),
      entities: await one('SELECT count(*) AS n FROM entities'),
      events: await one('SELECT count(*) AS n FROM events'),
      failures: await one('SELECT count(*) AS n FROM failures'),
    };
  }
}
