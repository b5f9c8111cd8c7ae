/**
 * Queue workers on SQLite. SQLite has one writer at a time, and a worker that held the write lock
 * while it analysed a job (as a PostgreSQL worker holds its job's row lock) would keep every other
 * worker waiting, past its busy timeout, until it died with "database is locked". So here a job
 * is analysed outside any transaction, and the write lock is taken only to claim and store it:
 *   1. read a few of the oldest queued jobs and pick one at random (two workers seldom pick the
 *      same one), and analyse it with no lock held;
 *   2. in one short transaction, claim it only if it is still queued, store it and mark it done.
 * A job another worker finished meanwhile is skipped (its analysis wasted, nothing stored twice);
 * a worker killed at any point leaves its job queued, as before. When the lock stays taken past
 * the busy timeout (another ingest's batch), the worker waits and tries again.
 */
import type { RawArticle } from '../ingest/types.ts';
import type { Analysis } from '../model/analysis.ts';
import { userMessage } from '../ingest/inputs.ts';
import type { Pipeline } from '../pipeline.ts';
import type { AddResult, Corpus } from './corpus.ts';
import { DbError } from './db.ts';
import type { IngestTally, OnEvent, WorkerOptions } from './ingest.ts';
import { prepareArticle } from './store.ts';
import { Backoff, seconds, sleep } from './retry.ts';

/** Queued jobs a worker picks among at random, so that workers starting together take different ones. */
const PICK_AMONG = 16;

/** First wait after the busy timeout ran out, doubled on each failure up to the ceiling. */
const BUSY_RETRY_FIRST_MS = 200;
const BUSY_RETRY_MAX_MS = 5000;

/**
 * How long a `--drain` worker keeps retrying a lock that stays taken before it gives up with the
 * "locked" message (a worker without `--drain` waits as long as it runs).
 */
const DRAIN_PATIENCE_MS = 120_000;

/** What a claimed job came to, reported once its transaction has committed. */
type Outcome = { kind: 'stored'; id: string; result: AddResult } | { kind: 'failed'; id: string; error: string };

/**
 * Run `fn` again while the database is locked by another process, waiting longer each time; a
 * `--drain` worker gives up after DRAIN_PATIENCE_MS.
 */
async function whenFree<T>(fn: () => Promise<T>, options: WorkerOptions, onEvent: OnEvent, tally: IngestTally) {
  const backoff = new Backoff(BUSY_RETRY_FIRST_MS, BUSY_RETRY_MAX_MS);
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      const busy = err instanceof DbError && err.reason === 'busy';
      if (!busy || options.signal?.aborted || (options.drain && backoff.waited >= DRAIN_PATIENCE_MS)) throw err;
      const ms = backoff.delay();
      onEvent(
        { kind: 'waiting', message: `the database is busy (${err.message}); trying again in ${seconds(ms)}` },
        tally,
      );
      await sleep(ms, options.signal);
    }
  }
}

/** Claim and process jobs until the queue is empty (drain) or the signal aborts. */
export async function runSqliteWorker(
  corpus: Corpus,
  options: WorkerOptions,
  onEvent: OnEvent,
  pipeline: Pipeline,
  tally: IngestTally,
): Promise<IngestTally> {
  const name = options.name ?? `pid-${process.pid}`;
  const db = corpus.db;
  const retrying = <T>(fn: () => Promise<T>) => whenFree(fn, options, onEvent, tally);
  while (!options.signal?.aborted) {
    const queued = await retrying(() =>
      db.all<{ id: number }>("SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT ?", [PICK_AMONG]),
    );
    if (!queued.length) {
      if (options.drain) break;
      await sleep(options.idleMs ?? 1000, options.signal);
      continue;
    }
    const id = Number(queued[Math.floor(Math.random() * queued.length)].id);
    const job = await retrying(() =>
      db.get<{ input: string }>("SELECT input FROM jobs WHERE id = ? AND status = 'queued'", [id]),
    );
    if (!job) continue; // taken by another worker since
    const raw = JSON.parse(job.input) as RawArticle;
    let analysis: Analysis | undefined;
    let error: string | undefined;
    try {
      analysis = pipeline.analyze(raw);
    } catch (err) {
      error = `analysis failed: ${userMessage(err)}`;
    }
    const prepared = analysis && prepareArticle(analysis, raw.source.url ?? raw.id);
    const outcome = await retrying(() =>
      db.transaction(async (tx): Promise<Outcome | undefined> => {
        const claimed = await tx.get(
          "UPDATE jobs SET status = ?, worker = ?, locked_at = ?, error = ? WHERE id = ? AND status = 'queued' " +
            'RETURNING id',
          [error ? 'failed' : 'done', name, new Date().toISOString(), error ?? null, id],
        );
        if (!claimed) return undefined; // another worker finished it while this one analysed it
        if (error || !prepared) {
          await corpus.recordFailure(raw.id, error!, tx);
          return { kind: 'failed', id: raw.id, error: error! };
        }
        return { kind: 'stored', id: raw.id, result: await corpus.store(prepared, tx) };
      }),
    );
    if (outcome?.kind === 'failed') {
      tally.failed++;
      onEvent(outcome, tally);
    } else if (outcome) {
      const r = outcome.result;
      tally[r.status]++;
      onEvent({ kind: 'stored', id: outcome.id, status: r.status, article: r.articleId, story: r.storyId }, tally);
    }
  }
  return tally;
}
