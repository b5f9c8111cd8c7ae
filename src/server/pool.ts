/**
 * The server's analysis pool: a few worker threads, each with its own pipeline, so that analysing
 * an article (which can take seconds for a long text or a deeply nested page) never blocks the
 * thread that answers reads. Each job has a time limit; when every thread is busy and the queue is
 * full, a job is refused at once (503) rather than left waiting.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Analysis } from '../model/analysis.ts';
import { HttpError } from './http.ts';
import type { AnalysisJob } from './article.ts';
import type { ThreadReply } from './analysis-thread.ts';

export interface PoolOptions {
  /** Threads (default: one per core beyond the first, at least one, at most DEFAULT_MAX_THREADS). */
  size?: number;
  /** Longest one analysis may run, in milliseconds (default DEFAULT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Jobs that may wait for a free thread before new ones are refused (default DEFAULT_MAX_QUEUE). */
  maxQueue?: number;
}

/** A thread costs its own copy of the models (~150 MB): two keep a small server responsive. */
const DEFAULT_MAX_THREADS = 2;
/** An article of the 30 MB input limit is split by the CLI; through the API, a minute is plenty. */
export const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_QUEUE = 16;

interface Pending {
  id: number;
  job: AnalysisJob;
  resolve: (r: { analysis: Analysis; rawId: string }) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Pending;
  timer?: NodeJS.Timeout;
}

/**
 * The thread's entry: the compiled analysis-thread.js beside this file in a build (dist/); from the
 * TypeScript sources, analysis-thread.mjs, which registers tsx in the thread first.
 */
const THREAD_ENTRY = new URL(
  import.meta.url.endsWith('.ts') ? './analysis-thread.mjs' : './analysis-thread.js',
  import.meta.url,
);

export class AnalysisPool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxQueue: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? Math.min(DEFAULT_MAX_THREADS, availableParallelism() - 1));
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxQueue = opts.maxQueue ?? DEFAULT_MAX_QUEUE;
  }

  /** Analyse one job in a thread; rejects with an HttpError (422, 503) or the thread's failure. */
  analyse(job: AnalysisJob): Promise<{ analysis: Analysis; rawId: string }> {
    if (this.closed) return Promise.reject(new HttpError(503, 'the server is shutting down'));
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(new HttpError(503, 'the server is busy analysing other articles; retry in a moment'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new HttpError(503, 'the server is shutting down'));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, 'the server is shutting down')));
  }

  /** Give waiting jobs to idle ready threads; start threads up to the pool's size while jobs wait. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.find((s) => s.ready && !s.current);
      if (!idle) {
        if (this.slots.length < this.size) this.slots.push(this.spawn());
        return;
      }
      const p = this.queue.shift()!;
      idle.current = p;
      idle.timer = setTimeout(() => this.timeOut(idle), this.timeoutMs);
      idle.worker.postMessage({ id: p.id, job: p.job });
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(THREAD_ENTRY), ready: false };
    slot.worker.on('message', (msg: ThreadReply | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const p = slot.current;
      if (!p || p.id !== msg.id) return;
      this.finish(slot);
      if (msg.ok) p.resolve({ analysis: msg.analysis as Analysis, rawId: msg.rawId });
      else p.reject(new HttpError(msg.status, msg.message));
      this.dispatch();
    });
    slot.worker.on('error', (err) => this.lose(slot, `analysis failed: ${err.message}`));
    slot.worker.on('exit', () => this.lose(slot, 'the analysis thread stopped'));
    return slot;
  }

  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.current = undefined;
  }

  /** A job ran past the limit: its thread is stopped (its state is lost with it) and replaced. */
  private timeOut(slot: Slot): void {
    const limit = this.timeoutMs >= 1000 ? `${Math.round(this.timeoutMs / 1000)} s` : `${this.timeoutMs} ms`;
    const p = slot.current;
    this.finish(slot);
    p?.reject(new HttpError(503, `analysis took longer than ${limit}; send a shorter article`));
    this.remove(slot);
    void slot.worker.terminate();
    this.dispatch();
  }

  /** A thread died (an error or an exit): its job fails, and a new thread takes its place on demand. */
  private lose(slot: Slot, message: string): void {
    if (!this.slots.includes(slot)) return;
    const p = slot.current;
    this.finish(slot);
    this.remove(slot);
    p?.reject(new Error(message));
    if (!this.closed) this.dispatch();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private async stop(slot: Slot, message: string): Promise<void> {
    const p = slot.current;
    this.finish(slot);
    p?.reject(new HttpError(503, message));
    await slot.worker.terminate();
  }
}
