/**
 * Ingestion into the corpus: analyse each input and store it, one transaction per article.
 *
 * Direct mode analyses and stores in this process. Queue mode (`--queue`) only records the inputs
 * as jobs; `sitrep worker` processes on any number of machines claim them. A job is claimed,
 * stored and marked done in ONE transaction, so a worker killed mid-job leaves the job unclaimed
 * (its transaction rolls back) and another worker picks it up: nothing is lost or doubled. On
 * PostgreSQL the job is analysed inside that transaction too (its row locked, others skip it); on
 * SQLite, which has one writer at a time, it is analysed before (worker-sqlite.ts).
 */
import type { RawArticle } from '../ingest/types.ts';
import type { Analysis } from '../model/analysis.ts';
import type { InputResult } from '../ingest/inputs.ts';
import { userMessage } from '../ingest/inputs.ts';
import { Pipeline } from '../pipeline.ts';
import type { Corpus, AddStatus } from './corpus.ts';
import { DbError } from './db.ts';
import { prepareArticle, type LockTurn } from './store.ts';
import { runSqliteWorker } from './worker-sqlite.ts';
import { Backoff, seconds, sleep } from './retry.ts';

export interface IngestTally {
  added: number;
  duplicate: number;
  revision: number;
  failed: number;
  queued: number;
}

export type IngestEvent =
  | { kind: 'stored'; id: string; status: AddStatus; article: number; story: number }
  | { kind: 'failed'; id: string; error: string }
  | { kind: 'queued'; id: string }
  /** A worker waits for a busy database or a lost server, and will try again: a line for the user. */
  | { kind: 'waiting'; message: string };

export function emptyTally(): IngestTally {
  return { added: 0, duplicate: 0, revision: 0, failed: 0, queued: 0 };
}

export type OnEvent = (e: IngestEvent, tally: IngestTally) => void;

/**
 * Articles stored per transaction by direct ingest, and the longest an analysed article waits.
 * A commit rewrites every index page the batch touched (LSH buckets and entity keys land all over
 * their indexes), so bigger batches share that cost: on SQLite 100 articles per commit store ~0.25 ms
 * per article faster than 25, and 250 another ~0.1 ms faster than 100. A crash loses at most the
 * batch's analysis (a few seconds of work, redone by running the command again), never stored data.
 */
const STORE_BATCH = 250;
const STORE_BATCH_MS = 3000;

/** Count, record and report one input that could not be read or analysed. */
async function failed(corpus: Corpus, tally: IngestTally, onEvent: OnEvent, id: string, error: string): Promise<void> {
  tally.failed++;
  await corpus.recordFailure(id, error);
  onEvent({ kind: 'failed', id, error }, tally);
}

/** Analyse and store every input; per-input failures are recorded and reported, never fatal. */
export async function ingestDirect(
  corpus: Corpus,
  inputs: AsyncIterable<InputResult>,
  onEvent: OnEvent = () => undefined,
  pipeline = new Pipeline(),
  batchSize = STORE_BATCH,
): Promise<IngestTally> {
  const tally = emptyTally();
  let batch: Array<{ id: string; key: string; analysis: Analysis }> = [];
  let batchStarted = Date.now();
  let committed: string | undefined; // the last input of the last batch committed, for messages
  // Analysed articles are stored a few at a time, each batch in one transaction: every article is
  // stored whole or not at all, and a commit (the costly part of storing) serves several articles.
  // A database error (locked, full, unreachable) stops the run; nothing of that batch is stored,
  // and running the command again stores it.
  const flush = async () => {
    if (!batch.length) return;
    const done = batch;
    batch = [];
    let results;
    try {
      results = await corpus.db.transaction(async (tx) => {
        const out = [];
        for (const b of done) out.push(await corpus.add(b.analysis, b.key, tx));
        return out;
      });
    } catch (err) {
      if (err instanceof DbError && err.reason === 'full')
        throw new DbError(diskFullMessage(corpus, done, tally, committed), 'full');
      throw err;
    }
    results.forEach((r, i) => {
      tally[r.status]++;
      onEvent({ kind: 'stored', id: done[i].id, status: r.status, article: r.articleId, story: r.storyId }, tally);
    });
    committed = done[done.length - 1].id;
  };
  for await (const input of inputs) {
    if (!input.ok) {
      await failed(corpus, tally, onEvent, input.id, input.error);
      continue;
    }
    let analysis;
    try {
      analysis = pipeline.analyze(input.article);
    } catch (err) {
      await failed(corpus, tally, onEvent, input.article.id, `analysis failed: ${userMessage(err)}`);
      continue;
    }
    if (!batch.length) batchStarted = Date.now();
    batch.push({ id: input.article.id, key: input.article.source.url ?? input.article.id, analysis });
    if (batch.length >= batchSize || Date.now() - batchStarted >= STORE_BATCH_MS) await flush();
  }
  await flush();
  return tally;
}

