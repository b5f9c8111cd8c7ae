/**
 * Storing one analysed article in the corpus: the article row, its story, its entities merged
 * with the corpus's, its quotes, claims and relations, and its event mentions merged into
 * real-world events. The caller runs it inside one transaction: all of it is stored, or none.
 *
 * Storing is written for few round trips (each statement costs a round trip on PostgreSQL), and
 * in two parts so that workers on several machines can overlap:
 *   1. what depends on this article alone: the article row (PostgreSQL builds its full-text vector
 *      here, the costliest insert), its LSH buckets, and the SQLite full-text row;
 *   2. under the store lock, what depends on the articles stored before it: revision, story,
 *      entities, events. On PostgreSQL the lock is an advisory lock held to the end of the
 *      transaction, so story grouping and entity merging see every committed article; SQLite has
 *      one writer at a time anyway.
 * Workers wait for one another's lock, so what can be read before it is: the entity keys
 * (`lookUpKeys`), the costliest read, are looked up first and only the keys stored since are read
 * under the lock.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { Analysis, Entity, Event } from '../model/analysis.ts';
import type { Db, Param, Statement } from './db.ts';
import { inList, placeholders as marks } from './db.ts';
import { wordsOf } from '../text/words.ts';
import {
  bandKeys,
  decodeSignature,
  encodeSignature,
  shingleHashes,
  signatureOf,
  similarity,
  SAME_STORY_JACCARD,
  SHINGLE_WORDS,
} from './minhash.ts';
import { entityKeys, family, slug } from './entity-keys.ts';

/** Articles whose signatures are compared with a new one: those sharing the most LSH bands with it. */
const MAX_STORY_CANDIDATES = 50;

/** Entity types that can act or be acted on in an event. */
const PARTY_TYPES = new Set(['PERSON', 'ORG', 'NORP', 'GPE']);

/** PostgreSQL advisory lock id taken for the part of storing that reads other articles. */
export const STORE_LOCK = 0x51727;

/** Days apart that two dated mentions of one kind of event between the same parties may be. */
const EVENT_DATE_WINDOW_DAYS = 3;
/** A month-precision date ("2026-04") may be any day of the month: half a month either way. */
const MONTH_WINDOW_DAYS = 16;
/** An ISO week ("2026-W19") is pinned to its Thursday; any day of it is within this many days. */
const WEEK_WINDOW_DAYS = 4;
/**
 * Widest window of any date precision. Two mentions match when their days are at most the wider
 * of their two windows apart, so events further than this from every mention cannot match.
 */
const MAX_WINDOW_DAYS = Math.max(EVENT_DATE_WINDOW_DAYS, MONTH_WINDOW_DAYS, WEEK_WINDOW_DAYS);
/**
 * zlib level for the stored analysis. Level 1 deflates an article's analysis JSON (~15 KB) about
 * three times faster than the default 6 for ~13% more bytes (~500 per article, 2% of what an
 * article costs in the database); storing is on the critical path of every ingest, reading the
 * blob back is not (inflating costs the same at any level).
 */
const ANALYSIS_DEFLATE_LEVEL = 1;
/** Rows per multi-row INSERT (a power of two): big enough to cut statements, small enough for parameter limits. */
const INSERT_CHUNK = 32;
/** Keys or ids per `IN (...)` lookup. */
const LOOKUP_CHUNK = 200;
/**
 * Corpus ids are readable slugs (`person-amira-haddad`); namesakes get `-2`, `-3`, ... One query
 * checks this many suffixes of every new name at once; more namesakes than that are rare and
 * looked up one by one.
 */
const NAMESAKE_PREFETCH = 4;

export type AddStatus = 'added' | 'duplicate' | 'revision';

export interface AddResult {
  status: AddStatus;
  articleId: number;
  storyId: number;
}

/** What storing needs that depends on the article alone, computed before any transaction opens. */
export interface PreparedArticle {
  analysis: Analysis;
  key: string;
  hash: string;
  signature: Uint32Array;
  bands: string[];
  title: string | null;
  words: number;
  /** The analysis without its text, as deflated JSON. */
  blob: Buffer;
}

