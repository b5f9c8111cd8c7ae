/**
 * The corpus schema, versioned. Each migration has a SQLite and a PostgreSQL form; the version a
 * database is at lives in `sitrep_meta`. A database from a newer sitrep is refused, never altered.
 */
import type { Db } from './db.ts';
import { checkIsCorpus, DbError } from './db.ts';
import { fillEntityPairs } from './graph.ts';
import { fillEventFigures } from './event-figures.ts';

interface Migration {
  version: number;
  description: string;
  sqlite: string;
  postgres: string;
  /** Data the SQL cannot derive, filled in by code after it (in the same transaction). */
  fill?: (db: Db) => Promise<void>;
}

/** Tables both dialects share word for word (`ID` and `BLOB` are filled in per dialect). */
const COMMON_V1 = `
CREATE TABLE stories (
  id ID,
  original_id BIGINT,
  created_at TEXT NOT NULL
);
CREATE TABLE articles (
  id ID,
  key TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  is_current INTEGER NOT NULL DEFAULT 1,
  content_hash TEXT NOT NULL UNIQUE,
  title TEXT,
  url TEXT,
  publisher TEXT,
  published TEXT,
  story_id BIGINT REFERENCES stories(id),
  words INTEGER NOT NULL,
  text TEXT NOT NULL,
  analysis BLOB NOT NULL,
  signature BLOB NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX articles_key ON articles(key);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE lsh (
  bucket TEXT NOT NULL,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (bucket, article_id)
);
CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  country TEXT
);
CREATE TABLE entity_keys (
  family TEXT NOT NULL,
  key TEXT NOT NULL,
  entity_id TEXT NOT NULL REFERENCES entities(id),
  PRIMARY KEY (family, key)
);
CREATE TABLE entity_mentions (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  entity_id TEXT NOT NULL REFERENCES entities(id),
  name TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  roles TEXT NOT NULL,
  aliases TEXT NOT NULL,
  PRIMARY KEY (article_id, local_id)
);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
CREATE TABLE quotes (
  id ID,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity_id TEXT REFERENCES entities(id),
  speaker_text TEXT,
  kind TEXT NOT NULL,
  cue TEXT,
  channel TEXT,
  text TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL
);
CREATE INDEX quotes_entity ON quotes(entity_id);
CREATE TABLE claims (
  id ID,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity_id TEXT REFERENCES entities(id),
  source_kind TEXT NOT NULL,
  source_text TEXT,
  cue TEXT,
  hedged INTEGER NOT NULL,
  text TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL
);
CREATE INDEX claims_entity ON claims(entity_id);
CREATE TABLE relations (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  subject_id TEXT NOT NULL REFERENCES entities(id),
  predicate TEXT NOT NULL,
  object_id TEXT REFERENCES entities(id),
  object_text TEXT,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL
);
CREATE INDEX relations_subject ON relations(subject_id);
CREATE TABLE events (
  id ID,
  type TEXT NOT NULL,
  mode TEXT,
  place_id TEXT REFERENCES entities(id),
  date TEXT,
  actors TEXT NOT NULL,
  targets TEXT NOT NULL,
  dead TEXT
);
CREATE INDEX events_type ON events(type);
CREATE TABLE event_mentions (
  id ID,
  event_id BIGINT REFERENCES events(id),
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  story_id BIGINT NOT NULL,
  type TEXT NOT NULL,
  mode TEXT,
  date TEXT,
  place_id TEXT,
  actors TEXT NOT NULL,
  targets TEXT NOT NULL,
  historical INTEGER NOT NULL,
  text TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE TABLE failures (
  id ID,
  input TEXT NOT NULL,
  error TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE jobs (
  id ID,
  input TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  worker TEXT,
  locked_at TEXT,
  error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX jobs_status ON jobs(status);
`;

