/**
 * Reading PolNeAR (Newell, Margolin & Ruths 2018): news articles with hand-annotated
 * attributions in brat standoff. `text/NAME.txt` is an article; `attributions/NAME_ANNOTATOR.ann`
 * holds `T` lines (spans: Source, Cue, Content, Attribution; discontinuous pieces joined by `;`)
 * and `E` lines tying one attribution's parts together. Where several annotators marked an
 * article, the first file by name is used. Used by training and evaluation only: the corpus is
 * read from `../shared/data`, never copied.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { firstStartAtOrAfter } from '../../text/search.ts';

/** A span of the article, possibly in pieces (`pieces` ordered, `start`/`end` their hull). */
export interface GoldSpan {
  start: number;
  end: number;
  pieces: Array<[number, number]>;
}

export interface GoldAttribution {
  source?: GoldSpan;
  cue?: GoldSpan;
  content?: GoldSpan;
}

export interface PolnearDoc {
  name: string;
  text: string;
  attributions: GoldAttribution[];
}

function parseSpan(offsets: string): GoldSpan | undefined {
  const pieces: Array<[number, number]> = [];
  for (const p of offsets.split(';')) {
    const [a, b] = p.trim().split(/\s+/).map(Number);
    if (Number.isFinite(a) && Number.isFinite(b) && b > a) pieces.push([a, b]);
  }
  if (!pieces.length) return undefined;
  pieces.sort((x, y) => x[0] - y[0]);
  return { start: pieces[0][0], end: pieces[pieces.length - 1][1], pieces };
}

/** Parses one `.ann` file into attributions. */
export function parseAnnotation(ann: string): GoldAttribution[] {
  const spans = new Map<string, { type: string; span: GoldSpan }>();
  const events: string[][] = [];
  for (const line of ann.split('\n')) {
    const cols = line.split('\t');
    if (cols[0].startsWith('T') && cols.length >= 2) {
      const sp = cols[1].indexOf(' ');
      const span = parseSpan(cols[1].slice(sp + 1));
      if (span) spans.set(cols[0], { type: cols[1].slice(0, sp), span });
    } else if (cols[0].startsWith('E') && cols.length >= 2) {
      events.push(cols[1].trim().split(/\s+/));
    }
  }
  const out: GoldAttribution[] = [];
  for (const args of events) {
    const a: GoldAttribution = {};
    for (const arg of args) {
      const [role, id] = arg.split(':');
      const t = spans.get(id);
      if (!t) continue;
      if (role === 'Source') a.source = t.span;
      else if (role === 'Cue') a.cue = t.span;
      else if (role === 'Content') a.content = t.span;
    }
    if (a.content || a.cue) out.push(a);
  }
  return out;
}

/** Reads the articles of one split folder (`train` or `dev`), sorted by name; `limit` caps the count. */
export function readPolnear(dir: string, limit = Infinity): PolnearDoc[] {
  const textDir = path.join(dir, 'text');
  const annDir = path.join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) throw new Error(`not a PolNeAR split folder: ${dir}`);
  const annByName = new Map<string, string>();
  for (const f of readdirSync(annDir).sort()) {
    const m = /^(.*)_[^_]+\.ann$/.exec(f);
    if (m && !annByName.has(m[1])) annByName.set(m[1], f);
  }
  const docs: PolnearDoc[] = [];
  for (const f of readdirSync(textDir).sort()) {
    if (docs.length >= limit) break;
    const name = f.replace(/\.txt$/, '');
    const annFile = annByName.get(name);
    if (!annFile) continue;
    docs.push({
      name,
      text: readFileSync(path.join(textDir, f), 'utf8'),
      attributions: parseAnnotation(readFileSync(path.join(annDir, annFile), 'utf8')),
    });
  }
  return docs;
}

/** A run of non-space characters and where it starts. */
interface Chunk {
  start: number;
  text: string;
}

function chunks(s: string): Chunk[] {
  const out: Chunk[] = [];
  for (const m of s.matchAll(/\S+/gu)) out.push({ start: m.index, text: m[0] });
  return out;
}

/** How far ahead a removed stretch of the original (a caption, a credit line) is looked past, in chunks. */
const ALIGN_LOOKAHEAD = 400;

/**
 * Maps offsets of an original text into the text cleaning made of it, which may have re-spaced
 * it and dropped lines (credits, captions): `start(o)` for a span's start, `end(o)` for its end.
 * Chunks of non-space characters are aligned in order; a chunk cleaning dropped maps to where
 * the next kept one starts.
 */
export function offsetMap(original: string, cleaned: string): { start(o: number): number; end(o: number): number } {
  const a = chunks(original);
  const b = chunks(cleaned);
  const mapped = new Int32Array(a.length).fill(-1);
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    if (a[i].text !== b[j].text) {
      let k = 1;
      while (k < ALIGN_LOOKAHEAD && i + k < a.length && a[i + k].text !== b[j].text) k++;
      if (i + k < a.length && k < ALIGN_LOOKAHEAD) {
        i += k;
      } // else: the chunk was changed in place; it maps to its counterpart all the same
    }
    mapped[i] = b[j].start;
    j++;
  }
  // the last chunk starting at or before o
  const chunkAt = (o: number) => firstStartAtOrAfter(a, o + 1) - 1;
  const start = (o: number): number => {
    let i = chunkAt(o);
    if (i >= 0 && o >= a[i].start + a[i].text.length) i++; // in the space after a chunk
    i = Math.max(i, 0);
    while (i < a.length && mapped[i] < 0) i++;
    if (i >= a.length) return cleaned.length;
    return mapped[i] + Math.max(0, Math.min(o - a[i].start, a[i].text.length));
  };
  const end = (o: number): number => (o <= 0 ? 0 : Math.min(cleaned.length, start(o - 1) + 1));
  return { start, end };
}