/**
 * What a full disk did to a batch ingest: the whole batch being stored was rolled back (none of it
 * stored), while the batches committed before it are kept, so a rerun after freeing space stores
 * the rest and skips what is there.
 */
function diskFullMessage(
  corpus: Corpus,
  batch: Array<{ id: string }>,
  tally: IngestTally,
  committed: string | undefined,
): string {
  const n = batch.length;
  const kept = tally.added + tally.duplicate + tally.revision;
  const first = batch[0].id;
  return (
    `${corpus.db.where}: disk full while storing a batch of ${n} article${n === 1 ? '' : 's'} ` +
    `(${n === 1 ? first : `${first} to ${batch[n - 1].id}`}): the whole batch was rolled back, none of it stored; ` +
    (kept === 1
      ? `the article committed before it (${committed}) is kept`
      : kept
        ? `the ${kept} articles committed before it (up to ${committed}) are kept`
        : 'nothing had been committed before it') +
    '; free some space and run the command again to store the rest'
  );
}

/** Record inputs as jobs for workers; failures to read an input are recorded at once. */
export async function enqueue(
  corpus: Corpus,
  inputs: AsyncIterable<InputResult>,
  onEvent: OnEvent = () => undefined,
): Promise<IngestTally> {
  const tally = emptyTally();
  for await (const input of inputs) {
    if (!input.ok) {
      await failed(corpus, tally, onEvent, input.id, input.error);
      continue;
    }
    await corpus.db.run('INSERT INTO jobs (input, status, created_at) VALUES (?, ?, ?)', [
      JSON.stringify(input.article),
      'queued',
      new Date().toISOString(),
    ]);
    tally.queued++;
    onEvent({ kind: 'queued', id: input.article.id }, tally);
  }
  return tally;
}

/** Attempts at a job that conflicts with another worker's before the worker gives up. */
const MAX_JOB_RETRIES = 5;

/**
 * A PostgreSQL worker (without --drain) that loses its server waits this long before reconnecting,
 * doubling each failed attempt up to the ceiling: a restart is ridden out without hammering it.
 */
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 30_000;

export interface WorkerOptions {
  /** Stop when the queue is empty instead of waiting for more jobs. */
  drain?: boolean;
  /** How long to wait before looking again when the queue is empty. */
  idleMs?: number;
  name?: string;
  signal?: AbortSignal;
}

/** One job, claimed, analysed and stored in its own transaction. */
interface JobRun {
  /** Settles once the job is claimed and analysed (or the queue was empty, or it failed). */
  ready: Promise<void>;
  /** Whether there was a job; settles when its transaction has committed (or rejects). */
  done: Promise<boolean>;
}

/**
 * Claim and process jobs until the queue is empty (drain) or the signal aborts.
 *
 * Workers take turns at the store lock (see store.ts). A worker that finds it taken does not
 * idle: it claims and analyses its next job first, in a second transaction, and stores that one
 * when the current one is done. Its jobs ask for the lock in turn (LockTurn), so the next job
 * asks only once the current one is stored; if the lock is taken again by then, the worker
 * analyses the job after it meanwhile. So at most two jobs of a worker are open at once, one
 * waits for the lock at a time, and a lone worker, which never finds the lock taken, works one
 * job at a time.
 */
