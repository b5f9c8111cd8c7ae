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
 * Conditions for a date range on a day column: on or after `since`, on or before `until`, where a
 * partial day takes in the whole period ("until 2026-03" is all of March: the bound is `2026-03`
 * followed by the highest character, above every `2026-03-DD`).
 */
export function dateRange(
  where: string[],
  params: Param[],
  f: { since?: string; until?: string },
  column = 'a.published',
): void {
  if (f.since) {
    where.push(`${column} >= ?`);
    params.push(f.since);
  }
  if (f.until) {
    where.push(`${column} <= ?`);
    params.push(f.until + '\uffff');
  }
}

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
  /** Opened for reading only: nothing may be created, migrated or written. */
  readonly readOnly: boolean;
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
  /** What kind of problem, where a caller acts on it: waits for a lock, reconnects, explains a full disk. */
  constructor(
    message: string,
    readonly reason?: 'busy' | 'unreachable' | 'full',
  ) {
    super(message);
  }
}

/** How a command opens the corpus: read commands ask for `readOnly` and never create or change it. */
export interface OpenOptions {
  readOnly?: boolean;
}

/** The table that marks a sitrep corpus (it holds the schema version). */
export const META_TABLE = 'sitrep_meta';

/**
 * Refuse a database that is not a sitrep corpus: one with tables but no `sitrep_meta` (another
 * tool's), or, for a reader, one with no tables at all. An empty database may become a corpus.
 */
export function checkIsCorpus(where: string, tables: string[], readOnly: boolean, kind: string): void {
  if (tables.includes(META_TABLE)) return;
  if (tables.length || readOnly) throw new DbError(`${where} is a ${kind} database but not a sitrep corpus`);
}

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * Open the database the user named: a PostgreSQL URL, or a SQLite file path (created if new,
 * unless `readOnly`: then a missing file is an error).
 */
export async function openDb(spec: string, options: OpenOptions = {}): Promise<Db> {
  if (isPostgresUrl(spec)) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(spec, options);
  }
  return openSqlite(spec, options);
}

/**
 * `file:` URIs understood by the SQLite that better-sqlite3 loads (it reads this variable once,
 * when it opens its first database). Only the read-only fallback below uses one (`immutable=1`);
 * plain paths are made absolute first, so a path can never be taken for a URI.
 */
process.env.SQLITE_USE_URI ??= '1';

/**
 * Errors of a read-only open of a WAL database whose `-shm` file does not exist and cannot be
 * made (a folder the user may not write): SQLite then cannot coordinate with writers at all.
 */
const NO_SHM_CODES = new Set(['SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_CANTOPEN']);

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

export function openSqlite(path: string, options: OpenOptions = {}): Db {
  const file = resolve(path);
  if (!existsSync(file)) {
    if (options.readOnly) throw new DbError(`no sitrep database at ${path}`);
    const dir = dirname(file);
    if (!existsSync(dir)) throw new DbError(`${path}: folder ${dir} does not exist`);
  } else if (statSync(file).isDirectory()) {
    throw new DbError(`${path}: is a folder, not a database file`);
  }
  // Read-only when we may not write it, or when nobody may (no write bit): root can write any
  // file, but a file its owner made read-only should stay untouched.
  let readonly = options.readOnly === true;
  if (!readonly && existsSync(file)) {
    try {
      accessSync(file, constants.W_OK);
      readonly = (statSync(file).mode & 0o222) === 0;
    } catch {
      readonly = true;
    }
  }
  let raw: Database.Database | undefined;
  try {
    raw = new Database(file, { readonly, timeout: SQLITE_BUSY_TIMEOUT_MS });
    // Reading the schema here turns a corrupt file into an error now rather than mid-ingest, and
    // names another tool's database before anything (tables, WAL) is added to it.
    let tables: string[];
    try {
      tables = tableNames(raw);
    } catch (err) {
      if (!readonly || !NO_SHM_CODES.has((err as { code?: string }).code ?? '')) throw err;
      // A WAL database in a folder we may not write: read it as an immutable file (no locks, no
      // -shm). Writes by others while it is open are not seen; a reader that cannot make a -shm
      // is a reader of a copy that nobody is expected to change (an archive, a shared snapshot).
      raw.close();
      raw = new Database(immutableUri(file), { readonly, timeout: SQLITE_BUSY_TIMEOUT_MS });
      tables = tableNames(raw);
    }
    if (existsSync(file) && statSync(file).size === 0 && options.readOnly)
      throw new DbError(`${path} is an empty file, not a sitrep corpus`);
    checkIsCorpus(path, tables, options.readOnly === true, 'SQLite');
    if (!readonly) {
      raw.pragma('journal_mode = WAL');
      raw.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    }
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    raw.pragma(`temp_store = ${SQLITE_TEMP_STORE}`);
  } catch (err) {
    raw?.close();
    throw err instanceof DbError ? err : sqliteError(path, err);
  }
  return new SqliteDb(raw, path, readonly);
}

/** The tables of a SQLite database, SQLite's own left out. */
function tableNames(raw: Database.Database): string[] {
  const rows = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
  return rows.map((r) => r.name).filter((n) => !n.startsWith('sqlite_'));
}

/** A `file:` URI opening `file` read-only with no locking and no -shm (SQLite's `immutable=1`). */
function immutableUri(file: string): string {
  return `file:${file.split('/').map(encodeURIComponent).join('/')}?immutable=1`;
}

/** What a full disk did to the transaction that hit it (ingest says more: how many articles, which kept). */
export const DISK_FULL =
  'disk full; the transaction being stored was rolled back, everything committed before it is kept';

/** Translate SQLite's error codes into messages a user can act on. */
export function sqliteError(where: string, err: unknown): Error {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DbError(
      `${where}: database is locked by another process (waited ${SQLITE_BUSY_TIMEOUT_MS / 1000} s)`,
      'busy',
    );
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY'))
    return new DbError(`${where}: database is read-only`);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new DbError(`${where}: not a sitrep database, or the file is corrupt`);
  }
  if (code === 'SQLITE_FULL') return new DbError(`${where}: ${DISK_FULL}`, 'full');
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
    readonly readOnly: boolean,
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
