/**
 * The JSON API: one route table, each route with its handler and its documentation, from which
 * `/api/openapi.json` is written. Bodies and query strings are validated here by hand; anything
 * wrong is a 4xx JSON error naming the field.
 */
import type { Corpus } from '../corpus/corpus.ts';
import type { Analysis } from '../model/analysis.ts';
import { Pipeline } from '../pipeline.ts';
import { isCalendarDay } from '../model/dates.ts';
import { articleKey, jobToRaw, type AnalysisJob, type ArticleBody } from './article.ts';
import type { AnalysisPool } from './pool.ts';
import { HttpError, Router, qDate, qInt, qString, qTypes, type Context } from './http.ts';
import { addEventRoutes } from './api-events.ts';
import { addMapRoutes } from './api-map.ts';
import { openApi } from './openapi.ts';
import * as Q from './queries.ts';

export { openApi };

/** Records one `POST /api/ingest` may carry (each is analysed in the request). */
export const MAX_INGEST_RECORDS = 200;
/** Longest title / publisher / id string accepted in a body. */
const MAX_FIELD_CHARS = 2000;
/** Article ids in paths: the corpus numbers articles. */
const ARTICLE_ID = /^\d{1,15}$/;

export interface ApiOptions {
  corpus: Corpus;
  /**
   * Where articles are analysed: a pool of threads (what `startServer` gives, so reads never wait
   * on an analysis), or else this pipeline (default a new one) on the calling thread.
   */
  pool?: AnalysisPool;
  pipeline?: Pipeline;
  /**
   * How long a cached read stays valid, in milliseconds (default READ_CACHE_TTL_MS). Other processes
   * (an `ingest`, a `worker`) write to the same database without telling this server, so a read is
   * cached only briefly; writes through this server empty the cache at once.
   */
  cacheTtlMs?: number;
  /** Fetch a URL for `POST /api/analyze {url}`; absent means URL analysis is refused (501). */
  fetchPage?: (url: string) => Promise<{ url: string; contentType: string; body: Buffer }>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validate one article object of a body; `where` prefixes messages (`records[3]`). */
function articleBody(v: unknown, where: string, allowUrl: boolean): ArticleBody {
  if (!isObject(v)) throw new HttpError(400, `${where}: expected a JSON object`);
  const out: ArticleBody = {};
  const known = new Set(['id', 'text', 'html', 'url', 'published', 'title', 'publisher']);
  for (const k of Object.keys(v)) if (!known.has(k)) throw new HttpError(400, `${where}: unknown field "${k}"`);
  for (const k of known) {
    const x = v[k];
    if (x === undefined || x === null) continue;
    if (typeof x !== 'string') throw new HttpError(400, `${where}: "${k}" must be a string`);
    if (k !== 'text' && k !== 'html' && x.length > MAX_FIELD_CHARS)
      throw new HttpError(400, `${where}: "${k}" is too long`);
    (out as Record<string, string>)[k] = x;
  }
  // analyze: exactly one of text, html, url. ingest: exactly one of text, html (url is provenance).
  const bodies = (allowUrl ? ['text', 'html', 'url'] : ['text', 'html']).filter(
    (k) => (out as Record<string, string>)[k] !== undefined,
  );
  const expected = allowUrl ? '"text", "html" or "url"' : '"text" or "html"';
  if (bodies.length === 0) throw new HttpError(400, `${where}: give one of ${expected}`);
  if (bodies.length > 1)
    throw new HttpError(400, `${where}: give only one of ${expected}, not ${bodies.join(' and ')}`);
  const content = out.text ?? out.html;
  if (content !== undefined && content.trim() === '') throw new HttpError(400, `${where}: the article is empty`);
  if (out.url !== undefined && !/^https?:\/\/\S+$/i.test(out.url))
    throw new HttpError(400, `${where}: "url" must be an http(s) URL`);
  if (out.published !== undefined && !isCalendarDay(out.published))
    throw new HttpError(400, `${where}: "published" must be a calendar day, YYYY-MM-DD`);
  return out;
}

function articleIdParam(ctx: Context): number {
  const id = ctx.params.id!;
  if (!ARTICLE_ID.test(id)) throw new HttpError(400, `article id must be a number, got "${id.slice(0, 40)}"`);
  return Number(id);
}

/**
 * Default life of a cached read: long enough to absorb a burst of identical requests (a page load
 * asks for the same stats and lists several times), short enough that another process's writes show
 * within two seconds.
 */
export const READ_CACHE_TTL_MS = 2000;

/** A small cache of read results: each lives `ttlMs`, and all are emptied when this server writes. */
export class ReadCache {
  private map = new Map<string, { value: unknown; at: number }>();
  private static readonly MAX_ENTRIES = 200;
  constructor(private readonly ttlMs: number) {}
  async get<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const hit = this.map.get(key);
    if (hit && performance.now() - hit.at < this.ttlMs) return hit.value as T;
    const value = await fn();
    this.map.delete(key);
    if (this.map.size >= ReadCache.MAX_ENTRIES) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, { value, at: performance.now() });
    return value;
  }
  clear(): void {
    this.map.clear();
  }
}

