/**
 * Waiting between attempts when the database is busy or gone: delays that double from a first
 * one up to a ceiling, and sleeps that a stop signal cuts short.
 */

/** Delays that double from `first` to at most `max` milliseconds; `reset()` after a success. */
export class Backoff {
  private next: number;
  /** Milliseconds waited since the last success (to give up after a while where a caller must). */
  waited = 0;

  constructor(
    private readonly first: number,
    private readonly max: number,
  ) {
    this.next = first;
  }

  /** The delay to wait now; the one after it is twice as long, up to the ceiling. */
  delay(): number {
    const d = this.next;
    this.next = Math.min(this.max, this.next * 2);
    this.waited += d;
    return d;
  }

  reset(): void {
    this.next = this.first;
    this.waited = 0;
  }
}

/** Wait `ms`, or less when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((done) => {
    const end = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', end);
      done();
    };
    const timer = setTimeout(end, ms);
    signal?.addEventListener('abort', end, { once: true });
  });
}

/** Seconds for a message: `0.5 s`, `30 s`. */
export const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
