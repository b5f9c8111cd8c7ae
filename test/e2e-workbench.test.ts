/**
 * The analyst's workbench in a real browser (Debian's Chromium, playwright-core): the events table
 * (sorted, filtered with suggestions, paged with its total, evidence linked to its sentence, exports
 * of exactly what is filtered), the articles list with its total and filters, search counts with
 * publishers and prefix words, a loading line instead of the previous page, the paste box fetching
 * a URL and keeping its result in the address, a text stored again without its title keeping it,
 * and compressed answers with a favicon. Screenshots go to test-output/screenshots/.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../src/corpus/corpus.ts';
import { EVENT_CSV_COLUMNS } from '../src/corpus/export.ts';
import { fetchUrl } from '../src/ingest/fetch.ts';
import { Pipeline } from '../src/pipeline.ts';
import { browserSkip as skip, startUi, type Ui } from './helpers/browser.ts';
import { REPO } from './helpers/corpus-backends.ts';

const example = (name: string) => readFileSync(join(REPO, 'examples/articles', name), 'utf8');
const SYRIA = `Talks on Syria resume in Geneva

Envoys met in Geneva on Monday to restart talks on the future of Syria, the United Nations said.

Officials in Damascus said they would send a delegation to the talks next week.`;
const PAGE = `<!doctype html><html><head><title>Port reopens after storm | Harbour News</title></head><body><article>
<h1>Port reopens after storm</h1><p>The port of Valparaíso reopened on Friday after a storm closed it for two days,
the harbour master Ricardo Fuentes said.</p><p>Ships queued outside the breakwater through the night, officials in
Chile said.</p></article></body></html>`;
/** Short articles that make the corpus longer than one page of the articles list. */
const FILLERS = 52;

let dir: string;
let corpus: Corpus;
let ui: Ui;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core is optional, loaded at run time
let page: any;
let total = 0;

