/** The command line: output formats, and bad input handled one line per input without stopping the batch. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, truncateSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/sitrep.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));

function sitrep(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const BRIEF =
  'Police in Turin detained two men on Monday, prosecutors said.\n\n"We acted quickly," said Chief Inspector Paola Ferri.\n';

test('--help describes analyze and its options', () => {
  const r = sitrep(['analyze', '--help']);
  assert.equal(r.code, 0);
  for (const opt of ['--published', '--json', '--jsonl', '--title', '--publisher'])
    assert.match(r.out, new RegExp(opt));
});

test('reads standard input and writes one JSON document', () => {
  const r = sitrep(['analyze', '-', '--json', '--published', '2026-04-08', '--publisher', 'Po Valley Courier'], BRIEF);
  assert.equal(r.code, 0, r.err);
  const a = JSON.parse(r.out);
  assert.equal(a.id, 'stdin');
  assert.equal(a.source.published, '2026-04-08');
  assert.equal(a.source.publisher, 'Po Valley Courier');
  assert.ok(a.text.includes('Police in Turin'));
  assert.ok(Array.isArray(a.sentences) && a.sentences.length >= 2);
});

test('a bad --published date is refused with a clear message', () => {
  const r = sitrep(['analyze', '-', '--published', '8 April'], BRIEF);
  assert.equal(r.code, 2);
  assert.match(r.err, /YYYY-MM-DD/);
});

test('bad inputs each get one line naming them; the rest are analysed; exit status 1', () => {
  const good = join(dir, 'good.txt');
  writeFileSync(good, BRIEF);
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  const binary = join(dir, 'photo.txt');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]));
  const cp1252 = join(dir, 'legacy.txt');
  writeFileSync(cp1252, Buffer.from('The caf\xe9 owner said: \x93We reopen on Friday.\x94\n', 'latin1'));
  const huge = join(dir, 'huge.txt');
  writeFileSync(huge, '');
  truncateSync(huge, 100 * 1024 * 1024);
  const jsonl = join(dir, 'records.jsonl');
  writeFileSync(
    jsonl,
    JSON.stringify({ id: 'r1', text: BRIEF, published: '2026-04-08' }) +
      '\n{"id": "r2", "text": \n' +
      JSON.stringify({ id: 'r3', text: 'Fog closed Milan airport on Sunday.' }) +
      '\n',
  );
  const missing = join(dir, 'missing.txt');

  const r = sitrep(['analyze', '--jsonl', good, missing, empty, binary, cp1252, huge, jsonl]);
  assert.equal(r.code, 1);
  const lines = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((a) => a.id),
    [good, cp1252, 'r1', 'r3'],
  );
  assert.ok(lines[1].text.includes('café owner said: “We reopen on Friday.”'), 'Windows-1252 decoded');
  const err = r.err.trim().split('\n');
  assert.equal(err.length, 5, r.err);
  assert.match(err[0], /missing\.txt: no such file/);
  assert.match(err[1], /empty\.txt: empty/);
  assert.match(err[2], /photo\.txt: binary/);
  assert.match(err[3], /huge\.txt: .*100\.0 MB, over the 30 MB limit/);
  assert.match(err[4], /records\.jsonl:2: malformed JSON line/);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack traces');
});

test('the default report lists people, quotes and dates', () => {
  const f = join(dir, 'brief.txt');
  writeFileSync(f, BRIEF);
  const r = sitrep(['analyze', f, '--published', '2026-04-08']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /People/);
  assert.match(r.out, /Paola Ferri/);
  assert.match(r.out, /We acted quickly/);
  assert.match(r.out, /2026-04-06/);
});

test('a JSON array of records gives a JSON array of analyses', () => {
  const f = join(dir, 'records.json');
  writeFileSync(
    f,
    JSON.stringify([
      { id: 'a', text: BRIEF },
      { id: 'b', text: 'Snow fell in Oslo.' },
    ]),
  );
  const r = sitrep(['analyze', f, '--json']);
  assert.equal(r.code, 0, r.err);
  const arr = JSON.parse(r.out);
  assert.deepEqual(
    arr.map((x: { id: string }) => x.id),
    ['a', 'b'],
  );
  assert.ok(readFileSync(f, 'utf8').length > 0);
});

test('--format csv writes ACLED-like event rows; --format geojson places and events', () => {
  const f = join(dir, 'clash.txt');
  writeFileSync(f, 'Rebels attacked an army base in Goma on Tuesday, killing six soldiers, the army said.\n');
  const csv = sitrep(['analyze', f, f, '--published', '2026-06-04', '--format', 'csv']);
  assert.equal(csv.code, 0, csv.err);
  const lines = csv.out.trim().split(/\r?\n/);
  assert.match(
    lines[0],
    /^event_date,event_type,sub_event_type,actor1,actor2,location,latitude,longitude,fatalities,source,notes/,
  );
  assert.equal(lines.filter((l) => l.startsWith('event_date')).length, 1, 'one header for several inputs');
  assert.ok(
    lines.some((l) => l.startsWith('2026-06-02,') && l.includes('Goma') && l.includes('ASSAULT')),
    csv.out,
  );
  const geo = JSON.parse(sitrep(['analyze', f, '--published', '2026-06-04', '--format', 'geojson']).out);
  assert.equal(geo.type, 'FeatureCollection');
  const goma = geo.features.find((x: { properties: { name?: string } }) => x.properties.name === 'Goma');
  assert.ok(goma, 'Goma is a place feature');
  assert.ok(
    Math.abs(goma.geometry.coordinates[1] - -1.68) < 0.5 && Math.abs(goma.geometry.coordinates[0] - 29.2) < 0.5,
  );
  assert.ok(
    geo.features.some(
      (x: { properties: { kind: string; type?: string } }) =>
        x.properties.kind === 'event' && x.properties.type === 'ASSAULT',
    ),
  );
});
