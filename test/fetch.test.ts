import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { fetchUrl, FetchError, USER_AGENT, isNonPublicAddress } from '../src/ingest/fetch.ts';
import { decodeText } from '../src/ingest/detect.ts';

// A local server standing in for the web: never the internet.
let server: http.Server;
let base = '';
const seenAgents: string[] = [];
const hits: number[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    seenAgents.push(req.headers['user-agent'] ?? '');
    const url = req.url ?? '/';
    if (url === '/ok') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><p>Caf\u00e9 opens</p></body></html>');
    } else if (url === '/latin') {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
      res.end(Buffer.from('<html><body><p>\x93Caf\xe9\x94 \x96 open</p></body></html>', 'latin1'));
    } else if (url === '/slow') {
      setTimeout(() => {
        res.writeHead(200);
        res.end('late');
      }, 2000).unref();
    } else if (url === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (url === '/hop') {
      res.writeHead(301, { location: '/ok' });
      res.end();
    } else if (url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(Buffer.alloc(64 * 1024, 97));
    } else if (url === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(gzipSync('<html><body><p>Packed caf\u00e9 news</p></body></html>'));
    } else if (url === '/bomb') {
      // 64 KB of text that travels as a few hundred bytes
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(64 * 1024, 97)));
    } else if (url === '/polite') {
      hits.push(Date.now());
      res.writeHead(200);
      res.end('ok');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const quick = { hostDelayMs: 0 };

test('a page comes back with its final URL, status, type and bytes, under an honest user agent', async () => {
  const r = await fetchUrl(`${base}/hop`, quick);
  assert.equal(r.url, `${base}/ok`);
  assert.equal(r.status, 200);
  assert.match(r.contentType, /text\/html/);
  assert.equal(decodeText(r.body, r.contentType), '<html><body><p>Caf\u00e9 opens</p></body></html>');
  assert.ok(seenAgents.every((a) => a === USER_AGENT));
  assert.match(USER_AGENT, /^sitrep\//);
});

test('charset from the HTTP header', async () => {
  const r = await fetchUrl(`${base}/latin`, quick);
  assert.match(decodeText(r.body, r.contentType), /\u201cCaf\u00e9\u201d \u2013 open/);
});

test('timeout: one-line error naming the URL and the seconds', async () => {
  await assert.rejects(fetchUrl(`${base}/slow`, { ...quick, timeoutMs: 300 }), (e: unknown) => {
    assert.ok(e instanceof FetchError);
    assert.equal(e.message, `${base}/slow: timeout after 0.3s`);
    return true;
  });
});

test('HTTP 404', async () => {
  await assert.rejects(
    fetchUrl(`${base}/missing`, quick),
    (e: unknown) => e instanceof FetchError && e.status === 404 && e.message.startsWith(`${base}/missing: HTTP 404`),
  );
});

test('a redirect loop stops at the limit', async () => {
  await assert.rejects(
    fetchUrl(`${base}/loop`, { ...quick, maxRedirects: 4 }),
    (e: unknown) => e instanceof FetchError && e.message === `${base}/loop: too many redirects (4)`,
  );
});

test('a body over the size cap is refused with the cap named', async () => {
  await assert.rejects(
    fetchUrl(`${base}/big`, { ...quick, maxBytes: 16 * 1024 }),
    (e: unknown) => e instanceof FetchError && /body over 0\.02 MB/.test(e.message),
  );
});

test('unsupported schemes and bad URLs are FetchErrors', async () => {
  await assert.rejects(
    fetchUrl('file:///etc/hostname', quick),
    (e: unknown) => e instanceof FetchError && /unsupported scheme file:/.test(e.message),
  );
  await assert.rejects(fetchUrl('not a url', quick), FetchError);
});

test('requests to one host are spaced by the politeness delay', async () => {
  hits.length = 0;
  await Promise.all([
    fetchUrl(`${base}/polite`, { hostDelayMs: 150 }),
    fetchUrl(`${base}/polite`, { hostDelayMs: 150 }),
    fetchUrl(`${base}/polite`, { hostDelayMs: 150 }),
  ]);
  hits.sort((a, b) => a - b);
  assert.equal(hits.length, 3);
  assert.ok(hits[2]! - hits[0]! >= 250, `spacing ${hits[2]! - hits[0]!} ms`);
});

test('publicOnly refuses loopback, private and link-local hosts before any request is made', async () => {
  const before = seenAgents.length;
  for (const url of [
    `${base}/ok`,
    'http://localhost:9/x',
    'http://[::1]:9/x',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.1.2.3/',
    'http://192.168.0.10/',
  ]) {
    await assert.rejects(
      fetchUrl(url, { ...quick, publicOnly: true }),
      (err: Error) => err instanceof FetchError && /refused: .* is not a public address/.test(err.message),
      url,
    );
  }
  assert.equal(seenAgents.length, before, 'no request reached the local server');
  // Without the option (the command line), the user's own local URLs work.
  assert.equal((await fetchUrl(`${base}/ok`, quick)).status, 200);
});

test('isNonPublicAddress knows the reserved ranges, v4-mapped v6 included', () => {
  for (const a of [
    '127.0.0.1',
    '10.0.0.5',
    '172.20.1.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ]) {
    assert.equal(isNonPublicAddress(a), true, a);
  }
  for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])
    assert.equal(isNonPublicAddress(a), false, a);
});

test('compressed bodies come back decoded, and the size cap counts the decoded bytes', async () => {
  const res = await fetchUrl(`${base}/gzip`, quick);
  assert.equal(decodeText(res.body, res.contentType), '<html><body><p>Packed caf\u00e9 news</p></body></html>');
  await assert.rejects(
    fetchUrl(`${base}/bomb`, { ...quick, maxBytes: 16 * 1024 }),
    (e: unknown) => e instanceof FetchError && /body over/.test(e.message),
  );
});

test('a request connects to the very addresses its host name was resolved (and checked) to, resolving once', async () => {
  const port = new URL(base).port;
  const asked: string[] = [];
  const toLocal = async (host: string) => (asked.push(host), ['127.0.0.1']);
  // A made-up name reaches the local server only through the resolver's answer.
  const res = await fetchUrl(`http://news.example.test:${port}/ok`, { ...quick, resolve: toLocal });
  assert.equal(res.status, 200);
  assert.deepEqual(asked, ['news.example.test']);
  // With publicOnly, that same answer is refused, and nothing reaches the server. A name that
  // answers a public address to a first lookup and a private one to the next (DNS rebinding)
  // gains nothing: there is no lookup but the one the connection uses.
  const before = seenAgents.length;
  await assert.rejects(
    fetchUrl(`http://news.example.test:${port}/ok`, { ...quick, publicOnly: true, resolve: toLocal }),
    (e: unknown) =>
      e instanceof FetchError &&
      /refused: news\.example\.test is not a public address \(127\.0\.0\.1\)/.test(e.message),
  );
  assert.equal(seenAgents.length, before, 'no request reached the local server');
  assert.equal(asked.length, 2, 'one lookup per request');
});
