/**
 * End-to-end tests of the web UI in a real Chromium (Debian's `chromium`, driven by
 * playwright-core): paste an article and see its entities highlighted, toggle a layer, open an
 * entity page from a highlight, see the graph, timeline and map drawn, and check that a hostile
 * article runs no script. Screenshots of each page go to test-output/screenshots/ for review.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSkip as skip, startUiOverCorpus, type UiOverCorpus } from './helpers/browser.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const HARBOUR = readFileSync(resolve(HERE, 'fixtures/ui/harbour.txt'), 'utf8');
const HOSTILE = readFileSync(resolve(HERE, 'fixtures/ui/hostile.txt'), 'utf8');
const OTHERS = [
  {
    text: `Rail strike halts trains across Norway\n\nTrain drivers in Norway stopped work on Thursday after talks with the operator Vy collapsed, leaving commuters in Oslo and Bergen stranded.\n\n"The offer on the table does not cover the cost of living," said Henrik Solberg, the leader of the drivers' union, at a rally in Oslo.\n\nVy said it hoped to return to negotiations on Monday, and the Ministry of Transport urged both sides to meet.`,
    published: '2026-02-12',
    publisher: 'Nordic Wire',
  },
  {
    text: `Dock strike spreads to San Antonio\n\nWorkers at the port of San Antonio joined the strike on Friday, the Union of Port Workers said, as Pacific Terminal Holdings warned of delays across Chile.\n\nCarmen Ibarra told reporters that the union would not accept the plan. Officials in Santiago are reportedly drafting emergency rules for exporters.`,
    published: '2026-03-06',
    publisher: 'Coastal Times',
  },
  {
    text: `Valparaiso strike ends\n\nVALPARAISO, March 3 — Port officials in Valparaiso said the strike had ended after nine days. Union leader Carmen Ibarra told reporters that the talks with the terminal operator would resume on Monday.`,
    published: '2026-03-03',
    publisher: 'Coastal Times',
  },
  {
    text: `Antofagasta port blockade recalled\n\nDockworkers blockaded the port of Antofagasta in January, the Union of Port Workers said on Tuesday. Police arrested twelve strikers in Antofagasta in January.`,
    published: '2026-03-10',
    publisher: 'Coastal Times',
  },
];
/** Index in OTHERS of the article with an anonymous and a named source. */
const STRIKE = 2;

let ui: UiOverCorpus;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core is optional, loaded at run time
let page: any;
/** Corpus ids of the articles stored before the tests. */
const stored: number[] = [];

before(async () => {
  if (skip) return;
  ui = await startUiOverCorpus('e2e');
  page = ui.page;
  for (const a of OTHERS) stored.push(await ui.ingest(a));
});

after(() => ui?.close());

const open = (hash: string) => ui.open(hash);
const shot = (name: string) => ui.shot(name);

test('home page shows counts, recent articles and most-mentioned entities', { skip }, async () => {
  await open('#/');
  await page.waitForSelector('.counts');
  assert.match(await page.textContent('.counts'), new RegExp(`${OTHERS.length}\\s+articles`));
  assert.ok((await page.$$('.chips li')).length > 3);
  await shot('home');
});

