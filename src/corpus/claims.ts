/**
 * Claims across the corpus: the same claim reported in several articles becomes one claim with all
 * its reports, the number of independent sources behind it, and the reports that dispute it.
 *
 * Read at query time from the `claims` rows the articles stored (each with its article's publisher,
 * day and story), in three steps, each a named heuristic below:
 *
 * 1. SAME CLAIM: two claims are one when their common content words overlap enough (Dice coefficient
 *    of word stems, at least SAME_CLAIM_DICE, and at least MIN_SHARED stems in common) and, where both
 *    name anyone, they name someone in common: the same claim in other words ("the ceasefire in
 *    Sweida was holding" / "the Sweida ceasefire is still holding"), not another one about the same
 *    place ("the governor of Sweida resigned"). Candidate pairs come from an index of stems.
 * 2. INDEPENDENT SOURCES: a report counts for the outlet that first published its story. Syndicated
 *    copies and a publisher's reprints are one story (minhash near-duplicates, `minhash.ts`), so
 *    they add a report, not a source; an anonymous source counts once per publisher.
 * 3. DISPUTES: a claim whose cue denies ("denied", "dismissed", "rejected": the refuting words of
 *    `data/lexicons/stance-cues.json`), or that denies in its own words as the stance model reads a
 *    claim ("reports of a ceasefire are a hoax", "the ceasefire was not holding": `claimDenies`),
 *    disputes the claim it matches, in the same article or another; it is no report of it. Denials
 *    that match no claim are claims of their own.
 */
import { dateRange, type Db, type Param } from './db.ts';
import { wordList, wordSet } from '../lexicon/load.ts';
import { claimDenies, readClaim } from '../extract/stance/cues.ts';

/** Dice coefficient of content-word stems at or above which two claims are one (step 1). */
const SAME_CLAIM_DICE = 0.5;
/** Stems two claims must share to be one: a single shared word is no claim. */
const MIN_SHARED = 2;
/** A stem in more than this share of all claims, and in more than COMMON_STEM_CLAIMS of them, is too common
 * to bring claims together ("said", "year"): claims meet through their rarer words (a speed measure). */
const COMMON_STEM_SHARE = 0.02;
const COMMON_STEM_CLAIMS = 100;
/** How many of its rarest stems bring a claim together with others (blocking, in `samePairs`). */
const BLOCKING_STEMS = 3;
/** The most claims one claim is compared with (its rarest stems' first); bounds the work on a large corpus. */
const MAX_CANDIDATES = 100;
/** Letters a word keeps as its stem: "holding" and "holds" meet, as do "ceasefire" and "ceasefires". */
const STEM_LETTERS = 5;

const STOP = wordSet('stop-words', 'words');
const REFUTING = new Set(wordList('stance-cues', 'refuting'));
/** Words one of which a claim that denies holds (a refuting cue's words, a negation): the others are not read
 * by the stance model (`mayDeny`), which most claims need not be (a speed measure: 4.6 s of 19 s on 124,000). */
const DENIAL_WORDS = new Set([
  ...[...REFUTING].flatMap((w) => w.split(' ')),
  ...wordList('stance-cues', 'claimNegations'),
  "n't",
]);

export interface ClaimFilters {
  /** Only claims with a report or dispute whose source is this entity (its id). */
  entity?: string;
  /** Only claims with a report or dispute in this article. */
  article?: number;
  disputed?: boolean;
  since?: string;
  until?: string;
  limit?: number;
}

export interface ClaimSource {
  kind: string;
  text: string | null;
  entity: string | null;
}

export interface ClaimReport {
  article: number;
  publisher: string | null;
  published: string | null;
  source: ClaimSource;
  text: string;
  start: number;
  end: number;
}

export interface CorpusClaim {
  id: string;
  text: string;
  reports: ClaimReport[];
  independentSources: number;
  disputes: ClaimReport[];
}

interface Row {
  id: number;
  article_id: number;
  entity_id: string | null;
  source_kind: string;
  source_text: string | null;
  cue: string | null;
  text: string;
  start_offset: number;
  end_offset: number;
  publisher: string | null;
  published: string | null;
  story_id: number;
  original_publisher: string | null;
}

/** What a claim says and whom it is about: the stems of its common content words, and of its names. */
export interface ClaimWords {
  content: Set<string>;
  names: Set<string>;
}

