/**
 * Spans by position, for the geo stage's overlap and window questions ("does an entity mention
 * cover this name?", "which place names lie within a few characters of this mention?"): a sorted
 * array read by binary search, so that each question costs the log of the article's mentions, not
 * their number (the stage asked every mention for every name: its time grew with the square of the
 * text). Spans may be added; those added are found by the next question.
 */
import { firstStartAtOrAfter } from '../../text/search.ts';

/** A span of the text. */
export interface Span {
  start: number;
  end: number;
}

/** Spans sorted by start (in the order given among equal starts), with the length of the longest. */
export class SpanSet<T extends Span = Span> {
  private readonly spans: T[] = [];
  /** The longest span's length: a span starting further back than this before `s` ends before `s`. */
  private longest = 0;

  constructor(spans: Iterable<T> = []) {
    for (const s of spans) this.spans.push(s);
    // stable: spans of equal start keep the order given
    this.spans.sort((a, b) => a.start - b.start);
    for (const s of this.spans) this.longest = Math.max(this.longest, s.end - s.start);
  }

  /** Adds a span (after the spans of the same start). */
  add(s: T): void {
    const at = firstStartAtOrAfter(this.spans, s.start + 1);
    this.spans.splice(at, 0, s);
    this.longest = Math.max(this.longest, s.end - s.start);
  }

  /** Whether a span overlaps `[start, end)` (`x.start < end && start < x.end`). */
  overlaps(start: number, end: number): boolean {
    for (let i = firstStartAtOrAfter(this.spans, end) - 1; i >= 0 && this.spans[i].start > start - this.longest; i--) {
      if (start < this.spans[i].end) return true;
    }
    return false;
  }

  /** The spans with `x.start <= to` and `x.end >= from`, in no set order. */
  near(from: number, to: number): T[] {
    const out: T[] = [];
    const last = firstStartAtOrAfter(this.spans, to + 1) - 1;
    for (let i = last; i >= 0 && this.spans[i].start >= from - this.longest; i--) {
      if (this.spans[i].end >= from) out.push(this.spans[i]);
    }
    return out;
  }
}
