/**
 * A small database seam: the corpus logic is written once against `Db`, and runs on the embedded
 * SQLite default (better-sqlite3) or on PostgreSQL (pg). SQL uses `?` placeholders; the PostgreSQL
 * adapter numbers them. Only the schema and full-text search differ by dialect.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync, accessSync, constants } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;
export type Param = string | number | bigint | null | Buffer | boolean;
/** `?, ?, ?`: the placeholders of an `IN (...)` list or a row of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * The values of an `IN (...)` list padded to a power of two by repeating the last one (which
 * changes nothing a list means): lists of any length then make a handful of statement texts, so
 * SQLite compiles each once and reuses it instead of preparing a new statement per article.
 */
export function inList<T extends Param>(values: readonly T[]): { marks: string; params: T[] } {
  let size = 1;
  while (size < values.length) size <<= 1;
  const params = values.slice();
  while (params.length < size && params.length) params.push(params[params.length - 1]);
  return { marks: placeholders(params.length), params };
}

export interface Statement {
  sql: string;
  params: Param[];
}

export interface Db {
  readonly dialect: Dialect;
  /** Where the database lives, for messages (a path, or a URL without its password). */
  readonly where: string;
  all<T = Row>(sql: string, params?: Param[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: Param[]): Promise<T | undefined>;
  run(sql: string, params?: Param[]): Promise<{ changes: number }>;
  exec(sql: string): Promise<void>;
  /**
   * Run writes (INSERT/UPDATE without RETURNING) in order, in as few round trips as the backend
   * allows: SQLite is in-process and runs them one by one; PostgreSQL sends them as one statement.
   * They must not depend on one another's effects beyond foreign keys.
   */
  runAll(statements: Statement[]): Promise<void>;
  /**
   * The rows of several SELECTs with the same columns, in as few round trips as the backend allows:
   * SQLite runs them one by one (each shape stays a reused prepared statement); PostgreSQL sends
   * them as one UNION ALL.
   */
  allOf<T = Row>(statements: Statement[]): Promise<T[]>;
  /** Run `fn` in one transaction: all of it is stored, or none. */
  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database problem explained in one line for the user (locked, read-only, corrupt, unreachable...). */
export class DbError extends Error {
  override name = 'DbError';
}

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** Open the database the user named: a PostgreSQL URL, or a SQLite file path (created if new). */
export async function openDb(spec: string): Promise<Db> {
  if (isPostgresUrl(spec)) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(spec);
  }
  return openSqlite(spec);
}

/** Prepared statements kept per connection (SQL texts vary with multi-row INSERT sizes). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * WAL pages written before SQLite copies them back into the database file (default 1,000, ~4 MB).
 * A checkpoint syncs the file and rewrites every page changed since the last one; at the default
 * an ingest checkpoints every ~200 articles and spends as long on it as on everything else it
 * commits. At 10,000 pages (~40 MB of WAL) checkpoints are ten times rarer and hot index pages
 * are written once per checkpoint instead of again and again.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Where SQLite keeps its temporary files: in memory. Inside a transaction that stores many
 * articles, every multi-row INSERT first copies the pages it is about to change into a statement
 * journal (so that statement alone can be undone); past 64 KiB that journal spills into a temp
 * file, and storing wrote ~770 KiB of temp files per article for ~24 KiB of data (a third of
 * storing's time in write system calls). In memory the journals cost nothing to write and are
 * freed when each statement ends. Sorts and temp tables of big read queries live in memory too.
 */
const SQLITE_TEMP_STORE = 'MEMORY';

/** How long a writer waits for another process's lock before giving up with a clear error. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function openSqlite(path: string): Db {
  const file = resolve(path);
  if (!existsSync(file)) {
    const dir = dirname(file);
    if (!existsSync(dir)) throw new DbError(`${path}: folder ${dir} does not exist`);
  } else if (statSync(file).isDirectory()) {
    throw new DbError(`${path}: is a folder, not a database file`);
  }
  // Read-only when we may not write it, or when nobody may (no write bit): root can write any
  // file, but a file its owner made read-only should stay untouched.
  let readonly = false;
  if (existsSync(file)) {
    try {
      accessSync(file, constants.W_OK);
      readonly = (statSync(file).mode & 0o222) === 0;
    } catch {
      readonly = true;
    }
  }
  let raw: Database.Database;
  try {
    raw = new Database(file, { readonly, timeout: SQLITE_BUSY_TIMEOUT_MS });
    if (!readonly) {
      raw.pragma('journal_mode = WAL');
      raw.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    }
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    raw.pragma(`temp_store = ${SQLITE_TEMP_STORE}`);
    // Reading the schema here turns a corrupt file into an error now rather than mid-ingest.
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    throw sqliteError(path, err);
  }
  return new SqliteDb(raw, path, readonly);
}

/** Translate SQLite's error codes into messages a user can act on. */
export function sqliteError(where: string, err: unknown): Error {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DbError(`${where}: database is locked by another process (waited ${SQLITE_BUSY_TIMEOUT_MS / 1000} s)`);
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY'))
    return new DbError(`${where}: database is read-only`);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new DbError(`${where}: not a sitrep database, or the file is corrupt`);
  }
  if (code === 'SQLITE_FULL') return new DbError(`${where}: disk full; nothing of the current article was stored`);
  if (code === 'SQLITE_CANTOPEN') return new DbError(`${where}: cannot open the database file`);
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR'))
    return new DbError(`${where}: disk I/O error (${e.message})`);
  return err instanceof Error ? err : new Error(String(err));
}

