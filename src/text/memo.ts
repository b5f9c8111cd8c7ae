/**
 * Bounded memos for string normalisers. Extraction asks for the same keys of the same few hundred
 * names again and again (Unicode normalisation and regex passes are the cost); the memo starts
 * afresh when full, so a long ingest never grows it without bound.
 */
export function memoize(fn: (s: string) => string, size: number): (s: string) => string {
  const memo = new Map<string, string>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined) {
      v = fn(s);
      if (memo.size >= size) memo.clear();
      memo.set(s, v);
    }
    return v;
  };
}
