import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../src/corpus/corpus.ts';
import { startServer } from '../src/server/server.ts';
import { AnalysisPool } from '../src/server/pool.ts';
import { HttpError } from '../src/server/http.ts';

const EXAMPLES = join(import.meta.dirname, '../examples/articles');
/** The team's example articles joined and repeated to about `bytes` characters. */
function longText(bytes: number): string {
  const all = readdirSync(EXAMPLES)
    .map((f) => readFileSync(join(EXAMPLES, f), 'utf8'))
    .join('\n\n');
  return all.repeat(Math.ceil(bytes / all.length)).slice(0, bytes);
}

test('the server answers reads while a thread analyses a long article', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-pool-'));
  const corpus = await Corpus.open(join(dir, 'corpus.db'));
  const srv = await startServer({ corpus, port: 0, analysis: { size: 1 } });
  try {
    const order: string[] = [];
    const analysing = fetch(`${srv.url}/api/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: longText(150_000), published: '2026-05-15' }),
    }).then(async (r) => {
      order.push('analyze');
      return { status: r.status, json: (await r.json()) as { entities?: unknown[] } };
    });
    // let the analysis start in its thread, then read
    await new Promise((r) => setTimeout(r, 50));
    const stats = await fetch(`${srv.url}/api/stats`);
    order.push('stats');
    assert.equal(stats.status, 200);
    const done = await analysing;
    assert.equal(done.status, 200);
    assert.ok((done.json.entities ?? []).length > 0, 'the analysis came back whole');
    assert.deepEqual(order, ['stats', 'analyze'], 'the read did not wait for the analysis');
  } finally {
    await srv.close();
    await corpus.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an analysis past its time limit is a 503 naming the limit, and the pool goes on working', async () => {
  const pool = new AnalysisPool({ size: 1, timeoutMs: 300 });
  try {
    await assert.rejects(
      pool.analyse({ body: { text: longText(400_000) } }),
      (err: unknown) => err instanceof HttpError && err.status === 503 && /longer than/.test(err.message),
    );
    const ok = await pool.analyse({ body: { text: 'Rosa Ibáñez said on Monday that the port would reopen.' } });
    assert.ok(ok.analysis.entities.length > 0);
  } finally {
    await pool.close();
  }
});

test('a full queue refuses new work at once with 503; HTML without an article is a 422', async () => {
  const pool = new AnalysisPool({ size: 1, maxQueue: 2 });
  try {
    const text = 'The ministry said on Tuesday that talks would resume in Geneva.';
    const first = pool.analyse({ body: { text } });
    const second = pool.analyse({ body: { text } });
    await assert.rejects(
      pool.analyse({ body: { text } }),
      (err: unknown) => err instanceof HttpError && err.status === 503 && /busy/.test(err.message),
    );
    assert.equal((await first).rawId, (await second).rawId);
    await assert.rejects(
      pool.analyse({ body: { html: '<html><head><title></title></head><body><script>x()</script></body></html>' } }),
      (err: unknown) => err instanceof HttpError && err.status === 422,
    );
  } finally {
    await pool.close();
  }
});

test('an upload cut off mid-body is no internal error: nothing logged with a stack', async () => {
  const { request } = await import('node:http');
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-abort-'));
  const corpus = await Corpus.open(join(dir, 'corpus.db'));
  const lines: string[] = [];
  const srv = await startServer({ corpus, port: 0, log: (l) => lines.push(l) });
  try {
    const { port } = new URL(srv.url);
    await new Promise<void>((done) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/analyze',
        headers: { 'content-type': 'application/json', 'content-length': '100000', host: 'localhost' },
      });
      req.on('error', () => done());
      req.write('{"text": "The port reopened');
      setTimeout(() => {
        req.destroy();
        setTimeout(done, 200);
      }, 100);
    });
    assert.ok(
      lines.every((l) => !/error:|\n\s+at /.test(l)),
      lines.join('\n'),
    );
  } finally {
    await srv.close();
    await corpus.close();
  }
});
