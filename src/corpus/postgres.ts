/** The PostgreSQL side of the `Db` seam (pg). Loaded only when the user names a postgres:// URL. */
import pg from 'pg';
import type { Db, Param, Row, Statement } from './db.ts';
import { DbError, DISK_FULL, type OpenOptions } from './db.ts';

/** Seconds to wait for a server before telling the user it is unreachable. */
const CONNECT_TIMEOUT_MS = 5000;

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** `?` placeholders → `$1, $2, …` (none of our SQL has a `?` inside a string literal). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Parameters per combined statement (the protocol allows 65,535). */
const MAX_PARAMS = 30_000;

/**
 * Several writes as one statement: data-modifying CTEs (`WITH w1 AS (INSERT ...), w2 AS (...)
 * SELECT 1`) run in one round trip. Foreign keys are checked at the end of the statement, so a
 * row may refer to one inserted beside it; no part sees another's changes otherwise.
 */
export function combineWrites(statements: Statement[]): Statement[] {
  const out: Statement[] = [];
  let parts: string[] = [];
  let params: Param[] = [];
  const flush = () => {
    if (parts.length === 1) out.push({ sql: parts[0], params });
    else if (parts.length)
      out.push({ sql: `WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(', ')} SELECT 1`, params });
    parts = [];
    params = [];
  };
  for (const s of statements) {
    if (params.length + s.params.length > MAX_PARAMS) flush();
    parts.push(s.sql);
    params.push(...s.params);
  }
  flush();
  return out;
}

/** Error codes and messages that mean the server cannot be reached (or went away mid-run). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);
const UNREACHABLE_MESSAGE = /timeout|terminated|connection error|Connection terminated|not queryable|ECONNRESET/i;

export function pgError(where: string, err: unknown): Error {
  if (err instanceof DbError) return err;
  const e = err as { code?: string; message?: string; errors?: Array<{ code?: string; message?: string }> };
  // Node reports a refused dual-stack connection as an AggregateError whose own message is empty.
  const code = e?.code ?? e?.errors?.[0]?.code;
  const message = e?.message || e?.errors?.[0]?.message || code || 'connection failed';
  if ((code && UNREACHABLE_CODES.has(code)) || UNREACHABLE_MESSAGE.test(e?.message ?? '')) {
    return new DbError(`${where}: PostgreSQL is unreachable (${message})`, 'unreachable');
  }
  if (e?.code === '28P01' || e?.code === '28000') return new DbError(`${where}: authentication failed`);
  if (e?.code === '3D000') return new DbError(`${where}: database does not exist`);
  if (e?.code === '53100') return new DbError(`${where}: ${DISK_FULL}`, 'full');
  return err instanceof Error ? err : new Error(String(err));
}

class PgDb implements Db {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly client: pg.PoolClient | pg.Pool,
    readonly where: string,
    private readonly pool: pg.Pool,
    readonly readOnly: boolean,
  ) {}

  private async query(sql: string, params: Param[] = []) {
    try {
      return await this.client.query(numberPlaceholders(sql), params as unknown[]);
    } catch (err) {
      throw pgError(this.where, err);
    }
  }

  async all<T = Row>(sql: string, params?: Param[]): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }

  async get<T = Row>(sql: string, params?: Param[]): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params?: Param[]): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  async runAll(statements: Statement[]): Promise<void> {
    for (const s of combineWrites(statements)) await this.query(s.sql, s.params);
  }

  async allOf<T = Row>(statements: Statement[]): Promise<T[]> {
    if (!statements.length) return [];
    return this.all<T>(
      statements.map((s) => s.sql).join(' UNION ALL '),
      statements.flatMap((s) => s.params),
    );
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.client.query(sql);
    } catch (err) {
      throw pgError(this.where, err);
    }
  }

  async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.client !== this.pool) return fn(this); // already inside one
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw pgError(this.where, err);
    }
    const tx = new PgDb(client, this.where, this.pool, this.readOnly);
    // A connection that dies while checked out emits 'error' on the client; without a listener
    // that would crash the process. The failing query reports it instead.
    let broken: Error | undefined;
    const onError = (err: Error) => (broken = err);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const out = await fn(tx);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: Error) => (broken ??= e));
      throw pgError(this.where, err);
    } finally {
      client.off('error', onError);
      client.release(broken ?? undefined); // a broken connection is destroyed, not pooled
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export async function openPostgres(url: string, options: OpenOptions = {}): Promise<Db> {
  const where = redact(url);
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on('error', () => undefined); // a dropped idle client surfaces on the next query instead
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw pgError(where, err);
  }
  // BIGINT/COUNT come back as strings by default; our ids and counts fit in a double.
  pg.types.setTypeParser(20, (v) => Number(v));
  return new PgDb(pool, where, pool, options.readOnly === true);
}
