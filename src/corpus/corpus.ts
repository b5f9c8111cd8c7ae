/**
 * The corpus: many analysed articles in one database (SQLite by default, PostgreSQL at scale),
 * with syndicated copies grouped into stories, entities merged across articles, event mentions
 * merged into real-world events, and full-text search.
 *
 * Every article is stored in one transaction: a crash leaves either all of it or none of it, and
 * the content hash makes a rerun skip what is already there.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Analysis, Entity, Event as ArticleEvent } from '../model/analysis.ts';
import type { Db, Param } from './db.ts';
import { openDb } from './db.ts';
import { migrate } from './schema.ts';
import { bandKeys, decodeSignature, encodeSignature, shingles, signature, similarity, SAME_STORY_JACCARD, words } from './minhash.ts';
import { entityKeys, family, slug } from './entity-keys.ts';

/** Articles whose signatures are compared with a new one: those sharing the most LSH bands with it. */
const MAX_STORY_CANDIDATES = 50;

/** Entity types that can act or be acted on in an event. */
const PARTY_TYPES = new Set(['PERSON', 'ORG', 'NORP', 'GPE']);

/** PostgreSQL advisory lock id taken while an article is stored. */
const STORE_LOCK = 0x51727;

/** Days apart that two dated mentions of one kind of event between the same parties may be. */
const EVENT_DATE_WINDOW_DAYS = 3;
/** A month-precision date ("2026-04") may be any day of the month: half a month either way. */
const MONTH_WINDOW_DAYS = 16;
/** An ISO week ("2026-W19") is pinned to its Thursday; any day of it is within this many days. */
const WEEK_WINDOW_DAYS = 4;
/** Widest window of any date precision: how far either side of a mention to fetch candidates. */
const MAX_WINDOW_DAYS = Math.max(EVENT_DATE_WINDOW_DAYS, MONTH_WINDOW_DAYS, WEEK_WINDOW_DAYS);
/** Rows per multi-row INSERT: big enough to cut round trips, small enough for parameter limits. */
const INSERT_CHUNK = 50;

export type AddStatus = 'added' | 'duplicate' | 'revision';

export interface AddResult {
  status: AddStatus;
  articleId: number;
  storyId: number;
}

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
}

export interface SearchHit {
  article: number;
  title: string | null;
  published: string | null;
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
}

export interface CorpusEventRow {
  id: number;
  type: string;
  mode: string | null;
  date: string | null;
  place: { id: string; name: string; lat: number | null; lon: number | null } | null;
  actors: Array<{ id: string; name: string }>;
  targets: Array<{ id: string; name: string }>;
  dead: string | null;
  sources: number;
  mentions: Array<{ article: number; story: number; text: string; published: string | null; title: string | null }>;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(words(text).join(' ')).digest('hex');
}

export class Corpus {
  private constructor(readonly db: Db) {}

