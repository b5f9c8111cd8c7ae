import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../src/corpus/corpus.ts';
import { Pipeline } from '../src/pipeline.ts';
import { startServer } from '../src/server/server.ts';

const ARTICLE = (n: number) =>
  `Harbour workers in Valparaíso walked out on Monday, union leader Rosa Ibáñez ${n} said, ` +
  `as the port authority warned of delays to exports of copper.`;

async function stats(url: string): Promise<{ counts: { articles: number } }> {
  const res = await fetch(`${url}/api/stats`);
  assert.equal(res.status, 200);
  return (await res.json()) as { counts: { articles: number } };
}

test("the server's read cache shows another process's writes within its time to live", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-cache-'));
  const path = join(dir, 'corpus.db');
  const served = await Corpus.open(path);
  const srv = await startServer({ corpus: served, port: 0, cacheTtlMs: 100 });
  // another writer on the same database: a second connection, as an `ingest` process has
  const other = await Corpus.open(path);
  try {
    const pipeline = new Pipeline();
    const before = (await stats(srv.url)).counts.articles;
    const a = pipeline.analyze({ id: 'other-1', source: { published: '2026-03-02' }, text: ARTICLE(1) });
    await other.add(a);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal((await stats(srv.url)).counts.articles, before + 1);
  } finally {
    await srv.close();
    await other.close();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
