/**
 * Queue workers that share a database: on SQLite, a second `worker --drain` waits for the write
 * lock and retries instead of dying with "database is locked", and two workers drain the queue
 * between them, every job done once; a lock held past the busy timeout is waited out. On
 * PostgreSQL, a worker without --drain that loses its server reconnects with backoff.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { synthCorpus } from '../scripts/synth.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import { ORPHAN_QUERIES, postgresBackend } from './helpers/corpus-backends.ts';
import { countRows, runCli, startCli, waitFor } from './helpers/cli-run.ts';

const work = mkdtempSync(join(tmpdir(), 'sitrep-workers-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** `count` short unique articles as a JSONL file. */
function jsonl(count: number, name: string, seed = 23, words = 60): string {
  const path = join(work, `${name}.jsonl`);
  const lines = synthCorpus(count, words, seed).map((a, i) =>
    JSON.stringify({ id: `${name}-${i}`, text: `Dispatch ${i + 1} of ${name}.\n\n${a.text}`, published: a.published }),
  );
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Every job done, each article stored once, nothing orphaned. */
async function assertDrained(spec: string, jobs: number): Promise<void> {
  assert.equal(await countRows(spec, "SELECT count(*) AS n FROM jobs WHERE status = 'done'"), jobs, 'all jobs done');
  const corpus = await Corpus.open(spec);
  try {
    const n = Number((await corpus.db.get<{ n: number }>('SELECT count(*) AS n FROM articles'))!.n);
    const keys = Number((await corpus.db.get<{ n: number }>('SELECT count(DISTINCT key) AS n FROM articles'))!.n);
    assert.equal(n, jobs, 'one article per job');
    assert.equal(keys, jobs, 'no article stored twice');
    for (const [name, sql] of Object.entries(ORPHAN_QUERIES))
      assert.equal(Number((await corpus.db.get<{ n: number }>(sql))!.n), 0, `orphans: ${name}`);
  } finally {
    await corpus.close();
  }
}

const added = (s: string) => Number(/(\d+) added/.exec(s)?.[1] ?? NaN);

describe('queue workers on SQLite', () => {
  test('two workers --drain on one file: neither dies locked, every job done once', { timeout: 300_000 }, async () => {
    const spec = join(work, 'two.db');
    // Enough work that one worker holding the lock through every job would keep the other
    // waiting well past its 5 s busy timeout.
    const q = await runCli(['ingest', '--queue', jsonl(200, 'two-hundred', 23, 800), '--db', spec]);
    assert.equal(q.code, 0, q.stderr);
    const [w1, w2] = await Promise.all([
      runCli(['worker', '--drain', '--name', 'w1', '--db', spec]),
      runCli(['worker', '--drain', '--name', 'w2', '--db', spec]),
    ]);
    assert.equal(w1.code, 0, w1.stderr);
    assert.equal(w2.code, 0, w2.stderr);
    assert.doesNotMatch(w1.stderr + w2.stderr, /locked by another process\s*$/m);
    assert.equal(added(w1.stderr) + added(w2.stderr), 200, `${w1.stderr}\n${w2.stderr}`);
    await assertDrained(spec, 200);
  });

  test(
    'a write lock held past the busy timeout: the worker waits, retries, and drains the queue',
    {
      timeout: 300_000,
    },
    async () => {
      const spec = join(work, 'held.db');
      const q = await runCli(['ingest', '--queue', jsonl(10, 'ten'), '--db', spec]);
      assert.equal(q.code, 0, q.stderr);
      const holder = new Database(spec);
      holder.exec('BEGIN IMMEDIATE');
      const w = startCli(['worker', '--drain', '--db', spec]);
      // Hold the lock until the worker says it is waiting (its 5 s busy timeout ran out at least
      // once), however long it took to start on a busy machine; at most two minutes.
      let errText = '';
      w.child.stderr!.on('data', (d) => (errText += d));
      for (let waited = 0; !/the database is busy/.test(errText) && waited < 120_000; waited += 250) {
        await new Promise((r) => setTimeout(r, 250));
      }
      holder.exec('ROLLBACK');
      holder.close();
      const r = await w.done;
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /the database is busy .*; trying again in/);
      assert.equal(added(r.stderr), 10, r.stderr);
      await assertDrained(spec, 10);
    },
  );
});

const pgb = postgresBackend();
describe('queue workers on PostgreSQL', { skip: pgb.skip }, () => {
  after(() => pgb.cleanup());

  test(
    'a worker without --drain rides out a server restart: reconnects with backoff',
    { timeout: 300_000 },
    async () => {
      const spec = await pgb.fresh();
      await (await Corpus.open(spec)).close(); // the schema, made before the proxy goes away
      const target = new URL(spec);
      // A TCP proxy between the worker and the server: closing it is the server going away,
      // listening again on the same port is the server back.
      const sockets = new Set<Socket>();
      const listen = (port: number) =>
        new Promise<Server>((ok) => {
          const proxy = createServer((client) => {
            const upstream = connect(Number(target.port || 5432), target.hostname);
            sockets.add(client).add(upstream);
            client.pipe(upstream).pipe(client);
            const drop = () => (client.destroy(), upstream.destroy());
            client.on('error', drop).on('close', drop);
            upstream.on('error', drop).on('close', drop);
          });
          proxy.listen(port, '127.0.0.1', () => ok(proxy));
        });
      let proxy = await listen(0);
      const port = (proxy.address() as { port: number }).port;
      const viaProxy = new URL(spec);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(port);

      const first = await runCli(['ingest', '--queue', jsonl(5, 'before'), '--db', spec]);
      assert.equal(first.code, 0, first.stderr);
      const w = startCli(['worker', '--name', 'survivor', '--db', viaProxy.toString()]);
      try {
        await waitFor(
          async () => (await countRows(spec, "SELECT count(*) AS n FROM jobs WHERE status = 'done'")) === 5,
          120_000,
          'the first five jobs',
        );
        let stderr = '';
        w.child.stderr!.on('data', (d) => (stderr += d));
        await new Promise<void>((r) => proxy.close(() => r()) && sockets.forEach((s) => s.destroy()));
        await waitFor(async () => /reconnecting in .* s/.test(stderr), 60_000, 'a reconnecting line');
        const second = await runCli(['ingest', '--queue', jsonl(5, 'after', 29), '--db', spec]);
        assert.equal(second.code, 0, second.stderr);
        proxy = await listen(port);
        await waitFor(
          async () => (await countRows(spec, "SELECT count(*) AS n FROM jobs WHERE status = 'done'")) === 10,
          120_000,
          'the jobs queued while the server was away',
        );
        assert.equal(w.child.exitCode, null, 'the worker is still running');
        assert.match(stderr, /PostgreSQL is unreachable .*; reconnecting in 0\.5 s/);
      } finally {
        w.child.kill('SIGTERM');
        await w.done;
        proxy.close();
        sockets.forEach((s) => s.destroy());
      }
      await assertDrained(spec, 10);
    },
  );
});