export async function runWorker(
  corpus: Corpus,
  options: WorkerOptions = {},
  onEvent: OnEvent = () => undefined,
  pipeline = new Pipeline(),
): Promise<IngestTally> {
  const tally = emptyTally();
  if (corpus.db.dialect === 'sqlite') return runSqliteWorker(corpus, options, onEvent, pipeline, tally);
  // The next queued job, claimed and marked done in one statement. A storage error rolls the
  // whole job back, the mark included, so it stays queued for the next attempt.
  const skipLocked = corpus.db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  const claim = `UPDATE jobs SET status = 'done', worker = ?, locked_at = ? WHERE id =
    (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1${skipLocked})
    RETURNING id, input`;
  const name = options.name ?? `pid-${process.pid}`;
  const started: JobRun[] = []; // jobs started ahead while another waited for the lock, oldest first
  let open = 0; // jobs started and not yet finished
  let lastInLine: Promise<void> = Promise.resolve(); // the end of the latest job to ask for the lock
  const whileLockBusy = async () => {
    if (open > 1 || options.signal?.aborted) return;
    const run = startJob();
    started.push(run);
    await run.ready;
  };
  const startJob = (): JobRun => {
    open++;
    let markReady!: () => void;
    const ready = new Promise<void>((r) => (markReady = r));
    let markOver!: () => void;
    const over = new Promise<void>((r) => (markOver = r));
    const turn: LockTurn = {
      wait: () => {
        const before = lastInLine;
        lastInLine = over;
        return before;
      },
      whileBusy: whileLockBusy,
    };
    const done = corpus.db
      .transaction(async (tx) => {
        const job = await tx.get<{ id: number; input: string }>(claim, [name, new Date().toISOString()]);
        if (!job) return false;
        const raw = JSON.parse(job.input) as RawArticle;
        let analysis;
        try {
          analysis = pipeline.analyze(raw);
        } catch (err) {
          const error = `analysis failed: ${userMessage(err)}`;
          await tx.run("UPDATE jobs SET status = 'failed', error = ?, worker = ? WHERE id = ?", [error, name, job.id]);
          await corpus.recordFailure(raw.id, error, tx);
          tally.failed++;
          onEvent({ kind: 'failed', id: raw.id, error }, tally);
          return true;
        }
        // Everything this process computes for the job is done before it is ready: the job that
        // waits for this one then takes the lock, and work here would hold up its turn.
        const prepared = prepareArticle(analysis, raw.source.url ?? raw.id);
        markReady();
        const r = await corpus.store(prepared, tx, turn);
        tally[r.status]++;
        onEvent({ kind: 'stored', id: raw.id, status: r.status, article: r.articleId, story: r.storyId }, tally);
        return true;
      })
      .finally(() => {
        open--;
        markReady();
        markOver();
      });
    done.catch(() => undefined); // its error is handled where the loop awaits it
    return { ready, done };
  };
  let retries = 0;
  const reconnect = new Backoff(RECONNECT_FIRST_MS, RECONNECT_MAX_MS);
  for (let next = started.shift(); next || !options.signal?.aborted; next = started.shift()) {
    const run = next ?? startJob();
    let worked: boolean;
    try {
      worked = await run.done;
      retries = 0;
      reconnect.reset();
    } catch (err) {
      // A worker that waits for jobs rides out a server restart: its job rolled back and stays
      // queued; it tries again, waiting longer each time, until the server answers.
      if (err instanceof DbError && err.reason === 'unreachable' && !options.drain && !options.signal?.aborted) {
        const ms = reconnect.delay();
        onEvent({ kind: 'waiting', message: `${err.message}; reconnecting in ${seconds(ms)}` }, tally);
        await sleep(ms, options.signal);
        continue;
      }
      // Unreachable (--drain), locked or full databases stop the worker with their message; a
      // conflict with another worker is retried a few times.
      if (err instanceof DbError || ++retries > MAX_JOB_RETRIES) {
        // their transactions end before the worker stops
        await Promise.all(started.map((r) => r.done.catch(() => undefined)));
        throw err;
      }
      await new Promise((r) => setTimeout(r, 100 * retries));
      continue;
    }
    if (!worked) {
      if (options.drain) break;
      await sleep(options.idleMs ?? 1000, options.signal);
    }
  }
  return tally;
}
