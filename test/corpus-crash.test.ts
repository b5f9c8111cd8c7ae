/**
 * Crashes on both backends: `sitrep ingest` killed with SIGKILL in the middle of 500 articles and
 * run again ends with exactly 500 articles and no orphans; on PostgreSQL, two queue workers process
 * every job exactly once, and a worker killed mid-job loses nothing.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthCorpus } from '../scripts/synth.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import { backends, postgresBackend, ORPHAN_QUERIES } from './helpers/corpus-backends.ts';
import { countRows, runCli, startCli, waitFor } from './helpers/cli-run.ts';

/** Articles short enough that 500 of them analyse in seconds, each unique (a numbered dateline). */
const WORDS_PER_ARTICLE = 60;

const work = mkdtempSync(join(tmpdir(), 'sitrep-crash-'));
after(() => rmSync(work, { recursive: true, force: true }));

function jsonl(count: number, name: string): string {
  const path = join(work, name);
  const lines = synthCorpus(count, WORDS_PER_ARTICLE, 11).map((a, i) =>
    JSON.stringify({
      id: a.id,
      text: `Dispatch ${i + 1} from the regional desk.\n\n${a.text}`,
      published: a.published,
      publisher: a.publisher,
    }),
  );
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function assertIntact(spec: string, expected: number): Promise<void> {
  const corpus = await Corpus.open(spec);
  try {
    const total = Number((await corpus.db.get<{ n: number }>('SELECT count(*) AS n FROM articles'))!.n);
    const keys = Number((await corpus.db.get<{ n: number }>('SELECT count(DISTINCT key) AS n FROM articles'))!.n);
    assert.equal(total, expected, 'exactly the expected number of articles');
    assert.equal(keys, expected, 'no article stored twice');
    for (const [name, sql] of Object.entries(ORPHAN_QUERIES)) {
      assert.equal(Number((await corpus.db.get<{ n: number }>(sql))!.n), 0, `orphans: ${name}`);
    }
  } finally {
    await corpus.close();
  }
}

for (const backend of backends()) {
  describe(`crash on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    test(
      'kill -9 during a 500-article ingest, then the same command again: exactly 500 articles, no orphans',
      { timeout: 480_000 },
      async () => {
        const spec = await backend.fresh();
        const input = jsonl(500, `five-hundred-${backend.name}.jsonl`);
        const run = startCli(['ingest', input, '--db', spec]);
        await waitFor(
          async () => (await countRows(spec, 'SELECT count(*) AS n FROM articles')) >= 40,
          240_000,
          'the first 40 articles',
        );
        run.child.kill('SIGKILL');
        const killed = await run.done;
        assert.equal(killed.signal, 'SIGKILL');
        const before = await countRows(spec, 'SELECT count(*) AS n FROM articles');
        assert.ok(before >= 40 && before < 500, `killed mid-way (${before} stored)`);
        const again = await runCli(['ingest', input, '--db', spec]);
        assert.equal(again.code, 0, again.stderr);
        assert.match(again.stderr, new RegExp(`${500 - before} added, ${before} already stored`));
        await assertIntact(spec, 500);
      },
    );
  });
}

const pgb = postgresBackend();
describe('queue workers on postgres', { skip: pgb.skip }, () => {
  after(() => pgb.cleanup());

  test('two workers process every job exactly once', { timeout: 300_000 }, async () => {
    const spec = await pgb.fresh();
    const input = jsonl(80, 'eighty.jsonl');
    const q = await runCli(['ingest', '--queue', input, '--db', spec]);
    assert.equal(q.code, 0, q.stderr);
    assert.match(q.stderr, /80 queued/);
    const [w1, w2] = await Promise.all([
      runCli(['worker', '--drain', '--name', 'w1', '--db', spec]),
      runCli(['worker', '--drain', '--name', 'w2', '--db', spec]),
    ]);
    assert.equal(w1.code, 0, w1.stderr);
    assert.equal(w2.code, 0, w2.stderr);
    const added = (s: string) => Number(/(\d+) added/.exec(s)?.[1] ?? NaN);
    assert.equal(added(w1.stderr) + added(w2.stderr), 80, `${w1.stderr}\n${w2.stderr}`);
    assert.ok(added(w1.stderr) > 0 && added(w2.stderr) > 0, 'both workers took jobs');
    assert.equal(await countRows(spec, "SELECT count(*) AS n FROM jobs WHERE status = 'done'"), 80);
    assert.equal(await countRows(spec, 'SELECT count(DISTINCT worker) AS n FROM jobs'), 2);
    await assertIntact(spec, 80);
  });

  test('a worker killed mid-job loses nothing: its job is picked up again', { timeout: 300_000 }, async () => {
    const spec = await pgb.fresh();
    const input = jsonl(40, 'forty.jsonl');
    assert.equal((await runCli(['ingest', '--queue', input, '--db', spec])).code, 0);
    const w = startCli(['worker', '--name', 'doomed', '--db', spec]);
    await waitFor(
      async () => (await countRows(spec, "SELECT count(*) AS n FROM jobs WHERE status = 'done'")) >= 5,
      120_000,
      'five jobs done',
    );
    w.child.kill('SIGKILL');
    await w.done;
    const doneBefore = await countRows(spec, "SELECT count(*) AS n FROM jobs WHERE status = 'done'");
    assert.ok(doneBefore < 40, 'killed before the queue was empty');
    assert.equal(
      await countRows(spec, "SELECT count(*) AS n FROM jobs WHERE status NOT IN ('done', 'queued')"),
      0,
      'no job left claimed',
    );
    const rescue = await runCli(['worker', '--drain', '--name', 'rescue', '--db', spec]);
    assert.equal(rescue.code, 0, rescue.stderr);
    assert.match(rescue.stderr, new RegExp(`${40 - doneBefore} added, 0 already stored`));
    assert.equal(await countRows(spec, "SELECT count(*) AS n FROM jobs WHERE status = 'done'"), 40);
    await assertIntact(spec, 40);
  });
});
