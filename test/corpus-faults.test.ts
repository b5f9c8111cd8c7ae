/**
 * Faults explained in one line, with nothing stored lost: a SQLite file locked by another process,
 * read-only, corrupt or from a newer schema version; disk full; PostgreSQL unreachable at the
 * start and in the middle of a run.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Corpus } from '../src/corpus/corpus.ts';
import { ingestDirect } from '../src/corpus/ingest.ts';
import type { InputResult } from '../src/ingest/inputs.ts';
import { DbError } from '../src/corpus/db.ts';
import { SCHEMA_VERSION } from '../src/corpus/schema.ts';
import { Pipeline } from '../src/pipeline.ts';
import { synthCorpus } from '../scripts/synth.ts';
import { postgresBackend, ORPHAN_QUERIES, PG_URL } from './helpers/corpus-backends.ts';
import { countRows, runCli, startCli, waitFor, type Done } from './helpers/cli-run.ts';

const work = mkdtempSync(join(tmpdir(), 'sitrep-faults-'));
after(() => rmSync(work, { recursive: true, force: true }));

const ARTICLE = `Ferry service to Hiiumaa suspended after storm damage

The ferry link between the Estonian mainland and the island of Hiiumaa was suspended on Sunday after a storm damaged the landing ramp at Heltermaa, the operator said.

Repairs were expected to take at least three days. "Safety comes first," operations manager Kadri Tamm said.`;
const articleFile = join(work, 'ferry.txt');
writeFileSync(articleFile, ARTICLE);

/** The CLI failed with exactly one line, `sitrep: <message>`, and no stack trace. */
function assertOneLineError(r: Done, pattern: RegExp): void {
  assert.equal(r.code, 1, `exit code (stderr: ${r.stderr})`);
  // Progress lines ("sitrep: stored 10 (6.6/s)") may come first on a long run.
  const lines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => !/^sitrep: (stored|queued|processed) \d+/.test(l));
  assert.equal(lines.length, 1, `one line, got: ${r.stderr}`);
  assert.match(lines[0], /^sitrep: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

async function freshSqlite(name: string, articles = 1): Promise<string> {
  const path = join(work, name);
  const c = await Corpus.open(path);
  const p = pipelineOnce();
  for (let i = 0; i < articles; i++)
    await c.add(
      p.analyze({ id: `a${i}`, source: { published: '2026-02-01' }, text: ARTICLE + `\n\nUpdate ${i}.` }),
      `a${i}`,
    );
  await c.close();
  return path;
}

let shared: Pipeline | undefined;
const pipelineOnce = () => (shared ??= new Pipeline());

describe('SQLite faults', () => {
  test(
    'a database another process holds a write lock on: one-line "locked" message, nothing lost',
    { timeout: 60_000 },
    async () => {
      const path = await freshSqlite('locked.db');
      const holder = new Database(path);
      holder.exec('BEGIN EXCLUSIVE');
      try {
        const r = await runCli(['ingest', articleFile, '--db', path]);
        assertOneLineError(r, /database is locked by another process/);
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
      assert.equal(await countRows(path, 'SELECT count(*) AS n FROM articles'), 1);
    },
  );

  test('a read-only file: listings work, ingest says read-only and changes nothing', async () => {
    const path = await freshSqlite('readonly.db');
    chmodSync(path, 0o444);
    const list = await runCli(['articles', '--json', '--db', path]);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(JSON.parse(list.stdout).length, 1);
    const r = await runCli(['ingest', articleFile, '--db', path]);
    assertOneLineError(r, /read-only/);
    chmodSync(path, 0o644);
    assert.equal(await countRows(path, 'SELECT count(*) AS n FROM articles'), 1);
  });

  test('a corrupt file (random bytes): not a sitrep database', async () => {
    const path = join(work, 'corrupt.db');
    writeFileSync(path, randomBytes(64 * 1024));
    const r = await runCli(['ingest', articleFile, '--db', path]);
    assertOneLineError(r, /not a sitrep database, or the file is corrupt/);
  });

  test('a database from a newer sitrep is refused, not altered', async () => {
    const path = await freshSqlite('newer.db');
    const raw = new Database(path);
    raw.prepare("UPDATE sitrep_meta SET value = '999' WHERE key = 'schema_version'").run();
    raw.close();
    const r = await runCli(['articles', '--db', path]);
    assertOneLineError(
      r,
      new RegExp(`schema version 999, newer than this sitrep understands \\(${SCHEMA_VERSION}\\); upgrade sitrep`),
    );
    const after = new Database(path, { readonly: true });
    assert.equal(
      (after.prepare("SELECT value FROM sitrep_meta WHERE key = 'schema_version'").get() as { value: string }).value,
      '999',
    );
    after.close();
  });

  test(
    'disk full: a clear error, every stored article kept, the failing article not half-stored',
    { timeout: 120_000 },
    async () => {
      const path = await freshSqlite('full.db', 3);
      const corpus = await Corpus.open(path);
      try {
        const pages = Number((await corpus.db.get<{ page_count: number }>('PRAGMA page_count'))!.page_count);
        await corpus.db.exec(`PRAGMA max_page_count = ${pages + 40}`);
        const p = pipelineOnce();
        let stored = 3;
        let error: unknown;
        for (const a of synthCorpus(200, 400, 5)) {
          try {
            await corpus.add(p.analyze({ id: a.id, source: { published: a.published }, text: a.text }), a.id);
            stored++;
          } catch (err) {
            error = err;
            break;
          }
        }
        assert.ok(error instanceof DbError, `a DbError, got ${error}`);
        assert.match((error as Error).message, /disk full; the transaction being stored was rolled back/);
        assert.ok(stored > 3, 'some articles fit before the disk filled');
        const n = Number((await corpus.db.get<{ n: number }>('SELECT count(*) AS n FROM articles'))!.n);
        assert.equal(n, stored, 'every article stored before the failure is still there');
        for (const [name, sql] of Object.entries(ORPHAN_QUERIES)) {
          assert.equal(Number((await corpus.db.get<{ n: number }>(sql))!.n), 0, `orphans: ${name}`);
        }
        assert.equal((await corpus.search('Hiiumaa ferry')).results.length, 3, 'search still works');
      } finally {
        await corpus.close();
      }
    },
  );

  test('disk full in a batch ingest: the message says the whole batch was rolled back and what was kept', async () => {
    const path = await freshSqlite('full-batch.db', 0);
    const corpus = await Corpus.open(path);
    const text = (i: number) => `${ARTICLE}\n\nBulletin ${i}: the ramp at Heltermaa was inspected again.`;
    // Three articles are committed as one batch; then the file may not grow by a page, and the
    // next batch of three fails as a full disk would.
    async function* inputs(): AsyncGenerator<InputResult> {
      for (let i = 0; i < 6; i++) {
        if (i === 3) {
          const pages = Number((await corpus.db.get<{ page_count: number }>('PRAGMA page_count'))!.page_count);
          await corpus.db.exec(`PRAGMA max_page_count = ${pages}`);
        }
        yield { ok: true, article: { id: `b${i}`, source: { published: '2026-02-01' }, text: text(i) } };
      }
    }
    try {
      await assert.rejects(ingestDirect(corpus, inputs(), undefined, pipelineOnce(), 3), (err: Error) => {
        assert.ok(err instanceof DbError, String(err));
        assert.match(err.message, /disk full while storing a batch of 3 articles \(b3 to b5\)/);
        assert.match(err.message, /the whole batch was rolled back, none of it stored/);
        assert.match(err.message, /the 3 articles committed before it \(up to b2\) are kept/);
        assert.doesNotMatch(err.message, /nothing of the current article/);
        return true;
      });
      await corpus.db.exec('PRAGMA max_page_count = 1073741823');
      const n = Number((await corpus.db.get<{ n: number }>('SELECT count(*) AS n FROM articles'))!.n);
      assert.equal(n, 3, 'the committed batch is kept, the failed one not half-stored');
    } finally {
      await corpus.close();
    }
  });
});

const pgb = postgresBackend();
describe('PostgreSQL faults', { skip: pgb.skip }, () => {
  after(() => pgb.cleanup());

  test('an unreachable server (nothing listens on the port): one-line message', async () => {
    const u = new URL(PG_URL!);
    u.port = '1';
    u.password = 'secret';
    const r = await runCli(['articles', '--db', u.toString()]);
    assertOneLineError(r, /PostgreSQL is unreachable/);
    assert.doesNotMatch(r.stderr, /secret/, 'the password is never printed');
  });

  test(
    'the server goes away mid-run: one-line message, stored articles intact, a rerun finishes the job',
    { timeout: 300_000 },
    async () => {
      const spec = await pgb.fresh();
      const target = new URL(spec);
      // A TCP proxy between sitrep and the server that the test can pull the plug on.
      const sockets = new Set<Socket>();
      const proxy = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => (client.destroy(), upstream.destroy());
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      const viaProxy = new URL(spec);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String((proxy.address() as { port: number }).port);

      // Enough articles for several commits (ingest stores up to 250 per transaction), so the plug is
      // pulled with some stored and some not.
      const total = 1000;
      const input = join(work, 'bulletins.jsonl');
      writeFileSync(
        input,
        synthCorpus(total, 60, 3)
          .map((a, i) => JSON.stringify({ id: a.id, text: `Bulletin ${i}.\n\n${a.text}`, published: a.published }))
          .join('\n'),
      );
      const run = startCli(['ingest', input, '--db', viaProxy.toString()]);
      await waitFor(
        async () => (await countRows(spec, 'SELECT count(*) AS n FROM articles')) >= 10,
        120_000,
        'ten articles',
      );
      proxy.close();
      for (const s of sockets) s.destroy();
      const r = await run.done;
      assertOneLineError(r, /PostgreSQL is unreachable/);
      const corpus = await Corpus.open(spec);
      try {
        const n = Number((await corpus.db.get<{ n: number }>('SELECT count(*) AS n FROM articles'))!.n);
        assert.ok(n >= 10 && n < total, `${n} stored before the server went away`);
        for (const [name, sql] of Object.entries(ORPHAN_QUERIES)) {
          assert.equal(Number((await corpus.db.get<{ n: number }>(sql))!.n), 0, `orphans: ${name}`);
        }
      } finally {
        await corpus.close();
      }
      const again = await runCli(['ingest', input, '--db', spec]);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(await countRows(spec, 'SELECT count(*) AS n FROM articles'), total);
    },
  );
});