/** The identity of an article's content: its words (`wordsOf`) joined by spaces, whatever the spacing, case and punctuation. */
const contentHash = (joinedWords: string) => createHash('sha256').update(joinedWords).digest('hex');

export function prepareArticle(a: Analysis, key = a.id): PreparedArticle {
  const { text, ...rest } = a;
  const w = wordsOf(text);
  const joined = w.join(' '); // hashed whole, and shingled
  const sig = signatureOf(shingleHashes(w, SHINGLE_WORDS, joined));
  return {
    analysis: a,
    key,
    hash: contentHash(joined),
    signature: sig,
    bands: bandKeys(sig),
    title: a.source.title ?? titleOf(a),
    words: w.length,
    blob: deflateRawSync(Buffer.from(JSON.stringify(rest)), { level: ANALYSIS_DEFLATE_LEVEL }),
  };
}

/**
 * How one process with several articles open takes its turns at the store lock (PostgreSQL): a
 * worker that finds the lock taken analyses its next job meanwhile (see runWorker).
 */
export interface LockTurn {
  /**
   * Settles when this process's articles that asked for the lock earlier are stored, so only
   * one of its articles at a time waits in the server's queue; the others wait here, where the
   * process can still do other work before their turn.
   */
  wait(): Promise<void>;
  /** Work to do instead of idling when another process holds the lock; called before waiting for it. */
  whileBusy(): Promise<void>;
}

/** Store a prepared article; `db` must be inside a transaction. */
export async function storeArticle(db: Db, p: PreparedArticle, turn?: LockTurn): Promise<AddResult> {
  const a = p.analysis;
  // Part 1: the article alone. The same text stored before (or by another worker at this moment,
  // whose commit this insert waits for) is a duplicate: nothing is inserted.
  const now = new Date().toISOString();
  const row = await db.get<{ id: number }>(
    `INSERT INTO articles (key, revision, is_current, content_hash, title, url, publisher, published, story_id, words, text, analysis, signature, ingested_at)
     VALUES (?, 1, 1, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING RETURNING id`,
    [
      p.key,
      p.hash,
      p.title,
      a.source.url ?? null,
      a.source.publisher ?? null,
      a.source.published ?? null,
      p.words,
      a.text,
      p.blob,
      encodeSignature(p.signature),
      now,
    ],
  );
  if (!row) {
    const dup = await db.get<{ id: number; story_id: number }>(
      'SELECT id, story_id FROM articles WHERE content_hash = ?',
      [p.hash],
    );
    return { status: 'duplicate', articleId: Number(dup!.id), storyId: Number(dup!.story_id) };
  }
  const articleId = Number(row!.id);
  const first = new Writes();
  if (db.dialect === 'sqlite')
    first.run('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)', [articleId, p.title, a.text]);
  first.insert(
    'lsh (bucket, article_id)',
    p.bands.map((b) => [b, articleId]),
  );
  await db.runAll(first.list);

  const keys = await lookUpKeys(db, a.entities);

  // Part 2: what depends on the articles stored before this one. Reads go one by one; writes are
  // collected and sent together at the end.
  if (db.dialect === 'postgres') {
    await takeStoreLock(db, turn);
    await addKeysStoredSince(db, keys);
  }
  const writes = new Writes();
  const revision = await markRevision(db, writes, p.key, articleId);
  const found = await findStory(db, p, articleId);
  const storyId =
    found ??
    Number(
      (await db.get<{ id: number }>('INSERT INTO stories (original_id, created_at) VALUES (?, ?) RETURNING id', [
        articleId,
        now,
      ]))!.id,
    );
  writes.run('UPDATE articles SET story_id = ?, revision = ? WHERE id = ?', [storyId, revision, articleId]);

  const ids = await resolveEntities(db, writes, a, keys, articleId);
  writes.insert(
    'quotes (article_id, entity_id, speaker_text, kind, cue, channel, text, start_offset, end_offset)',
    a.quotes.map((q) => [
      articleId,
      q.speaker ? (ids.get(q.speaker) ?? null) : null,
      q.speakerText,
      q.kind,
      q.cue,
      q.channel ?? null,
      q.text,
      q.start,
      q.end,
    ]),
  );
  writes.insert(
    'claims (article_id, entity_id, source_kind, source_text, cue, hedged, text, start_offset, end_offset)',
    a.claims.map((c) => [
      articleId,
      c.source.entity ? (ids.get(c.source.entity) ?? null) : null,
      c.source.kind,
      c.source.text,
      c.cue,
      c.hedged ? 1 : 0,
      c.text,
      c.start,
      c.end,
    ]),
  );
  writes.insert(
    'relations (article_id, subject_id, predicate, object_id, object_text, start_offset, end_offset)',
    a.relations
      .filter((r) => ids.has(r.subject))
      .map((r) => [
        articleId,
        ids.get(r.subject)!,
        r.predicate,
        r.object ? (ids.get(r.object) ?? null) : null,
        r.objectText ?? null,
        r.start,
        r.end,
      ]),
  );
  await addEventMentions(db, writes, a, ids, articleId, storyId, !found);
  await db.runAll(writes.list);
  if (found) await electOriginal(db, storyId);
  return { status: revision > 1 ? 'revision' : 'added', articleId, storyId };
}

