/**
 * The package as a user gets it: `npm pack` makes the tarball, which installs into an empty folder,
 * where `npx sitrep analyze` and examples/library.mjs run and the example type-checks against the
 * package's own declarations (skipLibCheck off), with no TypeScript runtime (tsx) installed.
 *
 * No network. The tarball packs the build that `npm ci` made (rebuilt first when src/ changed since),
 * with --ignore-scripts so the build is not redone under the other tests. The folder's lockfile pins
 * every dependency to the repository's lockfile (version and integrity), so `npm ci --offline` takes
 * them from npm's cache, which the repository's own `npm ci` filled. Its --ignore-scripts skips
 * better-sqlite3's native compile (minutes of C): the addon the repository's install built, the same
 * version for the same node, is copied in instead. Skipped, with the reason, when npm or the cache of a
 * dependency is missing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { buildState } from '../bin/build-state.mjs';
import type { Analysis } from '../src/model/analysis.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const ADDON = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
const dir = mkdtempSync(join(tmpdir(), 'sitrep-package-'));
const app = join(dir, 'app');
let tarball = '';
let packed: string[] = [];
let skip: string | false = false;

function run(cmd: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, input, encoding: 'utf8', timeout: 120_000 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The folder's lockfile: the tarball, and each dependency as the repository's lockfile has it. */
function lockfile(file: string): unknown {
  const repo = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const packages: Record<string, unknown> = {
    '': { name: 'app', dependencies: { sitrep: `file:${file}` } },
    'node_modules/sitrep': {
      version: PKG.version,
      resolved: `file:${file}`,
      license: PKG.license,
      dependencies: PKG.dependencies,
      bin: PKG.bin,
      engines: PKG.engines,
    },
  };
  // what the repository installs to run sitrep (not its development tools)
  for (const [k, v] of Object.entries(repo.packages as Record<string, { dev?: boolean }>))
    if (k && !v.dev) packages[k] = v;
  return { name: 'app', lockfileVersion: 3, requires: true, packages };
}

before(() => {
  if (run('npm', ['--version'], dir).status !== 0) {
    skip = 'npm is not on PATH';
    return;
  }
  if (!existsSync(join(ROOT, ADDON))) {
    skip = `${ADDON} is missing (run npm ci)`;
    return;
  }
  const state = buildState(ROOT);
  if (state !== 'current') ok(run('npm', ['run', 'build'], ROOT), `npm run build (the build was ${state})`);
  const out = ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT), 'npm pack');
  const info = (JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>)[0];
  tarball = info.filename;
  packed = info.files.map((f) => f.path);

  mkdirSync(app);
  const file = `../${tarball}`;
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, dependencies: { sitrep: file } }),
  );
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lockfile(file), null, 2));
  const install = run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], app);
  if (install.status !== 0 && /ENOTCACHED/.test(install.stderr)) {
    skip = `npm's cache lacks a dependency (${/request to (\S+)/.exec(install.stderr)?.[1] ?? 'see npm ci'}): run npm ci`;
    return;
  }
  ok(install, 'npm ci of the tarball');
  mkdirSync(join(app, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
  copyFileSync(join(ROOT, ADDON), join(app, ADDON));
  cpSync(join(ROOT, 'examples/library.mjs'), join(app, 'library.mjs'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the tarball holds the build, the bin, the data and the schema, and no sources', (t) => {
  if (skip) return t.skip(skip);
  assert.equal(tarball, `sitrep-${PKG.version}.tgz`);
  for (const f of [
    'bin/sitrep.mjs',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/cli/main.js',
    'dist/server/analysis-thread.js',
    'dist/ui/app.js',
    'data/models/ner/model.bin',
    'data/gazetteer/gazetteer.tsv',
    'data/gazetteer/gazetteer.idx',
    'data/name-lists/gazetteer-keys.tsv',
    'data/lexicons/reporting-verbs.json',
    'schema/analysis.schema.json',
  ])
    assert.ok(packed.includes(f), `${f} is packed`);
  assert.deepEqual(
    packed.filter((f) => /^(src|test|scripts)\//.test(f) || f.endsWith('.ts.map')),
    [],
    'no sources, tests or scripts',
  );
});

test('installed, npx sitrep analyses a text and knows its version, without tsx', (t) => {
  if (skip) return t.skip(skip);
  assert.ok(!existsSync(join(app, 'node_modules/tsx')), 'tsx is a development dependency only');
  assert.equal(ok(run('npx', ['--no', '--', 'sitrep', '--version'], app), 'sitrep --version').trim(), PKG.version);
  assert.match(
    ok(run('npx', ['--no', '--', 'sitrep', 'analyze', '--help'], app), 'sitrep analyze --help'),
    /--published/,
  );
  const text = 'The foreign minister said on Tuesday that talks with Russia would resume in Geneva.';
  const json = ok(
    run('npx', ['--no', '--', 'sitrep', 'analyze', '-', '--json', '--published', '2026-05-15'], app, text),
    'analyze',
  );
  const analysis: Analysis = JSON.parse(json);
  const schema = JSON.parse(readFileSync(join(app, 'node_modules/sitrep/schema/analysis.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const valid = validate(JSON.parse(json));
  assert.ok(valid, JSON.stringify(validate.errors));
  const names = analysis.entities.map((e) => e.name);
  assert.ok(names.includes('Geneva') && names.includes('Russia'), names.join(', '));
  assert.ok(
    analysis.times.some((t) => t.value === '2026-05-12'),
    'Tuesday resolved',
  );
});

test('installed, the library example runs and type-checks against the package', (t) => {
  if (skip) return t.skip(skip);
  const out = ok(run(process.execPath, ['library.mjs'], app), 'node library.mjs');
  assert.match(out, /^entity: Ingrid Sandvik \(PERSON\)$/m);
  assert.match(out, /^quote: Ingrid Sandvik: I will not put my name to numbers I cannot defend$/m);
  assert.match(out, /^page: Talks resume in Geneva · /m);
  assert.match(out, /^ingest: 2 added, 0 failed$/m);
  assert.match(out, /^search: Talks resume in Geneva$/m);
  assert.match(out, /^her claim: /m);
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        target: 'es2022',
        strict: true,
        noEmit: true,
        allowJs: true,
        checkJs: true,
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['library.mjs'],
    }),
  );
  ok(run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], app), 'tsc over the example');
});