class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly cache = new Map<string, Database.Statement>();
  private depth = 0;

  constructor(
    private readonly raw: Database.Database,
    readonly where: string,
    readonly readonly: boolean,
  ) {}

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      if (this.cache.size >= STATEMENT_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(sql, s);
    }
    return s;
  }

  private wrap<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(sqliteError(this.where, err));
    }
  }

  // Parameters are bound as one array (better-sqlite3 binds an array's items as the anonymous
  // parameters), not spread as arguments: multi-row INSERTs carry hundreds of them.
  all<T = Row>(sql: string, params: Param[] = []): Promise<T[]> {
    return this.wrap(() => this.stmt(sql).all(toSqlite(params)) as T[]);
  }

  get<T = Row>(sql: string, params: Param[] = []): Promise<T | undefined> {
    return this.wrap(() => this.stmt(sql).get(toSqlite(params)) as T | undefined);
  }

  run(sql: string, params: Param[] = []): Promise<{ changes: number }> {
    return this.wrap(() => ({ changes: this.stmt(sql).run(toSqlite(params)).changes }));
  }

  exec(sql: string): Promise<void> {
    return this.wrap(() => void this.raw.exec(sql));
  }

  async runAll(statements: Statement[]): Promise<void> {
    for (const s of statements) await this.run(s.sql, s.params);
  }

  async allOf<T = Row>(statements: Statement[]): Promise<T[]> {
    const rows: T[] = [];
    for (const s of statements) for (const r of await this.all<T>(s.sql, s.params)) rows.push(r);
    return rows;
  }

  async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn(this); // nested: part of the outer transaction
    await this.exec('BEGIN IMMEDIATE');
    this.depth++;
    try {
      const out = await fn(this);
      this.depth--;
      await this.exec('COMMIT');
      return out;
    } catch (err) {
      this.depth--;
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
      throw err instanceof DbError ? err : sqliteError(this.where, err);
    }
  }

  async close(): Promise<void> {
    this.raw.close();
  }
}

/** Parameters as SQLite takes them: booleans as 1 and 0 (the list itself when it holds none, the usual case). */
function toSqlite(params: Param[]): Param[] {
  for (let i = 0; i < params.length; i++) {
    if (typeof params[i] === 'boolean') return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  }
  return params;
}