/** PostgreSQL: the store lock, held to the end of the transaction; with a turn, taken as LockTurn says. */
async function takeStoreLock(db: Db, turn?: LockTurn): Promise<void> {
  if (turn) {
    await turn.wait();
    const got = await db.get<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(?) AS locked', [STORE_LOCK]);
    if (got?.locked) return;
    await turn.whileBusy();
  }
  await db.get('SELECT pg_advisory_xact_lock(?) AS locked', [STORE_LOCK]);
}

/**
 * An article whose key (URL or id) is already stored with other content is an updated version:
 * it becomes the next revision and the only current one. Returns its revision number.
 */
async function markRevision(db: Db, writes: Writes, key: string, articleId: number): Promise<number> {
  const prev = await db.get<{ revision: number | null }>(
    'SELECT max(revision) AS revision FROM articles WHERE key = ? AND id <> ?',
    [key, articleId],
  );
  if (!prev?.revision) return 1;
  writes.run('UPDATE articles SET is_current = 0 WHERE key = ? AND id <> ?', [key, articleId]);
  return Number(prev.revision) + 1;
}

/** The story of the most similar earlier article among the LSH candidates, if similar enough. */
async function findStory(db: Db, p: PreparedArticle, articleId: number): Promise<number | undefined> {
  // Rank candidates by how many LSH bands they share (a copy shares most of them) and compare
  // signatures only for the best few: buckets shared by boilerplate can hold thousands of articles.
  const ranked = await db.all<{ article_id: number }>(
    `SELECT article_id, count(*) AS hits FROM lsh WHERE bucket IN (${marks(p.bands.length)}) AND article_id <> ?
     GROUP BY article_id ORDER BY hits DESC, article_id DESC LIMIT ${MAX_STORY_CANDIDATES}`,
    [...p.bands, articleId],
  );
  if (!ranked.length) return undefined;
  const ids = inList(ranked.map((r) => Number(r.article_id)));
  const cands = await db.all<{ story_id: number; signature: Uint8Array }>(
    `SELECT story_id, signature FROM articles WHERE id IN (${ids.marks})`,
    ids.params,
  );
  let best: { story: number; sim: number } | undefined;
  for (const c of cands) {
    const sim = similarity(p.signature, decodeSignature(c.signature));
    if (sim >= SAME_STORY_JACCARD && (!best || sim > best.sim)) best = { story: Number(c.story_id), sim };
  }
  return best?.story;
}

/** The original of a story: the earliest published version, and among equals the most complete. */
async function electOriginal(db: Db, storyId: number): Promise<void> {
  const best = await db.get<{ id: number }>(
    `SELECT id FROM articles WHERE story_id = ? AND is_current = 1
     ORDER BY CASE WHEN published IS NULL THEN 1 ELSE 0 END, published, words DESC, id LIMIT 1`,
    [storyId],
  );
  if (best) await db.run('UPDATE stories SET original_id = ? WHERE id = ?', [best.id, storyId]);
}

