/**
 * Read commands open the corpus read-only: a mistyped path is one line, not a new empty file; a
 * database the user may only read (and whose folder they may not write, so SQLite cannot make a
 * WAL `-shm`) still answers; another tool's SQLite file is named as such and never gets sitrep's
 * tables or WAL, from a read command nor from `ingest`; an older corpus is not upgraded by a read.
 *
 * The unwritable-folder test needs a user that chmod stops: root writes anywhere, so as root it
 * runs the CLI as `nobody` through runuser; where neither works it is skipped with its reason.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Corpus } from '../src/corpus/corpus.ts';
import { MIGRATIONS } from '../src/corpus/schema.ts';
import { Pipeline } from '../src/pipeline.ts';
import { postgresBackend, REPO, SITREP_BIN } from './helpers/corpus-backends.ts';
import { runCli, type Done } from './helpers/cli-run.ts';

const work = mkdtempSync(join(tmpdir(), 'sitrep-readonly-'));
chmodSync(work, 0o755); // another user (nobody) reads the test databases below
after(() => {
  chmodSync(work, 0o755);
  for (const d of ['ro']) if (existsSync(join(work, d))) chmodSync(join(work, d), 0o755);
  rmSync(work, { recursive: true, force: true });
});

const ARTICLE = `Ferry service to Hiiumaa suspended after storm damage

The ferry link between the Estonian mainland and the island of Hiiumaa was suspended on Sunday after a storm damaged the landing ramp at Heltermaa, the operator said.`;
const articleFile = join(work, 'ferry.txt');
writeFileSync(articleFile, ARTICLE);

/** The read commands, each with the arguments it needs besides --db. */
const READ_COMMANDS = [
  ['articles'],
  ['stories'],
  ['entity', 'Hiiumaa'],
  ['events'],
  ['search', 'ferry'],
  ['quotes'],
  ['graph'],
];