test(
  'paste an article: its entities are highlighted; a layer toggles; a highlight opens the entity page',
  { skip },
  async () => {
    await open('#/');
    await page.fill('#paste', HARBOUR);
    await page.fill('#paste-published', '2026-03-03');
    await page.click('#analyse-store');
    await page.waitForURL(/#\/article\/\d+/);
    const person = page.locator('.text a.ent-PERSON', { hasText: 'Carmen Ibarra' }).first();
    await person.waitFor();
    const bg = () => person.evaluate((el: Element) => getComputedStyle(el).backgroundColor);
    assert.notEqual(await bg(), 'rgba(0, 0, 0, 0)', 'people are highlighted');
    assert.ok((await page.$$('.text .ent-ORG')).length >= 2, 'organisations are marked');
    assert.ok((await page.$$('.text .quote')).length >= 1, 'quotes are marked');
    assert.match(await page.getAttribute('.text .time', 'title'), /\d{4}/, 'dates resolve on hover');
    assert.ok((await page.$$('.side .panel')).length >= 5, 'side panels list the layers');
    await shot('article');

    const box = await page.locator('.text').boundingBox();
    await page.uncheck('#layer-PERSON');
    assert.equal(await bg(), 'rgba(0, 0, 0, 0)', 'people layer switched off');
    assert.deepEqual(await page.locator('.text').boundingBox(), box, 'toggling a layer moves nothing');
    await page.uncheck('#layer-quotes');
    await shot('article-layers-off');
    await page.check('#layer-PERSON');
    assert.notEqual(await bg(), 'rgba(0, 0, 0, 0)');

    await person.click();
    await page.waitForURL(/#\/entity\/person-carmen-ibarra/);
    await page.waitForSelector('.entity-head h1');
    assert.match(await page.textContent('.entity-head h1'), /Carmen Ibarra/);
    const body = await page.textContent('.entity');
    assert.match(body, /machines take our jobs/, 'her quote is listed');
    assert.match(body, /Pacific Terminal Holdings/, 'co-mentioned entities are listed');
    await shot('entity');
  },
);

test('the keyboard reaches a highlight and opens its entity page', { skip }, async () => {
  await open(`#/article/${stored[0]}`);
  await page.focus('.text a.ent-ORG');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/entity\/org-/);
});

test('the network graph is drawn and a node, once focused, opens its page', { skip }, async () => {
  await open('#/graph');
  await page.waitForSelector('svg.graph');
  assert.ok((await page.$$('svg.graph .node circle')).length >= 5);
  assert.ok((await page.$$('svg.graph line.edge')).length >= 5);
  await shot('graph');
  await open('#/graph?type=PERSON');
  assert.ok((await page.$$('svg.graph .node.sw-PERSON')).length >= 2);
  assert.equal((await page.$$('svg.graph .node.sw-ORG')).length, 0, 'type filter applies');
  // a tap focuses the node (touch has no hover); its page is a link in the panel beside
  await page.click('svg.graph .node.sw-PERSON circle');
  await page.click('.graph-panel a.open-entity');
  await page.waitForURL(/#\/entity\/person-/);
});

test('the claims panel links a resolved source to its entity and badges an unnamed one', { skip }, async () => {
  await open(`#/article/${stored[STRIKE]}`);
  const panel = page.locator('.panel', { hasText: 'Claims' });
  await panel.waitFor();
  assert.ok(await panel.locator('.badge.claim-anonymous').count(), 'port officials are an anonymous source');
  const link = panel.locator('a[href^="#/entity/"]', { hasText: 'Carmen Ibarra' });
  assert.equal(await link.count(), 1, 'the union leader is linked to her entity page');
  await link.click();
  await page.waitForURL(/#\/entity\/person-carmen-ibarra/);
});

test('the timeline and the world map are drawn', { skip }, async () => {
  await open('#/timeline');
  await page.waitForSelector('svg.timeline');
  assert.ok((await page.$$('svg.timeline text.tick')).length >= 2, 'time axis drawn');
  assert.ok((await page.$$('svg.map .graticule line')).length > 5, 'map drawn');
  assert.ok((await page.$$('svg.map .place-dot')).length >= 1, 'places on the map');
  // events the text dates only to the month (the Antofagasta blockade, "in January") are month-long spans
  const spans = await page.$$('svg.timeline .event-span');
  assert.ok(spans.length >= 1, 'a month-precision event drawn as a span');
  const width = Number(await spans[0].getAttribute('width'));
  const day = await page.$('svg.timeline circle.event-dot');
  assert.ok(!day || width > 2 * Number(await day.getAttribute('r')), 'a span is wider than a day’s dot');
  const dots = await page.$$('svg.timeline .event-dot');
  if (dots.length) {
    await dots[0].click();
    await page.waitForSelector('.evidence blockquote');
  }
  await shot('timeline-map');
});

test('search with a filter lists matching articles with marked snippets', { skip }, async () => {
  await open('#/search?q=strike&since=2026-03-01');
  await page.waitForSelector('.hits li');
  assert.ok(!(await page.textContent('.results')).includes('Rail strike'), 'date filter applies');
  assert.ok((await page.$$('.snippet mark')).length >= 1);
  await shot('search');
});

test('a hostile article runs no script and shows its markup as text', { skip }, async () => {
  await open('#/');
  await page.fill('#paste', HOSTILE);
  await page.click('#analyse');
  await page.waitForURL(/#\/analysis/);
  await page.waitForSelector('.text');
  const text = await page.textContent('.text');
  assert.match(text, /<script>window.__pwned = 1<\/script>/);
  assert.match(text, /<img src=x onerror=/);
  assert.equal((await page.$$('.text script, .text img, .side img')).length, 0);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  await shot('hostile');

  await open('#/');
  await page.fill('#paste', HOSTILE);
  await page.click('#analyse-store');
  await page.waitForURL(/#\/article\/\d+/);
  await page.waitForSelector('.text');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  await open('#/search?q=pwned');
  await page.waitForSelector('.hits li');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
});