/** An article's entities with their keys, and the corpus entities those keys already name. */
interface KeyLookup {
  keyed: KeyedEntity[];
  known: Map<string, string>; // family \u0000 key → entity id
  placeless: Set<string>; // known entities with no coordinates yet
  /** PostgreSQL: the highest `entity_keys.seq` when the lookup began; every key up to it was seen. */
  upTo: number;
}

const KNOWN_KEY_COLUMNS =
  'k.family, k.key, k.entity_id, (SELECT e.lat IS NULL FROM entities e WHERE e.id = k.entity_id) AS placeless';

/**
 * The corpus entities the article's entity keys already name, in one query per LOOKUP_CHUNK keys.
 * Runs before the store lock: a key, once stored, names the same entity for good, so what is found
 * stays true; keys that other workers store meanwhile are added under the lock (`addKeysStoredSince`).
 * (`placeless` may go stale meanwhile; it only guards an update that checks again.) Whether an
 * entity is placeless is read by its primary key for each row found: a join let PostgreSQL's
 * planner hash the whole entities table for every article.
 */
async function lookUpKeys(db: Db, entities: Entity[]): Promise<KeyLookup> {
  const keyed = entities.map(keyedEntity);
  const known = new Map<string, string>();
  const placeless = new Set<string>();
  // Read before the keys: every key numbered up to it is committed by now, so the lookup sees it.
  const upTo =
    db.dialect === 'postgres'
      ? Number((await db.get<{ seq: number }>('SELECT coalesce(max(seq), 0) AS seq FROM entity_keys'))!.seq)
      : 0;
  const allKeys = [...new Set(keyed.flatMap((x) => x.keys))];
  for (let i = 0; i < allKeys.length; i += LOOKUP_CHUNK) {
    const chunk = inList(allKeys.slice(i, i + LOOKUP_CHUNK));
    addKnownKeys(
      await db.all<KnownKey>(
        `SELECT ${KNOWN_KEY_COLUMNS} FROM entity_keys k WHERE k.key IN (${chunk.marks})`,
        chunk.params,
      ),
      known,
      placeless,
    );
  }
  return { keyed, known, placeless, upTo };
}

/**
 * PostgreSQL, under the store lock: the keys other workers stored since `lookUpKeys` began. Keys
 * are only stored under this lock, whose holders commit before the next takes it, and their
 * sequence hands out one number at a time, so they are numbered in commit order and the ones after
 * `upTo` are exactly those the lookup could miss.
 */
async function addKeysStoredSince(db: Db, k: KeyLookup): Promise<void> {
  // `seq > upTo` alone is read as a third of the table until statistics exist (autovacuum analyses
  // new tables a minute or more late), and the whole table is scanned; a range with an upper
  // bound is planned as a narrow one, on the index, from the start.
  const since = `SELECT ${KNOWN_KEY_COLUMNS} FROM entity_keys k WHERE k.seq BETWEEN ? AND (SELECT max(seq) FROM entity_keys)`;
  addKnownKeys(await db.all<KnownKey>(since, [k.upTo + 1]), k.known, k.placeless);
}

/**
 * Map each article entity to a corpus entity, creating new ones; returns local id → corpus id.
 * New entities, keys and mentions are written in batches, so the number of statements does not
 * grow with the number of entities. (The steps are separate functions so that V8 recompiles only
 * a small one when an entity of a new shape comes.)
 */
async function resolveEntities(
  db: Db,
  writes: Writes,
  a: Analysis,
  keys: KeyLookup,
  articleId: number,
): Promise<Map<string, string>> {
  const m = matchEntities(keys.keyed, keys.known, keys.placeless);
  const real = await createEntities(db, writes, m.fresh);
  const final = (id: string) => real.get(id) ?? id;
  const ids = m.ids;
  for (const [local, id] of ids) ids.set(local, final(id));
  for (const g of m.geo)
    writes.run('UPDATE entities SET lat = ?, lon = ?, country = ? WHERE id = ? AND lat IS NULL', g);
  writes.insert(
    'entity_keys (family, key, entity_id)',
    m.newKeys.map(([fam, k, id]) => [fam, k, final(id)]),
    ' ON CONFLICT DO NOTHING',
  );
  writes.insert(
    'entity_mentions (article_id, local_id, entity_id, name, mentions, roles, aliases)',
    entityMentionRows(a.entities, ids, articleId),
  );
  return ids;
}

