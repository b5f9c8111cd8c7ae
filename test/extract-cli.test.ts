/**
 * `sitrep extract` and `sitrep analyze` on web inputs, end to end through the command line: pages,
 * feeds, folders and URLs served by a local HTTP server, with every kind of bad input in one
 * batch — each gets one line naming it, the rest is done, and the exit status is 1.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync, readFileSync, truncateSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/sitrep.mjs');
const FIX = join(ROOT, 'test/fixtures/web');
const dir = mkdtempSync(join(tmpdir(), 'sitrep-extract-'));
let server: Server;
let base = '';

function sitrep(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((res) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, timeout: 120_000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        res({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr });
      },
    );
  });
}

before(async () => {
  const page = readFileSync(join(FIX, 'news-share.html'));
  server = createServer((req, res) => {
    switch (req.url) {
      case '/article':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
        return;
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/slow':
        setTimeout(() => res.writeHead(200).end('<p>late</p>'), 5000).unref();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

test('extract: a page, a gzip page and a folder of feeds give clean text and metadata', async () => {
  const gz = join(dir, 'page.html.gz');
  writeFileSync(gz, gzipSync(readFileSync(join(FIX, 'news-share.html'))));
  const r = await sitrep(['extract', '--jsonl', join(FIX, 'news-share.html'), gz]);
  assert.equal(r.code, 0, r.err);
  const [a, b] = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(a.title, 'Tidal barrage approved for Kessford estuary');
  assert.equal(a.published, '2025-04-09');
  assert.equal(a.publisher, 'The Coastline Herald');
  assert.ok(a.text.includes('Planners have approved'));
  assert.ok(!/newsletter|Share on/i.test(a.text), 'share bar and newsletter box are gone');
  assert.ok(
    a.blocks.some((x: { kind: string }) => x.kind === 'caption'),
    'the figure caption is a caption block',
  );
  assert.equal(b.text, a.text, 'gzip content is detected without trusting the name');
});

test('analyze: HTML pages use the page date unless --published overrides it', async () => {
  const page = join(FIX, 'news-share.html');
  const plain = JSON.parse((await sitrep(['analyze', '--json', page])).out);
  assert.equal(plain.source.published, '2025-04-09');
  assert.ok(plain.entities.some((e: { name: string }) => /Ruth Annable/.test(e.name)));
  const over = JSON.parse((await sitrep(['analyze', '--json', '--published', '2025-05-01', page])).out);
  assert.equal(over.source.published, '2025-05-01');
});

test('analyze: a folder is read recursively, feeds give their items', async () => {
  const folder = join(dir, 'folder');
  mkdirSync(join(folder, 'nested'), { recursive: true });
  writeFileSync(join(folder, 'nested', 'feed.xml'), readFileSync(join(FIX, 'feed-rss.xml')));
  writeFileSync(join(folder, 'brief.txt'), 'Snow closed the airport in Tromsø on Monday, officials said.');
  writeFileSync(join(folder, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  const r = await sitrep(['analyze', '--jsonl', '--published', '2025-03-15', folder]);
  const ids = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).id);
  assert.ok(ids.includes(join(folder, 'brief.txt')));
  assert.ok(
    ids.some((id: string) => id.startsWith('https://')),
    'feed items are analysed by their link',
  );
  assert.ok(!ids.some((id: string) => id.endsWith('photo.jpg')), 'non-article files in a folder are skipped');
});

test('bad web inputs: one line each, the rest of the batch done, exit status 1', async () => {
  const big = join(dir, 'big.html');
  writeFileSync(big, '');
  truncateSync(big, 31 * 1024 * 1024);
  const binary = join(dir, 'doc.html');
  writeFileSync(binary, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 7)]));
  const emptyFeed = join(dir, 'empty.xml');
  writeFileSync(emptyFeed, '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>');
  const notXml = join(dir, 'broken.rss');
  writeFileSync(notXml, '<rss version="2.0"><channel><item><title>Half');
  const r = await sitrep([
    'extract',
    '--jsonl',
    '--timeout',
    '1',
    join(FIX, 'broken.html'),
    big,
    binary,
    emptyFeed,
    notXml,
    `${base}/article`,
    `${base}/missing`,
    `${base}/loop`,
    `${base}/slow`,
  ]);
  assert.equal(r.code, 1);
  const ids = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).id);
  assert.deepEqual(ids, [join(FIX, 'broken.html'), `${base}/article`]);
  const err = r.err.trim().split('\n');
  assert.equal(err.length, 7, r.err);
  assert.match(err[0], /big\.html: .*31\.0 MB, over the 30 MB limit/);
  assert.match(err[1], /doc\.html: binary/);
  assert.match(err[2], /empty\.xml: feed has no items/);
  assert.match(err[3], /broken\.rss: /);
  assert.match(err[4], /\/missing: .*404/);
  assert.match(err[5], /\/loop: .*redirects/);
  assert.match(err[6], /\/slow: .*timeout/);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack traces');
});