/** Version 2 is the same in both dialects. */
const V2 = `ALTER TABLE events ADD COLUMN day INTEGER;
      ALTER TABLE events ADD COLUMN day_window INTEGER;
      CREATE INDEX events_type_day ON events(type, day);
      CREATE INDEX event_mentions_story ON event_mentions(story_id);
      CREATE INDEX lsh_article ON lsh(article_id);
      CREATE INDEX entity_keys_key ON entity_keys(key);`;

/** Version 6 is the same in both dialects. */
const ENTITY_PAIRS = `CREATE TABLE entity_pairs (
        article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_a TEXT NOT NULL,
        entity_b TEXT NOT NULL,
        sentences INTEGER NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY (article_id, entity_a, entity_b)
      );
      CREATE INDEX entity_pairs_a ON entity_pairs(entity_a, entity_b);`;

/** Version 7 is the same in both dialects. */
const EVENT_FIGURES = `ALTER TABLE events ADD COLUMN injured TEXT;
      ALTER TABLE event_mentions ADD COLUMN dead TEXT;
      ALTER TABLE event_mentions ADD COLUMN injured TEXT;
      CREATE INDEX events_date ON events(date);`;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'articles, stories, entities, quotes, claims, relations, events, full-text search, jobs',
    sqlite:
      COMMON_V1.replace(/\bID\b/g, 'INTEGER PRIMARY KEY AUTOINCREMENT').replace(/\bBLOB\b/g, 'BLOB') +
      `CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');`,
    postgres:
      COMMON_V1.replace(/\bID\b/g, 'BIGSERIAL PRIMARY KEY').replace(/\bBLOB\b/g, 'BYTEA') +
      `ALTER TABLE articles ADD COLUMN tsv tsvector
         GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED;
       CREATE INDEX articles_tsv ON articles USING GIN (tsv);`,
  },
  {
    version: 2,
    description: 'event day numbers and their window, indexed by type, so merging looks only at nearby days',
    sqlite: V2,
    postgres: V2,
  },
  {
    version: 3,
    description: 'event parties and places indexed, so merging reads only the events a report could be tied to',
    sqlite: `CREATE TABLE event_parties (
        entity_id TEXT NOT NULL,
        event_id BIGINT NOT NULL REFERENCES events(id),
        PRIMARY KEY (entity_id, event_id)
      );
      INSERT OR IGNORE INTO event_parties (entity_id, event_id)
        SELECT j.value, e.id FROM events e, json_each(e.actors) j
        UNION SELECT j.value, e.id FROM events e, json_each(e.targets) j;
      CREATE INDEX events_place_type_day ON events(place_id, type, day);`,
    postgres: `CREATE TABLE event_parties (
        entity_id TEXT NOT NULL,
        event_id BIGINT NOT NULL REFERENCES events(id),
        PRIMARY KEY (entity_id, event_id)
      );
      INSERT INTO event_parties (entity_id, event_id)
        SELECT DISTINCT x, e.id FROM events e, jsonb_array_elements_text(e.actors::jsonb || e.targets::jsonb) x
        ON CONFLICT DO NOTHING;
      CREATE INDEX events_place_type_day ON events(place_id, type, day);`,
  },
  {
    version: 4,
    description:
      "event parties carry their event's type and day, so merging finds a party's events in the date window " +
      'from the index alone; ' +
      'jobs indexed by status and id, so a worker claims the next queued job without stepping over the done ones',
    sqlite: `ALTER TABLE event_parties ADD COLUMN type TEXT;
      ALTER TABLE event_parties ADD COLUMN day INTEGER;
      UPDATE event_parties SET type = (SELECT e.type FROM events e WHERE e.id = event_parties.event_id),
                               day = (SELECT e.day FROM events e WHERE e.id = event_parties.event_id);
      CREATE INDEX event_parties_type_day ON event_parties(entity_id, type, day);
      CREATE INDEX jobs_queue ON jobs(status, id);`,
    postgres: `ALTER TABLE event_parties ADD COLUMN type TEXT;
      ALTER TABLE event_parties ADD COLUMN day INTEGER;
      UPDATE event_parties p SET type = e.type, day = e.day FROM events e WHERE e.id = p.event_id;
      CREATE INDEX event_parties_type_day ON event_parties(entity_id, type, day);
      CREATE INDEX jobs_queue ON jobs(status, id);`,
  },
  {
    version: 5,
    description:
      'entity keys numbered as they are stored (PostgreSQL), so a worker looks up keys before taking the store lock ' +
      'and reads under it only the keys stored since',
    // SQLite has one writer at a time: keys cannot change between the lookup and the store.
    sqlite: '',
    postgres: `ALTER TABLE entity_keys ADD COLUMN seq BIGSERIAL;
      CREATE INDEX entity_keys_seq ON entity_keys(seq);`,
  },
  {
    version: 6,
    description:
      'entity pairs per article (named in one sentence, or parties of one event), so the graph links what the ' +
      'articles put together rather than every two names in an article; filled in from the stored analyses',
    sqlite: ENTITY_PAIRS,
    postgres: ENTITY_PAIRS,
    fill: fillEntityPairs,
  },
  {
    version: 7,
    description:
      'dead and injured kept per report, and each event carrying the figures of its latest report that gives them ' +
      '(filled in from the stored analyses); events indexed by date, so the events page and the timeline read ' +
      'their latest events from the index',
    sqlite: EVENT_FIGURES,
    postgres: EVENT_FIGURES,
    fill: fillEventFigures,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** PostgreSQL advisory lock id held while migrating, so workers starting together migrate once. */
const MIGRATE_LOCK = 0x51728;

/** The tables of the database (PostgreSQL: of its current schema), SQLite's own left out. */
async function tableNames(db: Db): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    db.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
      : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
  );
  return rows.map((r) => r.name);
}

