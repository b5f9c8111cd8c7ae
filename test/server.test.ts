/**
 * API tests: every endpoint over a temporary SQLite corpus, including bad requests (invalid JSON,
 * oversize bodies, unknown ids, bad filters), the bearer token, the bind check and static-file
 * confinement.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Corpus } from '../src/corpus/corpus.ts';
import { checkBind, confinedPath, startServer, type RunningServer } from '../src/server/server.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const HARBOUR = readFileSync(resolve(HERE, 'fixtures/ui/harbour.txt'), 'utf8');

const RAIL = `Rail strike halts trains across Norway

Train drivers in Norway stopped work on Thursday after talks with the operator Vy collapsed, leaving commuters in Oslo and Bergen stranded.

"The offer on the table does not cover the cost of living," said Henrik Solberg, the leader of the drivers' union, at a rally outside Oslo Central Station.

Vy said it regretted the disruption and hoped to return to negotiations on Monday.`;

const FLOOD_HTML = `<!doctype html><html><head><title>Floods force evacuations in Porto Alegre | Southern Post</title>
<meta property="article:published_time" content="2026-05-04T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Floods force evacuations in Porto Alegre</h1>
<p>Thousands of residents of Porto Alegre were moved to shelters on Sunday as the Guaíba river rose above its banks for the third day, the civil defence agency said.</p>
<p>"The water is still rising and we are asking people in low-lying districts to leave now," said Mariana Costa, the agency's coordinator, in a video posted online.</p>
<p>The governor of Rio Grande do Sul, Eduardo Leite, asked the federal government in Brasília for emergency funds to repair roads and bridges.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>`;

let dir: string;
let corpus: Corpus;
let srv: RunningServer;
let uiDir: string;
/** The largest body the test server accepts: small, so the oversize test stays cheap. */
const LIMIT = 64 * 1024;
/** Corpus id of the rail-strike article once stored. */
let railId: number;

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses of every shape are read in the tests
  json: any;
}

/** One request with full control of method, headers and raw body. */
function call(
  base: string,
  method: string,
  path: string,
  opts: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Res> {
  return new Promise((ok, fail) => {
    const u = new URL(path, base);
    const req = request(
      u,
      {
        method,
        headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          ok({ status: res.statusCode!, headers: res.headers, json });
        });
      },
    );
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE'
        ? ok({ status: 413, headers: {}, json: null })
        : fail(err),
    );
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(srv.url, method, path, { body: body === undefined ? undefined : JSON.stringify(body), headers });

function assertError(r: Res, status: number, pattern?: RegExp): void {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.equal(r.json.error.status, status);
  assert.equal(typeof r.json.error.message, 'string');
  if (pattern) assert.match(r.json.error.message, pattern);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-server-'));
  uiDir = join(dir, 'ui');
  mkdirSync(uiDir);
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  corpus = await Corpus.open(join(dir, 'corpus.db'));
  srv = await startServer({
    corpus,
    port: 0,
    uiDir,
    maxBodyBytes: LIMIT,
    fetchPage: async (url) => {
      if (url.includes('missing')) throw new Error(`${url}: HTTP 404 Not Found`);
      return { url, contentType: 'text/html; charset=utf-8', body: Buffer.from(FLOOD_HTML) };
    },
  });
});

