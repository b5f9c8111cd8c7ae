/**
 * The API of the analyst's workbench over a temporary SQLite corpus: events paged with their total,
 * filtered, sorted and exported (CSV with ACLED-like columns, GeoJSON, JSON) with unknown values
 * refused; the graph as GEXF, GraphML and JSON; articles with their total and publisher and story
 * filters; search counts; compression, asset cache headers (the page's script and styles, named by
 * version, kept for good) and the favicon; a URL stored by
 * fetching it; a text stored again without its title keeping it.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Corpus } from '../src/corpus/corpus.ts';
import { EVENT_CSV_COLUMNS } from '../src/corpus/export.ts';
import { Pipeline } from '../src/pipeline.ts';
import { startServer, type RunningServer } from '../src/server/server.ts';
import { VERSIONED_CACHE } from '../src/server/compress.ts';
import { assetVersion, buildUi } from '../src/ui/build.ts';
import { REPO } from './helpers/corpus-backends.ts';

const example = (name: string) => readFileSync(join(REPO, 'examples/articles', name), 'utf8');
const PAGE = `<!doctype html><html><head><title>Port reopens after storm | Harbour News</title>
<meta property="article:published_time" content="2026-05-02T08:00:00Z"></head><body><article>
<h1>Port reopens after storm</h1><p>The port of Valparaíso reopened on Friday after a storm closed it for two days,
the harbour master said.</p><p>Ships queued outside the breakwater through the night, officials in Chile said.</p>
</article></body></html>`;

let dir: string;
let corpus: Corpus;
let srv: RunningServer;

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of every shape are read in the tests
  json: any;
}

/** A GET (or a JSON POST) with its raw, undecoded bytes; `text` and `json` decoded from them. */
function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Res> {
  return new Promise((ok, fail) => {
    const req = request(
      new URL(path, srv.url),
      { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const enc = res.headers['content-encoding'];
          const plain = enc === 'br' ? brotliDecompressSync(raw) : enc === 'gzip' ? gunzipSync(raw) : raw;
          const text = plain.toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          ok({ status: res.statusCode!, headers: res.headers, body: raw, text, json });
        });
      },
    );
    req.on('error', fail);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}

const ingest = (body: unknown) => call('POST', '/api/ingest', {}, body);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-workbench-'));
  const uiDir = join(dir, 'ui');
  mkdirSync(uiDir);
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(uiDir, 'app.js'), `console.log(${JSON.stringify('sitrep '.repeat(2000))});`);
  corpus = await Corpus.open(join(dir, 'corpus.db'));
  srv = await startServer({
    corpus,
    port: 0,
    uiDir,
    pipeline: new Pipeline(),
    fetchPage: async (url) => {
      if (!url.startsWith('https://news.example/')) throw new Error(`${url}: not a public address`);
      return { url, contentType: 'text/html; charset=utf-8', body: Buffer.from(PAGE) };
    },
  });
  const records = [
    { text: example('conflict-report.txt'), published: '2026-04-07', publisher: 'Field Wire' },
    { text: example('wire-report.txt'), published: '2026-04-08', publisher: 'Field Wire' },
    { text: example('political-story.txt'), published: '2026-05-15', publisher: 'Capital Times' },
    { text: example('business-story.txt'), published: '2026-05-16', publisher: 'Capital Times' },
  ];
  const r = await ingest({ records });
  assert.equal(r.json.tally.added, 4, r.text);
});