/** The words of a claim: a word written with a capital (not opening the claim) is a name. */
export function claimWords(text: string): ClaimWords {
  const out: ClaimWords = { content: new Set(), names: new Set() };
  let first = true;
  for (const w of text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []) {
    const lower = w.toLowerCase();
    const name = !first && /^\p{Lu}/u.test(w);
    first = false;
    if (STOP.has(lower) || lower.length < 2) continue;
    (name ? out.names : out.content).add(lower.slice(0, STEM_LETTERS));
  }
  return out;
}

/** Dice coefficient of two stem sets, and how many stems they share. */
function overlap(a: Set<string>, b: Set<string>): { dice: number; shared: number } {
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return { dice: a.size + b.size === 0 ? 0 : (2 * shared) / (a.size + b.size), shared };
}

/** SAME CLAIM: what they say overlaps enough, and they are about someone in common where both name anyone. */
function sameClaim(a: ClaimWords, b: ClaimWords): boolean {
  const o = overlap(a.content, b.content);
  if (o.shared < MIN_SHARED || o.dice < SAME_CLAIM_DICE) return false;
  return a.names.size === 0 || b.names.size === 0 || overlap(a.names, b.names).shared > 0;
}

/** Whether a claim's cue denies what it reports ("denied that …"). */
function denies(cue: string | null): boolean {
  return (
    !!cue &&
    cue
      .toLowerCase()
      .split(/\s+/)
      .some((w) => REFUTING.has(w))
  );
}

/** Claims read between two turns given to the server's other requests: merging a large corpus's claims takes
 * seconds, which must not stop the server answering the rest meanwhile. */
const YIELD_EVERY = 2000;