/**
 * Bring the database to the current schema version, refusing one from a newer sitrep and one that
 * is not a sitrep corpus (another tool's tables). A database opened read-only is only checked:
 * it must be a corpus at the current version already.
 */
export async function migrate(db: Db): Promise<void> {
  const version = async (tx: Db) => {
    const row = await tx.get<{ value: string }>("SELECT value FROM sitrep_meta WHERE key = 'schema_version'");
    return row ? Number(row.value) : 0;
  };
  const refuseNewer = (current: number) => {
    if (current > SCHEMA_VERSION) {
      throw new DbError(
        `${db.where}: database is at schema version ${current}, ` +
          `newer than this sitrep understands (${SCHEMA_VERSION}); upgrade sitrep`,
      );
    }
  };
  checkIsCorpus(db.where, await tableNames(db), db.readOnly, db.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  if (db.readOnly) {
    // A read-only database can be read when it is already current; it cannot be migrated.
    const current = await version(db).catch(() => 0);
    refuseNewer(current);
    if (current < SCHEMA_VERSION)
      throw new DbError(
        `${db.where}: database is at schema version ${current} and needs upgrading to ${SCHEMA_VERSION}, ` +
          'which a read-only open cannot do (`sitrep ingest` or `sitrep worker` upgrades it)',
      );
    return;
  }
  // Fast path: already current (one read, no write lock).
  const exists = await db
    .get<{ value: string }>("SELECT value FROM sitrep_meta WHERE key = 'schema_version'")
    .catch(() => undefined);
  if (exists) {
    refuseNewer(Number(exists.value));
    if (Number(exists.value) === SCHEMA_VERSION) return;
  }
  await db.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?) AS locked', [MIGRATE_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS sitrep_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const current = await version(tx);
    refuseNewer(current);
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await tx.exec(tx.dialect === 'sqlite' ? m.sqlite : m.postgres);
      await m.fill?.(tx);
      await tx.run(
        "INSERT INTO sitrep_meta (key, value) VALUES ('schema_version', ?) " +
          'ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        [String(m.version)],
      );
    }
  });
}
