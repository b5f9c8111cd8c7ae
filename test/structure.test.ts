import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFile, checkTree } from '../scripts/check-structure.ts';

test('the source tree keeps the structure rules (npm run check:structure)', () => {
  const findings = checkTree();
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.line}: ${f.rule}: ${f.text}`),
    [],
  );
});

test('the structure checker finds what it is meant to find', () => {
  const rules = (file: string, src: string) => checkFile(file, src).map((f) => f.rule);
  assert.deepEqual(rules('src/nlp/x.ts', "import { a } from '../extract/quotes.ts';\n"), ['layering']);
  assert.deepEqual(rules('src/extract/claims.ts', "import { a } from './quotes.ts';\n"), ['stage-import']);
  assert.deepEqual(rules('src/extract/claims.ts', "import { a } from './coref.ts';\n"), []);
  assert.deepEqual(rules('src/extract/a.ts', "const L = ['a', 'b', 'c', 'd', 'e', 'f'];\n"), ['word-list']);
  assert.deepEqual(rules('src/extract/a.ts', "const L = ['a', 'b', 'c', 'd', 'e'];\n"), []);
  assert.deepEqual(rules('src/extract/a.ts', 'const R = /^(?:one|two|three|four|five|six)$/;\n'), ['word-list']);
  assert.deepEqual(rules('src/extract/a.ts', 'const R = /^(?:[a-z]|\\d+|x)$/;\n'), []);
  assert.deepEqual(rules('src/corpus/a.ts', "const COLS = ['a', 'b', 'c', 'd', 'e', 'f'];\n"), []);
  assert.deepEqual(rules('src/extract/a.ts', 'const x = y as unknown as Z;\n'), ['as-unknown-as']);
  assert.deepEqual(rules('src/extract/a.ts', `const s = '${'x'.repeat(130)}';\n`), ['line-length']);
  assert.deepEqual(rules('src/extract/a.ts', 'let x;\n'.repeat(601)), ['file-length']);
});