function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Whether a claim holds a word that could make it deny ("false", "not", "didn't"). */
function mayDeny(text: string): boolean {
  for (const w of text
    .toLowerCase()
    .replace(/’/g, "'")
    .match(/n't|[\p{L}]+/gu) ?? [])
    if (DENIAL_WORDS.has(w)) return true;
  return false;
}

/** Union-find over row indices. */
function unionFind(n: number) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  return { find, union: (a: number, b: number) => void (parent[find(a)] = find(b)) };
}

/** Pairs of rows whose stems are close enough to be one claim, from an index of stems. */
async function samePairs(words: ClaimWords[]): Promise<Array<[number, number]>> {
  const pairs: Array<[number, number]> = [];
  // Claims in the same words (a syndicated copy's, a stock phrase's) are one without comparing them.
  const bySignature = new Map<string, number>();
  const reps: number[] = [];
  words.forEach((w, i) => {
    const signature = `${[...w.content].sort().join(' ')}|${[...w.names].sort().join(' ')}`;
    const first = bySignature.get(signature);
    if (first === undefined) {
      bySignature.set(signature, i);
      reps.push(i);
    } else pairs.push([first, i]);
  });
  const index = new Map<string, number[]>();
  for (const i of reps) {
    for (const stem of words[i].content) {
      const list = index.get(stem);
      if (list) list.push(i);
      else index.set(stem, [i]);
    }
  }
  const tooCommon = Math.max(COMMON_STEM_CLAIMS, COMMON_STEM_SHARE * reps.length);
  const seen = new Set<number>();
  let done = 0;
  for (const i of reps) {
    if (++done % YIELD_EVERY === 0) await yieldToOthers();
    // BLOCKING: a claim meets the claims that share one of its rarest stems (two claims that are one
    // share half their stems, so one of the rarest few of either), at most MAX_CANDIDATES of them.
    const rarest = [...words[i].content]
      .map((stem) => index.get(stem)!)
      .filter((list) => list.length <= tooCommon)
      .sort((a, b) => a.length - b.length)
      .slice(0, BLOCKING_STEMS);
    seen.clear();
    for (const list of rarest) {
      for (const j of list) {
        if (j === i || seen.has(j)) continue;
        if (seen.size >= MAX_CANDIDATES) break;
        seen.add(j);
        // a pair may be met from both sides: joining twice changes nothing
        if (sameClaim(words[i], words[j])) pairs.push([Math.min(i, j), Math.max(i, j)]);
      }
    }
  }
  return pairs;
}

function report(r: Row): ClaimReport {
  return {
    article: Number(r.article_id),
    publisher: r.publisher,
    published: r.published,
    source: { kind: r.source_kind, text: r.source_text, entity: r.entity_id },
    text: r.text,
    start: Number(r.start_offset),
    end: Number(r.end_offset),
  };
}

/** Independent sources behind reports: the outlet that first published each one's story (step 2). */
function independentSources(rows: Row[]): number {
  const keys = new Set<string>();
  for (const r of rows) keys.add(r.original_publisher ?? r.publisher ?? `story ${r.story_id}`);
  return keys.size;
}

/** Every claim of the corpus (reports published within `since`–`until`), merged across articles, most
 * independent sources first: `filterClaims` picks those a query asks for. */
export async function groupClaims(db: Db, f: { since?: string; until?: string } = {}): Promise<CorpusClaim[]> {
  const where = ['a.is_current = 1'];
  const params: Param[] = [];
  dateRange(where, params, f);
  const rows = await db.all<Row>(
    `SELECT c.id, c.article_id, c.entity_id, c.source_kind, c.source_text, c.cue, c.text, c.start_offset,
            c.end_offset, a.publisher, a.published, a.story_id, o.publisher AS original_publisher
     FROM claims c JOIN articles a ON a.id = c.article_id
     LEFT JOIN stories s ON s.id = a.story_id LEFT JOIN articles o ON o.id = s.original_id
     WHERE ${where.join(' AND ')} ORDER BY a.published, c.article_id, c.start_offset`,
    params,
  );
  const words: ClaimWords[] = [];
  const denial: boolean[] = [];
  for (const r of rows) {
    if (words.length % YIELD_EVERY === 0) await yieldToOthers();
    words.push(claimWords(r.text));
    denial.push(denies(r.cue) || (mayDeny(r.text) && claimDenies(readClaim(r.text))));
  }
  const pairs = await samePairs(words);
  // reports join reports and denials join denials; a denial that matches a claim disputes it
  const uf = unionFind(rows.length);
  for (const [i, j] of pairs) if (denial[i] === denial[j]) uf.union(i, j);
  const groups = new Map<number, number[]>();
  rows.forEach((_, i) => {
    const root = uf.find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  const disputedBy = new Map<number, Set<number>>();
  const disputing = new Set<number>();
  for (const [i, j] of pairs) {
    if (denial[i] === denial[j]) continue;
    const [d, c] = denial[i] ? [uf.find(i), uf.find(j)] : [uf.find(j), uf.find(i)];
    if (!disputedBy.has(c)) disputedBy.set(c, new Set());
    disputedBy.get(c)!.add(d);
    disputing.add(d);
  }
  const out: CorpusClaim[] = [];
  for (const [root, members] of groups) {
    if (disputing.has(root)) continue; // reported as the dispute of the claim it denies
    const disputes = [...(disputedBy.get(root) ?? [])].flatMap((d) => groups.get(d)!);
    out.push({
      id: `c${Math.min(...members.map((i) => Number(rows[i].id)))}`,
      text: rows[members[0]].text,
      reports: members.map((i) => report(rows[i])),
      independentSources: independentSources(members.map((i) => rows[i])),
      disputes: disputes.map((i) => report(rows[i])),
    });
  }
  out.sort((a, b) => b.independentSources - a.independentSources || b.reports.length - a.reports.length);
  return out;
}

/** The claims a query asks for, from those `groupClaims` found (its order kept). */
export function filterClaims(all: CorpusClaim[], f: ClaimFilters): CorpusClaim[] {
  const touches = (c: CorpusClaim, test: (r: ClaimReport) => boolean) => c.reports.some(test) || c.disputes.some(test);
  const out = all.filter(
    (c) =>
      (!f.entity || touches(c, (r) => r.source.entity === f.entity)) &&
      (f.article === undefined || touches(c, (r) => r.article === f.article)) &&
      (!f.disputed || c.disputes.length > 0),
  );
  return out.slice(0, f.limit ?? 200);
}

/**
 * The corpus's claims merged, kept for as long as the claims stored and the dates asked for stay the
 * same: merging reads every claim (seconds on 100,000), a query then only filters.
 */
export class MergedClaims {
  private kept?: { key: string; claims: Promise<CorpusClaim[]>; ready: boolean };

  /** The claims `f` asks for; with `ifReady`, undefined at once while the merge is still running. */
  async get(db: Db, f: ClaimFilters, ifReady: boolean): Promise<CorpusClaim[] | undefined> {
    const state = await db.get<{ n: number; last: number | null }>('SELECT count(*) AS n, max(id) AS last FROM claims');
    const key = `${state?.n}:${state?.last}:${f.since ?? ''}:${f.until ?? ''}`;
    if (this.kept?.key !== key) {
      const kept = { key, claims: groupClaims(db, f), ready: false };
      this.kept = kept;
      kept.claims.then(
        () => (kept.ready = true),
        () => {
          if (this.kept === kept) this.kept = undefined; // a failure is not kept
        },
      );
    }
    if (ifReady && !this.kept.ready) return undefined;
    return filterClaims(await this.kept.claims, f);
  }
}
