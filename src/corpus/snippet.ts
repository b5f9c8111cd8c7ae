/**
 * The two ends of a search that are not SQL: the user's words made into a query each backend
 * parses without error, and the snippets of the hits.
 *
 * Search snippets are built here rather than by the database: a window of words around the matches,
 * each match in [brackets], cut ends marked with "…" — the same shape SQLite's FTS5 `snippet()`
 * gives. PostgreSQL's `ts_headline` re-parses each whole article and cost more than the search
 * itself, so the PostgreSQL backend hands the texts and its query's stems to this instead.
 */

/** Words in a snippet. */
export const SNIPPET_WORDS = 16;
/** Words shown before the first match, so the match reads in context. */
const LEAD_WORDS = 4;
/**
 * Stems are matched as word prefixes ("univers" finds "universities"). Snowball turns a final y
 * into i ("studi", "happili"), so a stem's final i or e is dropped before matching; stems shorter
 * than this must match a whole word, or "un" would light up every "under".
 */
const MIN_PREFIX = 3;

/** The lexemes of a PostgreSQL tsquery in its text form (`'univers' & 'amass':*`). */
export function tsqueryStems(tsquery: string): string[] {
  return [...tsquery.matchAll(/'((?:[^']|'')+)'/g)].map((m) => m[1].replace(/''/g, "'").toLowerCase());
}

/** The best window of `text` for the given stems (lower case), matches in [brackets]. */
export function snippet(text: string, stems: string[], size = SNIPPET_WORDS): string {
  const words = [...text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)];
  if (!words.length) return '';
  const prefixes = stems.map((s) => (s.length > MIN_PREFIX ? s.replace(/[ie]$/, '') : s));
  const matches = (w: string) => {
    const lw = w.toLowerCase();
    return prefixes.some((p, i) => (stems[i].length > MIN_PREFIX ? lw.startsWith(p) : lw === p));
  };
  const hit = words.map((w) => matches(w[0]));
  // The window with the most matches (earliest among equals), starting a few words before one.
  let bestStart = 0;
  let bestCount = -1;
  for (let i = 0; i < words.length; i++) {
    if (!hit[i]) continue;
    const start = Math.max(0, i - LEAD_WORDS);
    let n = 0;
    for (let j = start; j < Math.min(words.length, start + size); j++) if (hit[j]) n++;
    if (n > bestCount) [bestStart, bestCount] = [start, n];
  }
  const end = Math.min(words.length, bestStart + size);
  let out = bestStart > 0 ? '…' : '';
  let at = words[bestStart].index!;
  for (let i = bestStart; i < end; i++) {
    const w = words[i];
    out += text.slice(at, w.index!).replace(/\s+/g, ' ');
    out += hit[i] ? `[${w[0]}]` : w[0];
    at = w.index! + w[0].length;
  }
  // Keep closing punctuation of the last word; mark a cut.
  const tail = /^[^\s\p{L}\p{N}]*/u.exec(text.slice(at))![0];
  return out + tail + (end < words.length ? '…' : '');
}

/** The words of a query, each with whether it ends in `*` (a prefix); nothing else of user syntax. */
const queryTerms = (q: string): string[] => q.match(/[\p{L}\p{N}]+\*?/gu) ?? [];

/** Turn user words into an FTS5 query: each word a quoted term, `word*` a prefix (no syntax errors from user text). */
export function ftsQuery(q: string): string {
  const terms = queryTerms(q);
  return terms.length ? terms.map((t) => (t.endsWith('*') ? `"${t.slice(0, -1)}"*` : `"${t}"`)).join(' ') : '""';
}

/**
 * The PostgreSQL tsquery of user words (SQL with one placeholder, and its value): the web-search
 * syntax, or, when a word ends in `*`, every word required and the starred ones as prefixes
 * (`syri:*`); the words are letters and digits only, so no query is malformed.
 */
export function pgTsQuery(q: string): [string, string] {
  const terms = queryTerms(q);
  if (!terms.some((t) => t.endsWith('*'))) return ["websearch_to_tsquery('english', ?)", q];
  return ["to_tsquery('english', ?)", terms.map((t) => (t.endsWith('*') ? `${t.slice(0, -1)}:*` : t)).join(' & ')];
}
