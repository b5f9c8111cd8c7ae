/**
 * Writes collected while an article is stored and sent together at the end (`Db.runAll`: one round
 * trip on PostgreSQL), rows batched into multi-row INSERTs whose texts are built once per shape.
 */
import type { Param, Statement } from './db.ts';
import { placeholders as marks } from './db.ts';

/**
 * Rows per multi-row INSERT (a power of two): big enough to cut statements, small enough for
 * parameter limits.
 */
const INSERT_CHUNK = 32;

/** Writes collected to be sent together (`Db.runAll`: one round trip on PostgreSQL). */
export class Writes {
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

/** `insertSqlOf`, remembered per shape (`insertTexts`). */
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
