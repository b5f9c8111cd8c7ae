/**
 * sitrep is MIT: nothing it installs to run (the dependencies of package.json and theirs, as
 * package-lock.json records them) may be under the GPL. Development tools (build scripts that
 * only read a package's data files, linters, test runners) are not shipped and may differ.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

test('no package installed to run sitrep is under the GPL', (t) => {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; license?: string }>;
  };
  const runtime = Object.entries(lock.packages).filter(([p, v]) => p && !v.dev && !v.devOptional);
  if (!runtime.length) return t.skip('package-lock.json lists no packages');
  const gpl: string[] = [];
  for (const [p, v] of runtime) {
    const manifest = path.join(ROOT, p, 'package.json');
    const licence = v.license ?? (existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).license : '');
    if (/\bA?GPL/i.test(String(licence)) && !/\bLGPL/i.test(String(licence))) gpl.push(`${p} (${licence})`);
  }
  assert.deepEqual(gpl, []);
  // the package the gazetteer's regions come from is a development dependency only
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.dependencies['country-state-city'], undefined);
});
