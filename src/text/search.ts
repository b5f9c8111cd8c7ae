/**
 * Binary searches over sorted arrays: the one home of the look-ups by position that the stages
 * use instead of walking every span or mention (which made long texts quadratic).
 */

/**
 * First index of `items` (sorted by start) whose start is at least `offset`; equally, how many
 * items start before `offset`.
 */
export function firstStartAtOrAfter(items: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of `sorted` (ascending) are below `value`. */
export function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
