/**
 * Input step: turns what the user names on the command line — files, `-` for standard input,
 * folders (recursively), URLs, HTML pages, RSS/Atom/JSON feeds and JSON/JSONL record files —
 * into RawArticles, sniffing each input's content rather than trusting its name.
 *
 * Each input yields either an article or a one-line error naming it, so a batch reports
 * per-item failures and carries on. Nothing here throws for a user error.
 */
import { createReadStream, readFileSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { Source } from '../model/analysis.ts';
import { isCalendarDay } from '../model/dates.ts';
import type { RawArticle } from './types.ts';
import { FetchError, InputError } from './errors.ts';
import { MAX_INPUT_BYTES, checkSize, decodeText, detectKind, maybeGunzip } from './detect.ts';
import type { FeedItem } from './feeds.ts';
import type { FetchOptions, FetchResult } from './fetch.ts';
import { quoteNumericIds } from './json-ids.ts';
import { alternation } from '../lexicon/load.ts';
/** The lexicon file of page markup names (tags, class words, meta names, charset labels). */
const MARKUP = 'page-markup';

export { InputError, MAX_INPUT_BYTES };

export type InputResult = { ok: true; article: RawArticle } | { ok: false; id: string; error: string };

/** Options that apply to every input of the call (command-line overrides). */
export interface InputOverrides {
  published?: string;
  title?: string;
  publisher?: string;
  /** Fetch the page of a feed item that carries only a summary (default: for feeds read from a URL). */
  followLinks?: boolean;
  /** Options of every URL fetch (timeout, politeness delay). */
  fetch?: FetchOptions;
  /** What a folder walk reads of the file system (tests inject an unreadable folder: root reads all). */
  folders?: FolderReader;
}

/** The file-system calls of a folder walk. */
export interface FolderReader {
  /** A folder's entries (links not followed). */
  readdir(dir: string): Pick<Dirent, 'name' | 'isDirectory' | 'isFile' | 'isSymbolicLink'>[];
  /** What a path is, links followed. */
  stat(path: string): Pick<Stats, 'isDirectory' | 'isFile'>;
}

/** The real file system. */
const DISK: FolderReader = {
  readdir: (dir) => readdirSync(dir, { withFileTypes: true }),
  stat: (path) => statSync(path),
};

/** A day given as `YYYY-MM-DD`. */
/** An input that is a URL. */
const URL_INPUT = /^https?:\/\//i;
/** Files a folder walk picks up; anything else in a folder (images, archives) is skipped silently. */
const FOLDER_FILES = new RegExp(String.raw`\.(${alternation(MARKUP, 'inputFileExtensions', true)})(\.gz)?$`, 'i');

/** Read every input in order. */
export async function* readInputs(
  specs: string[],
  overrides: InputOverrides = {},
  stdin: NodeJS.ReadableStream = process.stdin,
): AsyncGenerator<InputResult> {
  for (const spec of specs) {
    try {
      if (spec === '-') {
        yield* fromBytes('stdin', { path: '-' }, await readStream(stdin), overrides);
      } else if (URL_INPUT.test(spec)) {
        yield* fromUrl(spec, overrides);
      } else if (statSync(spec).isDirectory()) {
        for (const found of walk(spec, overrides.folders ?? DISK)) {
          if (found.error) yield { ok: false, id: found.path, error: found.error };
          else yield* fromFile(found.path, overrides);
        }
      } else {
        yield* fromFile(spec, overrides);
      }
    } catch (err) {
      yield { ok: false, id: spec, error: userMessage(err) };
    }
  }
}

/** The one-line message for an error: ours as they are, system errors translated. */
export function userMessage(err: unknown): string {
  if (err instanceof InputError) return err.message;
  // The caller names the input (the URL) already; the fetch error's own text starts with it too.
  if (err instanceof FetchError) return err.cause_;
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ELOOP':
      return 'symbolic link loop (a link that leads back to itself)';
    case 'ENOTDIR':
      return 'not a folder';
  }
  if (err instanceof RangeError && /call stack/i.test(err.message)) return 'nested too deeply to read';
  return e?.message ?? String(err);
}

/**
 * Files of a folder and its subfolders, in a stable order; hidden entries are skipped. A folder
 * that cannot be read gives one error line and the walk goes on with its siblings. Symbolic links
 * to files are followed (read like the file); links to folders are not followed (no loops, no
 * reading outside the folder) and, like broken links and link loops, give one line each.
 */
