/**
 * Answers of the costly corpus-wide reads (the entity graph, the map's places, the timeline's
 * tallies: each counts over every article), kept until the corpus changes. Every write that changes
 * what they count stores a new article (a revision, a copy, an ingest by another process), so the
 * highest article id and the number of articles say whether an answer is still good; reading them
 * costs a fraction of a millisecond where the answers cost hundreds.
 */
import type { Db } from '../corpus/db.ts';

/** Answers kept per database and function (the most recently asked). */
const KEPT = 32;

/** What the corpus holds now, in a few bytes: it changes whenever an article is stored. */
async function corpusVersion(db: Db): Promise<string> {
  const v = await db.get<{ m: number | null; n: number }>('SELECT max(id) AS m, count(*) AS n FROM articles');
  return `${v?.m ?? 0}:${v?.n ?? 0}`;
}

/** `fn`, answering again only when its arguments are new or the corpus has changed since. */
export function memoByCorpus<A, T>(fn: (db: Db, args: A) => Promise<T>): (db: Db, args: A) => Promise<T> {
  const kept = new WeakMap<Db, Map<string, { version: string; value: Promise<T> }>>();
  return async (db, args) => {
    const version = await corpusVersion(db);
    let map = kept.get(db);
    if (!map) kept.set(db, (map = new Map()));
    const key = JSON.stringify(args);
    const hit = map.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = fn(db, args);
    map.delete(key);
    if (map.size >= KEPT) map.delete(map.keys().next().value!);
    map.set(key, { version, value });
    value.catch(() => {
      if (map.get(key)?.value === value) map.delete(key); // a failed read is not kept
    });
    return value;
  };
}