/** The CLI failed with exactly one line, `sitrep: <message>`, and no stack trace. */
function assertOneLineError(r: Done, pattern: RegExp): void {
  assert.equal(r.code, 1, `exit code (stderr: ${r.stderr})`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${r.stderr}`);
  assert.match(lines[0], /^sitrep: /);
  assert.match(lines[0], pattern);
}

/** The tables of a SQLite file and its journal mode, read without changing it. */
function inspect(path: string): { tables: string[]; journal: string } {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    return { tables, journal: String(db.pragma('journal_mode', { simple: true })) };
  } finally {
    db.close();
  }
}

async function sitrepDb(path: string): Promise<void> {
  const c = await Corpus.open(path);
  await c.add(new Pipeline().analyze({ id: 'ferry', source: { published: '2026-02-01' }, text: ARTICLE }), 'ferry');
  await c.close();
}

describe('read commands open the corpus read-only', () => {
  test('a mistyped path: one line for every read command, and no file made', { timeout: 120_000 }, async () => {
    const path = join(work, 'no-such.db');
    const runs = await Promise.all(READ_COMMANDS.map((args) => runCli([...args, '--db', path])));
    runs.forEach((r) => assertOneLineError(r, new RegExp(`no sitrep database at ${path}`)));
    assert.equal(existsSync(path), false, 'no database created');
  });

  test('another tool’s SQLite file with its own articles table: named, never given tables or WAL', async () => {
    const path = join(work, 'foreign.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT)');
    raw.close();
    const before = inspect(path);
    for (const args of [['articles'], ['ingest', articleFile]]) {
      const r = await runCli([...args, '--db', path]);
      assertOneLineError(r, new RegExp(`${path} is a SQLite database but not a sitrep corpus`));
    }
    assert.deepEqual(inspect(path), before);
    assert.equal(before.journal, 'delete');
    assert.equal(existsSync(path + '-wal'), false, 'no WAL file');
  });

  test('an empty SQLite file: a read command names it; ingest may make it a corpus', async () => {
    const path = join(work, 'empty.db');
    const raw = new Database(path);
    raw.pragma('user_version = 7'); // another tool's empty database: a header, no tables
    raw.close();
    const r = await runCli(['articles', '--db', path]);
    assertOneLineError(r, /is a SQLite database but not a sitrep corpus/);
    assert.deepEqual(inspect(path), { tables: [], journal: 'delete' });
    const ingest = await runCli(['ingest', articleFile, '--db', path]);
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.ok(inspect(path).tables.includes('sitrep_meta'));
  });

  test('an older corpus is not upgraded by a read command', async () => {
    const path = join(work, 'v3.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE sitrep_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) raw.exec(m.sqlite);
    raw.prepare("INSERT INTO sitrep_meta (key, value) VALUES ('schema_version', '3')").run();
    raw.close();
    const r = await runCli(['articles', '--db', path]);
    assertOneLineError(r, /schema version 3 and needs upgrading/);
    const db = new Database(path, { readonly: true });
    const v = db.prepare("SELECT value FROM sitrep_meta WHERE key = 'schema_version'").get() as { value: string };
    db.close();
    assert.equal(v.value, '3');
  });

  test('Corpus.open read-only refuses a missing file and leaves none', async () => {
    const path = join(work, 'missing-lib.db');
    await assert.rejects(Corpus.open(path, { readOnly: true }), /no sitrep database at/);
    assert.equal(existsSync(path), false);
  });
});

/**
 * How to run the CLI as a user that file modes stop: this process when it is not root; as root,
 * `runuser -u nobody` where it exists and nobody can read the repository; otherwise the reason
 * the test is skipped.
 */
function unprivileged(): { prefix: string[] } | string {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const which = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', '0']);
  if (which.error || which.status !== 0) return 'running as root without runuser -u nobody: chmod cannot stop root';
  const reads = spawnSync('runuser', ['-u', 'nobody', '--', 'test', '-r', SITREP_BIN]);
  if (reads.status !== 0) return `running as root and nobody cannot read ${SITREP_BIN}`;
  return { prefix: ['runuser', '-u', 'nobody', '--'] };
}

const asUser = unprivileged();

describe('a corpus the user may only read', () => {
  test(
    'file 0444 in a folder 0555 (no -shm can be made): articles still answers',
    { skip: typeof asUser === 'string' ? asUser : false, timeout: 120_000 },
    async () => {
      const dir = join(work, 'ro');
      mkdirSync(dir);
      const path = join(dir, 'corpus.db');
      await sitrepDb(path);
      assert.equal(existsSync(path + '-shm'), false, 'closed cleanly: no -shm left');
      chmodSync(path, 0o444);
      chmodSync(dir, 0o555);
      const { prefix } = asUser as { prefix: string[] };
      const cmd = [...prefix, process.execPath, SITREP_BIN, 'articles', '--json', '--db', path];
      const r = spawnSync(cmd[0], cmd.slice(1), { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).length, 1);
      assert.equal(existsSync(path + '-shm'), false);
      // The folder really was unwritable to that user (else the test proves nothing).
      if (!prefix.length) assert.throws(() => accessSync(dir, constants.W_OK));
    },
  );
});

const pgb = postgresBackend();
describe('read commands on PostgreSQL', { skip: pgb.skip }, () => {
  after(() => pgb.cleanup());

  test('an empty database and another tool’s: named as such, never given sitrep’s tables', async () => {
    const spec = await pgb.fresh();
    const r = await runCli(['articles', '--db', spec]);
    assertOneLineError(r, /is a PostgreSQL database but not a sitrep corpus/);
    const c = new pg.Client({ connectionString: spec });
    await c.connect();
    try {
      const tables = async () =>
        (
          await c.query<{ n: string }>(
            'SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()',
          )
        ).rows[0].n;
      assert.equal(await tables(), '0', 'the read command made nothing');
      await c.query('CREATE TABLE articles (id SERIAL PRIMARY KEY, headline TEXT)');
      const ingest = await runCli(['ingest', articleFile, '--db', spec]);
      assertOneLineError(ingest, /is a PostgreSQL database but not a sitrep corpus/);
      assert.equal(await tables(), '1', 'ingest added nothing to another tool’s database');
    } finally {
      await c.end();
    }
  });
});
