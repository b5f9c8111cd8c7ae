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
 *
 * Entities are merged with the corpus's in entity-merge.ts, event mentions with its events in
 * event-merge.ts; writes are collected and sent together (writes.ts).
 */
import { createHash } from 'node:crypto';
import type { Analysis } from '../model/analysis.ts';
import type { Db } from './db.ts';
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
import { addKeysStoredSince, lookUpKeys, resolveEntities } from './entity-merge.ts';
import { addEventMentions } from './event-merge.ts';
import { entityPairs, pairRows, PAIR_COLUMNS } from './graph.ts';
import { Writes } from './writes.ts';
import { encodeAnalysis } from './stored-analysis.ts';

/** Articles whose signatures are compared with a new one: those sharing the most LSH bands with it. */
const MAX_STORY_CANDIDATES = 50;

/** PostgreSQL advisory lock id taken for the part of storing that reads other articles. */
export const STORE_LOCK = 0x51727;

/** What storing did with an article: stored it, found it stored already, or stored it as a new revision. */
export type AddStatus = 'added' | 'duplicate' | 'revision';

/** What storing did, the article's id and the id of its story. */
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

/**
 * The identity of an article's content: its words (`wordsOf`) joined by spaces, whatever the
 * spacing, case and punctuation.
 */
const contentHash = (joinedWords: string) => createHash('sha256').update(joinedWords).digest('hex');

/** What storing `a` needs that depends on the article alone (hashes, signature, compressed analysis). */
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
    blob: encodeAnalysis(rest),
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
  // A new version of a stored article (same key) that lacks a title or a day keeps the stored one's:
  // storing a text again without them never erases them.
  const kept =
    p.title === null || !a.source.published
      ? await db.get<{ title: string | null; published: string | null }>(
          'SELECT title, published FROM articles WHERE key = ? AND is_current = 1',
          [p.key],
        )
      : undefined;
  const title = p.title ?? kept?.title ?? null;
  const row = await db.get<{ id: number }>(
    `INSERT INTO articles (key, revision, is_current, content_hash, title, url, publisher, published, story_id,
       words, text, analysis, signature, ingested_at)
     VALUES (?, 1, 1, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING RETURNING id`,
    [
      p.key,
      p.hash,
      title,
      a.source.url ?? null,
      a.source.publisher ?? null,
      a.source.published ?? kept?.published ?? null,
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
    first.run('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)', [articleId, title, a.text]);
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
  writes.insert(PAIR_COLUMNS, pairRows(articleId, entityPairs(a, ids)));
  const figures = await addEventMentions(db, writes, a, ids, articleId, storyId, !found);
  await db.runAll(writes.list);
  await db.runAll(figures);
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

/** The article's title block, if the cleaner found one. */
function titleOf(a: Analysis): string | null {
  const t = a.blocks.find((b) => b.kind === 'title');
  return t ? a.text.slice(t.start, t.end) : null;
}
