/**
 * Polite HTTP fetching: timeout, size cap, redirect limit, honest user agent and a per-host delay.
 * Every failure is a FetchError whose one-line message names the URL and the cause.
 *
 * Built on node:http rather than fetch() so that the address a request connects to is the one
 * that was checked (see `publicOnly`): fetch() resolves host names itself, after any check of ours.
 */
import http from 'node:http';
import https from 'node:https';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { MAX_INPUT_BYTES } from './detect.ts';
import { FetchError } from './errors.ts';

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
   * user names their own URLs. The check runs on the very addresses the connection then uses, so
   * a name that resolves to a public address once and to a private one the next time (DNS
   * rebinding) cannot slip through.
   */
  publicOnly?: boolean;
  /** How host names become addresses (default: the system resolver); tests stand in for DNS here. */
  resolve?: Resolver;
}

/** All addresses of a host name. */
export type Resolver = (host: string) => Promise<string[]>;

/** The system's resolver: every address of a host, as node:dns looks them up. */
const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export interface FetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

export { FetchError };

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
 * (cloud metadata services live at 169.254.169.254), shared carrier space, documentation
 * (TEST-NET-1/2/3, 2001:db8::/32), multicast, reserved, local-use NAT64 (64:ff9b:1::/48).
 */
const NON_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  NON_PUBLIC.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(net, bits, 'ipv6');

/**
 * True when an IP address (v4, v6, v4-mapped v6) is outside the public internet. An address in
 * the NAT64 prefix 64:ff9b::/96 reaches the IPv4 address in its last 32 bits through a gateway:
 * it is refused when that IPv4 address is (DNS64 networks give every IPv4-only site such an
 * address, so refusing the whole prefix would cut those networks off the IPv4 web).
 */
export function isNonPublicAddress(address: string): boolean {
  if (isIP(address) !== 6) return NON_PUBLIC.check(address, 'ipv4');
  const embedded = embeddedIpv4(address);
  if (embedded) return NON_PUBLIC.check(embedded, 'ipv4');
  return NON_PUBLIC.check(address, 'ipv6');
}

/** IPv6 groups before the IPv4 address of a v4-mapped address (::ffff:a.b.c.d) and of NAT64 (64:ff9b::a.b.c.d). */
const V4_PREFIXES = ['0:0:0:0:0:ffff', '64:ff9b:0:0:0:0'];

/** The IPv4 address inside a v4-mapped or NAT64 IPv6 address, written either way (undefined if none). */
function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (!V4_PREFIXES.includes(groups.slice(0, 6).join(':'))) return undefined;
  const [hi, lo] = [parseInt(groups[6]!, 16), parseInt(groups[7]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** The eight groups of an IPv6 address, lower case without leading zeros (a trailing a.b.c.d becomes two groups). */
function expandIpv6(address: string): string[] {
  let a = address.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) {
    const [b0, b1, b2, b3] = v4.slice(1).map(Number) as [number, number, number, number];
    a = a.slice(0, v4.index) + ((b0 << 8) | b1).toString(16) + ':' + ((b2 << 8) | b3).toString(16);
  }
  const [head, tail] = a.split('::') as [string, string?];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => parseInt(g, 16).toString(16));
}

/** The refusal of a host that is not a public address (see `publicOnly`). */
const nonPublic = (host: string, address: string) => `refused: ${host} is not a public address (${address})`;

/** A connection refused by `connectLookup` (see `publicOnly`). */
class NonPublicHost extends Error {}

/**
 * The resolver as node:net calls it when connecting, refusing non-public addresses when asked:
 * the addresses checked are the addresses connected to.
 */
