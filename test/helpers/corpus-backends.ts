/**
 * The corpus test backends: SQLite (always) and PostgreSQL (when SITREP_TEST_PG names a server,
 * e.g. the one scripts/ci-postgres.sh starts). Each test gets a fresh, empty database: a temp file,
 * or a new PostgreSQL database created beside the one in the URL and dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SITREP_BIN = join(REPO, 'bin/sitrep.mjs');
export const PG_URL = process.env.SITREP_TEST_PG;
export const PG_SKIP = PG_URL ? false : 'SITREP_TEST_PG is unset (run scripts/ci-postgres.sh and export its URL)';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** false, or the one-line reason the backend's tests are skipped. */
  skip: string | false;
  /** A fresh empty database: a SQLite path or a postgres:// URL. */
  fresh(): Promise<string>;
  /** Remove every database this backend made. */
  cleanup(): Promise<void>;
}

let counter = 0;

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    skip: false,
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-corpus-'));
      dirs.push(dir);
      return join(dir, 'corpus.db');
    },
    async cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): Backend {
  const made: string[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    name: 'postgres',
    skip: PG_SKIP,
    async fresh() {
      const name = `sitrep_t_${process.pid}_${++counter}_${Date.now() % 100000}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const u = new URL(PG_URL!);
      u.pathname = '/' + name;
      return u.toString();
    },
    async cleanup() {
      if (!made.length) return;
      await admin(async (c) => {
        for (const name of made.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

export function backends(): Backend[] {
  return [sqliteBackend(), postgresBackend()];
}

/** Rows that point at nothing, and stories without articles: all must be zero after any crash. */
export const ORPHAN_QUERIES: Record<string, string> = {
  lsh: 'SELECT count(*) AS n FROM lsh l WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = l.article_id)',
  entity_mentions:
    'SELECT count(*) AS n FROM entity_mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)',
  quotes: 'SELECT count(*) AS n FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = q.article_id)',
  claims: 'SELECT count(*) AS n FROM claims q WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = q.article_id)',
  event_mentions:
    'SELECT count(*) AS n FROM event_mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)',
  events_without_mentions:
    'SELECT count(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)',
  stories_without_articles:
    'SELECT count(*) AS n FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)',
  entities_without_mentions:
    'SELECT count(*) AS n FROM entities e WHERE NOT EXISTS (SELECT 1 FROM entity_mentions m WHERE m.entity_id = e.id)',
};