interface KeyedEntity {
  e: Entity;
  fam: string;
  keys: string[];
}

interface KnownKey {
  family: string;
  key: string;
  entity_id: string;
  placeless: unknown;
}

function keyedEntity(e: Entity): KeyedEntity {
  return { e, fam: family(e.type), keys: entityKeys(e) };
}

function addKnownKeys(rows: KnownKey[], known: Map<string, string>, placeless: Set<string>): void {
  for (const r of rows) {
    known.set(`${r.family}\u0000${r.key}`, r.entity_id);
    if (r.placeless) placeless.add(r.entity_id);
  }
}

/**
 * Each entity's corpus id by its keys, strongest first; entities new to the corpus get a
 * placeholder id (an earlier entity of this article may be the one a later one merges with),
 * replaced by real ids once created. Also returns the keys new to the corpus and the coordinates
 * that known placeless entities gain.
 */
function matchEntities(keyed: KeyedEntity[], known: Map<string, string>, placeless: Set<string>) {
  const fresh = new Map<string, Entity>(); // placeholder → entity
  const ids = new Map<string, string>();
  const newKeys: string[][] = [];
  const geo: Param[][] = [];
  for (const { e, fam, keys } of keyed) {
    let id: string | undefined;
    for (const k of keys) {
      id = known.get(`${fam}\u0000${k}`);
      if (id) break;
    }
    if (!id) {
      id = `\u0000new${fresh.size}`;
      fresh.set(id, e);
    } else if (e.geo && placeless.delete(id)) {
      geo.push([e.geo.lat, e.geo.lon, e.geo.country, id]);
    }
    for (const k of keys) {
      const full = `${fam}\u0000${k}`;
      if (known.has(full)) continue;
      known.set(full, id); // later entities of this article see it too
      newKeys.push([fam, k, id]);
    }
    ids.set(e.id, id);
  }
  return { fresh, ids, newKeys, geo };
}

function entityMentionRows(entities: Entity[], ids: Map<string, string>, articleId: number): Param[][] {
  return entities.map((e) => [
    articleId,
    e.id,
    ids.get(e.id)!,
    e.name,
    e.mentions.length,
    JSON.stringify(e.roles),
    JSON.stringify(e.aliases),
  ]);
}

/** Create corpus entities with fresh slug ids (namesakes numbered); returns placeholder → id. */
async function createEntities(db: Db, writes: Writes, fresh: Map<string, Entity>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!fresh.size) return out;
  const bases = new Map([...fresh].map(([ph, e]) => [ph, slug(e.type, e.name)]));
  const variant = (base: string, n: number) => (n === 1 ? base : `${base}-${n}`);
  const wanted = [
    ...new Set(
      [...bases.values()].flatMap((b) => Array.from({ length: NAMESAKE_PREFETCH }, (_, i) => variant(b, i + 1))),
    ),
  ];
  const taken = new Set<string>();
  for (let i = 0; i < wanted.length; i += LOOKUP_CHUNK) {
    const chunk = inList(wanted.slice(i, i + LOOKUP_CHUNK));
    for (const r of await db.all<{ id: string }>(`SELECT id FROM entities WHERE id IN (${chunk.marks})`, chunk.params))
      taken.add(r.id);
  }
  const rows: Param[][] = [];
  for (const [ph, e] of fresh) {
    const base = bases.get(ph)!;
    let n = 1;
    // Past the prefetched suffixes, ask the database (taken also holds ids chosen just now).
    while (
      taken.has(variant(base, n)) ||
      (n > NAMESAKE_PREFETCH && (await db.get('SELECT 1 AS x FROM entities WHERE id = ?', [variant(base, n)])))
    )
      n++;
    const id = variant(base, n);
    taken.add(id);
    out.set(ph, id);
    rows.push([id, e.type, e.name, e.geo?.lat ?? null, e.geo?.lon ?? null, e.geo?.country ?? null]);
  }
  writes.insert('entities (id, type, name, lat, lon, country)', rows);
  return out;
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

