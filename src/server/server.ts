/**
 * `sitrep serve`: the API and the bundled UI from one `node:http` server.
 *
 * Safety by default: binds 127.0.0.1; any other address needs a bearer token (or an explicit
 * `insecure`); on loopback, requests must name a loopback Host (no DNS rebinding); bodies are
 * capped; static files come only from the UI folder (paths normalised and confined) plus the one
 * map-shapes file read from node_modules.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Corpus } from '../corpus/corpus.ts';
import { buildApi, type ApiOptions } from './api.ts';
import { AnalysisPool, type PoolOptions } from './pool.ts';
import {
  DEFAULT_MAX_BODY_BYTES,
  HttpError,
  SECURITY_HEADERS,
  readJsonBody,
  sendBody,
  sendError,
  sendJson,
} from './http.ts';
import { StaticFiles } from './compress.ts';
import { faviconIco } from './favicon.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.ts';

export { DEFAULT_HOST, DEFAULT_PORT };

/** Host header names that mean "this machine" (the only ones a loopback server answers). */
const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;
/** Addresses that only this machine can reach. */
const LOOPBACK_BIND = /^(localhost|127(?:\.\d{1,3}){3}|::1)$/i;

/** Content types of the files the UI folder holds. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Map shapes: TopoJSON countries from the `world-atlas` package, when installed. */
const WORLD_ATLAS_FILE = 'world-atlas/countries-110m.json';
/** The URL the UI asks for the map shapes. */
export const WORLD_URL = '/vendor/world.json';

export interface ServeOptions {
  corpus: Corpus;
  host?: string;
  port?: number;
  /** Bearer token required on every /api call. */
  token?: string;
  /** Allow a non-loopback bind without a token. */
  insecure?: boolean;
  /** Folder of the built UI (index.html, app.js, app.css); absent → API only. */
  uiDir?: string;
  maxBodyBytes?: number;
  fetchPage?: ApiOptions['fetchPage'];
  /**
   * Analyse on the calling thread with this pipeline instead of the thread pool (tests that bring
   * their own pipeline); without it, analysis runs in a pool of worker threads.
   */
  pipeline?: ApiOptions['pipeline'];
  /** The analysis threads: their number, a time limit per article, how many jobs may wait. */
  analysis?: PoolOptions;
  cacheTtlMs?: ApiOptions['cacheTtlMs'];
  /** Log one line per request (method, path, status, ms). */
  log?: (line: string) => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Refuse an unsafe bind before anything listens: a public address needs a token or `insecure`. */
export function checkBind(host: string, token: string | undefined, insecure: boolean | undefined): void {
  if (LOOPBACK_BIND.test(host)) return;
  if (!token && !insecure) {
    throw new Error(
      `binding ${host} exposes the corpus to the network: give --token <secret> ` +
        `(clients send "Authorization: Bearer <secret>") or --insecure`,
    );
  }
}

function sameToken(given: string, expected: string): boolean {
  // Hash both sides so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Resolve a URL path inside `root`, or undefined when it would leave it (or is not a file). */
export function confinedPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const rel = decoded === '/' ? '/index.html' : decoded;
  const base = resolve(root);
  const full = resolve(base, '.' + rel);
  if (!full.startsWith(base + sep)) return undefined;
  if (!existsSync(full) || !statSync(full).isFile()) return undefined;
  return full;
}

function worldFile(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(WORLD_ATLAS_FILE);
  } catch {
    return undefined;
  }
}

/**
 * The UI is checked on every load (304 when unchanged), but for the files index.html names with their
 * version, kept for good (compress.ts); map shapes and the icon change only with the package.
 */
const UI_CACHE = 'no-cache';
const LONG_CACHE = 'public, max-age=86400';

/** A static file, its cache policy by kind, compressed when the client takes it (compress.ts). */
function sendFile(
  statics: StaticFiles,
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  cache = UI_CACHE,
  version?: string,
): void {
  statics.send(
    req,
    res,
    file,
    { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': cache },
    SECURITY_HEADERS,
    version,
  );
}

/** Start the server; resolves once it listens. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const host = o.host ?? DEFAULT_HOST;
  checkBind(host, o.token, o.insecure);
  const loopback = LOOPBACK_BIND.test(host);
  const maxBody = o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const pool = o.pipeline ? undefined : new AnalysisPool(o.analysis);
  const api = buildApi({
    corpus: o.corpus,
    fetchPage: o.fetchPage,
    pipeline: o.pipeline,
    pool,
    cacheTtlMs: o.cacheTtlMs,
  });
  const world = worldFile();
  const statics = new StaticFiles();

  const server = createServer(async (req, res) => {
    const t0 = performance.now();
    res.on('finish', () =>
      o.log?.(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - t0).toFixed(0)}ms`),
    );
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      if (loopback && !LOOPBACK_HOSTS.test(String(req.headers.host ?? ''))) {
        throw new HttpError(421, 'this server answers only requests addressed to localhost');
      }
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        if (o.token) {
          const auth = String(req.headers.authorization ?? '');
          const m = /^Bearer\s+(.+)$/i.exec(auth);
          if (!m || !sameToken(m[1]!.trim(), o.token)) {
            sendError(res, 401, 'missing or wrong bearer token', { 'www-authenticate': 'Bearer realm="sitrep"' });
            return;
          }
        }
        const { route, params, allowed } = api.match(method, url.pathname);
        if (!route) {
          if (allowed.length)
            throw Object.assign(new HttpError(405, `${method} not allowed here; use ${allowed.join(' or ')}`), {
              allow: allowed.join(', '),
            });
          throw new HttpError(404, `no endpoint ${url.pathname}`);
        }
        let parsed: Promise<unknown> | undefined;
        const data = await route.handler({
          req,
          res,
          url,
          params,
          body: () => (parsed ??= readJsonBody(req, maxBody)),
        });
        sendJson(res, 200, data);
        return;
      }
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} not allowed here`);
      if (url.pathname === WORLD_URL) {
        if (!world) throw new HttpError(404, 'map shapes are not installed (npm package world-atlas)');
        sendFile(statics, req, res, world, LONG_CACHE);
        return;
      }
      const file = o.uiDir ? confinedPath(o.uiDir, url.pathname) : undefined;
      if (!file && url.pathname === '/favicon.ico') {
        sendBody(res, 200, faviconIco(), { 'content-type': MIME['.ico']!, 'cache-control': LONG_CACHE });
        return;
      }
      if (!file) throw new HttpError(404, `not found: ${url.pathname.slice(0, 200)}`);
      sendFile(statics, req, res, file, UI_CACHE, url.searchParams.get('v') ?? undefined);
    } catch (err) {
      if (err instanceof HttpError) {
        const allow = (err as HttpError & { allow?: string }).allow;
        // An oversize body is not read to the end: close the connection instead of draining it.
        sendError(res, err.status, err.message, {
          ...(allow ? { allow } : {}),
          ...(err.status === 413 ? { connection: 'close' } : {}),
        });
      } else {
        o.log?.(`error: ${(err as Error).stack ?? err}`);
        sendError(res, 500, (err as Error).message || 'internal error');
      }
    }
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? DEFAULT_PORT, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    server,
    url: `http://${shownHost}:${addr.port}`,
    close: async () => {
      await new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      });
      await pool?.close();
    },
  };
}
