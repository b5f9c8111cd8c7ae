import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isCalendarDay, isDateFilter } from '../src/model/dates.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/sitrep.mjs');
const BRIEF = join(ROOT, 'examples/articles/short-brief.txt');

function sitrep(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('calendar days: only days that exist', () => {
  for (const ok of ['2026-02-28', '2024-02-29', '1999-12-31']) assert.ok(isCalendarDay(ok), ok);
  for (const bad of [
    '2026-13-45',
    '2026-02-30',
    '2025-02-29',
    '2026-00-10',
    '2026-1-5',
    '26-01-05',
    '2026-01-05T00:00',
  ]) {
    assert.ok(!isCalendarDay(bad), bad);
  }
  for (const ok of ['2026', '2026-07', '2026-07-19']) assert.ok(isDateFilter(ok), ok);
  for (const bad of ['2026-13', '2026-00', '2026-02-30', 'July']) assert.ok(!isDateFilter(bad), bad);
});

test('the CLI refuses impossible dates and bad limits with one line, before touching any database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-args-'));
  const db = join(dir, 'never.db');
  const cases: Array<[string[], RegExp]> = [
    [['analyze', BRIEF, '--published', '2026-13-45'], /--published "2026-13-45" is not a calendar day/],
    [['analyze', BRIEF, '--published', '2026-02-30'], /not a calendar day/],
    [['extract', BRIEF, '--published', '2026-02-30'], /--published.*calendar day that exists/],
    [['ingest', BRIEF, '--db', db, '--published', '2026-13-45'], /--published.*calendar day that exists/],
    [['articles', '--db', db, '--limit', 'abc'], /--limit.*whole number/],
    [['articles', '--db', db, '--limit', '-5'], /--limit.*whole number/],
    [['search', 'port', '--db', db, '--limit', '0'], /--limit.*whole number/],
    [['events', '--db', db, '--since', '2026-13'], /--since.*date that exists/],
  ];
  for (const [args, message] of cases) {
    const r = sitrep(args);
    assert.notEqual(r.status, 0, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /datatype mismatch|at .*\.ts:\d+/, args.join(' '));
  }
  assert.ok(!existsSync(db), 'no database was created');
});

test('a JSONL record with an impossible date is one failed item; the others are analysed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-jsonl-dates-'));
  const file = join(dir, 'records.jsonl');
  const text = 'The port reopened on Monday, officials said.';
  writeFileSync(
    file,
    [
      JSON.stringify({ id: 'bad', text, published: '2026-02-30' }),
      JSON.stringify({ id: 'good', text, published: '2026-02-27' }),
    ].join('\n') + '\n',
  );
  const r = sitrep(['analyze', file, '--jsonl']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /2026-02-30.*not a calendar day/);
  const ids = r.stdout
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { id: string }).id);
  assert.deepEqual(ids, ['good']);
});

test('the API answers 400 for impossible dates in bodies and filters', async () => {
  const { Corpus } = await import('../src/corpus/corpus.ts');
  const { startServer } = await import('../src/server/server.ts');
  const { Pipeline } = await import('../src/pipeline.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-api-dates-'));
  const corpus = await Corpus.open(join(dir, 'c.db'));
  const srv = await startServer({ corpus, port: 0, pipeline: new Pipeline() });
  try {
    for (const published of ['2026-13-45', '2026-02-30']) {
      for (const path of ['/api/analyze', '/api/ingest']) {
        const r = await fetch(`${srv.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'The port reopened on Monday, officials said.', published }),
        });
        assert.equal(r.status, 400, `${path} ${published}`);
        assert.match(((await r.json()) as { error: { message: string } }).error.message, /calendar day/);
      }
    }
    const r = await fetch(`${srv.url}/api/articles?since=2026-02-30`);
    assert.equal(r.status, 400);
    assert.equal((await corpus.counts()).articles, 0);
  } finally {
    await srv.close();
    await corpus.close();
  }
});