after(async () => {
  await srv?.close();
  await corpus?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/events', () => {
  test('answers a page with the total the filters match, sorted as asked', async () => {
    const all = await call('GET', '/api/events?limit=1000');
    assert.equal(all.status, 200);
    const total = all.json.total;
    assert.ok(total >= 3 && all.json.events.length === total, `total ${total}`);
    const page = await call('GET', '/api/events?limit=2&offset=1');
    assert.equal(page.json.total, total);
    assert.deepEqual(
      page.json.events.map((e: { id: number }) => e.id),
      all.json.events.slice(1, 3).map((e: { id: number }) => e.id),
    );
    const type = all.json.events[0].type;
    const typed = await call('GET', `/api/events?type=${type.toLowerCase()}`);
    assert.ok(typed.json.events.every((e: { type: string }) => e.type === type));
    assert.equal(typed.json.total, typed.json.events.length);
    const sorted = await call('GET', '/api/events?sort=type&order=asc&limit=1000');
    const types = sorted.json.events.map((e: { type: string }) => e.type);
    assert.deepEqual(types, [...types].sort());
    const m = all.json.events[0].mentions[0];
    assert.equal(typeof m.start, 'number', 'evidence carries its offset, for #/article/ID?at=OFFSET');
  });

  test('refuses unknown types, sorts, orders and formats with a 400 naming the choices', async () => {
    const bad = await call('GET', '/api/events?type=NONSENSE');
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /type: unknown event type "NONSENSE" \(one of AGREE, .*ASSAULT\)/);
    for (const [q, re] of [
      ['sort=colour', /sort: unknown sort key/],
      ['order=sideways', /order: unknown order/],
      ['format=xlsx', /format: unknown format "xlsx" \(one of json, csv, geojson\)/],
      ['limit=0', /limit/],
      ['offset=-1', /offset/],
      ['since=2026-02-30', /since/],
    ] as const) {
      const r = await call('GET', `/api/events?${q}`);
      assert.equal(r.status, 400, q);
      assert.match(r.json.error.message, re);
    }
  });

  test('exports exactly what is filtered: CSV with ACLED-like columns, GeoJSON and JSON', async () => {
    const all = (await call('GET', '/api/events?limit=1000')).json;
    const type = all.events[0].type;
    const want = all.events.filter((e: { type: string }) => e.type === type).length;
    const csv = await call('GET', `/api/events?format=csv&type=${type}&limit=1`);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="events.csv"/);
    const lines = csv.text.trim().split('\n');
    assert.equal(lines[0], EVENT_CSV_COLUMNS.join(','));
    assert.ok(lines[0]!.includes('event_date'));
    assert.equal(lines.length, 2, 'an explicit limit is kept');
    const full = await call('GET', `/api/events?format=csv&type=${type}`);
    assert.equal(full.text.trim().split('\n').length - 1, want, 'without a limit, every filtered event');
    assert.equal(full.headers['x-total-count'], String(want));
    const geo = await call('GET', `/api/events?format=geojson&type=${type}`);
    assert.match(String(geo.headers['content-type']), /^application\/geo\+json/);
    assert.equal(geo.json.type, 'FeatureCollection');
    for (const f of geo.json.features) assert.equal(f.properties.type, type);
    const json = await call('GET', `/api/events?format=json&type=${type}`);
    assert.equal(json.json.total, want);
    assert.equal(json.json.events.length, want);
  });
});

test('GET /api/event-types lists every PLOVER type with its count', async () => {
  const r = await call('GET', '/api/event-types');
  assert.equal(r.json.types.length, 16);
  const total = (await call('GET', '/api/events?limit=1')).json.total;
  assert.equal(
    r.json.types.reduce((n: number, t: { events: number }) => n + t.events, 0),
    total,
  );
});

test('GET /api/graph?format= gives GEXF, GraphML and JSON files; an unknown format is a 400', async () => {
  const gexf = await call('GET', '/api/graph?format=gexf');
  assert.equal(gexf.status, 200);
  assert.match(String(gexf.headers['content-type']), /gexf\+xml/);
  assert.match(gexf.text, /^<\?xml[^]*<gexf [^]*<node id=/);
  const graphml = await call('GET', '/api/graph?format=graphml');
  assert.match(graphml.text, /<graphml [^]*<node id=/);
  const json = await call('GET', '/api/graph?format=json');
  assert.match(String(json.headers['content-disposition']), /graph\.json/);
  assert.ok(json.json.nodes.length > 0);
  assert.equal((await call('GET', '/api/graph?format=dot')).status, 400);
});

describe('articles and search', () => {
  test('GET /api/articles pages with a total, by publisher and by story; /api/publishers counts', async () => {
    const page = await call('GET', '/api/articles?limit=2&offset=2');
    assert.equal(page.json.total, 4);
    assert.equal(page.json.articles.length, 2);
    const field = await call('GET', '/api/articles?publisher=field%20wire');
    assert.equal(field.json.total, 2);
    assert.ok(field.json.articles.every((a: { publisher: string }) => a.publisher === 'Field Wire'));
    const story = field.json.articles[0].story;
    const one = await call('GET', `/api/articles?story=${story}`);
    assert.ok(one.json.articles.every((a: { story: number }) => a.story === story));
    assert.equal((await call('GET', '/api/articles?story=abc')).status, 400);
    const pubs = await call('GET', '/api/publishers');
    assert.deepEqual(pubs.json.publishers.map((p: { articles: number }) => p.articles).sort(), [2, 2]);
  });

  test('GET /api/search counts matches and names the publisher of each hit', async () => {
    const r = await call('GET', '/api/search?q=said&limit=1');
    assert.equal(r.status, 200);
    assert.ok(r.json.total >= 3, `total ${r.json.total}`);
    assert.equal(r.json.results.length, 1);
    assert.ok(r.json.results[0].publisher);
    const prefix = await call('GET', '/api/search?q=Kordo*');
    assert.equal(prefix.json.total, 1);
    const filtered = await call('GET', '/api/search?since=2026-05-01');
    assert.equal(filtered.json.total, 2);
    assert.equal(filtered.json.results[0].publisher, 'Capital Times');
  });
});

