/**
 * Storing on PostgreSQL while another transaction stores: entity keys are looked up before the
 * store lock and completed under it, so an article that waited for the lock still merges with
 * the entities the lock's holder created (and never makes a namesake of them); a worker that
 * finds the lock taken analyses its next job meanwhile, one job ahead at most, and only one of
 * its jobs at a time waits in the server's queue for the lock.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../src/pipeline.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import type { Db } from '../src/corpus/db.ts';
import { runWorker } from '../src/corpus/ingest.ts';
import { STORE_LOCK } from '../src/corpus/store.ts';
import { postgresBackend } from './helpers/corpus-backends.ts';
import { waitFor } from './helpers/cli-run.ts';

const pipeline = new Pipeline();

const FIRST = `Harbour board names new chair

Ingrid Solvang was named chair of the Tromsø harbour board on Monday, replacing a chair who retired after nine years.

"The harbour must earn its keep," Solvang told the board's first meeting under her lead.`;

const SECOND = `Tromsø harbour fees to rise in spring

The Tromsø harbour board voted on Thursday to raise berthing fees by six percent from April.

Ingrid Solvang, the board's chair, said the money would pay for dredging the northern basin.`;

/**
 * A transaction of `corpus` that runs `work` and then stays open (holding whatever locks it took)
 * until `release()`: `held` settles once `work` is done, `ended` when the transaction commits.
 */
function holdOpen(corpus: Corpus, work: (tx: Db) => Promise<unknown>) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let markHeld!: () => void;
  const held = new Promise<void>((r) => (markHeld = r));
  const ended = corpus.db.transaction(async (tx) => {
    await work(tx);
    markHeld();
    await gate;
  });
  return { held, ended, release };
}

const pgb = postgresBackend();
describe('concurrent storing on postgres', { skip: pgb.skip }, () => {
  after(() => pgb.cleanup());

  test(
    'an article that waited for the store lock merges with the entities its holder created',
    { timeout: 120_000 },
    async () => {
      const spec = await pgb.fresh();
      const holder = await Corpus.open(spec);
      const waiter = await Corpus.open(spec);
      const watcher = await Corpus.open(spec);
      const a = pipeline.analyze({ id: 'first', source: { published: '2026-03-02' }, text: FIRST });
      const b = pipeline.analyze({ id: 'second', source: { published: '2026-03-05' }, text: SECOND });
      // The holder stores its article and keeps its transaction (and the store lock) open.
      const first = holdOpen(holder, (tx) => holder.add(a, 'first', tx));
      try {
        await first.held;
        // The waiter looks its keys up now (the holder's are not committed yet) and then waits for the lock.
        const second = waiter.add(b, 'second');
        await waitFor(
          async () =>
            Number(
              (await watcher.db.get<{ n: number }>(
                "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
              ))!.n,
            ) > 0,
          30_000,
          'the second article waiting for the store lock',
        );
        first.release();
        await first.ended;
        await second;
        const people = await watcher.db.all<{ id: string }>(
          "SELECT id FROM entities WHERE type = 'PERSON' ORDER BY id",
        );
        assert.deepEqual(
          people.map((p) => p.id),
          ['person-ingrid-solvang'],
          'one person, not a namesake made by the article that waited',
        );
        const mentions = await watcher.db.get<{ n: number }>(
          "SELECT count(DISTINCT article_id) AS n FROM entity_mentions WHERE entity_id = 'person-ingrid-solvang'",
        );
        assert.equal(Number(mentions!.n), 2);
      } finally {
        first.release();
        await Promise.all([holder.close(), waiter.close(), watcher.close()]);
      }
    },
  );

  test(
    'a worker that finds the store lock taken analyses its next job meanwhile, and only one, which waits its turn in the worker',
    { timeout: 120_000 },
    async () => {
      const spec = await pgb.fresh();
      const corpus = await Corpus.open(spec);
      const other = await Corpus.open(spec);
      let holder: ReturnType<typeof holdOpen> | undefined;
      try {
        const texts = [FIRST, SECOND, FIRST.replace('Monday', 'Tuesday'), SECOND.replace('Thursday', 'Friday')];
        for (const [i, text] of texts.entries()) {
          await corpus.db.run('INSERT INTO jobs (input, status, created_at) VALUES (?, ?, ?)', [
            JSON.stringify({ id: `job-${i}`, source: { published: '2026-03-02' }, text }),
            'queued',
            new Date().toISOString(),
          ]);
        }
        // Another storer holds the store lock until released.
        holder = holdOpen(other, (tx) => tx.get('SELECT pg_advisory_xact_lock(?) AS locked', [STORE_LOCK]));
        await holder.held;
        let analysed = 0;
        const counting = new Pipeline();
        const analyze = counting.analyze.bind(counting);
        counting.analyze = (raw) => (analysed++, analyze(raw));
        const worker = runWorker(corpus, { drain: true, name: 'w' }, undefined, counting);
        await waitFor(async () => analysed >= 2, 30_000, 'a second job analysed while the lock is taken');
        // For half a second, how many of the worker's jobs wait in the server's queue for the lock:
        // one; the job analysed ahead waits its turn in the worker.
        let queued = 0;
        for (const until = Date.now() + 500; Date.now() < until; await new Promise((r) => setTimeout(r, 10))) {
          const n = await other.db.get<{ n: number }>(
            "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
          );
          queued = Math.max(queued, Number(n!.n));
        }
        assert.equal(queued, 1, "one of the worker's jobs in the server's queue for the lock");
        assert.equal(analysed, 2, 'one job ahead at most');
        assert.equal(
          Number((await other.db.get<{ n: number }>('SELECT count(*) AS n FROM articles'))!.n),
          0,
          'nothing stored while the lock is taken',
        );
        holder.release();
        await holder.ended;
        const tally = await worker;
        assert.equal(tally.added, 4);
        assert.equal(
          Number((await other.db.get<{ n: number }>("SELECT count(*) AS n FROM jobs WHERE status = 'done'"))!.n),
          4,
        );
      } finally {
        holder?.release();
        await Promise.all([corpus.close(), other.close()]);
      }
    },
  );
});