function* walk(dir: string, fs: FolderReader): Generator<{ path: string; error?: string }> {
  let entries: ReturnType<FolderReader['readdir']>;
  try {
    entries = fs.readdir(dir).sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    yield { path: dir, error: userMessage(err) };
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p, fs);
    else if (e.isFile()) {
      if (FOLDER_FILES.test(e.name)) yield { path: p };
    } else if (e.isSymbolicLink()) {
      const target = linkTarget(p, fs);
      if (target === 'file') {
        if (FOLDER_FILES.test(e.name)) yield { path: p };
      } else if (target !== 'other') yield { path: p, error: target };
    }
  }
}

/** What a symbolic link in a folder leads to: 'file', 'other' (a device…: skipped), or the line to print. */
function linkTarget(path: string, fs: FolderReader): string {
  try {
    const st = fs.stat(path);
    if (st.isFile()) return 'file';
    return st.isDirectory() ? 'symbolic link to a folder: not followed' : 'other';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'broken symbolic link (its target does not exist)' : userMessage(err);
  }
}

async function* fromFile(path: string, overrides: InputOverrides): AsyncGenerator<InputResult> {
  try {
    const size = statSync(path).size;
    if (/\.(jsonl|ndjson)$/i.test(path)) {
      yield* readJsonl(path, overrides);
      return;
    }
    checkSize(size, 'file');
    yield* fromBytes(path, { path }, readFileSync(path), overrides);
  } catch (err) {
    yield { ok: false, id: path, error: userMessage(err) };
  }
}

/**
 * `fetch.ts`'s `fetchUrl`, its module loaded on the first address asked: with it Node loads its
 * HTTP, TLS and DNS modules (about 40 ms), which reading files does not need.
 */
async function fetchUrl(url: string, opts?: FetchOptions): Promise<FetchResult> {
  const { fetchUrl: fetch } = await import('./fetch.ts');
  return fetch(url, opts);
}

async function* fromUrl(url: string, overrides: InputOverrides): AsyncGenerator<InputResult> {
  const res = await fetchUrl(url, overrides.fetch);
  if (res.status >= 400) throw new InputError(`HTTP ${res.status}`);
  yield* fromBytes(url, { url: res.url }, res.body, { followLinks: true, ...overrides }, res.contentType);
}

/** Decide what the bytes are (by content) and turn them into articles. */
async function* fromBytes(
  id: string,
  source: Source,
  bytes: Buffer,
  overrides: InputOverrides,
  contentType?: string,
): AsyncGenerator<InputResult> {
  const raw = maybeGunzip(bytes, 'input');
  checkSize(raw.length, 'input');
  const kind = detectKind(raw, source.path ?? source.url);
  if (kind === 'binary') throw new InputError('binary data, not text');
  const text = decodeText(raw, contentType).replace(/^\uFEFF/, '');
  switch (kind) {
    case 'html':
      yield { ok: true, article: makeArticle(id, source, { html: text }, overrides) };
      return;
    case 'feed':
    case 'jsonfeed':
      yield* fromFeed(id, text, source, overrides);
      return;
    case 'json':
      yield* fromJson(id, text, overrides);
      return;
    case 'jsonl':
      yield* fromJsonLines(id, text.split('\n'), overrides);
      return;
    default:
      yield { ok: true, article: makeArticle(id, source, { text }, overrides) };
  }
}

/** Each feed item becomes an article: its full content when the feed carries it, else its page. */
async function* fromFeed(
  id: string,
  xml: string,
  source: Source,
  overrides: InputOverrides,
): AsyncGenerator<InputResult> {
  // The feed reader (and its XML and HTML parsers) is loaded for feeds only: a text input starts faster.
  const { parseFeed } = await import('./feeds.ts');
  const items = parseFeed(xml, { url: source.url });
  if (items.length === 0) throw new InputError('feed has no items');
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const itemId = item.link || item.id || `${id}#${i + 1}`;
    try {
      yield* fromFeedItem(itemId, item, source, overrides);
    } catch (err) {
      yield { ok: false, id: itemId, error: userMessage(err) };
    }
  }
}

