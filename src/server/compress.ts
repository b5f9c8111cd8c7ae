/**
 * Compression of what the server sends: brotli or gzip (node:zlib) when the request's
 * Accept-Encoding takes one, for text bodies large enough to gain from it; and the static files of
 * the UI read once, each kept with its compressed forms and an ETag, so a reload answers 304.
 */
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { assetVersion } from '../ui/build.ts';

/** Bodies smaller than this go as they are: a header or two would eat the gain. */
export const MIN_COMPRESS_BYTES = 1024;
/**
 * Brotli quality of API answers, made per request: 4 compresses about as fast as gzip and smaller.
 * Static files are compressed once, at the best quality (a tenth of a second or two per file).
 */
const DYNAMIC_BROTLI_QUALITY = 4;
const STATIC_BROTLI_QUALITY = 11;

/** A file asked for by its version: that address never names other content. */
export const VERSIONED_CACHE = 'public, max-age=31536000, immutable';

/** Content types worth compressing: text, JSON, XML, scripts, SVG, and the icon (uncompressed bitmaps). */
const COMPRESSIBLE = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript)\b|image\/(svg\+xml|x-icon)\b)/i;

export type Encoding = 'br' | 'gzip';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to send a body of `size` bytes and this type in: brotli, else gzip, when the
 * request's Accept-Encoding takes it (a `q=0` refuses; `*` takes both), or undefined.
 */
export function negotiateEncoding(
  accept: string | string[] | undefined,
  size: number,
  contentType: string,
): Encoding | undefined {
  if (size < MIN_COMPRESS_BYTES || !COMPRESSIBLE.test(contentType)) return undefined;
  const header = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    q.set(name, qp ? Number(qp[1]) : 1);
  }
  const takes = (enc: Encoding) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  if (takes('br')) return 'br';
  if (takes('gzip')) return 'gzip';
  return undefined;
}

/** A body compressed for one answer (off the main thread: zlib's pool). */
export function compressed(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotliAsync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipAsync(body);
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  body: Buffer;
  etag: string;
  forms: Partial<Record<Encoding, Buffer>>;
}

/** Static files read once (again when they change on disk), with their compressed forms and ETags. */
export class StaticFiles {
  private files = new Map<string, CachedFile>();

  private load(file: string): CachedFile {
    const st = statSync(file);
    const hit = this.files.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
    const body = readFileSync(file);
    const entry = { mtimeMs: st.mtimeMs, size: st.size, body, etag: `"${assetVersion(body)}"`, forms: {} };
    this.files.set(file, entry);
    return entry;
  }

  /**
   * Send a file with its type and cache policy: 304 when the request holds its ETag, else the
   * file, compressed when the request takes it (each compressed form made once). Asked for with
   * its current version (`?v=`, as the built index.html names it), it may be kept for good.
   */
  send(
    req: IncomingMessage,
    res: ServerResponse,
    file: string,
    headers: { 'content-type': string; 'cache-control': string },
    securityHeaders: Record<string, string>,
    version?: string,
  ): void {
    const f = this.load(file);
    const cache = version && `"${version}"` === f.etag ? VERSIONED_CACHE : headers['cache-control'];
    const common = { ...securityHeaders, ...headers, 'cache-control': cache, etag: f.etag, vary: 'accept-encoding' };
    const match = String(req.headers['if-none-match'] ?? '')
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''));
    if (match.includes(f.etag) || match.includes('*')) {
      res.writeHead(304, common);
      res.end();
      return;
    }
    const enc = negotiateEncoding(req.headers['accept-encoding'], f.body.length, headers['content-type']);
    const body = enc
      ? (f.forms[enc] ??=
          enc === 'br'
            ? brotliCompressSync(f.body, { params: { [constants.BROTLI_PARAM_QUALITY]: STATIC_BROTLI_QUALITY } })
            : gzipSync(f.body, { level: 9 }))
      : f.body;
    res.writeHead(200, { ...common, ...(enc ? { 'content-encoding': enc } : {}), 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