/** Build the API's route table over an open corpus. */
export function buildApi(opts: ApiOptions): Router {
  const { corpus } = opts;
  const db = corpus.db;
  let pipeline = opts.pipeline;
  const pipe = () => (pipeline ??= new Pipeline());
  const cache = new ReadCache(opts.cacheTtlMs ?? READ_CACHE_TTL_MS);
  const r = new Router();

  /** Analyse a job in the pool, or on this thread when there is none. */
  const analyseJob = async (job: AnalysisJob): Promise<{ analysis: Analysis; rawId: string }> => {
    if (opts.pool) return opts.pool.analyse(job);
    const raw = jobToRaw(job);
    return { analysis: pipe().analyze(raw), rawId: raw.id };
  };

  /** The analysis job of a body: a URL alone is fetched first (`fetchPage` keeps to public addresses). */
  const jobOf = async (b: ArticleBody): Promise<AnalysisJob> => {
    if (!(b.url && b.text === undefined && b.html === undefined)) return { body: b };
    if (!opts.fetchPage) throw new HttpError(501, 'fetching URLs is not available in this server');
    let page;
    try {
      page = await opts.fetchPage(b.url);
    } catch (err) {
      throw new HttpError(502, (err as Error).message);
    }
    const body = page.body.toString('utf8');
    const isHtml = /html|xml/i.test(page.contentType) || /^\s*</.test(body);
    return isHtml ? { body: b, html: body, pageUrl: page.url } : { body: { ...b, text: body }, pageUrl: page.url };
  };

  const analyse = async (b: ArticleBody): Promise<Analysis> => (await analyseJob(await jobOf(b))).analysis;

  /**
   * A body stored again without its title, day or publisher takes those of the stored article with
   * its key: storing a text again never erases them (the same text and title are then a duplicate).
   */
  const keepStored = async (b: ArticleBody): Promise<ArticleBody> => {
    if ((b.title && b.published && b.publisher) || (b.id ?? b.url ?? b.text) === undefined) return b;
    const row = await db.get<{ title: string | null; published: string | null; publisher: string | null }>(
      'SELECT title, published, publisher FROM articles WHERE key = ? AND is_current = 1',
      [articleKey(b.id, b.url, b.text ?? '')],
    );
    if (!row) return b;
    const or = (given: string | undefined, stored: string | null) => given ?? stored ?? undefined;
    return {
      ...b,
      title: or(b.title, row.title),
      published: or(b.published, row.published),
      publisher: or(b.publisher, row.publisher),
    };
  };

  r.add(
    'GET',
    '/api/openapi.json',
    { summary: 'This document: every endpoint, its parameters and responses' },
    async () => openApi(r),
  );

  r.add('GET', '/api/stats', { summary: 'Corpus counts and articles / events per month' }, async () =>
    cache.get('stats', async () => ({ counts: await corpus.counts(), monthly: await Q.monthly(db) })),
  );

  r.add(
    'POST',
    '/api/analyze',
    {
      summary: 'Analyse one article without storing it; returns the analysis',
      body: {
        text: 'string (plain text)',
        html: 'string (an HTML page)',
        url: 'string (http/https page to fetch)',
        published: 'YYYY-MM-DD',
        title: 'string',
        publisher: 'string',
      },
      responses: {
        '200': 'Analysis JSON (schema/analysis.schema.json)',
        '400': 'invalid body',
        '413': 'body too large',
        '422': 'no article text found in the HTML',
        '502': 'the URL could not be fetched',
        '503': 'every analysis thread is busy, or the analysis ran past its time limit',
      },
    },
    async (ctx) => analyse(articleBody(await ctx.body(), 'body', true)),
  );

  r.add(
    'POST',
    '/api/ingest',
    {
      summary: 'Analyse and store articles: one article object, or {records: [...]} (at most 200)',
      body: {
        text: 'string',
        html: 'string',
        id: 'string (key for revisions)',
        published: 'YYYY-MM-DD',
        title: 'string',
        publisher: 'string',
        url: 'string: provenance, or alone the page to fetch and store (public addresses only)',
        records: 'array of article objects',
      },
      responses: {
        '200': '{results: [{id, status, article, story} | {id, error}], tally}',
        '400': 'invalid body',
        '413': 'body too large',
      },
    },
    async (ctx) => {
      const body = await ctx.body();
      if (!isObject(body)) throw new HttpError(400, 'body: expected a JSON object');
      let items: unknown[];
      if ('records' in body) {
        if (!Array.isArray(body.records)) throw new HttpError(400, 'body: "records" must be an array');
        if (Object.keys(body).length > 1) throw new HttpError(400, 'body: give "records" alone, or one article');
        if (body.records.length === 0) throw new HttpError(400, 'body: "records" is empty');
        if (body.records.length > MAX_INGEST_RECORDS)
          throw new HttpError(413, `body: at most ${MAX_INGEST_RECORDS} records per request`);
        items = body.records;
      } else items = [body];
      // Validate every record before storing any: a bad batch stores nothing. A URL alone is fetched.
      const urlOnly = (x: unknown) =>
        !!opts.fetchPage && isObject(x) && x.url !== undefined && x.text === undefined && x.html === undefined;
      const valid = items.map((x, i) =>
        articleBody(x, items.length > 1 || 'records' in body ? `records[${i}]` : 'body', urlOnly(x)),
      );
      const results: Array<Record<string, unknown>> = [];
      const tally = { added: 0, duplicate: 0, revision: 0, failed: 0 };
      for (const b of valid) {
        let rawId: string | undefined;
        try {
          const done = await analyseJob(await jobOf(await keepStored(b)));
          rawId = done.rawId;
          const res = await corpus.add(done.analysis, rawId);
          tally[res.status]++;
          results.push({ id: rawId, status: res.status, article: res.articleId, story: res.storyId });
        } catch (err) {
          tally.failed++;
          const id = rawId ?? b.id ?? null;
          const message = err instanceof HttpError ? err.message : (err as Error).message;
          await corpus.recordFailure(String(id ?? 'api'), message).catch(() => undefined);
          results.push({ id, error: message });
        }
      }
      cache.clear();
      return { results, tally };
    },
  );

  r.add(
    'GET',
    '/api/articles',
    {
      summary: 'Current articles, newest first: a page and the total the filters match',
      query: {
        limit: '1–500 (50)',
        offset: 'integer (0)',
        since: 'YYYY[-MM[-DD]]',
        until: 'YYYY[-MM[-DD]]',
        entity: 'entity id or name',
        type: 'entity types, comma-separated',
        publisher: 'publisher name (any case)',
        story: 'story id: its versions and copies',
      },
      responses: { '200': '{total, articles: [{id, title, published, publisher, url, story}]}' },
    },
    async (ctx) => {
      const u = ctx.url;
      const entityName = qString(u, 'entity');
      const f = {
        since: qDate(u, 'since'),
        until: qDate(u, 'until'),
        type: qTypes(u),
        publisher: qString(u, 'publisher', 300),
        story: u.searchParams.has('story') ? qInt(u, 'story', 0, 0, Number.MAX_SAFE_INTEGER) : undefined,
        limit: qInt(u, 'limit', 50, 1, 500),
        offset: qInt(u, 'offset', 0, 0, 1e9),
      };
      const entity = entityName ? (await corpus.findEntity(entityName))?.id : undefined;
      if (entityName && !entity) return { total: 0, articles: [] };
      return cache.get(`articles:${JSON.stringify({ ...f, entity })}`, () => Q.listArticles(db, { ...f, entity }));
    },
  );

  r.add(
    'GET',
    '/api/publishers',
    {
      summary: 'Publishers of the current articles, with their article counts, most articles first',
      query: { limit: '1–2000 (500)' },
    },
    async (ctx) => {
      const limit = qInt(ctx.url, 'limit', 500, 1, 2000);
      return { publishers: await cache.get(`publishers:${limit}`, () => Q.listPublishers(db, limit)) };
    },
  );

  r.add(
    'GET',
    '/api/articles/:id',
    {
      summary: 'One article: its analysis, its story, and local → corpus entity ids',
      responses: { '200': '{article, story, links}', '404': 'no such article' },
    },
    async (ctx) => {
      const id = articleIdParam(ctx);
      const article = await corpus.article(id);
      if (!article) throw new HttpError(404, `no article ${id}`);
      return { article, story: await Q.storyOf(db, article.story), links: await Q.entityLinks(db, id) };
    },
  );

  r.add(
    'GET',
    '/api/entities',
    {
      summary: 'Entities with article and mention counts, most-mentioned first',
      query: {
        type: 'entity types, comma-separated',
        q: 'part of the name',
        limit: '1–1000 (50)',
        offset: 'integer (0)',
      },
    },
    async (ctx) => {
      const u = ctx.url;
      const f = {
        type: qTypes(u),
        q: qString(u, 'q', 200),
        limit: qInt(u, 'limit', 50, 1, 1000),
        offset: qInt(u, 'offset', 0, 0, 1e9),
      };
      return { entities: await cache.get(`entities:${JSON.stringify(f)}`, () => Q.listEntities(db, f)) };
    },
  );

  r.add(
    'GET',
    '/api/entities/:id',
    {
      summary:
        'One entity (by id, or by a name or alias): aliases, roles over time, quotes, claims, events, ' +
        'co-mentioned entities, articles',
      responses: { '200': 'entity report', '404': 'no such entity' },
    },
    async (ctx) => {
      const key = ctx.params.id!;
      if (key.length > 300) throw new HttpError(400, 'entity id is too long');
      const rep = await cache.get(`entity:${key}`, () => corpus.entityReport(key));
      if (!rep) throw new HttpError(404, `no entity "${key.slice(0, 80)}"`);
      const articles = await Q.articlesByIds(db, rep.articles.slice(-Q.ENTITY_ARTICLES_LISTED).reverse());
      return { ...rep, articleCount: rep.articles.length, articles };
    },
  );

  r.add(
    'GET',
    '/api/search',
    {
      summary:
        'Full-text search with filters (q, or at least one filter): the total of matches and a page of them, ' +
        'best first; a word ending in * is a prefix (syri* finds Syria)',
      query: {
        q: 'words',
        entity: 'entity id or name',
        type: 'entity type',
        since: 'YYYY[-MM[-DD]]',
        until: 'YYYY[-MM[-DD]]',
        place: 'place id or name',
        limit: '1–200 (20)',
        offset: 'integer (0)',
      },
      responses: { '200': '{total, results: [{article, title, published, publisher, score, snippet}]}' },
    },
    async (ctx) => {
      const u = ctx.url;
      const q = qString(u, 'q');
      const types = qTypes(u);
      if (types && types.length > 1) throw new HttpError(400, 'type: give one entity type');
      const f = {
        entity: qString(u, 'entity'),
        type: types?.[0],
        since: qDate(u, 'since'),
        until: qDate(u, 'until'),
        place: qString(u, 'place'),
        limit: qInt(u, 'limit', 20, 1, 200),
        offset: qInt(u, 'offset', 0, 0, 1e6),
      };
      if (q) return cache.get(`search:${JSON.stringify([q, f])}`, () => corpus.search(q, f));
      if (!f.entity && !f.type && !f.since && !f.until && !f.place)
        throw new HttpError(400, 'q: give words to search for, or a filter');
      // No words: the filtered article list, shaped as search hits.
      let entity: string | undefined;
      for (const [name, placeOnly] of [
        [f.entity, false],
        [f.place, true],
      ] as const) {
        if (!name) continue;
        const e = await corpus.findEntity(name);
        if (!e || (placeOnly && e.type !== 'GPE' && e.type !== 'LOC')) return { total: 0, results: [] };
        if (entity && entity !== e.id) return { total: 0, results: [] };
        entity = e.id;
      }
      const list = await Q.listArticles(db, { ...f, entity, type: types });
      return {
        total: list.total,
        results: list.articles.map((a) => ({
          article: a.id,
          title: a.title,
          published: a.published,
          publisher: a.publisher,
          score: 0,
          snippet: '',
        })),
      };
    },
  );

  r.add(
    'GET',
    '/api/claims',
    {
      summary:
        'Claims merged across articles: each with its reports, the number of independent sources (syndicated ' +
        'copies count once) and the reports that dispute it',
      query: {
        entity: 'entity id or name (a source of a report or dispute)',
        article: 'article id: the claims it reports or disputes',
        disputed: '1: only disputed claims',
        since: 'YYYY[-MM[-DD]]',
        until: 'YYYY[-MM[-DD]]',
        limit: '1–1000 (200)',
        ready: '1: answer { claims: [], pending: true } at once while the corpus is still merging its claims',
      },
    },
    async (ctx) => {
      const u = ctx.url;
      const f = {
        entity: qString(u, 'entity'),
        article: u.searchParams.has('article') ? qInt(u, 'article', 0, 0, Number.MAX_SAFE_INTEGER) : undefined,
        disputed: u.searchParams.get('disputed') === '1' || u.searchParams.get('disputed') === 'true',
        since: qDate(u, 'since'),
        until: qDate(u, 'until'),
        limit: qInt(u, 'limit', 200, 1, 1000),
      };
      if (u.searchParams.get('ready') === '1') {
        const ready = await corpus.claimsIfReady(f);
        return ready ? { claims: ready } : { claims: [], pending: true };
      }
      return { claims: await cache.get(`claims:${JSON.stringify(f)}`, () => corpus.claims(f)) };
    },
  );

  r.add(
    'GET',
    '/api/stories',
    {
      summary: 'Stories (syndicated copies grouped), largest first',
      query: { limit: '1–500 (50)', offset: 'integer (0)' },
    },
    async (ctx) => ({
      stories: await Q.listStories(db, qInt(ctx.url, 'limit', 50, 1, 500), qInt(ctx.url, 'offset', 0, 0, 1e9)),
    }),
  );

  addEventRoutes(r, corpus, cache);
  addMapRoutes(r, corpus, cache);
  return r;
}
