/**
 * Input robustness (issue 16): runaway HTML nesting, DTD subsets, ids above 2^53, folders with
 * unreadable parts and symbolic links, the public-address check. Each test fails on the code
 * before the fix.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractHtml } from '../src/ingest/html.ts';
import { capNesting, stripDtdSubset, MAX_NESTING } from '../src/ingest/html/flatten.ts';
import { quoteNumericIds } from '../src/ingest/json-ids.ts';
import { readInputs, userMessage, type FolderReader, type InputResult } from '../src/ingest/inputs.ts';
import { isNonPublicAddress } from '../src/ingest/fetch.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import { ingestDirect } from '../src/corpus/ingest.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/sitrep.mjs');
const work = mkdtempSync(join(tmpdir(), 'sitrep-ingest-robust-'));
after(() => rmSync(work, { recursive: true, force: true }));

const SENTENCE = 'Finance Minister Ingrid Sandvik said on Monday in Oslo that the budget would break every promise.';
/** The issue's reproduction: one paragraph inside `depth` nested divs. */
const nested = (depth: number, tag = 'div') =>
  `<html><body>${`<${tag}>`.repeat(depth)}<p>${SENTENCE}</p>${`</${tag}>`.repeat(depth)}</body></html>`;

function sitrep(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      res({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr });
    });
  });
}

