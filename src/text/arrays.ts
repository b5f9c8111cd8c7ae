/**
 * Small array helpers for the extraction stages' hot paths.
 *
 * Why they exist: V8 inlines `Array.prototype.map`/`filter` and spread into optimised code with a
 * check on the receiver's elements kind. The stages often pass an empty literal `[]` (small-integer
 * elements) where the same call usually sees an array of objects, and that check fails: the
 * function is de-optimised and compiled again (tens of milliseconds of compiler time each, on the
 * same core). A plain loop reads no element of an empty array, so it has nothing to fail on.
 */

/** `xs.map(f).filter((y) => !!y)` in one loop: the truthy results of `f`, in order. */
export function mapTruthy<T, U>(xs: readonly T[], f: (x: T) => U | null | undefined | false | '' | 0): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) {
    const y = f(xs[i]);
    if (y) out.push(y);
  }
  return out;
}

/** `[...a, ...b]` as a loop (see the module comment). */
export function joined<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < a.length; i++) out.push(a[i]);
  for (let i = 0; i < b.length; i++) out.push(b[i]);
  return out;
}

/** Appends every element of `src` to `dst` (`dst.push(...src)` without the spread). */
export function pushAll<T>(dst: T[], src: readonly T[]): void {
  for (let i = 0; i < src.length; i++) dst.push(src[i]);
}
