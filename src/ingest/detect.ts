/**
 * Content sniffing and charset decoding for raw input bytes.
 *
 * Files and HTTP bodies arrive as bytes whose name or Content-Type may lie; we look at the bytes
 * themselves (gzip magic, BOM, leading markup, JSON shape) before trusting a file extension.
 */
import { gunzipSync } from 'node:zlib';
import { InputError } from './errors.ts';
import { alternation, wordSet } from '../lexicon/load.ts';
/** The lexicon file of page markup names (tags, class words, meta names, charset labels). */
const MARKUP = 'page-markup';

/** Largest input we accept (bytes, after decompression): bigger pages are refused, not truncated. */
export const MAX_INPUT_BYTES = 30 * 1024 * 1024;
/** How many leading bytes we look at to decide what an input is. */
const SNIFF_BYTES = 4096;
/** How far into an HTML page we look for `<meta charset>` (the HTML standard says 1024; pages stretch it). */
const META_CHARSET_SCAN_BYTES = 4096;
/** Control bytes (other than tab, CR, LF, FF, ESC) in the sniff window that mark a file as binary. */
const BINARY_CONTROL_RATIO = 0.02;
/** The gzip magic number. */
const GZIP_MAGIC = [0x1f, 0x8b];
/** Magic numbers of common binary formats that must never be read as text. */
const BINARY_MAGICS: number[][] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x50, 0x4b, 0x03, 0x04], // ZIP / docx / xlsx
  [0x7f, 0x45, 0x4c, 0x46], // ELF
];
/** Markup that opens a feed document (RSS 2.0, RSS 1.0/RDF, Atom). */
const FEED_ROOT = /<(rss|feed|rdf:RDF)[\s>]/i;
/** Markup that says a document is an HTML page. */
const HTML_MARKERS = new RegExp(String.raw`<(${alternation(MARKUP, 'htmlMarkerTags', true)})[\s>/]`, 'i');
/** The JSON Feed version URL that every JSON Feed carries. */
const JSONFEED_VERSION = /"version"\s*:\s*"https:\/\/jsonfeed\.org\/version\//;
/** Charset names WHATWG maps to windows-1252 (the web's real meaning of "latin1"). */
const WINDOWS_1252_ALIASES = wordSet(MARKUP, 'windows1252Aliases');

export type InputKind = 'html' | 'feed' | 'jsonfeed' | 'text' | 'json' | 'jsonl' | 'binary';

/** Whether the bytes open with a magic number. */
function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** True when the bytes are gzip-compressed. */
export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && startsWith(bytes, GZIP_MAGIC);
}

/** Refuse inputs over the size limit with a message naming the limit. */
export function checkSize(size: number, what = 'input'): void {
  if (size > MAX_INPUT_BYTES) {
    throw new InputError(
      `${what} is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_INPUT_BYTES / 1048576} MB limit`,
    );
  }
}

/** Gunzip when the bytes carry the gzip magic (whatever the name), refusing results over the size limit. */
export function maybeGunzip(bytes: Buffer, what = 'input'): Buffer {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_INPUT_BYTES + 1 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new InputError(`${what} decompresses to over the ${MAX_INPUT_BYTES / 1048576} MB limit`);
    }
    throw new InputError(`${what}: broken gzip data (${(err as Error).message})`);
  }
}

/** True when the leading bytes look like a binary format rather than text. */
function looksBinary(head: Buffer): boolean {
  if (BINARY_MAGICS.some((m) => startsWith(head, m))) return true;
  // UTF-16 text has many NULs but a BOM; decodeText handles it.
  if (bomEncoding(head)?.startsWith('utf-16')) return false;
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  }
  return head.length > 0 && control / head.length > BINARY_CONTROL_RATIO;
}

/**
 * What an input is, from its bytes (gunzipped first), with the file name as a tie-breaker only.
 */
