/**
 * The analysis as the corpus stores it: the article's analysis without its text (a column of its
 * own), as JSON, deflated. Written when an article is stored (store.ts), read back for the article
 * page and by the migrations that fill new tables in from what is stored.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Analysis } from '../model/analysis.ts';
import type { Db } from './db.ts';

/**
 * zlib level for the stored analysis. Level 1 deflates an article's analysis JSON (~15 KB) about
 * three times faster than the default 6 for ~13% more bytes (~500 per article, 2% of what an
 * article costs in the database); storing is on the critical path of every ingest, reading the
 * blob back is not (inflating costs the same at any level).
 */
const ANALYSIS_DEFLATE_LEVEL = 1;

/** The stored form of an analysis without its text. */
export function encodeAnalysis(rest: Omit<Analysis, 'text'>): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(rest)), { level: ANALYSIS_DEFLATE_LEVEL });
}

/** An analysis read back from its stored form (without its text). */
export function decodeAnalysis(blob: Uint8Array): Analysis {
  return JSON.parse(inflateRawSync(blob).toString('utf8')) as Analysis;
}

/** Articles read at a time by `storedAnalyses`. */
const BATCH = 200;

/**
 * Every stored article's analysis (without its text), a batch of articles at a time in the order
 * of their ids: what a migration reads to fill a new table in.
 */
export async function* storedAnalyses(db: Db): AsyncGenerator<Array<{ id: number; analysis: Analysis }>> {
  for (let last = 0; ;) {
    const arts = await db.all<{ id: number; analysis: Uint8Array }>(
      'SELECT id, analysis FROM articles WHERE id > ? ORDER BY id LIMIT ?',
      [last, BATCH],
    );
    if (!arts.length) return;
    last = Number(arts[arts.length - 1]!.id);
    yield arts.map((r) => ({ id: Number(r.id), analysis: decodeAnalysis(r.analysis) }));
  }
}