async function* fromFeedItem(
  id: string,
  item: FeedItem,
  feedSource: Source,
  overrides: InputOverrides,
): AsyncGenerator<InputResult> {
  const source: Source = {
    ...(item.link ? { url: item.link } : feedSource.url ? { url: feedSource.url } : {}),
    ...(feedSource.path ? { path: feedSource.path } : {}),
    ...(item.title ? { title: item.title } : {}),
    ...(item.published ? { published: item.published } : {}),
    ...(item.authors?.length ? { authors: item.authors } : {}),
  };
  if (item.contentHtml) {
    yield { ok: true, article: makeArticle(id, source, { html: item.contentHtml }, overrides) };
  } else if (item.contentText) {
    yield { ok: true, article: makeArticle(id, source, { text: item.contentText }, overrides) };
  } else if (overrides.followLinks && item.link && URL_INPUT.test(item.link)) {
    const res = await fetchUrl(item.link, overrides.fetch);
    if (res.status >= 400) throw new InputError(`HTTP ${res.status}`);
    const html = decodeText(maybeGunzip(res.body), res.contentType);
    yield { ok: true, article: makeArticle(id, { ...source, url: res.url }, { html }, overrides) };
  } else if (item.summary) {
    yield { ok: true, article: makeArticle(id, source, { text: item.summary }, overrides) };
  } else {
    throw new InputError('feed item has no content, summary or link');
  }
}

/** All the bytes of a stream (standard input). */
async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    checkSize(size, 'standard input');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** A raw article from text and what the input says of it (overrides first). */
function makeArticle(
  id: string,
  source: Source,
  body: { text?: string; html?: string },
  overrides: InputOverrides,
): RawArticle {
  const published = overrides.published ?? source.published;
  if (published !== undefined && !isCalendarDay(published)) {
    throw new InputError(`published date "${published}" is not a calendar day (YYYY-MM-DD)`);
  }
  const content = body.text ?? body.html ?? '';
  if (content.trim() === '') throw new InputError('empty: no text to analyse');
  return {
    id,
    source: {
      ...source,
      ...(published ? { published } : {}),
      ...(overrides.title ? { title: overrides.title } : {}),
      ...(overrides.publisher ? { publisher: overrides.publisher } : {}),
    },
    ...body,
  };
}

/** Fields of a JSON/JSONL record. */
interface RecordIn {
  id?: unknown;
  text?: unknown;
  html?: unknown;
  published?: unknown;
  title?: unknown;
  url?: unknown;
  publisher?: unknown;
}

/** A JSON record (`{ text, id, published, … }`) as an input result. */
function fromRecord(fallbackId: string, rec: unknown, overrides: InputOverrides): InputResult {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
    return { ok: false, id: fallbackId, error: 'record is not a JSON object' };
  }
  const r = rec as RecordIn;
  const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : fallbackId;
  try {
    const text = typeof r.text === 'string' ? r.text : undefined;
    const html = typeof r.html === 'string' ? r.html : undefined;
    if (text === undefined && html === undefined) throw new InputError('record has no "text" (or "html") string');
    checkSize(Buffer.byteLength(text ?? html ?? ''), 'record');
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const source: Source = {
      ...(str(r.url) ? { url: str(r.url) } : {}),
      ...(str(r.title) ? { title: str(r.title) } : {}),
      ...(str(r.publisher) ? { publisher: str(r.publisher) } : {}),
      ...(str(r.published) ? { published: str(r.published)!.slice(0, 10) } : {}),
    };
    return { ok: true, article: makeArticle(id, source, text !== undefined ? { text } : { html }, overrides) };
  } catch (err) {
    return { ok: false, id, error: userMessage(err) };
  }
}

/** JSON Lines streamed from disk, so a corpus file of any size is read one record at a time. */
async function* readJsonl(path: string, overrides: InputOverrides): AsyncGenerator<InputResult> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  yield* fromJsonLines(path, lines, overrides);
}

async function* fromJsonLines(
  where: string,
  lines: AsyncIterable<string> | Iterable<string>,
  overrides: InputOverrides,
): AsyncGenerator<InputResult> {
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const at = `${where}:${n}`;
    if (line.length > MAX_INPUT_BYTES) {
      yield { ok: false, id: at, error: `line is over the ${MAX_INPUT_BYTES / 1048576} MB limit` };
      continue;
    }
    let rec: unknown;
    try {
      rec = JSON.parse(quoteNumericIds(line));
    } catch (err) {
      yield { ok: false, id: at, error: `malformed JSON line (${(err as Error).message})` };
      continue;
    }
    yield fromRecord(at, rec, overrides);
  }
}

function* fromJson(where: string, text: string, overrides: InputOverrides): Generator<InputResult> {
  let data: unknown;
  try {
    data = JSON.parse(quoteNumericIds(text));
  } catch (err) {
    throw new InputError(`malformed JSON (${(err as Error).message})`);
  }
  const records = Array.isArray(data) ? data : [data];
  for (let i = 0; i < records.length; i++) yield fromRecord(`${where}[${i}]`, records[i], overrides);
}
