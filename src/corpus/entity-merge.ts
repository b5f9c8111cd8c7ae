/**
 * Merging an article's entities with the corpus's: each entity's keys (entity-keys.ts) are looked
 * up, an entity whose key is known joins that corpus entity, and the others become new corpus
 * entities with readable slug ids. Keys, entities and mentions are written in batches.
 */
import type { Analysis, Entity } from '../model/analysis.ts';
import type { Db, Param } from './db.ts';
import { inList } from './db.ts';
import { entityKeys, family, slug } from './entity-keys.ts';
import type { Writes } from './writes.ts';

/** Keys or ids per `IN (...)` lookup. */
const LOOKUP_CHUNK = 200;

/**
 * Corpus ids are readable slugs (`person-amira-haddad`); namesakes get `-2`, `-3`, ... One query
 * checks this many suffixes of every new name at once; more namesakes than that are rare and
 * looked up one by one.
 */
const NAMESAKE_PREFETCH = 4;

/** Names this long or shorter may be acronyms, written in capitals on purpose ("NATO", "BBC"). */
const ACRONYM_MAX = 4;

/** An article's entities with their keys, and the corpus entities those keys already name. */
export interface KeyLookup {
  keyed: KeyedEntity[];
  known: Map<string, string>; // family \u0000 key → entity id
  placeless: Set<string>; // known entities with no coordinates yet
  capitalised: Set<string>; // known entities named all in capitals, longer than an acronym
  /** PostgreSQL: the highest `entity_keys.seq` when the lookup began; every key up to it was seen. */
  upTo: number;
}

/** The columns of `KnownKey`, read from `entity_keys k`. */
const KNOWN_KEY_COLUMNS =
  'k.family, k.key, k.entity_id, (SELECT e.lat IS NULL FROM entities e WHERE e.id = k.entity_id) AS placeless, ' +
  `(SELECT e.name = upper(e.name) AND length(e.name) > ${ACRONYM_MAX} FROM entities e WHERE e.id = k.entity_id) ` +
  'AS capitalised';

/**
 * The corpus entities the article's entity keys already name, in one query per LOOKUP_CHUNK keys.
 * Runs before the store lock: a key, once stored, names the same entity for good, so what is found
 * stays true; keys that other workers store meanwhile are added under the lock (`addKeysStoredSince`).
 * (`placeless` and `capitalised` may go stale meanwhile; each only guards an update that checks
 * again.) Whether an entity is placeless or capitalised is read by its primary key for each row
 * found: a join let PostgreSQL's planner hash the whole entities table for every article.
 */
export async function lookUpKeys(db: Db, entities: Entity[]): Promise<KeyLookup> {
  const keyed = entities.map(keyedEntity);
  const k: KeyLookup = { keyed, known: new Map(), placeless: new Set(), capitalised: new Set(), upTo: 0 };
  // Read before the keys: every key numbered up to it is committed by now, so the lookup sees it.
  k.upTo =
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
      k,
    );
  }
  return k;
}

/**
 * PostgreSQL, under the store lock: the keys other workers stored since `lookUpKeys` began. Keys
 * are only stored under this lock, whose holders commit before the next takes it, and their
 * sequence hands out one number at a time, so they are numbered in commit order and the ones after
 * `upTo` are exactly those the lookup could miss.
 */
export async function addKeysStoredSince(db: Db, k: KeyLookup): Promise<void> {
  // `seq > upTo` alone is read as a third of the table until statistics exist (autovacuum analyses
  // new tables a minute or more late), and the whole table is scanned; a range with an upper
  // bound is planned as a narrow one, on the index, from the start.
  const since = `SELECT ${KNOWN_KEY_COLUMNS} FROM entity_keys k
    WHERE k.seq BETWEEN ? AND (SELECT max(seq) FROM entity_keys)`;
  addKnownKeys(await db.all<KnownKey>(since, [k.upTo + 1]), k);
}