/** Do something that changes the route, and wait until the router has drawn the new page. */
async function navigated(action: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate(() => document.body.dataset.ready ?? '');
  await action();
  await page.waitForFunction(
    (was: string) => document.body.dataset.ready !== was && !document.getElementById('main')!.hasAttribute('aria-busy'),
    before,
  );
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'sitrep-e2e-workbench-'));
  corpus = await Corpus.open(join(dir, 'corpus.db'));
  const pipeline = new Pipeline();
  const add = (id: string, text: string, published: string, publisher: string) =>
    corpus.add(pipeline.analyze({ id, source: { published, publisher }, text }), id);
  await add('conflict', example('conflict-report.txt'), '2026-04-07', 'Field Wire');
  await add('wire', example('wire-report.txt'), '2026-04-08', 'Field Wire');
  await add('political', example('political-story.txt'), '2026-05-15', 'Capital Times');
  await add('syria', SYRIA, '2026-05-18', 'Geneva Post');
  for (let i = 0; i < FILLERS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    await add(
      `filler-${i}`,
      `Bridge ${i} opens\n\nThe bridge number ${i} opened to traffic on Monday.`,
      `2026-02-${day}`,
      'Town Crier',
    );
  }
  total = 4 + FILLERS;
  ui = await startUi(corpus, {
    pipeline,
    fetchPage: async (url: string) => {
      if (url.startsWith('https://news.example/'))
        return { url, contentType: 'text/html; charset=utf-8', body: Buffer.from(PAGE) };
      const r = await fetchUrl(url, { publicOnly: true });
      return { url: r.url, contentType: r.contentType, body: r.body };
    },
  });
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await corpus?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test(
  'the events page: every event in a table with its total, sortable, evidence linked to its sentence',
  { skip },
  async () => {
    await ui.open('#/events');
    const rows = page.locator('table.events-table tbody tr');
    const all = await corpus.eventCount();
    assert.ok(all >= 3, `the corpus has events (${all})`);
    assert.equal(await rows.count(), Math.min(all, 50));
    assert.match(await page.locator('.pager .range').first().textContent(), new RegExp(`of ${all} events`));
    assert.match(await page.locator('.exports').textContent(), new RegExp(`${all} events`));
    const heads = await page.locator('table.events-table thead th').allTextContents();
    for (const h of ['Type', 'Date', 'Actor → target', 'Place', 'Dead', 'Injured', 'Sources', 'Evidence'])
      assert.ok(
        heads.some((x: string) => x.startsWith(h)),
        `column ${h}`,
      );
    // The shelling of the conflict report: "At least 14 people were killed and 37 wounded".
    const shelled = page.locator('table.events-table tbody tr', { has: page.locator('td.injured', { hasText: '37' }) });
    assert.equal(await shelled.count(), 1, 'the injured beside the dead');
    assert.equal(await shelled.locator('td.dead').textContent(), 'At least 14');
    await ui.shot('events');
    // Sort by type, then the other way.
    await navigated(() => page.locator('button.sort[data-sort=type]').click());
    const types = (await page.locator('tbody tr td:first-child b').allTextContents()) as string[];
    assert.deepEqual(types, [...types].sort());
    assert.equal(await page.locator('th[aria-sort=ascending]').count(), 1);
    await navigated(() => page.locator('button.sort[data-sort=type]').click());
    const desc = (await page.locator('tbody tr td:first-child b').allTextContents()) as string[];
    assert.deepEqual(desc, [...types].sort().reverse());
    // The evidence opens the article at the sentence.
    // (one past the headline: the article page flashes sentences of the body)
    const link = page.locator('a.evidence-link:not([href$="at=0"])').first();
    assert.match(await link.getAttribute('href'), /^#\/article\/\d+\?at=\d+$/);
    await navigated(() => link.click());
    await page.locator('.flash').first().waitFor();
  },
);

test(
  'the events page filters by type, entity (with suggestions), place and dates; a bad value is explained',
  { skip },
  async () => {
    await ui.open('#/events');
    const options = (await page.locator('#f-type option').allTextContents()) as string[];
    assert.equal(options.length, 17, 'all types, then the 16 PLOVER types with their counts');
    const withEvents = options.find((o) => / \(([1-9]\d*)\)$/.test(o))!;
    const [, type, count] = /^(\w+) \((\d+)\)$/.exec(withEvents)!;
    await page.locator('#f-type').selectOption(type);
    await navigated(() => page.locator('form.filters button[type=submit]').click());
    assert.match(page.url(), new RegExp(`type=${type}`));
    const shown = (await page.locator('tbody tr td:first-child b').allTextContents()) as string[];
    assert.equal(shown.length, Number(count));
    assert.ok(shown.every((t) => t === type));
    // Entity suggestions come from the corpus as one types.
    await page.locator('#f-entity').fill('Kadu');
    await page.waitForFunction(() => document.querySelectorAll('#suggest-entity option').length > 0);
    assert.match(await page.locator('#suggest-entity option').first().getAttribute('value'), /Kadugli/);
    await ui.open('#/events?place=Kadugli');
    const places = (await page.locator('tbody tr td:nth-child(4)').allTextContents()) as string[];
    assert.ok(places.length > 0 && places.every((p) => p === 'Kadugli'), places.join(', '));
    await ui.open('#/events?since=2030-01-01');
    assert.match(await page.locator('.events-page').textContent(), /No events match these filters/);
    await ui.open('#/events?type=NONSENSE');
    assert.match(await page.locator('[role=alert]').textContent(), /unknown event type "NONSENSE" \(one of AGREE/);
    await ui.shot('events-bad-type');
  },
);

test(
  'the events exports give exactly what is filtered: CSV with ACLED-like columns, GeoJSON, JSON',
  { skip },
  async () => {
    await ui.open('#/events?place=Kadugli');
    const want = await corpus.eventCount({ place: 'Kadugli' });
    const save = async (cls: string): Promise<string> => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`button.${cls}`).click()]);
      return readFileSync(await dl.path(), 'utf8');
    };
    const csv = (await save('export-csv')).trim().split('\n');
    assert.equal(csv[0], EVENT_CSV_COLUMNS.join(','));
    assert.equal(csv.length - 1, want);
    assert.ok(csv.slice(1).every((l) => l.includes('Kadugli')));
    const geo = JSON.parse(await save('export-geojson'));
    assert.equal(geo.type, 'FeatureCollection');
    assert.ok(geo.features.every((f: { properties: { place: string } }) => f.properties.place === 'Kadugli'));
    const json = JSON.parse(await save('export-json'));
    assert.equal(json.total, want);
    assert.equal(json.events.length, want);
  },
);

