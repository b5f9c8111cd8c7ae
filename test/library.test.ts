/**
 * The library entry point (src/index.ts, the package's `sitrep`): `analyze` gives what the pipeline
 * gives, `extract` what `sitrep extract` gives, and `Corpus` the corpus commands' answers; bad inputs
 * are refused with errors naming them. The packed package is tested in package.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze, extract, Corpus, version } from 'sitrep';
import { Pipeline } from '../src/pipeline.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TEXT =
  'Finance Minister Ingrid Sandvik warned on Tuesday that she would resign. ' +
  '"I will not put my name to numbers I cannot defend," she told reporters in Oslo.';
const PAGE =
  '<html><head><title>Talks resume in Geneva</title></head><body><nav>Home | World</nav><article>' +
  '<h1>Talks resume in Geneva</h1><p>Negotiators from Norway and Sweden met in Geneva on Monday to resume ' +
  'talks on fishing quotas, officials said.</p></article></body></html>';

test('the library is what package.json exports, at its version', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(version, pkg.version);
  assert.equal(pkg.exports['.'].types, './dist/index.d.ts');
  assert.equal(pkg.exports['.'].default, './dist/index.js');
  assert.equal(pkg.types, './dist/index.d.ts');
});

test('analyze gives the pipeline analysis of a text or an article', async () => {
  const expected = new Pipeline().analyze({ id: 'a', source: { published: '2026-05-12' }, text: TEXT });
  assert.deepEqual(await analyze(TEXT, { published: '2026-05-12', id: 'a' }), expected);
  assert.deepEqual(await analyze({ text: TEXT, published: '2026-05-12', id: 'a' }), expected);
  const a = await analyze({ text: TEXT, url: 'https://news.example/a', title: 'Budget row' });
  assert.equal(a.id, 'https://news.example/a');
  assert.equal(a.source.title, 'Budget row');
  // without an id or URL, the id is a hash of the content: two texts never share one
  assert.match((await analyze(TEXT)).id, /^sha256:[0-9a-f]{16}$/);
  assert.notEqual((await analyze(TEXT)).id, (await analyze(TEXT + ' More.')).id);
});

test('analyze reads HTML as the command line does', async () => {
  const a = await analyze({ html: PAGE, url: 'https://news.example/talks', published: '2026-05-11' });
  assert.equal(a.source.title, 'Talks resume in Geneva');
  assert.ok(a.entities.some((e) => e.name === 'Geneva'));
  assert.ok(!a.text.includes('Home | World'), 'navigation removed');
});

test('analyze refuses what is not an article, naming the fault', async () => {
  await assert.rejects(analyze({ title: 'no text' }), /text or its html/);
  await assert.rejects(analyze(42 as unknown as string), TypeError);
  await assert.rejects(analyze(TEXT, { published: '2026-02-30' }), /published: "2026-02-30" is not a calendar day/);
});

test('extract gives the record of sitrep extract', async () => {
  const page = await extract(PAGE, 'https://news.example/talks');
  assert.equal(page.id, 'https://news.example/talks');
  assert.equal(page.title, 'Talks resume in Geneva');
  assert.equal(page.url, 'https://news.example/talks');
  assert.ok(page.text.includes('fishing quotas'));
  assert.ok(page.blocks.some((b) => b.kind === 'paragraph'));
  await assert.rejects(extract('<html><body><nav>Home</nav></body></html>'), /no article text found/);
});

test('Corpus: ingest articles and files, then search, entity, claims, events, quotes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-library-'));
  try {
    const file = join(dir, 'brief.txt');
    writeFileSync(file, 'Prime Minister Henrik Aalberg said on Monday that the budget was balanced.\n');
    const corpus = await Corpus.open(join(dir, 'c.db'));
    try {
      const events: string[] = [];
      const r = await corpus.ingest(
        [
          { text: TEXT, published: '2026-05-12', url: 'https://news.example/budget' },
          { html: PAGE, url: 'https://news.example/talks' },
          file,
          join(dir, 'missing.txt'),
          { title: 'nothing to read' },
        ],
        { published: '2026-05-11', onEvent: (e) => events.push(e.kind) },
      );
      assert.equal(r.added, 3);
      assert.equal(r.failed, 2);
      assert.deepEqual(
        r.failures.map((f) => f.error),
        ['no such file', 'an article needs its text or its html (a string)'],
      );
      assert.deepEqual(events.filter((k) => k === 'stored').length, 3);
      const again = await corpus.ingest({ text: TEXT, published: '2026-05-12', url: 'https://news.example/budget' });
      assert.equal(again.duplicate, 1);

      assert.equal((await corpus.search('fishing quotas')).results[0]?.title, 'Talks resume in Geneva');
      assert.equal((await corpus.search('quotas', { since: '2027' })).results.length, 0);
      await assert.rejects(corpus.search('quotas', { since: '2026-13' }), /since: "2026-13" is not a date/);
      const sandvik = await corpus.entity('Ingrid Sandvik');
      assert.equal(sandvik?.type, 'PERSON');
      assert.equal(await corpus.entity('Nobody Atall'), undefined);
      const claims = await corpus.claims({ entity: 'Ingrid Sandvik' });
      assert.ok(claims.some((c) => c.text.includes('she would resign') && c.independentSources === 1));
      assert.ok((await corpus.claims()).length >= claims.length);
      assert.deepEqual(await corpus.claims({ entity: 'Nobody Atall' }), []);
      await assert.rejects(corpus.claims({ until: '2026-02-30' }), /until: "2026-02-30" is not a date/);
      assert.ok((await corpus.quotes('Ingrid Sandvik')).some((q) => q.text.includes('numbers I cannot defend')));
      assert.ok(Array.isArray(await corpus.events({ since: '2026-05' })));
      assert.equal((await corpus.articles()).length, 3);
    } finally {
      await corpus.close();
    }
    // read-only: an existing corpus answers; a missing one is refused, never created
    const reader = await Corpus.open(join(dir, 'c.db'), { readOnly: true });
    assert.equal((await reader.articles()).length, 3);
    await reader.close();
    await assert.rejects(Corpus.open(join(dir, 'none.db'), { readOnly: true }), /no sitrep database/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
