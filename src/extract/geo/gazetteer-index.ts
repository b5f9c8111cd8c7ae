/**
 * The gazetteer's index file (`data/gazetteer/gazetteer.idx`, written beside `gazetteer.tsv` by
 * `npm run build:gazetteer-index`): where each line of the file starts, a hash table from every
 * name key to the lines that carry it, and the lines with abbreviations or demonyms (which
 * `Gazetteer` reads at once). Loading the gazetteer is then two reads: no decoding of the 140k
 * lines, no map of 124k keys built at every start (together a quarter of a second, measured
 * 2026-12-08).
 *
 * Layout (little-endian 32-bit words after an 8-byte magic): the byte length of the tsv it
 * indexes, the counts of lines, table slots, postings words and abbreviated lines; then the line
 * starts (one more than the lines: where the next line would start), the table (per slot the
 * key's hash and 1 + where its postings begin, 0 for an empty slot; open addressing, probed one
 * slot on), the postings (per key its count of lines, then the lines, ascending), and the
 * abbreviated lines. Deterministic: the same tsv gives the same bytes.
 */
import fs from 'node:fs';
import { endianness } from 'node:os';

/** The first bytes of an index file (format and version). */
const MAGIC = 'SRGAZIX1';
/** Header words after the magic: tsv bytes, lines, slots, postings words, abbreviated lines. */
const HEADER_WORDS = 5;
/**
 * Lines whose start `readIndex` checks against the tsv, spread evenly: a check of every line
 * (140k) took 15 ms of every start.
 */
const CHECKED_LINES = 64;
/** Table slots per key at least (a power of two above it): probes stay short. */
const SLOTS_PER_KEY = 1.5;

/** The views of an index over its tsv. */
export interface GazetteerIndex {
  /** Byte where line i starts; `starts[lines]` is where a next line would (its end + 1). */
  starts: Uint32Array;
  /** Per slot: the hash of its key, then 1 + the key's offset in `postings` (0: empty). */
  table: Uint32Array;
  /** Per key: its count of lines, then those lines in file order. */
  postings: Uint32Array;
  /** Lines with abbreviations or demonyms (`isAbbreviated`), in file order. */
  abbreviated: Uint32Array;
}

/** 32-bit FNV-1a hash of a key's UTF-16 code units. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The tabs before the last three columns of a line: abbreviations, demonym keys, name keys. */
export function lastColumns(line: string): [number, number, number] {
  const t3 = line.lastIndexOf('\t');
  const t2 = line.lastIndexOf('\t', t3 - 1);
  const t1 = line.lastIndexOf('\t', t2 - 1);
  return [t1, t2, t3];
}

/** Whether a line lists abbreviations or demonyms of its place (about 330 lines do). */
export function isAbbreviated(line: string): boolean {
  const [t1, t2, t3] = lastColumns(line);
  return t2 > t1 + 1 || t3 > t2 + 1;
}

/** The name keys of a line (its last column, `|`-separated; empty ones skipped), in order. */
export function nameKeysOf(line: string): string[] {
  const keys: string[] = [];
  let from = line.lastIndexOf('\t') + 1;
  while (from < line.length) {
    let to = line.indexOf('|', from);
    if (to < 0) to = line.length;
    if (to > from) keys.push(line.slice(from, to));
    from = to + 1;
  }
  return keys;
}

/**
 * A tsv's bytes: in memory, or read from the open file a line at a time until all are wanted (the
 * gazetteer's 9.6 MB took 30 ms of every start to read, most of it the memory it fills; an
 * article reads a few hundred of its lines).
 */
export class TsvBytes {
  /** The bytes, once all are read. */
  private all: Buffer | undefined;
  private fd: number | undefined;
  /** The file's length in bytes. */
  readonly length: number;
  /** Where a line read from the file lands. */
  private scratch = Buffer.alloc(1024);

  /** The bytes of a tsv in memory, or of the file at this path (opened, read when asked). */
  constructor(tsv: Buffer | string) {
    if (typeof tsv === 'string') {
      this.fd = fs.openSync(tsv, 'r');
      this.length = fs.fstatSync(this.fd).size;
    } else {
      this.all = tsv;
      this.length = tsv.length;
    }
  }

  /** Bytes `start..end` decoded as UTF-8. */
  text(start: number, end: number): string {
    if (this.all) return this.all.toString('utf8', start, end);
    if (this.scratch.length < end - start) this.scratch = Buffer.alloc(2 * (end - start));
    const n = fs.readSync(this.fd!, this.scratch, 0, end - start, start);
    return this.scratch.toString('utf8', 0, n);
  }