test(
  'the articles page lists every article, paged with the total, filtered by publisher and story',
  { skip },
  async () => {
    await ui.open('#/');
    const all = page.locator('a.all-articles');
    assert.match(await all.textContent(), new RegExp(`All ${total} articles`));
    await navigated(() => all.click());
    assert.equal(await page.locator('.article-list > li').count(), 50);
    assert.match(await page.locator('.pager .range').textContent(), new RegExp(`1–50 of ${total} articles`));
    await ui.shot('articles');
    await navigated(() => page.locator('.pager a[rel=next]').click());
    assert.equal(await page.locator('.article-list > li').count(), total - 50);
    assert.match(await page.locator('.pager .range').textContent(), new RegExp(`51–${total} of ${total}`));
    await ui.open('#/articles');
    await page.locator('#f-publisher').fill('Field Wire');
    await navigated(() => page.locator('form.filters button[type=submit]').click());
    const items = (await page.locator('.article-list > li').allTextContents()) as string[];
    assert.equal(items.length, 2);
    assert.ok(items.every((t) => t.includes('Field Wire')));
    await navigated(() => page.locator('.article-list a.story-link').first().click());
    assert.match(page.url(), /#\/articles\?story=\d+/);
    assert.equal(await page.locator('.article-list > li').count(), 1);
    await ui.open('#/articles?since=2031-01-01');
    assert.match(await page.locator('.articles-page').textContent(), /No articles match these filters/);
  },
);

test('search counts its matches, shows publisher and day on each hit, and takes prefix words', { skip }, async () => {
  await ui.open('#/search?q=syri*');
  assert.match(await page.locator('.result-count').textContent(), /^1 article match/);
  const hit = page.locator('.hits > li').first();
  assert.match(await hit.textContent(), /Talks on Syria resume in Geneva/);
  assert.match(await hit.locator('.hit-meta').textContent(), /Geneva Post · 2026-05-18/);
  assert.match(await hit.locator('mark').first().textContent(), /Syria/);
  await ui.shot('search-prefix');
  await ui.open('#/search?q=bridge');
  assert.match(await page.locator('.result-count').textContent(), new RegExp(`^${FILLERS} articles match`));
  assert.match(await page.locator('.pager .range').textContent(), new RegExp(`1–50 of ${FILLERS}`));
});

test('while a page loads, a loading line stands in for the previous page', { skip }, async () => {
  await ui.open('#/');
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright route object
  await page.route('**/api/events?*', async (route: any) => {
    await held;
    await route.continue();
  });
  await page.evaluate(() => (location.hash = '#/events'));
  await page.locator('#main .loading').waitFor();
  assert.equal(await page.locator('#main .home').count(), 0, 'the home page is gone');
  assert.equal(await page.locator('#main').getAttribute('aria-busy'), 'true');
  await ui.shot('loading');
  // Moving on before it loads: the late page must not draw over the next one.
  await page.evaluate(() => (location.hash = '#/articles'));
  await page.locator('.articles-page').waitFor();
  release();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.events-page').count(), 0, 'the late events page drew nowhere');
  assert.equal(await page.locator('.articles-page').count(), 1);
  await page.unroute('**/api/events?*');
});

test(
  'the paste box fetches a pasted URL, keeps the result in the address, and refuses private ones',
  { skip },
  async () => {
    await ui.open('#/');
    await page.locator('#paste').fill('https://news.example/port');
    await navigated(() => page.locator('#analyse').click());
    assert.match(page.url(), /#\/analysis\?url=https%3A%2F%2Fnews\.example%2Fport/);
    const text = page.locator('.text');
    await text.waitFor();
    assert.match(await text.textContent(), /Valparaíso reopened/);
    assert.match(await page.locator('.notice').textContent(), /Fetched from https:\/\/news\.example\/port/);
    assert.ok((await page.locator('.text .ent').count()) > 0, 'entities found in the fetched page');
    await page.reload();
    await page.waitForFunction(
      () => document.body.dataset.ready && !document.getElementById('main')!.hasAttribute('aria-busy'),
    );
    assert.match(await page.locator('.text').textContent(), /Valparaíso reopened/, 'a reload keeps it');
    await ui.shot('paste-url');
    // A pasted text is kept for the tab: a reload shows the same analysis.
    await ui.open('#/');
    await page.locator('#paste').fill(SYRIA);
    await navigated(() => page.locator('#analyse').click());
    assert.match(page.url(), /#\/analysis\?paste=\w+/);
    await page.reload();
    await page.waitForFunction(
      () => document.body.dataset.ready && !document.getElementById('main')!.hasAttribute('aria-busy'),
    );
    assert.match(await page.locator('.text').textContent(), /Envoys met in Geneva/);
    // A private address is refused, with the reason.
    await ui.open('#/');
    await page.locator('#paste').fill(`${ui.srv.url}/api/stats`);
    await navigated(() => page.locator('#analyse').click());
    assert.match(await page.locator('#main .error').textContent(), /not a public address/);
  },
);

test('storing a text again without its title keeps the stored title and day', { skip }, async () => {
  const text = 'Train drivers in Norway stopped work on Thursday after talks with the operator Vy collapsed.';
  await ui.open('#/');
  await page.locator('#paste').fill(text);
  await page.locator('#paste-title').fill('Rail strike in Norway');
  await page.locator('#paste-published').fill('2026-04-09');
  await navigated(() => page.locator('#analyse-store').click());
  const first = page.url();
  assert.match(first, /#\/article\/\d+/);
  await ui.open('#/');
  await page.locator('#paste').fill(text);
  await navigated(() => page.locator('#analyse-store').click());
  assert.equal(page.url(), first, 'the same article');
  const id = Number(/#\/article\/(\d+)/.exec(first)![1]);
  const row = (await corpus.articles()).find((a) => a.id === id)!;
  assert.equal(row.title, 'Rail strike in Norway');
  assert.equal(row.published, '2026-04-09');
  assert.equal((await corpus.articles()).filter((a) => a.key === row.key).length, 1, 'no titleless revision');
});

test('answers come compressed, and the site has an icon', { skip }, async () => {
  // A fresh page, so nothing comes from the browser's cache (a 304 carries no encoding).
  const fresh = await ui.browser.newPage();
  try {
    const encodings = new Map<string, string | undefined>();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright response object
    fresh.on('response', async (r: any) => {
      encodings.set(new URL(r.url()).pathname, (await r.allHeaders())['content-encoding']);
    });
    await fresh.goto(`${ui.srv.url}/#/events`);
    await fresh.locator('table.events-table').waitFor();
    assert.equal(encodings.get('/app.js'), 'br');
    assert.equal(encodings.get('/api/events'), 'br');
    const icon = await fresh.evaluate(async () => {
      const r = await fetch('/favicon.ico');
      return { status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength };
    });
    assert.equal(icon.status, 200);
    assert.equal(icon.type, 'image/x-icon');
    assert.ok(icon.size > 1000);
  } finally {
    await fresh.close();
  }
});
