/**
 * Polite HTTP fetching: timeout, size cap, redirect limit, honest user agent and a per-host delay.
 * Every failure is a FetchError whose one-line message names the URL and the cause.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { MAX_INPUT_BYTES } from './detect.ts';

/** Who we are: an honest user agent with a contact URL, never a browser disguise. */
export const USER_AGENT = 'sitrep/0.1 (+https://example.invalid/sitrep)';
/** How long one request may take, headers and body together. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Redirects followed before giving up (browsers allow 20; news sites need 2–3). */
export const DEFAULT_MAX_REDIRECTS = 8;
/** Minimum pause between two requests to the same host. */
export const DEFAULT_HOST_DELAY_MS = 1_000;
/** Statuses that redirect. */
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  timeoutMs?: number;
  /** Largest body accepted, in bytes (default: the 30 MB input limit). */
  maxBytes?: number;
  maxRedirects?: number;
  /** Minimum milliseconds between requests to one host (0 turns politeness off, for tests). */
  hostDelayMs?: number;
  userAgent?: string;
  /** Accept header; defaults to pages and feeds. */
  accept?: string;
  /**
   * Refuse hosts that resolve to loopback, private, link-local or other non-public addresses, at
   * every redirect hop: a server that fetches URLs for its callers must not become their way into
   * the network it runs in (server-side request forgery). Off for the command line, where the
   * user names their own URLs.
   */
  publicOnly?: boolean;
}

export interface FetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

/** A fetch that failed; `message` is one line naming the URL and the cause. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    readonly cause_: string,
    readonly status?: number,
  ) {
    super(`${url}: ${cause_}`);
  }
}

/** When each host may next be asked (per process). */
const nextSlot = new Map<string, number>();

/** Wait for the host's turn and book the next one. */
async function politeWait(host: string, delayMs: number): Promise<void> {
  if (delayMs <= 0) return;
  const now = Date.now();
  const slot = Math.max(now, nextSlot.get(host) ?? 0);
  nextSlot.set(host, slot + delayMs);
  if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
}

/**
 * Address ranges that are not the public internet: this host, private networks, link-local
 * (cloud metadata services live at 169.254.169.254), shared carrier space, multicast, reserved.
 */
const NON_PUBLIC = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) {
  NON_PUBLIC.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv6');

/** True when an IP address (v4, v6 or v4-mapped v6) is outside the public internet. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return NON_PUBLIC.check(mapped[1], 'ipv4');
  return NON_PUBLIC.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

async function assertPublicHost(url: string, hostname: string): Promise<void> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch (err) {
    throw new FetchError(url, `network error (${(err as { code?: string }).code ?? (err as Error).message})`);
  }
  const blocked = addresses.find(isNonPublicAddress);
  if (blocked) throw new FetchError(url, `refused: ${host} is not a public address (${blocked})`);
}

/** Fetch a URL (http/https only) and return its final URL, status, content type and body bytes. */
export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? MAX_INPUT_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const hostDelay = opts.hostDelayMs ?? DEFAULT_HOST_DELAY_MS;
  const controller = new AbortController();
  // The clock starts with the first request, not while we wait our turn for a busy host.
  let timer: NodeJS.Timeout | undefined;
  const seconds = `${+(timeoutMs / 1000).toFixed(1)}s`;
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        throw new FetchError(url, `invalid URL ${current}`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchError(url, `unsupported scheme ${parsed.protocol}`);
      if (opts.publicOnly) await assertPublicHost(url, parsed.hostname);
      // Politeness spaces out requests, not the hops of one redirect chain on the same host.
      if (redirects === 0 || parsed.host !== new URL(url).host) await politeWait(parsed.host, hostDelay);
      timer ??= setTimeout(() => controller.abort(), timeoutMs);
      let res: Response;
      try {
        res = await fetch(parsed, {
          redirect: 'manual',
          signal: controller.signal,
          headers: {
            'user-agent': opts.userAgent ?? USER_AGENT,
            accept: opts.accept ?? 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5',
          },
        });
      } catch (err) {
        if (controller.signal.aborted) throw new FetchError(url, `timeout after ${seconds}`);
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new FetchError(url, `network error (${cause?.code ?? cause?.message ?? (err as Error).message})`);
      }
      if (REDIRECT_STATUS.has(res.status)) {
        await res.body?.cancel().catch(() => {});
        const location = res.headers.get('location');
        if (!location) throw new FetchError(url, `HTTP ${res.status} redirect without a Location`, res.status);
        if (redirects + 1 > maxRedirects) throw new FetchError(url, `too many redirects (${maxRedirects})`, res.status);
        current = new URL(location, parsed).href;
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => {});
        throw new FetchError(url, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status);
      }
      const mb = `${+(maxBytes / 1048576).toFixed(2)} MB`;
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw new FetchError(url, `body over ${mb}`, res.status);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        if (res.body) {
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            size += chunk.byteLength;
            if (size > maxBytes) {
              controller.abort();
              throw new FetchError(url, `body over ${mb}`, res.status);
            }
            chunks.push(Buffer.from(chunk));
          }
        }
      } catch (err) {
        if (err instanceof FetchError) throw err;
        if (controller.signal.aborted) throw new FetchError(url, `timeout after ${seconds}`);
        throw new FetchError(url, `network error while reading (${(err as Error).message})`);
      }
      return { url: current, status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.concat(chunks) };
    }
  } finally {
    clearTimeout(timer);
  }
}