async function collect(gen: AsyncIterable<InputResult>): Promise<InputResult[]> {
  const out: InputResult[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

// --- nested HTML ---------------------------------------------------------------------------------

test('nested HTML: any depth up to 100,000 keeps the paragraph, fast', () => {
  for (const depth of [500, 3000, 10_000, 100_000]) {
    const t0 = performance.now();
    const page = extractHtml(nested(depth));
    const ms = performance.now() - t0;
    assert.equal(page.text, SENTENCE, `depth ${depth}`);
    assert.ok(ms < 5000, `depth ${depth}: ${Math.round(ms)} ms`);
  }
  // Unclosed inline elements nest just as deep.
  const page = extractHtml(`<html><body>${'<span>'.repeat(100_000)}<p>${SENTENCE}</p></body></html>`);
  assert.equal(page.text, SENTENCE);
});

test('capNesting: shallow pages are left as they are; deep ones keep the cap and all text', () => {
  const shallow = nested(MAX_NESTING - 5);
  assert.equal(capNesting(shallow), shallow);
  const deep = capNesting(nested(MAX_NESTING * 3));
  assert.equal((deep.match(/<div>/g) ?? []).length, (deep.match(/<\/div>/g) ?? []).length);
  assert.ok((deep.match(/<div>/g) ?? []).length <= MAX_NESTING);
  assert.ok(deep.includes(`<p>${SENTENCE}</p>`));
  // Void, self-closed and optional-end elements do not count; unmatched end tags pass through.
  const flat = `<div>${'<br><img src="x"/><p>a<li>b'.repeat(300)}</span></div>`;
  assert.equal(capNesting(flat, 10), flat);
  // An end tag closes what was opened inside it: the span left open does not push the cap.
  const sloppy = '<section><span>x</section>'.repeat(300);
  assert.equal(capNesting(sloppy, 10), sloppy);
});

test('nested HTML through the CLI: depth 10,000 extracted, no raw stack overflow', async () => {
  const file = join(work, 'nested.html');
  writeFileSync(file, nested(10_000));
  const r = await sitrep(['extract', file]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Ingrid Sandvik said on Monday/);
  assert.doesNotMatch(r.err, /Maximum call stack/);
});

test('a stack overflow reads as one clear line', () => {
  let err: unknown;
  const deep = (n: number): number => (n <= 0 ? 0 : 1 + deep(n - 1));
  try {
    deep(1e7);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof RangeError);
  assert.equal(userMessage(err), 'nested too deeply to read');
});

// --- DTD subsets ---------------------------------------------------------------------------------

test('an internal DTD subset never leaks into the article', () => {
  const html = '<!DOCTYPE x [<!ENTITY lol9 "&lol8;&lol8;"><!ENTITY lol8 "ha">]>T&lol9; the minister said.';
  const page = extractHtml(html);
  assert.doesNotMatch(page.text, /\]>|ENTITY/);
  assert.match(page.text, /^T&lol9; the minister said\.$/);
  assert.equal(stripDtdSubset('<!DOCTYPE html>\n<p>[a] b</p>'), '<!DOCTYPE html>\n<p>[a] b</p>');
  assert.equal(stripDtdSubset('<!doctype x [ <!ENTITY a "b"> ] >rest'), '<!DOCTYPE x>rest');
});

// --- ids above 2^53 ------------------------------------------------------------------------------

test('quoteNumericIds: numeric ids keep their text; strings and other keys are untouched', () => {
  assert.equal(quoteNumericIds('{"id": 12345678901234567891, "n": 5}'), '{"id": "12345678901234567891", "n": 5}');
  assert.equal(quoteNumericIds('{"id":"7","text":"\\"id\\": 12"}'), '{"id":"7","text":"\\"id\\": 12"}');
  assert.equal(quoteNumericIds('[{"text":"a\\\\","id":-3.5e2}]'), '[{"text":"a\\\\","id":"-3.5e2"}]');
  assert.equal(quoteNumericIds('{"uid": 9, "ids": 8}'), '{"uid": 9, "ids": 8}');
});

test('ids above 2^53: two JSONL records stay two articles, ids as written', async () => {
  const text = 'Anna Berg said in Oslo on Monday that the talks would go on.';
  const jsonl = join(work, 'big-ids.jsonl');
  writeFileSync(
    jsonl,
    `{"id": 12345678901234567890, "text": "${text}"}\n{"id": 12345678901234567891, "text": "${text} More."}\n`,
  );
  const json = join(work, 'big-ids.json');
  writeFileSync(json, `[{"id": 12345678901234567890, "text": "${text}"}, {"id": 12345678901234567891, "text": "x"}]`);
  const ids = (await collect(readInputs([jsonl, json]))).map((r) => (r.ok ? r.article.id : r.error));
  assert.deepEqual(ids, [
    '12345678901234567890',
    '12345678901234567891',
    '12345678901234567890',
    '12345678901234567891',
  ]);

  const corpus = await Corpus.open(join(work, 'big-ids.db'));
  try {
    const tally = await ingestDirect(corpus, readInputs([jsonl]));
    assert.equal(tally.added, 2);
    assert.equal(tally.revision, 0);
  } finally {
    await corpus.close();
  }
});

// --- folders -------------------------------------------------------------------------------------

/** A folder `name` with a readable file, a subfolder `locked` holding a file, and a later sibling. */
function folderWithLockedPart(name: string): string {
  const top = join(work, name);
  mkdirSync(join(top, 'a-open'), { recursive: true });
  mkdirSync(join(top, 'b-locked'));
  mkdirSync(join(top, 'c-open'));
  writeFileSync(join(top, 'a-open/one.txt'), 'Anna Berg said in Oslo on Monday that the talks would go on.');
  writeFileSync(join(top, 'b-locked/hidden.txt'), 'Never read.');
  writeFileSync(join(top, 'c-open/two.txt'), 'Jonas Lie said in Bergen on Tuesday that the port would reopen.');
  return top;
}

test('an unreadable subfolder gives one line; its siblings are read (injected reader)', async () => {
  const top = folderWithLockedPart('inject');
  const folders: FolderReader = {
    readdir: (dir) => {
      if (dir.endsWith('b-locked')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return readdirSync(dir, { withFileTypes: true });
    },
    stat: () => assert.fail('no links here'),
  };
  const results = await collect(readInputs([top], { folders }));
  assert.deepEqual(
    results.map((r) => (r.ok ? r.article.id : `${r.id}: ${r.error}`)),
    [join(top, 'a-open/one.txt'), `${join(top, 'b-locked')}: permission denied`, join(top, 'c-open/two.txt')],
  );
});

test('an unreadable subfolder through the CLI: siblings extracted, one line, exit status 1', async (t) => {
  if (process.getuid?.() === 0) {
    t.skip('running as root: chmod 000 does not stop root reading (the injected-reader test covers it)');
    return;
  }
  const top = folderWithLockedPart('chmod');
  chmodSync(join(top, 'b-locked'), 0o000);
  try {
    const r = await sitrep(['extract', '--jsonl', top]);
    assert.equal(r.code, 1);
    assert.equal(r.out.trim().split('\n').length, 2);
    assert.equal(r.err.trim(), `sitrep: ${join(top, 'b-locked')}: permission denied`);
  } finally {
    chmodSync(join(top, 'b-locked'), 0o755);
  }
});

test('symbolic links in a folder: files followed; folders, loops and broken links one line each', async () => {
  const top = join(work, 'links');
  const outside = join(work, 'outside');
  mkdirSync(top, { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'real.txt'), 'Anna Berg said in Oslo on Monday that the talks would go on.');
  symlinkSync(join(outside, 'real.txt'), join(top, 'a-file.txt'));
  symlinkSync(outside, join(top, 'b-folder'));
  symlinkSync(join(top, 'c-loop'), join(top, 'c-loop'));
  symlinkSync(join(work, 'missing.txt'), join(top, 'd-broken.txt'));
  const results = await collect(readInputs([top]));
  assert.deepEqual(
    results.map((r) => (r.ok ? `ok ${r.article.id}` : `${r.id}: ${r.error}`)),
    [
      `ok ${join(top, 'a-file.txt')}`,
      `${join(top, 'b-folder')}: symbolic link to a folder: not followed`,
      `${join(top, 'c-loop')}: symbolic link loop (a link that leads back to itself)`,
      `${join(top, 'd-broken.txt')}: broken symbolic link (its target does not exist)`,
    ],
  );
  // A loop named on the command line: one line, no raw ELOOP.
  const r = await sitrep(['extract', join(top, 'c-loop')]);
  assert.equal(r.code, 1);
  assert.equal(r.err.trim(), `sitrep: ${join(top, 'c-loop')}: symbolic link loop (a link that leads back to itself)`);
});

// --- public addresses ----------------------------------------------------------------------------

test('publicOnly: documentation ranges and NAT64 of private addresses are refused', () => {
  for (const a of ['192.0.2.1', '198.51.100.7', '203.0.113.9', '2001:db8::1', '64:ff9b:1::1'])
    assert.equal(isNonPublicAddress(a), true, a);
  // NAT64 (64:ff9b::/96) is refused when the IPv4 address it carries is; either notation.
  for (const a of ['64:ff9b::7f00:1', '64:ff9b::127.0.0.1', '64:ff9b::a9fe:a9fe', '64:ff9b::c000:201'])
    assert.equal(isNonPublicAddress(a), true, a);
  for (const a of ['::ffff:7f00:1', '::ffff:127.0.0.1']) assert.equal(isNonPublicAddress(a), true, a);
  for (const a of ['64:ff9b::808:808', '64:ff9b::8.8.8.8', '::ffff:8.8.8.8', '8.8.8.8', '2606:4700::1111'])
    assert.equal(isNonPublicAddress(a), false, a);
});