describe('compression, caching, favicon', () => {
  test('API answers are compressed with brotli or gzip when the client takes it', async () => {
    const plain = await call('GET', '/api/events?format=csv');
    assert.equal(plain.headers['content-encoding'], undefined);
    const br = await call('GET', '/api/events?format=csv', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'accept-encoding');
    assert.ok(br.body.length < plain.body.length / 2, `${br.body.length} < ${plain.body.length} / 2`);
    assert.equal(br.text, plain.text);
    assert.match(br.text.split('\n')[0]!, /event_date/);
    const gz = await call('GET', '/api/events?limit=1000', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gz.json.total >= 3);
    const articles = await call('GET', '/api/articles?limit=10&offset=1', { 'accept-encoding': 'gzip, br' });
    assert.equal(articles.json.total, 4, 'a page and its total, whatever the encoding');
    const refused = await call('GET', '/api/events', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    const small = await call('GET', '/api/events?limit=1&type=AGREE&since=1900&until=1900', {
      'accept-encoding': 'br',
    });
    assert.equal(small.headers['content-encoding'], undefined, 'a tiny body goes as it is');
  });

  test('the built page names its script and styles by version', async () => {
    const out = await buildUi(join(dir, 'built'));
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const f of ['app.js', 'app.css'])
      assert.ok(html.includes(`"/${f}?v=${assetVersion(readFileSync(join(out, f)))}"`), `${f} by version: ${html}`);
  });

  test('UI files: compressed, with an ETag that answers 304; the map shapes cached for a day', async () => {
    const js = await call('GET', '/app.js', { 'accept-encoding': 'br' });
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-encoding'], 'br');
    assert.equal(js.headers['cache-control'], 'no-cache');
    assert.match(js.text, /^console\.log/);
    const etag = String(js.headers.etag);
    assert.match(etag, /^".+"$/);
    const again = await call('GET', '/app.js', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    // Asked for by its version (as the built page names it), kept for good; by another, checked as ever.
    const version = assetVersion(readFileSync(join(dir, 'ui', 'app.js')));
    const kept = await call('GET', `/app.js?v=${version}`, { 'accept-encoding': 'br' });
    assert.equal(kept.headers['cache-control'], VERSIONED_CACHE);
    assert.equal(kept.headers.etag, etag);
    assert.equal((await call('GET', '/app.js?v=stale')).headers['cache-control'], 'no-cache');
    const world = await call('GET', '/vendor/world.json', { 'accept-encoding': 'gzip' });
    if (world.status === 200) {
      assert.equal(world.headers['cache-control'], 'public, max-age=86400');
      assert.equal(world.headers['content-encoding'], 'gzip');
    }
  });

  test('/favicon.ico is an icon, not a 404', async () => {
    const r = await call('GET', '/favicon.ico');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'image/x-icon');
    assert.deepEqual([...r.body.subarray(0, 4)], [0, 0, 1, 0], 'ICO header');
    assert.equal(r.body.readUInt16LE(4), 1, 'one image');
    assert.equal(r.body.length, r.body.readUInt32LE(14) + 22);
    assert.match(String(r.headers['cache-control']), /max-age/);
  });
});

describe('storing from the paste box', () => {
  test('a URL alone is fetched and stored; a fetch refused is a per-record error', async () => {
    const r = await ingest({ url: 'https://news.example/port' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.results[0].status, 'added');
    const art = await call('GET', `/api/articles/${r.json.results[0].article}`);
    assert.equal(art.json.article.source.url, 'https://news.example/port');
    assert.match(art.json.article.text, /Valparaíso reopened/);
    const refused = await ingest({ url: 'http://127.0.0.1/private' });
    assert.match(refused.json.results[0].error, /not a public address/);
    assert.equal(refused.json.tally.failed, 1);
  });

  test('the same text stored again without its title or day keeps them', async () => {
    const text = 'Train drivers in Norway stopped work on Thursday after talks with the operator Vy collapsed.';
    const first = await ingest({ text, title: 'Rail strike in Norway', published: '2026-04-09' });
    assert.equal(first.json.results[0].status, 'added');
    const again = await ingest({ text });
    assert.equal(again.json.results[0].status, 'duplicate', again.text);
    assert.equal(again.json.results[0].article, first.json.results[0].article);
    const list = await call('GET', '/api/articles?limit=500');
    const row = list.json.articles.find((a: { id: number }) => a.id === first.json.results[0].article);
    assert.equal(row.title, 'Rail strike in Norway');
    assert.equal(row.published, '2026-04-09');
  });
});
