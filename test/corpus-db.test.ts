/**
 * The database seam (src/corpus/db.ts) and the writes storing sends through it
 * (src/corpus/writes.ts): parameters bound from one list, multi-row INSERT texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertSqlOf } from '../src/corpus/writes.ts';
import { openSqlite } from '../src/corpus/db.ts';

test('multi-row INSERT texts list one tuple of placeholders per row', () => {
  assert.equal(insertSqlOf('t (a, b)', 2, 3), 'INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)');
  assert.equal(
    insertSqlOf('t (a)', 1, 1, ' ON CONFLICT DO NOTHING'),
    'INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING',
  );
});

test('SQLite binds parameters given as one list, booleans as 1 and 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bind-'));
  const db = openSqlite(join(dir, 'bind.db'));
  try {
    await db.exec('CREATE TABLE t (a, b, c)');
    await db.run('INSERT INTO t VALUES (?, ?, ?), (?, ?, ?)', [true, 'x', null, false, 2, Buffer.from('hi')]);
    const rows = await db.all<{ a: number; b: unknown; c: unknown }>(
      'SELECT a, b, c FROM t WHERE a IN (?, ?) ORDER BY a',
      [0, 1],
    );
    assert.deepEqual(
      rows.map((r) => [r.a, r.b]),
      [
        [0, 2],
        [1, 'x'],
      ],
    );
    assert.deepEqual(Buffer.from(rows[0].c as Uint8Array).toString(), 'hi');
    assert.deepEqual(await db.get('SELECT count(*) AS n FROM t'), { n: 2 });
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