after(async () => {
  await srv?.close();
  await corpus?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/ingest and reads', () => {
  test('ingests one article and reports its id, story and status; the same text again is a duplicate', async () => {
    const r = await api('POST', '/api/ingest', { text: HARBOUR, published: '2026-03-03', publisher: 'Coastal Times' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.tally.added, 1);
    assert.equal(r.json.results[0].status, 'added');
    assert.equal(typeof r.json.results[0].article, 'number');
    const again = await api('POST', '/api/ingest', { text: HARBOUR, published: '2026-03-03' });
    assert.equal(again.json.results[0].status, 'duplicate');
  });

  test('ingests a batch of records', async () => {
    const r = await api('POST', '/api/ingest', {
      records: [
        { text: RAIL, published: '2026-04-09', id: 'rail-1' },
        { html: FLOOD_HTML, url: 'https://south.example/floods' },
      ],
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.tally.added, 2);
    assert.equal(r.json.results[0].id, 'rail-1');
    railId = r.json.results[0].article;
  });

  test('a batch with one bad record stores nothing', async () => {
    const before = (await api('GET', '/api/articles')).json.total;
    const r = await api('POST', '/api/ingest', {
      records: [{ text: 'A fine article about the port of Valparaíso and its cranes.' }, { text: 42 }],
    });
    assertError(r, 400, /records\[1\].*"text" must be a string/);
    assert.equal((await api('GET', '/api/articles')).json.total, before);
  });

  test('rejects bodies without an article, with unknown fields, or with too many records', async () => {
    assertError(await api('POST', '/api/ingest', { title: 'no text' }), 400, /give one of/);
    assertError(await api('POST', '/api/ingest', { text: 'x', colour: 'red' }), 400, /unknown field "colour"/);
    assertError(await api('POST', '/api/ingest', { records: [] }), 400, /empty/);
    assertError(await api('POST', '/api/ingest', { records: 'many' }), 400, /must be an array/);
    assertError(
      await api('POST', '/api/ingest', { records: Array.from({ length: 201 }, () => ({ text: 'x' })) }),
      413,
      /at most 200/,
    );
    assertError(await api('POST', '/api/ingest', [1, 2]), 400, /JSON object/);
  });

  test('GET /api/articles lists newest first and filters by date and entity', async () => {
    const all = await api('GET', '/api/articles');
    assert.equal(all.status, 200);
    assert.equal(all.json.total, 3);
    assert.deepEqual(
      all.json.articles.map((a: { published: string }) => a.published),
      ['2026-05-04', '2026-04-09', '2026-03-03'],
    );
    const april = await api('GET', '/api/articles?since=2026-04&until=2026-04');
    assert.deepEqual(
      april.json.articles.map((a: { published: string }) => a.published),
      ['2026-04-09'],
    );
    const ibarra = await api('GET', '/api/articles?entity=Carmen%20Ibarra');
    assert.equal(ibarra.json.total, 1);
    assert.match(ibarra.json.articles[0].title, /Valparaíso/);
    assertError(await api('GET', '/api/articles?limit=0'), 400, /limit/);
    assertError(await api('GET', '/api/articles?since=March'), 400, /since/);
    assertError(await api('GET', '/api/articles?type=PLANET'), 400, /unknown entity type/);
  });

  test('GET /api/articles/:id returns the analysis, its story and corpus entity links', async () => {
    const list = await api('GET', '/api/articles?entity=Carmen%20Ibarra');
    const id = list.json.articles[0].id;
    const r = await api('GET', `/api/articles/${id}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.article.articleId, id);
    assert.ok(r.json.article.text.startsWith('Port workers strike'));
    const carmen = r.json.article.entities.find((e: { name: string }) => e.name === 'Carmen Ibarra');
    assert.ok(carmen, 'Carmen Ibarra is an entity');
    assert.equal(r.json.links[carmen.id], 'person-carmen-ibarra');
    assert.equal(r.json.story.articles[0].id, id);
    assertError(await api('GET', '/api/articles/99999'), 404, /no article/);
    assertError(await api('GET', '/api/articles/abc'), 400, /must be a number/);
  });

  test('GET /api/entities counts articles and filters by type and name', async () => {
    const r = await api('GET', '/api/entities?type=PERSON');
    assert.equal(r.status, 200);
    assert.ok(r.json.entities.length >= 3);
    assert.ok(r.json.entities.every((e: { type: string }) => e.type === 'PERSON'));
    const q = await api('GET', '/api/entities?q=ibar');
    assert.deepEqual(
      q.json.entities.map((e: { id: string }) => e.id),
      ['person-carmen-ibarra'],
    );
    assert.equal(q.json.entities[0].articles, 1);
    assert.ok(q.json.entities[0].mentions >= 2);
    const places = await api('GET', '/api/entities?type=GPE,LOC&limit=5');
    assert.ok(places.json.entities.length <= 5);
  });

  test('GET /api/entities/:id answers by id and by name; unknown is 404', async () => {
    const byId = await api('GET', '/api/entities/person-carmen-ibarra');
    assert.equal(byId.status, 200);
    assert.equal(byId.json.name, 'Carmen Ibarra');
    assert.ok(byId.json.aliases.includes('Ibarra'));
    assert.ok(byId.json.quotes.some((q: { text: string }) => /machines take our jobs/.test(q.text)));
    assert.equal(byId.json.articles[0].title, 'Port workers strike over automation plans in Valparaíso');
    assert.ok(byId.json.related.some((x: { name: string }) => x.name === 'Pacific Terminal Holdings'));
    const byName = await api('GET', `/api/entities/${encodeURIComponent('Carmen Ibarra')}`);
    assert.equal(byName.json.id, 'person-carmen-ibarra');
    assertError(await api('GET', '/api/entities/person-nobody-at-all'), 404, /no entity/);
  });

  test('GET /api/search finds words, applies filters, and needs words or a filter', async () => {
    const r = await api('GET', '/api/search?q=cranes');
    assert.equal(r.status, 200);
    assert.equal(r.json.results.length, 1);
    assert.match(r.json.results[0].snippet, /\[cranes\]/);
    const filtered = await api('GET', '/api/search?q=cranes&since=2026-04-01');
    assert.equal(filtered.json.results.length, 0);
    const byEntity = await api('GET', '/api/search?entity=Henrik%20Solberg');
    assert.equal(byEntity.json.results.length, 1);
    assert.equal(byEntity.json.results[0].article, railId);
    const unknownPlace = await api('GET', '/api/search?q=strike&place=Atlantis');
    assert.equal(unknownPlace.json.results.length, 0);
    assertError(await api('GET', '/api/search'), 400, /q:/);
    assertError(await api('GET', '/api/search?q=x&until=tomorrow'), 400, /until/);
  });

  test('GET /api/events, /api/stories and /api/stats answer with their lists', async () => {
    const ev = await api('GET', '/api/events');
    assert.equal(ev.status, 200);
    assert.ok(Array.isArray(ev.json.events));
    for (const e of ev.json.events) assert.ok(e.mentions.length >= 1, 'every event carries its evidence');
    const none = await api('GET', '/api/events?entity=Atlantis');
    assert.deepEqual(none.json.events, []);
    assertError(await api('GET', '/api/events?limit=abc'), 400, /limit/);
    const st = await api('GET', '/api/stories');
    assert.equal(st.json.stories.length, 3);
    assert.ok(
      st.json.stories.some(
        (s: { title: string | null }) => s.title === 'Port workers strike over automation plans in Valparaíso',
      ),
    );
    const stats = await api('GET', '/api/stats');
    assert.equal(stats.json.counts.articles, 3);
    assert.deepEqual(stats.json.monthly.articles, [
      ['2026-03', 1],
      ['2026-04', 1],
      ['2026-05', 1],
    ]);
  });

  test('GET /api/graph returns weighted nodes and edges, filtered by type and date', async () => {
    const g = await api('GET', '/api/graph');
    assert.equal(g.status, 200);
    assert.ok(g.json.nodes.length > 5);
    assert.ok(g.json.edges.length > 0);
    const ids = new Set(g.json.nodes.map((n: { id: string }) => n.id));
    for (const e of g.json.edges) assert.ok(ids.has(e.source) && ids.has(e.target));
    const people = await api('GET', '/api/graph?type=PERSON&since=2026-03-01&until=2026-03-31');
    assert.ok(people.json.nodes.length >= 2);
    assert.ok(people.json.nodes.every((n: { type: string }) => n.type === 'PERSON'));
    assert.ok(
      !people.json.nodes.some((n: { label: string }) => n.label === 'Henrik Solberg'),
      'April article filtered out',
    );
    assertError(await api('GET', '/api/graph?limit=100000'), 400, /limit/);
  });
});

describe('POST /api/analyze', () => {
  test('analyses text without storing it', async () => {
    const before = (await api('GET', '/api/stats')).json.counts.articles;
    const r = await api('POST', '/api/analyze', { text: RAIL, published: '2026-04-09', title: 'Rail strike' });
    assert.equal(r.status, 200);
    assert.ok(
      r.json.entities.some((e: { name: string; type: string }) => e.name === 'Henrik Solberg' && e.type === 'PERSON'),
    );
    assert.ok(r.json.quotes.length >= 1);
    assert.equal(r.json.source.published, '2026-04-09');
    assert.equal((await api('GET', '/api/stats')).json.counts.articles, before);
  });

  test('analyses HTML: the page text and metadata, without its navigation', async () => {
    const r = await api('POST', '/api/analyze', { html: FLOOD_HTML });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.match(r.json.text, /Guaíba river/);
    assert.doesNotMatch(r.json.text, /Subscribe to our newsletter/);
    assert.equal(r.json.source.published, '2026-05-04');
  });

  test('analyses a URL through the fetcher; a failed fetch is a 502', async () => {
    const r = await api('POST', '/api/analyze', { url: 'https://south.example/floods' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.ok(r.json.entities.some((e: { name: string }) => e.name === 'Mariana Costa'));
    assert.equal(r.json.source.url, 'https://south.example/floods');
    assertError(await api('POST', '/api/analyze', { url: 'https://south.example/missing' }), 502, /404/);
    assertError(await api('POST', '/api/analyze', { url: 'file:///etc/passwd' }), 400, /http\(s\) URL/);
  });

  test('bad requests: invalid JSON, wrong type, empty, both bodies, bad date, oversize', async () => {
    assertError(await call(srv.url, 'POST', '/api/analyze', { body: '{"text": "unfinished' }), 400, /invalid JSON/);
    assertError(await call(srv.url, 'POST', '/api/analyze', { body: '' }), 400, /empty/);
    assertError(
      await call(srv.url, 'POST', '/api/analyze', {
        body: 'text=hello',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
    );
    assertError(await api('POST', '/api/analyze', { text: '   ' }), 400, /empty/);
    assertError(await api('POST', '/api/analyze', { text: RAIL, html: FLOOD_HTML }), 400, /only one/);
    assertError(await api('POST', '/api/analyze', { text: RAIL, published: '9 April' }), 400, /YYYY-MM-DD/);
    const big = await api('POST', '/api/analyze', { text: 'word '.repeat(LIMIT / 4) });
    assert.equal(big.status, 413);
    if (big.json) assert.match(big.json.error.message, /limit/);
  });
});

describe('HTTP surface', () => {
  test('/api/openapi.json documents every endpoint', async () => {
    const r = await api('GET', '/api/openapi.json');
    assert.equal(r.status, 200);
    assert.equal(r.json.openapi, '3.1.0');
    for (const [method, path] of [
      ['post', '/api/analyze'],
      ['post', '/api/ingest'],
      ['get', '/api/articles'],
      ['get', '/api/articles/{id}'],
      ['get', '/api/entities'],
      ['get', '/api/entities/{id}'],
      ['get', '/api/search'],
      ['get', '/api/events'],
      ['get', '/api/stories'],
      ['get', '/api/graph'],
    ]) {
      assert.ok(r.json.paths[path]?.[method]?.summary, `${method} ${path} documented`);
    }
  });

  test('unknown endpoints are 404 and wrong methods 405, as JSON', async () => {
    assertError(await api('GET', '/api/nothing'), 404, /no endpoint/);
    const r = await api('DELETE', '/api/articles');
    assertError(r, 405);
    assert.match(String(r.headers.allow), /GET/);
    assertError(await api('GET', '/api/analyze'), 405, /POST/);
  });

  test('every response carries a Content-Security-Policy without inline script', async () => {
    for (const p of ['/', '/api/stats', '/api/nothing']) {
      const r = await api('GET', p);
      assert.match(String(r.headers['content-security-policy']), /script-src 'self'/);
      assert.doesNotMatch(String(r.headers['content-security-policy']), /unsafe-inline/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
    }
  });

  test('static files are confined to the UI folder', async () => {
    assert.equal((await api('GET', '/')).status, 200);
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/index.html%00.js',
    ]) {
      const r = await api('GET', p);
      assert.equal(r.status, 404, p);
      assert.notEqual(r.json, 'do not serve');
    }
    assert.equal(confinedPath(uiDir, '/../secret.txt'), undefined);
    assert.equal(confinedPath(uiDir, '/index.html'), join(uiDir, 'index.html'));
    assertError(await api('POST', '/index.html', {}), 405);
  });

  test('a loopback server refuses requests addressed to another host (DNS rebinding)', async () => {
    assertError(await api('GET', '/api/stats', undefined, { host: 'attacker.example' }), 421);
  });

  test('binding a public address needs a token or --insecure', () => {
    assert.throws(() => checkBind('0.0.0.0', undefined, false), /--token/);
    assert.doesNotThrow(() => checkBind('0.0.0.0', 's3cret', false));
    assert.doesNotThrow(() => checkBind('0.0.0.0', undefined, true));
    assert.doesNotThrow(() => checkBind('127.0.0.1', undefined, false));
    assert.doesNotThrow(() => checkBind('::1', undefined, false));
  });

  test('with a token, every API call needs it; the UI page itself loads', async () => {
    const guarded = await startServer({ corpus, port: 0, uiDir, token: 'correct horse' });
    try {
      assertError(await call(guarded.url, 'GET', '/api/stats'), 401, /token/);
      assertError(await call(guarded.url, 'GET', '/api/stats', { headers: { authorization: 'Bearer wrong' } }), 401);
      assertError(
        await call(guarded.url, 'POST', '/api/analyze', {
          body: '{"text":"x"}',
          headers: { authorization: 'Basic Y29ycmVjdA==' },
        }),
        401,
      );
      const ok = await call(guarded.url, 'GET', '/api/stats', { headers: { authorization: 'Bearer correct horse' } });
      assert.equal(ok.status, 200);
      assert.equal((await call(guarded.url, 'GET', '/')).status, 200);
    } finally {
      await guarded.close();
    }
  });
});
