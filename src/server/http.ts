/**
 * The small HTTP layer under the API: a router with `:param` patterns, JSON responses and JSON
 * errors (`{error: {status, message}}`), a capped body reader, and the security headers every
 * response carries. Built on `node:http` alone: the API has a dozen routes and needs no framework.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDateFilter } from '../model/dates.ts';
import { compressed, negotiateEncoding } from './compress.ts';

/** Largest request body accepted (an article as HTML is rarely over 1 MB; a batch of records more). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Content-Security-Policy of every response: only our own bundled script and styles, no inline
 * script, no plugins, no framing. Article text is rendered as text, this is the second wall.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Headers sent with every response. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** An error the client caused (or may see): becomes `{error: {status, message}}` with that status. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** The parsed JSON body (POST only); throws HttpError 400/413/415. */
  body(): Promise<unknown>;
}

export type Handler = (ctx: Context) => Promise<unknown>;

/** What the OpenAPI document says about a route. */
export interface RouteDoc {
  summary: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  responses?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST';
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: Handler;
  doc: RouteDoc;
}

/** A list of routes matched in order; `:name` matches one path segment. */
export class Router {
  readonly routes: Route[] = [];

  add(method: Route['method'], pattern: string, doc: RouteDoc, handler: Handler): this {
    const keys: string[] = [];
    const src = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, k: string) => {
      keys.push(k);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern, regex: new RegExp(`^${src}/?$`), keys, handler, doc });
    return this;
  }

  /** The route for a method and path; `allowed` lists methods that match the path when none does. */
  match(method: string, path: string): { route?: Route; params: Record<string, string>; allowed: string[] } {
    const allowed: string[] = [];
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) {
        allowed.push(r.method);
        continue;
      }
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => {
        try {
          params[k] = decodeURIComponent(m[i + 1]!);
        } catch {
          throw new HttpError(400, `malformed path segment for ${k}`);
        }
      });
      return { route: r, params, allowed };
    }
    return { params: {}, allowed };
  }
}

/**
 * A handler's answer that is not JSON (a CSV, GeoJSON or GEXF export): sent as it is, with its type,
 * and as a download named `filename` when one is given.
 */
export class Payload {
  constructor(
    readonly contentType: string,
    readonly body: string | Buffer,
    readonly filename?: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * Send a handler's answer: JSON, or a `Payload` as it is. Never cached; compressed when the client
 * accepts it (compress.ts).
 */
export function sendJson(res: ServerResponse, status: number, data: unknown): void {
  const p = data instanceof Payload ? data : undefined;
  const headers: Record<string, string> = {
    ...p?.headers,
    'content-type': p ? p.contentType : 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (p?.filename) headers['content-disposition'] = `attachment; filename="${p.filename.replace(/[^\w.-]/g, '_')}"`;
  sendBody(res, status, p ? p.body : JSON.stringify(data), headers);
}

/**
 * Send a body with the security headers, compressed with brotli or gzip when the request accepts
 * one and the body is worth it. A compression failure sends the body as it is.
 */
export function sendBody(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  const encoding = negotiateEncoding(res.req?.headers['accept-encoding'], raw.length, headers['content-type'] ?? '');
  const write = (buf: Buffer, enc?: string) => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      ...headers,
      vary: 'accept-encoding',
      ...(enc ? { 'content-encoding': enc } : {}),
      'content-length': buf.length,
    });
    res.end(buf);
  };
  if (!encoding) return write(raw);
  compressed(raw, encoding).then(
    (z) => write(z, encoding),
    () => write(raw),
  );
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
  sendJson(res, status, { error: { status, message } });
}

/** Read the body up to `limit` bytes and parse it as JSON. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  // Requiring JSON also keeps out cross-site form posts: a browser only sends this type after a preflight.
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'request body must be application/json');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw new HttpError(413, `request body over the ${formatBytes(limit)} limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > limit) throw new HttpError(413, `request body over the ${formatBytes(limit)} limit`);
      chunks.push(b);
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    // The client went away mid-upload ("aborted", ECONNRESET): nobody is left to read an answer,
    // and it is no fault of the server's, so it is a plain 400, not a logged internal error.
    throw new HttpError(400, 'the request body was cut off before its end');
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'request body is empty; expected a JSON object');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `invalid JSON: ${(err as Error).message}`);
  }
}

export function formatBytes(n: number): string {
  return n >= 1048576 ? `${+(n / 1048576).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

// ---- query-string validation -------------------------------------------------------------------

/** An optional string parameter, trimmed; empty counts as absent. */
export function qString(url: URL, name: string, max = 500): string | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v.trim() === '') return undefined;
  if (v.length > max) throw new HttpError(400, `${name} is longer than ${max} characters`);
  return v.trim();
}

/** An optional integer parameter within bounds. */
export function qInt(url: URL, name: string, dflt: number, min: number, max: number): number {
  const v = qString(url, name, 20);
  if (v === undefined) return dflt;
  if (!/^-?\d+$/.test(v)) throw new HttpError(400, `${name} must be an integer`);
  const n = Number(v);
  if (n < min || n > max) throw new HttpError(400, `${name} must be between ${min} and ${max}`);
  return n;
}

/** An optional ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
export function qDate(url: URL, name: string): string | undefined {
  const v = qString(url, name, 10);
  if (v !== undefined && !isDateFilter(v))
    throw new HttpError(400, `${name} must be a date that exists: YYYY, YYYY-MM or YYYY-MM-DD`);
  return v;
}

/** The entity types a filter may name. */
export const ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'MISC'] as const;

/** An optional comma-separated list of entity types. */
export function qTypes(url: URL, name = 'type'): string[] | undefined {
  const v = qString(url, name, 100);
  if (v === undefined) return undefined;
  const types = v
    .split(',')
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
  for (const t of types) {
    if (!(ENTITY_TYPES as readonly string[]).includes(t))
      throw new HttpError(400, `${name}: unknown entity type "${t}" (one of ${ENTITY_TYPES.join(', ')})`);
  }
  return types;
}