export function detectKind(bytes: Buffer, name?: string): InputKind {
  const raw = maybeGunzip(bytes, name ?? 'input');
  const head = raw.subarray(0, SNIFF_BYTES);
  if (looksBinary(head)) return 'binary';
  const text = decodeText(head)
    .replace(/^\uFEFF/, '')
    .trimStart();
  const lower = (name ?? '').toLowerCase().replace(/\.gz$/, '');
  if (text.startsWith('{') || text.startsWith('[')) {
    if (JSONFEED_VERSION.test(text)) return 'jsonfeed';
    if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
    // Several top-level JSON values on separate lines: JSON Lines.
    const firstLine = text.split('\n', 1)[0]!.trim();
    if (text.startsWith('{') && firstLine.endsWith('}') && text.trim().includes('\n{')) {
      try {
        JSON.parse(firstLine);
        return 'jsonl';
      } catch {
        /* a pretty-printed object, not JSON Lines */
      }
    }
    return 'json';
  }
  if (text.startsWith('<')) {
    // Skip the XML prolog, comments and doctype before deciding between a feed and a page.
    const body = text.replace(/^(<\?[^>]*\?>|<!--[\s\S]*?-->|\s)+/, '');
    if (FEED_ROOT.test(body.slice(0, 400)) && !/^<!doctype\s+html/i.test(body)) return 'feed';
    if (HTML_MARKERS.test(text)) return 'html';
    if (/\.(rss|atom|xml|rdf)$/.test(lower)) return 'feed';
    return 'html';
  }
  if (HTML_MARKERS.test(text.slice(0, 1024)) && /\.(html?|xhtml)$/.test(lower)) return 'html';
  return 'text';
}

/** Encoding named by a byte order mark, if any. */
function bomEncoding(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType?: string): string | undefined {
  const m = contentType && /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** `<meta charset>` / `<meta http-equiv content="...charset=">` / `<?xml encoding=?>` near the top of a page. */
function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, META_CHARSET_SCAN_BYTES).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** A charset label as TextDecoder should read it (latin1 and kin mean windows-1252). */
function normaliseLabel(label: string): string {
  return WINDOWS_1252_ALIASES.has(label) ? 'windows-1252' : label;
}

/**
 * Windows-1252's bytes 0x80–0x9F (curly quotes, dashes, €); Node 20's TextDecoder decodes the
 * label as ISO-8859-1 and gets these wrong, so we map them ourselves.
 */
const CP1252_HIGH =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' + // 0x80-0x8F
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178'; // 0x90-0x9F

/** Decode windows-1252 bytes. */
export function decodeWindows1252(bytes: Buffer): string {
  const s = bytes.toString('latin1');
  return /[\x80-\x9f]/.test(s) ? s.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : s;
}

/** Decode with a label TextDecoder knows; undefined when it does not. */
function tryDecode(bytes: Buffer, label: string, fatal = false): string | undefined {
  if (normaliseLabel(label) === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(normaliseLabel(label), { fatal }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Bytes to text: BOM first, then the HTTP header's charset, then `<meta charset>` / XML encoding,
 * then UTF-8 when the bytes are valid UTF-8, else windows-1252 (what browsers assume).
 */
export function decodeText(bytes: Buffer, contentTypeHeader?: string): string {
  const bom = bomEncoding(bytes);
  if (bom) return new TextDecoder(bom).decode(bytes); // TextDecoder drops the BOM itself
  for (const label of [charsetFromContentType(contentTypeHeader), declaredCharset(bytes)]) {
    if (!label) continue;
    // A page that declares utf-8 but is not valid utf-8 is most often windows-1252 mislabelled.
    if (label === 'utf-8' || label === 'utf8') {
      const s = tryDecode(bytes, 'utf-8', true);
      if (s !== undefined) return s;
      continue;
    }
    const s = tryDecode(bytes, label);
    if (s !== undefined) return s;
  }
  return tryDecode(bytes, 'utf-8', true) ?? decodeWindows1252(bytes);
}