/**
 * Map each article entity to a corpus entity, creating new ones; returns local id → corpus id.
 * New entities, keys and mentions are written in batches, so the number of statements does not
 * grow with the number of entities. (The steps are separate functions so that V8 recompiles only
 * a small one when an entity of a new shape comes.)
 */
export async function resolveEntities(
  db: Db,
  writes: Writes,
  a: Analysis,
  keys: KeyLookup,
  articleId: number,
): Promise<Map<string, string>> {
  const m = matchEntities(keys);
  const real = await createEntities(db, writes, m.fresh);
  const final = (id: string) => real.get(id) ?? id;
  const ids = m.ids;
  for (const [local, id] of ids) ids.set(local, final(id));
  for (const g of m.geo)
    writes.run('UPDATE entities SET lat = ?, lon = ?, country = ? WHERE id = ? AND lat IS NULL', g);
  // Heuristic "a name in capitals is a heading's": a stored name written all in capitals and
  // longer than an acronym ("FRANCE" from a dateline) takes the same name as an article writes it
  // in mixed case ("France"); "NATO" and "BBC" stay as they are.
  for (const [name, id] of m.cased)
    writes.run(
      'UPDATE entities SET name = ? WHERE id = ? AND name = upper(name) ' +
        `AND name = upper(CAST(? AS TEXT)) AND length(name) > ${ACRONYM_MAX}`,
      [name, id, name],
    );
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

/** An article entity with its corpus family and keys, strongest first. */
interface KeyedEntity {
  e: Entity;
  fam: string;
  keys: string[];
}

/** An `entity_keys` row found by a lookup, and whether its entity has no coordinates yet. */
interface KnownKey {
  family: string;
  key: string;
  entity_id: string;
  placeless: unknown;
  capitalised: unknown;
}

/** An entity with its corpus family and its keys, strongest first. */
function keyedEntity(e: Entity): KeyedEntity {
  return { e, fam: family(e.type), keys: entityKeys(e) };
}

/** Records key rows read from `entity_keys` in `known`, and the placeless and capitalised entities among them. */
function addKnownKeys(rows: KnownKey[], k: KeyLookup): void {
  for (const r of rows) {
    k.known.set(`${r.family}\u0000${r.key}`, r.entity_id);
    if (r.placeless) k.placeless.add(r.entity_id);
    if (r.capitalised) k.capitalised.add(r.entity_id);
  }
}

/**
 * Each entity's corpus id by its keys, strongest first; entities new to the corpus get a
 * placeholder id (an earlier entity of this article may be the one a later one merges with),
 * replaced by real ids once created. Also returns the keys new to the corpus and the coordinates
 * that known placeless entities gain.
 */
function matchEntities({ keyed, known, placeless, capitalised }: KeyLookup) {
  const fresh = new Map<string, Entity>(); // placeholder → entity
  const ids = new Map<string, string>();
  const newKeys: string[][] = [];
  const geo: Param[][] = [];
  const cased: Array<[string, string]> = [];
  for (const { e, fam, keys } of keyed) {
    let id: string | undefined;
    for (const k of keys) {
      id = known.get(`${fam}\u0000${k}`);
      if (id) break;
    }
    if (!id) {
      id = `\u0000new${fresh.size}`;
      fresh.set(id, e);
    } else {
      if (e.geo && placeless.delete(id)) geo.push([e.geo.lat, e.geo.lon, e.geo.country, id]);
      if (e.name !== e.name.toUpperCase() && capitalised.delete(id)) cased.push([e.name, id]);
    }
    for (const k of keys) {
      const full = `${fam}\u0000${k}`;
      if (known.has(full)) continue;
      known.set(full, id); // later entities of this article see it too
      newKeys.push([fam, k, id]);
    }
    ids.set(e.id, id);
  }
  return { fresh, ids, newKeys, geo, cased };
}

/** The `entity_mentions` rows of an article: one per article entity, with its corpus id. */
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
