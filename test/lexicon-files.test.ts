import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, 'data/lexicons');

/** Every file under data/lexicons/, relative to it. */
function walk(dir = ''): string[] {
  return readdirSync(path.join(DIR, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

test('every lexicon file says what it is, where its words came from and who reads it', () => {
  const files = walk().filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 5);
  for (const f of files) {
    const lex = JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Record<string, unknown>;
    for (const key of ['_about', '_source', '_usedBy']) assert.ok(lex[key], `${f}: no ${key}`);
    const usedBy = lex._usedBy as string[];
    assert.ok(Array.isArray(usedBy) && usedBy.length > 0, `${f}: _usedBy is a list of modules`);
    for (const m of usedBy) assert.ok(existsSync(path.join(ROOT, m)), `${f}: _usedBy names ${m}, which does not exist`);
    const lists = Object.keys(lex).filter((k) => !k.startsWith('_'));
    assert.ok(lists.length > 0, `${f}: no lists`);
  }
});

test('the lexicon README lists every lexicon file', () => {
  const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
  for (const f of walk().filter((f) => f !== 'README.md')) assert.ok(readme.includes(`\`${f}\``), `README.md: ${f}`);
});
