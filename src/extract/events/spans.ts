/**
 * Position indexes the events stage builds once per document, so that each trigger, phrase and
 * pronoun reads only the spans near it (issue 16: time linear in the text) instead of every quote,
 * claim, time expression or mention of the article.
 */
import { countBelow, firstStartAtOrAfter } from '../../text/search.ts';

/** A span of the text. */
interface Spanned {
  start: number;
  end: number;
}

/**
 * A list of spans (quotes, claims, times) kept in its own order, answering "which span holds this one" in log time
 * when the list is sorted by start (the stages write them so), by a plain scan otherwise.
 */
export class SpanIndex<T extends Spanned> {
  /** Whether the list is sorted by start (the binary searches need it). */
  private readonly sorted: boolean;
  /** `reach[i]`: the largest end among the first i + 1 spans. */
  private readonly reach: number[] = [];

  constructor(readonly list: readonly T[]) {
    let sorted = true;
    let reach = -Infinity;
    for (let i = 0; i < list.length; i++) {
      if (i > 0 && list[i].start < list[i - 1].start) sorted = false;
      reach = Math.max(reach, list[i].end);
      this.reach.push(reach);
    }
    this.sorted = sorted;
  }

  /**
   * Index of the first span (in list order) with `span.start <= start` and `span.end >= end`, or -1: the spans
   * starting at or before `start` are a prefix of the sorted list, and the first of them to reach `end` is the
   * first place where the running largest end does.
   */
  firstHolding(start: number, end: number): number {
    if (!this.sorted) return this.list.findIndex((x) => x.start <= start && end <= x.end);
    const n = firstStartAtOrAfter(this.list, start + 1);
    // `reach` ascends: the first span reaching `end` among those starting at or before `start`
    const first = countBelow(this.reach, end);
    return first < n ? first : -1;
  }

  /** The spans lying inside `[start, end]`, in list order. */
  within(start: number, end: number): T[] {
    if (!this.sorted) return this.list.filter((x) => x.start >= start && x.end <= end);
    const out: T[] = [];
    for (let i = firstStartAtOrAfter(this.list, start); i < this.list.length && this.list[i].start <= end; i++)
      if (this.list[i].end <= end) out.push(this.list[i]);
    return out;
  }
}