function connectLookup(resolve: Resolver, publicOnly: boolean): LookupFunction {
  return (host, options, callback) => {
    resolve(host).then(
      (addresses) => {
        const blocked = publicOnly ? addresses.find(isNonPublicAddress) : undefined;
        if (blocked) return callback(new NonPublicHost(nonPublic(host, blocked)), '', 0);
        if (!addresses.length)
          return callback(Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' }), '', 0);
        const all = addresses.map((address) => ({ address, family: isIP(address) }));
        // node:net asks for every address when it tries them in turn (autoSelectFamily), else for one.
        if (options.all) callback(null, all);
        else callback(null, all[0].address, all[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/**
 * One GET, no redirects followed; resolves with the response once its headers arrive. Each
 * request has a connection of its own (no shared pool), so every connection is made through
 * `lookup` and its check.
 */
function get(
  target: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
  lookup: LookupFunction,
): Promise<http.IncomingMessage> {
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(target, { headers, signal, lookup, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Content encodings we ask for and undo; anything else is left as it came. */
const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};
/** The Accept-Encoding we send: the encodings DECODERS undoes ('x-gzip' is an old alias servers answer with). */
const ACCEPT_ENCODING = Object.keys(DECODERS)
  .filter((k) => k !== 'x-gzip')
  .join(', ');

/** The response body, decoded (gzip, deflate, brotli). */
function bodyOf(res: http.IncomingMessage): Readable {
  const decoder =
    DECODERS[
      String(res.headers['content-encoding'] ?? '')
        .trim()
        .toLowerCase()
    ];
  if (!decoder) return res;
  const decoded = decoder();
  return pipeline(res, decoded, () => undefined);
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
  const lookupFor = connectLookup(opts.resolve ?? systemResolver, opts.publicOnly ?? false);
  try {
    for (let redirects = 0; ; redirects++) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        throw new FetchError(url, `invalid URL ${current}`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new FetchError(url, `unsupported scheme ${parsed.protocol}`);
      const host = parsed.hostname.replace(/^\[|\]$/g, '');
      // An address written in the URL is never looked up, so it is checked here.
      if (opts.publicOnly && isIP(host) && isNonPublicAddress(host)) throw new FetchError(url, nonPublic(host, host));
      // Politeness spaces out requests, not the hops of one redirect chain on the same host.
      if (redirects === 0 || parsed.host !== new URL(url).host) await politeWait(parsed.host, hostDelay);
      timer ??= setTimeout(() => controller.abort(), timeoutMs);
      let res: http.IncomingMessage;
      try {
        res = await get(
          parsed,
          {
            'user-agent': opts.userAgent ?? USER_AGENT,
            accept:
              opts.accept ??
              'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,' +
                'application/xml;q=0.9,*/*;q=0.5',
            'accept-encoding': ACCEPT_ENCODING,
          },
          controller.signal,
          lookupFor,
        );
      } catch (err) {
        if (err instanceof NonPublicHost) throw new FetchError(url, err.message);
        if (controller.signal.aborted) throw new FetchError(url, `timeout after ${seconds}`);
        const e = err as NodeJS.ErrnoException;
        throw new FetchError(url, `network error (${e.code ?? e.message})`);
      }
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUS.has(status)) {
        res.destroy(); // a response we do not read
        const location = res.headers.location;
        if (!location) throw new FetchError(url, `HTTP ${status} redirect without a Location`, status);
        if (redirects + 1 > maxRedirects) throw new FetchError(url, `too many redirects (${maxRedirects})`, status);
        current = new URL(location, parsed).href;
        continue;
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        throw new FetchError(url, `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, status);
      }
      const mb = `${+(maxBytes / 1048576).toFixed(2)} MB`;
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (declared > maxBytes) {
        res.destroy();
        throw new FetchError(url, `body over ${mb}`, status);
      }
      // The cap counts decoded bytes, so a small compressed body cannot unpack into a huge one.
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of bodyOf(res) as AsyncIterable<Buffer>) {
          size += chunk.byteLength;
          if (size > maxBytes) {
            controller.abort();
            throw new FetchError(url, `body over ${mb}`, status);
          }
          chunks.push(chunk);
        }
      } catch (err) {
        if (err instanceof FetchError) throw err;
        if (controller.signal.aborted) throw new FetchError(url, `timeout after ${seconds}`);
        throw new FetchError(url, `network error while reading (${(err as Error).message})`);
      }
      return {
        url: current,
        status,
        contentType: String(res.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks),
      };
    }
  } finally {
    clearTimeout(timer);
  }
}