  /** The byte at `pos`. */
  byte(pos: number): number {
    if (this.all) return this.all[pos];
    fs.readSync(this.fd!, this.scratch, 0, 1, pos);
    return this.scratch[0];
  }

  /** All the bytes, read now if they were not (and the file closed). */
  bytes(): Buffer {
    if (!this.all) {
      const all = Buffer.allocUnsafe(this.length);
      let n = 0;
      while (n < this.length) {
        const got = fs.readSync(this.fd!, all, n, this.length - n, n);
        if (got === 0) throw new Error('gazetteer: the tsv file shrank while it was read');
        n += got;
      }
      fs.closeSync(this.fd!);
      this.fd = undefined;
      this.all = all;
    }
    return this.all;
  }
}

/** Where each line of a tsv starts, plus where a next one would; a last empty line (the final newline) is no line. */
function lineStarts(tsv: Uint8Array): Uint32Array {
  const starts = [0];
  for (let at = tsv.indexOf(10); at >= 0; at = tsv.indexOf(10, at + 1)) starts.push(at + 1);
  if (starts[starts.length - 1] !== tsv.length) starts.push(tsv.length + 1);
  return Uint32Array.from(starts);
}

/** The index of a gazetteer tsv (the bytes `gazetteer.idx` holds). */
export function buildIndex(tsv: Buffer): Buffer {
  const starts = lineStarts(tsv);
  const nLines = starts.length - 1;
  const linesOfKey = new Map<string, number[]>();
  const abbreviated: number[] = [];
  for (let i = 0; i < nLines; i++) {
    const line = tsv.toString('utf8', starts[i], starts[i + 1] - 1);
    for (const key of nameKeysOf(line)) {
      const l = linesOfKey.get(key);
      if (!l) linesOfKey.set(key, [i]);
      else if (l[l.length - 1] !== i) l.push(i);
    }
    if (isAbbreviated(line)) abbreviated.push(i);
  }
  let slots = 1;
  while (slots < linesOfKey.size * SLOTS_PER_KEY) slots *= 2;
  const table = new Uint32Array(2 * slots);
  const postings: number[] = [];
  for (const [key, lines] of linesOfKey) {
    const h = keyHash(key);
    let s = h & (slots - 1);
    while (table[2 * s + 1] !== 0) s = (s + 1) & (slots - 1);
    table[2 * s] = h;
    table[2 * s + 1] = postings.length + 1;
    postings.push(lines.length, ...lines);
  }
  const header = Uint32Array.of(tsv.length, nLines, slots, postings.length, abbreviated.length);
  const words = [header, starts, table, Uint32Array.from(postings), Uint32Array.from(abbreviated)];
  const out = Buffer.alloc(MAGIC.length + 4 * words.reduce((n, w) => n + w.length, 0));
  out.write(MAGIC, 'latin1');
  let at = MAGIC.length;
  for (const w of words) for (const x of w) at = out.writeUInt32LE(x, at);
  return out;
}

/**
 * The views of an index file over the tsv it was built from; undefined when it was built from
 * another tsv (its length differs, or one of `CHECKED_LINES` lines does not start where the index
 * says), is not an index, or the machine is big-endian (the views read the file's words as they
 * lie): the caller builds the index then. An edit of the tsv that keeps its length and those
 * lines' starts is not seen here (a checksum of the 9.5 MB took 30 ms of every start):
 * `test/geo-index.test.ts` checks that the shipped index is the one its tsv gives, byte for byte.
 */
export function readIndex(file: Buffer, tsv: Buffer | TsvBytes): GazetteerIndex | undefined {
  if (endianness() !== 'LE' || file.length < MAGIC.length + 4 * HEADER_WORDS) return undefined;
  if (file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  // views need 4-byte alignment: a file read into a shared pool may lie anywhere
  const bytes = (file.byteOffset + MAGIC.length) % 4 === 0 ? file : Buffer.from(file);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + MAGIC.length, (bytes.length - MAGIC.length) >>> 2);
  const [tsvBytes, nLines, slots, nPostings, nAbbreviated] = words;
  if (tsvBytes !== tsv.length) return undefined;
  let at = HEADER_WORDS;
  const take = (n: number) => words.subarray(at, (at += n));
  const starts = take(nLines + 1);
  const index = { starts, table: take(2 * slots), postings: take(nPostings), abbreviated: take(nAbbreviated) };
  if (at !== words.length) return undefined;
  const step = Math.max(1, Math.floor(nLines / CHECKED_LINES));
  const byte = tsv instanceof TsvBytes ? (pos: number) => tsv.byte(pos) : (pos: number) => tsv[pos];
  for (let i = 1; i < nLines; i += step) if (byte(starts[i] - 1) !== 10) return undefined;
  return index;
}