  static async open(spec: string): Promise<Corpus> {
    const db = await openDb(spec);
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

  /** Store one analysed article (and everything read from it) in one transaction. */
  async add(a: Analysis, key = a.id, within: Db = this.db): Promise<AddResult> {
    const hash = contentHash(a.text);
    const sig = signature(shingles(a.text));
    const bands = bandKeys(sig);
    return within.transaction(async (db) => {
      // Workers on several machines store in parallel; storing (not analysing) is serialised so
      // that story grouping and entity merging see every committed article.
      if (db.dialect === 'postgres') await db.get('SELECT pg_advisory_xact_lock(?) AS locked', [STORE_LOCK]);
      const dup = await db.get<{ id: number; story_id: number }>('SELECT id, story_id FROM articles WHERE content_hash = ?', [hash]);
      if (dup) return { status: 'duplicate' as const, articleId: Number(dup.id), storyId: Number(dup.story_id) };

      const prev = await db.get<{ revision: number }>('SELECT max(revision) AS revision FROM articles WHERE key = ?', [key]);
      const revision = prev?.revision ? Number(prev.revision) + 1 : 1;
      if (revision > 1) await db.run('UPDATE articles SET is_current = 0 WHERE key = ?', [key]);

      const storyId = (await this.findStory(db, sig, bands)) ?? (await this.newStory(db));
      const now = new Date().toISOString();
      const { text, ...rest } = a;
      const row = await db.get<{ id: number }>(
        `INSERT INTO articles (key, revision, is_current, content_hash, title, url, publisher, published, story_id, words, text, analysis, signature, ingested_at)
         VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          key,
          revision,
          hash,
          a.source.title ?? titleOf(a),
          a.source.url ?? null,
          a.source.publisher ?? null,
          a.source.published ?? null,
          storyId,
          words(text).length,
          text,
          deflateRawSync(Buffer.from(JSON.stringify(rest))),
          encodeSignature(sig),
          now,
        ],
      );
      const articleId = Number(row!.id);
      if (db.dialect === 'sqlite') {
        await db.run('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)', [articleId, a.source.title ?? titleOf(a), text]);
      }
      await insertRows(db, 'lsh (bucket, article_id)', bands.map((b) => [b, articleId]));
      await this.electOriginal(db, storyId);

      const ids = await this.resolveEntities(db, a, articleId);
      await insertRows(
        db,
        'quotes (article_id, entity_id, speaker_text, kind, cue, channel, text, start_offset, end_offset)',
        a.quotes.map((q) => [articleId, q.speaker ? ids.get(q.speaker) ?? null : null, q.speakerText, q.kind, q.cue, q.channel ?? null, q.text, q.start, q.end]),
      );
      await insertRows(
        db,
        'claims (article_id, entity_id, source_kind, source_text, cue, hedged, text, start_offset, end_offset)',
        a.claims.map((c) => [articleId, c.source.entity ? ids.get(c.source.entity) ?? null : null, c.source.kind, c.source.text, c.cue, c.hedged ? 1 : 0, c.text, c.start, c.end]),
      );
      await insertRows(
        db,
        'relations (article_id, subject_id, predicate, object_id, object_text, start_offset, end_offset)',
        a.relations
          .filter((r) => ids.has(r.subject))
          .map((r) => [articleId, ids.get(r.subject)!, r.predicate, r.object ? ids.get(r.object) ?? null : null, r.objectText ?? null, r.start, r.end]),
      );
      await this.addEventMentions(db, a, ids, articleId, storyId);
      return { status: revision > 1 ? ('revision' as const) : ('added' as const), articleId, storyId };
    });
  }

  async recordFailure(input: string, error: string, within: Db = this.db): Promise<void> {
    await within.run('INSERT INTO failures (input, error, at) VALUES (?, ?, ?)', [input, error, new Date().toISOString()]);
  }

  /** The story of the most similar earlier article among the LSH candidates, if similar enough. */
  private async findStory(db: Db, sig: Uint32Array, bands: string[]): Promise<number | undefined> {
    const marks = bands.map(() => '?').join(', ');
    // Rank candidates by how many LSH bands they share (a copy shares most of them) and compare
    // signatures only for the best few: buckets shared by boilerplate can hold thousands of articles.
    const ranked = await db.all<{ article_id: number }>(
      `SELECT article_id, count(*) AS hits FROM lsh WHERE bucket IN (${marks})
       GROUP BY article_id ORDER BY hits DESC, article_id DESC LIMIT ${MAX_STORY_CANDIDATES}`,
      bands,
    );
    if (!ranked.length) return undefined;
    const cands = await db.all<{ story_id: number; signature: Uint8Array }>(
      `SELECT story_id, signature FROM articles WHERE id IN (${ranked.map(() => '?').join(', ')})`,
      ranked.map((r) => Number(r.article_id)),
    );
    let best: { story: number; sim: number } | undefined;
    for (const c of cands) {
      const sim = similarity(sig, decodeSignature(c.signature));
      if (sim >= SAME_STORY_JACCARD && (!best || sim > best.sim)) best = { story: Number(c.story_id), sim };
    }
    return best?.story;
  }

  private async newStory(db: Db): Promise<number> {
    const row = await db.get<{ id: number }>('INSERT INTO stories (created_at) VALUES (?) RETURNING id', [new Date().toISOString()]);
    return Number(row!.id);
  }

  /** The original of a story: the earliest published version, and among equals the most complete. */
  private async electOriginal(db: Db, storyId: number): Promise<void> {
    const best = await db.get<{ id: number }>(
      `SELECT id FROM articles WHERE story_id = ? AND is_current = 1
       ORDER BY CASE WHEN published IS NULL THEN 1 ELSE 0 END, published, words DESC, id LIMIT 1`,
      [storyId],
    );
    if (best) await db.run('UPDATE stories SET original_id = ? WHERE id = ?', [best.id, storyId]);
  }

  /**
   * Map each article entity to a corpus entity, creating new ones; returns local id → corpus id.
   * One query looks up every key of the article; keys and mentions are written in batches.
   */
  private async resolveEntities(db: Db, a: Analysis, articleId: number): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const keyed = a.entities.map((e) => ({ e, fam: family(e.type), keys: entityKeys(e) }));
    const allKeys = [...new Set(keyed.flatMap((x) => x.keys))];
    const known = new Map<string, string>(); // family \u0000 key → entity id
    for (let i = 0; i < allKeys.length; i += INSERT_CHUNK * 4) {
      const chunk = allKeys.slice(i, i + INSERT_CHUNK * 4);
      const rows = await db.all<{ family: string; key: string; entity_id: string }>(
        `SELECT family, key, entity_id FROM entity_keys WHERE key IN (${marks(chunk.length)})`,
        chunk,
      );
      for (const r of rows) known.set(`${r.family}\u0000${r.key}`, r.entity_id);
    }
    const newKeys: Param[][] = [];
    const mentions: Param[][] = [];
    for (const { e, fam, keys } of keyed) {
      let id: string | undefined;
      for (const k of keys) {
        id = known.get(`${fam}\u0000${k}`);
        if (id) break;
      }
      if (!id) id = await this.createEntity(db, e);
      else if (e.geo) {
        await db.run('UPDATE entities SET lat = ?, lon = ?, country = ? WHERE id = ? AND lat IS NULL', [e.geo.lat, e.geo.lon, e.geo.country, id]);
      }
      for (const k of keys) {
        const full = `${fam}\u0000${k}`;
        if (known.has(full)) continue;
        known.set(full, id); // later entities of this article see it too
        newKeys.push([fam, k, id]);
      }
      mentions.push([articleId, e.id, id, e.name, e.mentions.length, JSON.stringify(e.roles), JSON.stringify(e.aliases)]);
      ids.set(e.id, id);
    }
    await insertRows(db, 'entity_keys (family, key, entity_id)', newKeys, ' ON CONFLICT DO NOTHING');
    await insertRows(db, 'entity_mentions (article_id, local_id, entity_id, name, mentions, roles, aliases)', mentions);
    return ids;
  }

  private async createEntity(db: Db, e: Entity): Promise<string> {
    const base = slug(e.type, e.name);
    let id = base;
    for (let n = 2; await db.get('SELECT 1 AS x FROM entities WHERE id = ?', [id]); n++) id = `${base}-${n}`;
    await db.run('INSERT INTO entities (id, type, name, lat, lon, country) VALUES (?, ?, ?, ?, ?, ?)', [
      id,
      e.type,
      e.name,
      e.geo?.lat ?? null,
      e.geo?.lon ?? null,
      e.geo?.country ?? null,
    ]);
    return id;
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
   */
  private async addEventMentions(db: Db, a: Analysis, ids: Map<string, string>, articleId: number, storyId: number): Promise<void> {
    const live = a.events.filter((ev) => !ev.negated && !ev.hypothetical);
    if (!live.length) return;
    // Parties are who acts and who is acted on: people, organisations, groups and states. A feature
    // or a thing named as an argument ("the road to the Rwenzori mountains") is not a party, and
    // must not make two reports of one event conflict.
    const local = new Map(a.entities.map((e) => [e.id, e.type]));
    const corpusId = (x: { entity: string | null } | undefined) =>
      x?.entity && PARTY_TYPES.has(local.get(x.entity) ?? '') ? ids.get(x.entity) : undefined;
    const mentions = live.map((ev) => {
      const date = ev.when || a.source.published || null;
      return {
        ev,
        date,
        when: dayOf(date),
        place: ev.where ? ids.get(ev.where) ?? null : null,
        actors: [...new Set(ev.actors.map(corpusId).filter((x): x is string => !!x))],
        targets: [...new Set(ev.targets.map(corpusId).filter((x): x is string => !!x))],
      };
    });
    // The article's place for each event type, when it names exactly one.
    const placesByType = new Map<string, Set<string>>();
    for (const m of mentions) if (m.place) (placesByType.get(m.ev.type) ?? placesByType.set(m.ev.type, new Set()).get(m.ev.type)!).add(m.place);
    for (const m of mentions) {
      const places = placesByType.get(m.ev.type);
      if (!m.place && places?.size === 1) m.place = [...places][0];
    }

    // Candidates: events of the same types in the date window, and the events of this story.
    const cands = new Map<number, CandidateEvent>();
    const addCand = (r: { id: number; type: string; place_id: string | null; day: number | null; day_window: number | null; actors: string; targets: string }) => {
      const id = Number(r.id);
      if (cands.has(id)) return cands.get(id)!;
      const c: CandidateEvent = {
        id,
        type: r.type,
        place: r.place_id,
        day: r.day === null ? null : Number(r.day),
        window: Number(r.day_window ?? EVENT_DATE_WINDOW_DAYS),
        parties: new Set([...(JSON.parse(r.actors) as string[]), ...(JSON.parse(r.targets) as string[])]),
        inStory: false,
      };
      cands.set(id, c);
      return c;
    };
    const byType = new Map<string, number[]>();
    for (const m of mentions) if (m.when) (byType.get(m.ev.type) ?? byType.set(m.ev.type, []).get(m.ev.type)!).push(m.when.day);
    // Across stories a report can only join an event at the same place or with a shared party, so
    // only those events in the date window are read (event_parties and the place index find them).
    for (const [type, days] of byType) {
      const ofType = mentions.filter((m) => m.ev.type === type);
      const places = [...new Set(ofType.map((m) => m.place).filter((x): x is string => !!x))];
      const parties = [...new Set(ofType.flatMap((m) => [...m.actors, ...m.targets]))];
      if (!places.length && !parties.length) continue;
      const ties = [
        ...(places.length ? [`place_id IN (${places.map(() => '?').join(', ')})`] : []),
        ...(parties.length ? [`id IN (SELECT event_id FROM event_parties WHERE entity_id IN (${parties.map(() => '?').join(', ')}))`] : []),
      ];
      const rows = await db.all<EventRow>(
        `SELECT id, type, place_id, day, day_window, actors, targets FROM events
         WHERE type = ? AND day BETWEEN ? AND ? AND (${ties.join(' OR ')})`,
        [type, Math.min(...days) - 2 * MAX_WINDOW_DAYS, Math.max(...days) + 2 * MAX_WINDOW_DAYS, ...places, ...parties],
      );
      for (const r of rows) addCand(r);
    }
    const storyRows = await db.all<EventRow>(
      `SELECT id, type, place_id, day, day_window, actors, targets FROM events
       WHERE id IN (SELECT event_id FROM event_mentions WHERE story_id = ? AND event_id IS NOT NULL)`,
      [storyId],
    );
    for (const r of storyRows) addCand(r).inStory = true;

    const rows: Param[][] = [];
    for (const m of mentions) {
      const parties = new Set([...m.actors, ...m.targets]);
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
        if (!best || score > best.score) best = { c, score };
      }
      let eventId: number | null = null;
      if (best) {
        eventId = best.c.id;
        // What this mention adds to the event: a place it lacked, new parties.
        if (m.place && !best.c.place) {
          best.c.place = m.place;
          await db.run('UPDATE events SET place_id = ? WHERE id = ? AND place_id IS NULL', [m.place, eventId]);
        }
        const added = [...parties].filter((p) => !best!.c.parties.has(p));
        for (const p of added) best.c.parties.add(p);
        await insertRows(db, 'event_parties (entity_id, event_id)', added.map((p) => [p, eventId]), ' ON CONFLICT DO NOTHING');
        best.c.inStory = true;
      } else if (!m.ev.historical) {
        const row = await db.get<{ id: number }>(
          'INSERT INTO events (type, mode, place_id, date, day, day_window, actors, targets, dead) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
          [
            m.ev.type,
            m.ev.mode ?? null,
            m.place,
            m.date,
            m.when?.day ?? null,
            m.when?.window ?? null,
            JSON.stringify(m.actors),
            JSON.stringify(m.targets),
            m.ev.dead !== undefined ? String(m.ev.dead) : null,
          ],
        );
        eventId = Number(row!.id);
        await insertRows(db, 'event_parties (entity_id, event_id)', [...parties].map((p) => [p, eventId]), ' ON CONFLICT DO NOTHING');
        const c = addCand({ id: eventId, type: m.ev.type, place_id: m.place, day: m.when?.day ?? null, day_window: m.when?.window ?? null, actors: JSON.stringify(m.actors), targets: JSON.stringify(m.targets) });
        c.inStory = true;
      }
      rows.push([eventId, articleId, storyId, m.ev.type, m.ev.mode ?? null, m.date, m.place, JSON.stringify(m.actors), JSON.stringify(m.targets), m.ev.historical ? 1 : 0, evidenceSentence(a, m.ev), m.ev.start, m.ev.end]);
    }
    await insertRows(
      db,
      'event_mentions (event_id, article_id, story_id, type, mode, date, place_id, actors, targets, historical, text, start_offset, end_offset)',
      rows,
    );
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
    const rest = JSON.parse(inflateRawSync(r.analysis).toString('utf8'));
    return { ...rest, text: r.text, story: Number(r.story_id), articleId: Number(r.id) };
  }

  async stories(): Promise<Array<{ id: number; original: number | null; articles: number[] }>> {
    const rows = await this.db.all<{ id: number; original_id: number | null; article_id: number | null }>(
      `SELECT s.id, s.original_id, a.id AS article_id FROM stories s LEFT JOIN articles a ON a.story_id = s.id AND a.is_current = 1
       ORDER BY s.id, a.id`,
    );
    const out = new Map<number, { id: number; original: number | null; articles: number[] }>();
    for (const r of rows) {
      const id = Number(r.id);
      if (!out.has(id)) out.set(id, { id, original: r.original_id === null ? null : Number(r.original_id), articles: [] });
      if (r.article_id !== null) out.get(id)!.articles.push(Number(r.article_id));
    }
    return [...out.values()].filter((s) => s.articles.length > 0);
  }

  /** Find a corpus entity by id, or by a name or alias (most-mentioned first). */
  async findEntity(nameOrId: string): Promise<{ id: string; name: string; type: string } | undefined> {
    const byId = await this.db.get<{ id: string; name: string; type: string }>('SELECT id, name, type FROM entities WHERE id = ?', [nameOrId]);
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
    const mentions = await this.db.all<{ article_id: number; name: string; roles: string; aliases: string; mentions: number; published: string | null }>(
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
        if (!roles.some((x) => x.role.toLowerCase() === r.toLowerCase())) roles.push({ role: r, since: m.published, article: Number(m.article_id) });
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
    const events = (await this.events({ entity: e.id, limit: 200 })).map((x) => ({ id: x.id, type: x.type, date: x.date, sources: x.sources }));
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
      claims: claims.map((c) => ({ text: c.text, article: Number(c.article_id), sourceKind: c.source_kind, hedged: !!c.hedged })),
      events,
      related: related.map((r) => ({ id: r.id, name: r.name, type: r.type, articles: Number(r.n) })),
    };
  }

  async search(query: string, f: SearchFilters = {}): Promise<{ results: SearchHit[] }> {
    const where: string[] = ['a.is_current = 1'];
    const params: Param[] = [];
    const limit = f.limit ?? 20;
    let sql: string;
    if (this.db.dialect === 'sqlite') {
      sql = `SELECT a.id, a.title, a.published, -bm25(articles_fts) AS score,
                    snippet(articles_fts, 1, '[', ']', '…', 14) AS snippet
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?`;
      params.push(ftsQuery(query));
    } else {
      // Rank in an inner query and build snippets (ts_headline re-parses the text) for the top rows only.
      sql = `SELECT a.id, a.title, a.published, ts_rank(a.tsv, q) AS score, q
             FROM articles a, websearch_to_tsquery('english', ?) q WHERE a.tsv @@ q`;
      params.push(query);
    }
    if (f.since) (where.push('a.published >= ?'), params.push(f.since));
    if (f.until) (where.push('a.published <= ?'), params.push(f.until));
    for (const [name, typeFilter] of [[f.entity, null], [f.place, 'place']] as const) {
      if (!name) continue;
      const e = await this.findEntity(name);
      if (!e) return { results: [] };
      if (typeFilter === 'place' && e.type !== 'GPE' && e.type !== 'LOC') return { results: [] };
      where.push('EXISTS (SELECT 1 FROM entity_mentions m WHERE m.article_id = a.id AND m.entity_id = ?)');
      params.push(e.id);
    }
    if (f.type) {
      where.push('EXISTS (SELECT 1 FROM entity_mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = a.id AND e.type = ?)');
      params.push(f.type.toUpperCase());
    }
    sql += ' AND ' + where.join(' AND ') + ' ORDER BY score DESC, a.id LIMIT ?';
    params.push(limit);
    if (this.db.dialect === 'postgres') {
      // The text is read only for the rows shown: fetching it for every match is most of the cost.
      sql = `SELECT r.id, r.title, r.published, r.score,
                    ts_headline('english', t.text, r.q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet
             FROM (${sql}) r JOIN articles t ON t.id = r.id ORDER BY r.score DESC, r.id`;
    }
    const rows = await this.db.all<{ id: number; title: string | null; published: string | null; score: number; snippet: string }>(sql, params);
    return {
      results: rows.map((r) => ({ article: Number(r.id), title: r.title, published: r.published, score: Number(r.score), snippet: r.snippet })),
    };
  }

  async events(f: EventFilters = {}): Promise<CorpusEventRow[]> {
    const where: string[] = ['1 = 1'];
    const params: Param[] = [];
    if (f.type) (where.push('ev.type = ?'), params.push(f.type.toUpperCase()));
    if (f.since) (where.push('ev.date >= ?'), params.push(f.since));
    if (f.until) (where.push('ev.date <= ?'), params.push(f.until + '\uffff'));
    for (const [name, col] of [[f.entity, 'any'], [f.place, 'place']] as const) {
      if (!name) continue;
      const e = await this.findEntity(name);
      if (!e) return [];
      if (col === 'place') (where.push('ev.place_id = ?'), params.push(e.id));
      else (where.push("(ev.place_id = ? OR ev.actors LIKE ? OR ev.targets LIKE ?)"), params.push(e.id, `%"${e.id}"%`, `%"${e.id}"%`));
    }
    params.push(f.limit ?? 500);
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT ev.*, p.name AS place_name, p.lat, p.lon FROM events ev LEFT JOIN entities p ON p.id = ev.place_id
       WHERE ${where.join(' AND ')} ORDER BY ev.date DESC, ev.id LIMIT ?`,
      params,
    );
    // Names and mentions of every listed event in two queries (not two per event).
    const eventIds = rows.map((r) => Number(r.id));
    const entityIds = [...new Set(rows.flatMap((r) => [...(JSON.parse(String(r.actors)) as string[]), ...(JSON.parse(String(r.targets)) as string[])]))];
    const names = new Map<string, string>();
    for (let i = 0; i < entityIds.length; i += 500) {
      const chunk = entityIds.slice(i, i + 500);
      for (const n of await this.db.all<{ id: string; name: string }>(`SELECT id, name FROM entities WHERE id IN (${marks(chunk.length)})`, chunk)) names.set(n.id, n.name);
    }
    type MentionRow = { event_id: number; article_id: number; story_id: number; text: string; published: string | null; title: string | null };
    const byEvent = new Map<number, MentionRow[]>();
    for (let i = 0; i < eventIds.length; i += 500) {
      const chunk = eventIds.slice(i, i + 500);
      const ms = await this.db.all<MentionRow>(
        `SELECT m.event_id, m.article_id, m.story_id, m.text, a.published, a.title FROM event_mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id IN (${marks(chunk.length)}) ORDER BY a.published, m.id`,
        chunk,
      );
      for (const m of ms) (byEvent.get(Number(m.event_id)) ?? byEvent.set(Number(m.event_id), []).get(Number(m.event_id))!).push(m);
    }
    const party = (id: string) => ({ id, name: names.get(id) ?? id });
    return rows.map((r) => {
      const mentions = byEvent.get(Number(r.id)) ?? [];
      return {
        id: Number(r.id),
        type: String(r.type),
        mode: (r.mode as string) ?? null,
        date: (r.date as string) ?? null,
        place: r.place_id ? { id: String(r.place_id), name: String(r.place_name), lat: (r.lat as number | null) ?? null, lon: (r.lon as number | null) ?? null } : null,
        actors: (JSON.parse(String(r.actors)) as string[]).map(party),
        targets: (JSON.parse(String(r.targets)) as string[]).map(party),
        dead: (r.dead as string) ?? null,
        sources: new Set(mentions.map((m) => Number(m.story_id))).size,
        // One line of evidence per sentence: several mentions in one sentence show it once.
        mentions: mentions
          .filter((m, i) => mentions.findIndex((x) => x.article_id === m.article_id && x.text === m.text) === i)
          .map((m) => ({ article: Number(m.article_id), story: Number(m.story_id), text: m.text, published: m.published, title: m.title })),
      };
    });
  }

  async quotes(speaker?: string): Promise<Array<{ text: string; kind: string; speaker: string | null; speakerText: string | null; article: number }>> {
    let where = '';
    const params: Param[] = [];
    if (speaker) {
      const e = await this.findEntity(speaker);
      if (!e) return [];
      where = 'WHERE q.entity_id = ?';
      params.push(e.id);
    }
    const rows = await this.db.all<{ text: string; kind: string; name: string | null; speaker_text: string | null; article_id: number }>(
      `SELECT q.text, q.kind, e.name, q.speaker_text, q.article_id FROM quotes q LEFT JOIN entities e ON e.id = q.entity_id ${where}
       ORDER BY q.article_id, q.start_offset LIMIT 5000`,
      params,
    );
    return rows.map((r) => ({ text: r.text, kind: r.kind, speaker: r.name, speakerText: r.speaker_text, article: Number(r.article_id) }));
  }

  /** Entities as nodes; co-occurrence in articles and extracted relations as weighted edges. */
  async graph(minWeight = 1, limitNodes = 300) {
    const nodes = await this.db.all<{ id: string; name: string; type: string; n: number }>(
      `SELECT e.id, e.name, e.type, count(DISTINCT m.article_id) AS n FROM entities e JOIN entity_mentions m ON m.entity_id = e.id
       GROUP BY e.id, e.name, e.type ORDER BY n DESC, e.id LIMIT ?`,
      [limitNodes],
    );
    const keep = new Set(nodes.map((n) => n.id));
    const co = await this.db.all<{ a: string; b: string; w: number }>(
      `SELECT m.entity_id AS a, o.entity_id AS b, count(DISTINCT m.article_id) AS w FROM entity_mentions m
       JOIN entity_mentions o ON o.article_id = m.article_id AND o.entity_id > m.entity_id
       GROUP BY m.entity_id, o.entity_id HAVING count(DISTINCT m.article_id) >= ?`,
      [minWeight],
    );
    const rel = await this.db.all<{ a: string; b: string; predicate: string; w: number }>(
      `SELECT subject_id AS a, object_id AS b, predicate, count(*) AS w FROM relations WHERE object_id IS NOT NULL
       GROUP BY subject_id, object_id, predicate`,
    );
    const edges = [
      ...co.filter((e) => keep.has(e.a) && keep.has(e.b)).map((e) => ({ source: e.a, target: e.b, kind: 'co-occurrence', weight: Number(e.w) })),
      ...rel.filter((e) => keep.has(e.a) && keep.has(e.b)).map((e) => ({ source: e.a, target: e.b, kind: e.predicate, weight: Number(e.w) })),
    ];
    return { nodes: nodes.map((n) => ({ id: n.id, label: n.name, type: n.type, weight: Number(n.n) })), edges };
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

/**
 * The evidence a corpus event lists for a report: the sentence the event mention stands in (its
 * own span is kept as offsets), so a reader can check the claim without opening the article.
 */
function evidenceSentence(a: Analysis, ev: { text: string; start: number; end: number }): string {
  const s = a.sentences.find((x) => x.start <= ev.start && ev.start < x.end);
  return s ? a.text.slice(s.start, Math.max(s.end, ev.end)) : ev.text;
}

function titleOf(a: Analysis): string | null {
  const t = a.blocks.find((b) => b.kind === 'title');
  return t ? a.text.slice(t.start, t.end) : null;
}

/** Turn user words into an FTS5 query: each word a quoted term (no syntax errors from user text). */
function ftsQuery(q: string): string {
  const terms = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.length ? terms.map((t) => `"${t}"`).join(' ') : '""';
}

interface EventRow {
  id: number;
  type: string;
  place_id: string | null;
  day: number | null;
  day_window: number | null;
  actors: string;
  targets: string;
}

interface CandidateEvent {
  id: number;
  type: string;
  place: string | null;
  day: number | null;
  window: number;
  parties: Set<string>;
  /** Already reported in the story of the article being stored. */
  inStory: boolean;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Insert rows in multi-row statements of at most INSERT_CHUNK rows (one round trip per chunk). */
async function insertRows(db: Db, into: string, rows: Param[][], suffix = ''): Promise<void> {
  if (!rows.length) return;
  const width = rows[0].length;
  const tuple = `(${marks(width)})`;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await db.run(`INSERT INTO ${into} VALUES ${chunk.map(() => tuple).join(', ')}${suffix}`, chunk.flat());
  }
}

const DAY_MS = 86_400_000;

/**
 * An event date as a day number (days since 1970) and how many days either side it may be:
 * a day ± EVENT_DATE_WINDOW_DAYS, a month or an ISO week ± its span. Years and unparsed
 * values give undefined: too vague to tie two reports together.
 */
export function dayOf(date: string | null | undefined): { day: number; window: number } | undefined {
  if (!date) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (m) return { day: Math.floor(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS), window: EVENT_DATE_WINDOW_DAYS };
  m = /^(\d{4})-W(\d{2})/.exec(date);
  if (m) {
    // ISO week 1 holds 4 January; the Thursday of week w is 3 days after its Monday.
    const jan4 = Date.UTC(+m[1], 0, 4);
    const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
    return { day: Math.floor(monday1 / DAY_MS) + (+m[2] - 1) * 7 + 3, window: WEEK_WINDOW_DAYS };
  }
  m = /^(\d{4})-(\d{2})$/.exec(date);
  if (m) return { day: Math.floor(Date.UTC(+m[1], +m[2] - 1, 15) / DAY_MS), window: MONTH_WINDOW_DAYS };
  return undefined;
}
