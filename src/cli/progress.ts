/**
 * Progress on long runs: a self-updating line on a terminal, plain lines every so often otherwise
 * (so CI logs stay readable), and silence for short runs.
 */

/** Do not show progress for runs that finish before this. */
const QUIET_MS = 1500;
/** Redraw interval on a terminal / line interval elsewhere. */
const TTY_EVERY_MS = 200;
const LOG_EVERY_MS = 10_000;

export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;

  constructor(
    private readonly verb: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(done: number, failed: number): void {
    const now = Date.now();
    const every = this.stream.isTTY ? TTY_EVERY_MS : LOG_EVERY_MS;
    // A terminal shows progress once a run lasts; a log only once a run lasts long enough to need it.
    if (now - this.started < (this.stream.isTTY ? QUIET_MS : LOG_EVERY_MS)) return;
    if (now - this.last < every) return;
    this.last = now;
    const line = this.line(done, failed);
    if (this.stream.isTTY) this.stream.write(`\r\x1b[K${line}`);
    else this.stream.write(line + '\n');
    this.shown = true;
  }

  /** Clear the progress line so an error message starts on a clean line. */
  clear(): void {
    if (this.shown && this.stream.isTTY) this.stream.write('\r\x1b[K');
  }

  done(done: number, failed: number): void {
    if (!this.shown) return;
    this.clear();
    this.stream.write(this.line(done, failed) + '\n');
  }

  private line(done: number, failed: number): string {
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? (done / secs).toFixed(1) : '-';
    return `sitrep: ${this.verb} ${done}${failed ? `, ${failed} failed` : ''} (${rate}/s)`;
  }
}