const EVENT_COLUMNS = 'id, type, place_id, day, day_window, actors, targets';
/** Position of place_id in a new event's row. */
const EVENT_PLACE = 3;

/** An event mention of the article being stored, with its date, place and parties as corpus ids. */
interface Mention {
  ev: Event;
  date: string | null;
  when: { day: number; window: number } | undefined;
  place: string | null;
  actors: string[];
  targets: string[];
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
 *
 * The steps are separate functions, not one: V8 recompiles a function whenever the objects it
 * reads come in a shape it has not seen (analyses vary), and one big function here cost up to a
 * second of compiling each time.
 */
async function addEventMentions(
  db: Db,
  writes: Writes,
  a: Analysis,
  ids: Map<string, string>,
  articleId: number,
  storyId: number,
  newStory: boolean,
): Promise<void> {
  const mentions = eventMentions(a, ids);
  if (!mentions.length) return;

  const cands = new Map<number, CandidateEvent>();
  const addCand = (r: EventRow) => {
    const id = Number(r.id);
    let c = cands.get(id);
    if (!c) cands.set(id, (c = candidateOf(r)));
    return c;
  };
  for (const r of await db.allOf<EventRow & { in_story: number }>(candidateQueries(mentions, storyId, newStory))) {
    const c = addCand(r);
    if (Number(r.in_story)) c.inStory = true;
  }

  const rows: Param[][] = [];
  const partyRows = new Map<string, Param[]>();
  const addParties = (eventId: number, c: CandidateEvent, parties: Iterable<string>) => {
    for (const p of parties) partyRows.set(`${p}\u0000${eventId}`, [p, eventId, c.type, c.day]);
  };
  // New events are written together at the end, with ids taken here: storing holds the store
  // lock (SQLite: the write lock), so nobody else creates events meanwhile.
  const created = new Map<number, Param[]>(); // id → row
  let nextId = 0;
  for (const m of mentions) {
    const parties = new Set([...m.actors, ...m.targets]);
    const best = bestCandidate(m, parties, cands);
    let eventId: number | null = null;
    if (best) {
      eventId = best.id;
      // What this mention adds to the event: a place it lacked, new parties.
      if (m.place && !best.place) {
        best.place = m.place;
        const pending = created.get(eventId);
        if (pending) pending[EVENT_PLACE] = m.place;
        else writes.run('UPDATE events SET place_id = ? WHERE id = ? AND place_id IS NULL', [m.place, eventId]);
      }
      const added = [...parties].filter((p) => !best.parties.has(p));
      for (const p of added) best.parties.add(p);
      addParties(eventId, best, added);
      best.inStory = true;
    } else if (!m.ev.historical) {
      if (!nextId)
        nextId = Number((await db.get<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM events'))!.id) + 1;
      eventId = nextId++;
      const row = newEventRow(eventId, m);
      created.set(eventId, row);
      const c = addCand({
        id: eventId,
        type: m.ev.type,
        place_id: m.place,
        day: m.when?.day ?? null,
        day_window: m.when?.window ?? null,
        actors: row[7] as string,
        targets: row[8] as string,
      });
      c.inStory = true;
      addParties(eventId, c, parties);
    }
    rows.push(mentionRow(a, m, eventId, articleId, storyId));
  }
  writes.insert('events (id, type, mode, place_id, date, day, day_window, actors, targets, dead)', [
    ...created.values(),
  ]);
  writes.insert('event_parties (entity_id, event_id, type, day)', [...partyRows.values()], ' ON CONFLICT DO NOTHING');
  writes.insert(
    'event_mentions (event_id, article_id, story_id, type, mode, date, place_id, actors, targets, historical, text, start_offset, end_offset)',
    rows,
  );
}

/**
 * The article's event mentions that report something that happened (not negated, not
 * hypothetical), with their date as a day window, their place and their parties as corpus ids.
 */
function eventMentions(a: Analysis, ids: Map<string, string>): Mention[] {
  const live = a.events.filter((ev) => !ev.negated && !ev.hypothetical);
  if (!live.length) return [];
  // Parties are who acts and who is acted on: people, organisations, groups and states. A feature
  // or a thing named as an argument ("the road to the Rwenzori mountains") is not a party, and
  // must not make two reports of one event conflict.
  const local = new Map(a.entities.map((e) => [e.id, e.type]));
  const corpusId = (x: { entity: string | null } | undefined) =>
    x?.entity && PARTY_TYPES.has(local.get(x.entity) ?? '') ? ids.get(x.entity) : undefined;
  const mentions = live.map((ev): Mention => {
    const date = ev.when || a.source.published || null;
    return {
      ev,
      date,
      when: dayOf(date),
      place: ev.where ? (ids.get(ev.where) ?? null) : null,
      actors: [...new Set(ev.actors.map(corpusId).filter((x): x is string => !!x))],
      targets: [...new Set(ev.targets.map(corpusId).filter((x): x is string => !!x))],
    };
  });
  // The article's place for each event type, when it names exactly one.
  const placesByType = new Map<string, Set<string>>();
  for (const m of mentions)
    if (m.place) (placesByType.get(m.ev.type) ?? placesByType.set(m.ev.type, new Set()).get(m.ev.type)!).add(m.place);
  for (const m of mentions) {
    const places = placesByType.get(m.ev.type);
    if (!m.place && places?.size === 1) m.place = [...places][0];
  }
  return mentions;
}

/**
 * The queries for the corpus events the mentions could join, to run in one round trip: across
 * stories a report can only join an event of its type in the date window at the same place or
 * with a shared party (the place index and event_parties find those); within its story, any event
 * of the story (none when the story is new).
 */
function candidateQueries(mentions: Mention[], storyId: number, newStory: boolean): Statement[] {
  const parts: Statement[] = [];
  const byType = new Map<string, number[]>();
  for (const m of mentions)
    if (m.when) (byType.get(m.ev.type) ?? byType.set(m.ev.type, []).get(m.ev.type)!).push(m.when.day);
  for (const [type, days] of byType) {
    const ofType = mentions.filter((m) => m.ev.type === type);
    const places = [...new Set(ofType.map((m) => m.place).filter((x): x is string => !!x))];
    const parties = [...new Set(ofType.flatMap((m) => [...m.actors, ...m.targets]))];
    const lo = Math.min(...days) - MAX_WINDOW_DAYS;
    const hi = Math.max(...days) + MAX_WINDOW_DAYS;
    if (places.length) {
      const at = inList(places);
      parts.push({
        sql: `SELECT ${EVENT_COLUMNS}, 0 AS in_story FROM events WHERE place_id IN (${at.marks}) AND type = ? AND day BETWEEN ? AND ?`,
        params: [...at.params, type, lo, hi],
      });
    }
    if (parties.length) {
      const by = inList(parties);
      parts.push({
        sql: `SELECT ${EVENT_COLUMNS}, 0 AS in_story FROM events WHERE id IN
           (SELECT event_id FROM event_parties WHERE entity_id IN (${by.marks}) AND type = ? AND day BETWEEN ? AND ?)`,
        params: [...by.params, type, lo, hi],
      });
    }
  }
  if (!newStory) {
    parts.push({
      sql: `SELECT ${EVENT_COLUMNS}, 1 AS in_story FROM events WHERE id IN (SELECT event_id FROM event_mentions WHERE story_id = ? AND event_id IS NOT NULL)`,
      params: [storyId],
    });
  }
  return parts;
}

/** A corpus event as merging sees it (not yet known to be in the story). */
function candidateOf(r: EventRow): CandidateEvent {
  return {
    id: Number(r.id),
    type: r.type,
    place: r.place_id,
    day: r.day === null ? null : Number(r.day),
    window: Number(r.day_window ?? EVENT_DATE_WINDOW_DAYS),
    parties: new Set([...(JSON.parse(r.actors) as string[]), ...(JSON.parse(r.targets) as string[])]),
    inStory: false,
  };
}

/** The candidate event a mention reports, the best tied one (the earliest of equals), if any. */
function bestCandidate(
  m: Mention,
  parties: Set<string>,
  cands: Map<number, CandidateEvent>,
): CandidateEvent | undefined {
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
    // Ties go to the earliest event, whatever order the database returned the candidates in.
    if (!best || score > best.score || (score === best.score && c.id < best.c.id)) best = { c, score };
  }
  return best?.c;
}

/** The events row of a new event started by a mention (place_id at EVENT_PLACE, actors and targets as JSON at 7 and 8). */
function newEventRow(eventId: number, m: Mention): Param[] {
  const dead = m.ev.dead !== undefined ? String(m.ev.dead) : null;
  return [
    eventId,
    m.ev.type,
    m.ev.mode ?? null,
    m.place,
    m.date,
    m.when?.day ?? null,
    m.when?.window ?? null,
    JSON.stringify(m.actors),
    JSON.stringify(m.targets),
    dead,
  ];
}

/** The event_mentions row of a mention. */
function mentionRow(a: Analysis, m: Mention, eventId: number | null, articleId: number, storyId: number): Param[] {
  return [
    eventId,
    articleId,
    storyId,
    m.ev.type,
    m.ev.mode ?? null,
    m.date,
    m.place,
    JSON.stringify(m.actors),
    JSON.stringify(m.targets),
    m.ev.historical ? 1 : 0,
    evidenceSentence(a, m.ev),
    m.ev.start,
    m.ev.end,
  ];
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

/** Writes collected to be sent together (`Db.runAll`: one round trip on PostgreSQL). */
class Writes {
  readonly list: Statement[] = [];

  run(sql: string, params: Param[]): void {
    this.list.push({ sql, params });
  }

  /**
   * Rows in multi-row INSERTs of INSERT_CHUNK rows, the rest in chunks of halving size (16, 8, 4,
   * 2, 1): a handful of statement shapes per table, so SQLite's prepared statements are reused
   * instead of compiled anew for every row count.
   */
  insert(into: string, rows: Param[][], suffix = ''): void {
    if (!rows.length) return;
    for (let i = 0, size = INSERT_CHUNK; i < rows.length;) {
      while (size > rows.length - i) size >>= 1;
      const chunk = rows.slice(i, i + size);
      this.run(insertSql(into, rows[0].length, size, suffix), chunk.flat());
      i += size;
    }
  }
}

/**
 * The text of a multi-row INSERT, built once per shape: storing sends thousands of the same few
 * shapes, and the same string each time also spares the statement cache rehashing a new one.
 */
const insertTexts = new Map<string, string>();
/** Shapes kept: storing uses a dozen tables times six chunk sizes; the bound only guards misuse. */
const INSERT_TEXTS_MAX = 256;

function insertSql(into: string, columns: number, rows: number, suffix: string): string {
  const key = `${rows} ${columns} ${into}${suffix}`;
  let sql = insertTexts.get(key);
  if (sql === undefined) {
    sql = insertSqlOf(into, columns, rows, suffix);
    if (insertTexts.size >= INSERT_TEXTS_MAX) insertTexts.clear();
    insertTexts.set(key, sql);
  }
  return sql;
}

/** `INSERT INTO <into> VALUES (?, ?), (?, ?)<suffix>`: `rows` tuples of `columns` placeholders. */
export function insertSqlOf(into: string, columns: number, rows: number, suffix = ''): string {
  const tuple = `(${marks(columns)})`;
  return `INSERT INTO ${into} VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}${suffix}`;
}

const DAY_MS = 86_400_000;

/**
 * An event date as a day number (days since 1970) and how many days either side it may be:
 * a day ± EVENT_DATE_WINDOW_DAYS, a month or an ISO week ± its span. Years and unparsed
 * values give undefined: too vague to tie two reports together.
 */
function dayOf(date: string | null | undefined): { day: number; window: number } | undefined {
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
