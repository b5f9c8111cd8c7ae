/**
 * Input step: turns what the user names on the command line (files, `-` for standard input,
 * JSON/JSONL record files, and later HTML pages, feeds, folders and URLs) into RawArticles.
 *
 * Each input yields either an article or a one-line error naming it, so a batch reports
 * per-item failures and carries on. Nothing here throws for a user error.
 */
import { readFileSync, statSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Source } from '../model/analysis.ts';
import type { RawArticle } from './types.ts';
import { decodeBytes } from './decode.ts';
import { InputError } from './errors.ts';

/** Largest single text we accept: bigger files are almost never one article. */
export const MAX_INPUT_BYTES = 30 * 1024 * 1024;

export type InputResult =
  | { ok: true; article: RawArticle }
  | { ok: false; id: string; error: string };

/** Options that apply to every input of the call (command-line overrides). */
export interface InputOverrides {
  published?: string;
  title?: string;
  publisher?: string;
}

export { InputError };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

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

/** Read every input in order. */
export async function* readInputs(
  specs: string[],
  overrides: InputOverrides = {},
  stdin: NodeJS.ReadableStream = process.stdin,
): AsyncGenerator<InputResult> {
  for (const spec of specs) {
    try {
      if (spec === '-') {
        const bytes = await readStream(stdin);
        yield fromText('stdin', { path: '-' }, bytes, overrides);
      } else if (/\.jsonl$/i.test(spec)) {
        yield* readJsonl(spec, overrides);
      } else if (/\.json$/i.test(spec)) {
        yield* readJson(spec, overrides);
      } else {
        const bytes = readFileChecked(spec);
        yield fromText(spec, { path: spec }, bytes, overrides);
      }
    } catch (err) {
      yield { ok: false, id: spec, error: userMessage(err) };
    }
  }
}

/** The one-line message for an error: ours as they are, system errors translated. */
export function userMessage(err: unknown): string {
  if (err instanceof InputError) return err.message;
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
  }
  return e?.message ?? String(err);
}

function readFileChecked(path: string): Buffer {
  const st = statSync(path);
  if (st.isDirectory()) throw new InputError('is a folder (folder input comes with HTML ingestion)');
  checkSize(st.size);
  return readFileSync(path);
}

function checkSize(bytes: number): void {
  if (bytes > MAX_INPUT_BYTES) {
    throw new InputError(
      `too large: ${(bytes / 1048576).toFixed(1)} MB, over the ${MAX_INPUT_BYTES / 1048576} MB limit per article`,
    );
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    checkSize(size);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function fromText(id: string, source: Source, bytes: Buffer, overrides: InputOverrides): InputResult {
  const text = decodeBytes(bytes);
  return { ok: true, article: makeArticle(id, { ...source }, { text }, overrides) };
}

function makeArticle(
  id: string,
  source: Source,
  body: { text?: string; html?: string },
  overrides: InputOverrides,
): RawArticle {
  const published = overrides.published ?? source.published;
  if (published !== undefined && !ISO_DAY.test(published)) {
    throw new InputError(`published date "${published}" is not YYYY-MM-DD`);
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
    checkSize(Buffer.byteLength(text ?? html ?? ''));
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

async function* readJsonl(path: string, overrides: InputOverrides): AsyncGenerator<InputResult> {
  const st = statSync(path);
  if (st.isDirectory()) throw new InputError('is a folder, not a JSONL file');
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const where = `${path}:${n}`;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      yield { ok: false, id: where, error: `malformed JSON line (${(err as Error).message})` };
      continue;
    }
    yield fromRecord(where, rec, overrides);
  }
}

async function* readJson(path: string, overrides: InputOverrides): AsyncGenerator<InputResult> {
  const text = decodeBytes(readFileChecked(path));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`malformed JSON (${(err as Error).message})`);
  }
  const records = Array.isArray(data) ? data : [data];
  for (let i = 0; i < records.length; i++) yield fromRecord(`${path}[${i}]`, records[i], overrides);
}
