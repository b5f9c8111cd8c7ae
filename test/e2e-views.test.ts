/**
 * The analyst's views in a real browser (issue 21, part B): the timeline (a lane for every event
 * type, ticks over sixty years, an axis that stops at "until", unknown filters refused), the map
 * (zoom, pan, clusters with counts, a legend, every filter on places and events, who → whom), the
 * network (edges from shared sentences and events, a legible story, labels that never overlap, find,
 * focus, zoom), the keyboard, and a 390 px touch screen. Screenshots go to test-output/screenshots/.
 *
 * The corpus: a team-written chronology of a fictional border dispute (fourteen event types from
 * 1963 to 2025, dated to the year or the month, four events in one town), a story in the style of
 * the seed's (a Foreign Secretary's visit, a president, a security adviser and the charity he
 * founded, two countries), and the harbour strike of the UI fixtures.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSkip as skip, SHOTS, startUiOverCorpus, type UiOverCorpus } from './helpers/browser.ts';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures/ui');
const ARTICLES: Array<[string, string]> = [
  ['chronology.txt', '2025-02-01'],
  ['envoy.txt', '2026-05-14'],
  ['harbour.txt', '2026-03-03'],
];
/** The names of the envoy story that must be readable in the network. */
const STORY = [
  'Helen Marsh',
  'Khalid al-Mansouri',
  'Edmund Hartley',
  'Bridgewater Mediation',
  'Libya',
  'United Kingdom',
];

let ui: UiOverCorpus;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core is optional, loaded at run time
let page: any;
const stored: number[] = [];

interface ApiEvent {
  id: number;
  type: string;
  date: string | null;
  place: { name: string; lat: number | null } | null;
}
const api = async <T>(path: string): Promise<T> => (await fetch(`${ui.srv.url}${path}`)).json() as Promise<T>;

before(async () => {
  if (skip) return;
  ui = await startUiOverCorpus('e2e-views');
  page = ui.page;
  for (const [file, published] of ARTICLES)
    stored.push(await ui.ingest({ text: readFileSync(join(FIXTURES, file), 'utf8'), published }));
});

after(() => ui?.close());

/** Texts of the elements a selector matches. */
const texts = (sel: string): Promise<string[]> =>
  page.$$eval(sel, (els: Element[]) => els.map((e) => e.textContent ?? ''));
/** Tick labels of the time axis (lane labels left out). */
const ticks = () => texts('svg.timeline text.tick:not(.lane)');

test('timeline: every event type has a lane and every dated event is drawn', { skip }, async () => {
  const { events } = await api<{ events: ApiEvent[] }>('/api/events?limit=2000');
  const dated = events.filter((e) => e.date);
  const types = [...new Set(events.map((e) => e.type))].sort();
  assert.ok(new Set(dated.map((e) => e.type)).size > 8, 'more than 8 types dated');
  await ui.open('#/timeline');
  const lanes = await texts('svg.timeline text.lane');
  assert.deepEqual(lanes.map((l) => l.replace(/ \(\d+\)$/, '')).sort(), types, 'one lane per type, none cut');
  assert.equal((await page.$$('svg.timeline .event-dot')).length, dated.length, 'every dated event drawn');
  assert.equal(await page.$('svg.timeline .lane-density'), null, 'nothing to shade: all are drawn');
  assert.match(await page.textContent('.tl-summary'), new RegExp(`^${events.length} events match`));
  await ui.shot('views-timeline');
});

test('timeline: dated events beyond those drawn are shaded in their lanes and counted', { skip }, async () => {
  const t = await api<{ dated: number; periods: Array<[string, string, number]>; events: unknown[] }>(
    '/api/timeline?limit=3',
  );
  assert.equal(t.events.length, 3);
  assert.equal(
    t.periods.reduce((n, p) => n + p[2], 0),
    t.dated,
    'every dated event is in a period',
  );
  assert.ok(t.periods.some(([type, period]) => type === 'PROTEST' && period === '1963'));
  assert.ok(t.periods.some(([type, period]) => type === 'THREATEN' && period === '1971-03'));
  await ui.open('#/timeline?limit=3');
  assert.equal((await page.$$('svg.timeline .event-dot')).length, 3);
  assert.ok((await page.$$('svg.timeline .lane-density')).length >= 10, 'the others shaded');
  assert.match(await page.textContent('.tl-summary'), /the latest 3 drawn as dots, all of them shaded by month/);
  await ui.shot('views-timeline-shaded');
});

test(
  'timeline: ticks run over the whole range; the axis stops at "until" and starts at "since"',
  { skip },
  async () => {
    await ui.open('#/timeline');
    const years = (await ticks()).map((t) => Number(t.slice(0, 4)));
    assert.ok(years.length >= 4, `ticks ${years}`);
    assert.ok(years[0]! <= 1970 && years[years.length - 1]! >= 2020, `ticks from 1963 to 2025: ${years}`);

    await ui.open('#/timeline?until=2025-01');
    const svg = page.locator('svg.timeline');
    assert.equal(await svg.getAttribute('data-to'), '2025-01-31');
    for (const t of await ticks()) assert.ok(t <= '2025-01-31', `tick ${t} past until`);
    // the arrests "in January 2025" span the month that ends the axis
    const axisEnd = Number(await page.getAttribute('svg.timeline line.axis', 'x2'));
    const coerce = page.locator('svg.timeline .event-span[aria-label^="COERCE 2025-01"]');
    const end = Number(await coerce.getAttribute('x')) + Number(await coerce.getAttribute('width'));
    assert.ok(Math.abs(end - axisEnd) < 1, `the January span ends at the axis end (${end} vs ${axisEnd})`);

    await ui.open('#/timeline?since=1963&until=1972');
    assert.deepEqual(
      [await svg.getAttribute('data-from'), await svg.getAttribute('data-to')],
      ['1963-01-01', '1972-12-31'],
    );
    const width = async (label: string) =>
      Number(await page.getAttribute(`svg.timeline .event-span[aria-label^="${label}"]`, 'width'));
    const ratio = (await width('THREATEN 1971-03')) / (await width('PROTEST 1963'));
    assert.ok(ratio > 0.06 && ratio < 0.11, `a month is a twelfth of a year: ${ratio}`);
    await ui.shot('views-timeline-filtered');
  },
);

test('timeline: an unknown type, entity or place is refused with a message, no empty axis', { skip }, async () => {
  await ui.open('#/timeline?type=NONSENSE');
  assert.match(await page.textContent('[role=alert]'), /unknown event type "NONSENSE"/);
  assert.equal(await page.$('svg.timeline'), null);
  assert.equal(await page.$('svg.map'), null);
  await ui.shot('views-timeline-unknown');
  await ui.open('#/timeline?entity=Nobody%20Atall');
  assert.match(await page.textContent('[role=alert]'), /nothing in the corpus is named "Nobody Atall"/);
  await ui.open('#/timeline?place=Helen%20Marsh');
  assert.match(await page.textContent('[role=alert]'), /is not a place/);
});

/** Points the map draws: single dots plus the counts of clusters (which may hold places and events). */
async function drawnCounts(): Promise<{ places: number; events: number }> {
  const sum = async (kind: string): Promise<number> =>
    (await page.$$(`svg.map .${kind}-dot`)).length +
    (await page.$$eval(
      'svg.map .cluster',
      (els: Element[], k: string) => els.reduce((n, e) => n + Number(e.getAttribute(`data-${k}s`)), 0),
      kind,
    ));
  return { places: await sum('place'), events: await sum('event') };
}

/** Marks of the map that overlap another (their circles, on screen). */
const overlappingMarks = (): Promise<number> =>
  page.$$eval('svg.map .points > circle, svg.map .cluster > circle', (els: Element[]) => {
    const c = els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, r: r.width / 2 };
    });
    let n = 0;
    c.forEach((a, i) =>
      c.slice(i + 1).forEach((b) => (n += Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - 0.5 ? 1 : 0)),
    );
    return n;
  });

test('map: stacked events are one cluster with its count; tapping zooms in, then lists them', { skip }, async () => {
  const { events } = await api<{ events: ApiEvent[] }>('/api/events?limit=2000');
  const located = events.filter((e) => e.place?.lat != null);
  const kessel = located.filter((e) => e.place!.name === 'Kessel');
  assert.equal(kessel.length, 4, 'four events in Kessel');
  await ui.open('#/timeline');
  assert.equal((await drawnCounts()).events, located.length, 'every located event is drawn, alone or counted');
  const legend = await page.textContent('.map-wrap .legend');
  for (const word of ['Place', 'Event', 'close together']) assert.ok(legend.includes(word), `legend: ${word}`);
  // tap the biggest cluster until it lists its events instead of zooming further
  assert.equal(await overlappingMarks(), 0, 'no mark covers another');
  for (let i = 0; i < 8 && !(await page.$('.evidence .pick-list')); i++) {
    const counts: number[] = await page.$$eval('svg.map .event-cluster', (els: Element[]) =>
      els.map((e) => Number(e.getAttribute('data-events'))),
    );
    assert.ok(counts.length, 'a cluster is left to open');
    await page
      .locator('svg.map .event-cluster')
      .nth(counts.indexOf(Math.max(...counts)))
      .click();
    await page.waitForTimeout(50);
    assert.equal((await drawnCounts()).events, located.length, 'nothing hidden at any zoom');
    assert.equal(await overlappingMarks(), 0, 'no mark covers another at any zoom');
  }
  assert.ok(Number(await page.getAttribute('svg.map', 'data-zoom')) > 1, 'the map zoomed in');
  const listed = await texts('.evidence .pick-list li');
  assert.equal(listed.length, 4);
  for (const l of listed) assert.match(l, /Kessel/);
  await ui.shot('views-map-cluster');
  await page.locator('.evidence .pick-list button').first().click();
  assert.match(await page.textContent('.evidence dl.facts'), /Who → whom/);
});

test('map: zoom buttons, wheel and drag move the view', { skip }, async () => {
  await ui.open('#/timeline');
  const box = () => page.getAttribute('svg.map', 'viewBox');
  const start = await box();
  await page.click('.map-wrap button[aria-label="Zoom in"]');
  await page.waitForTimeout(50);
  assert.equal(await page.getAttribute('svg.map', 'data-zoom'), '2.00');
  const zoomed = await box();
  assert.notEqual(zoomed, start);
  const r = await page.locator('svg.map').boundingBox();
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await page.mouse.down();
  await page.mouse.move(r.x + r.width / 2 - 120, r.y + r.height / 2 - 40, { steps: 5 });
  await page.mouse.up();
  const panned = await box();
  assert.notEqual(panned, zoomed, 'a drag pans');
  assert.equal(panned.split(' ')[2], zoomed.split(' ')[2], 'a drag does not zoom');
  await page.mouse.wheel(0, -300);
  await page.waitForTimeout(50);
  assert.ok(Number(await page.getAttribute('svg.map', 'data-zoom')) > 2, 'the wheel zooms');
  await page.click('.map-wrap button[aria-label="Reset view"]');
  assert.equal(await box(), start);
});

test('map: the entity, type and date filters apply to places and events alike', { skip }, async () => {
  await ui.open('#/timeline');
  const all = await drawnCounts();
  await ui.open('#/timeline?entity=Helen%20Marsh');
  const { places } = await api<{ places: Array<{ name: string }> }>('/api/places?entity=Helen%20Marsh');
  const names = places.map((p) => p.name);
  assert.ok(names.includes('Tripoli') && !names.includes('Kessel') && !names.includes('Valparaíso'), `${names}`);
  const marsh = await drawnCounts();
  assert.deepEqual(marsh, { places: places.length, events: marsh.events });
  assert.ok(marsh.places < all.places && marsh.events < all.events);
  await ui.open('#/timeline?type=ASSAULT');
  assert.deepEqual(await drawnCounts(), {
    places: (await api<{ places: unknown[] }>('/api/places?type=ASSAULT')).places.length,
    events: 1,
  });
  await ui.open('#/timeline?since=2026');
  const late = await api<{ places: Array<{ name: string }> }>('/api/places?since=2026');
  assert.ok(!late.places.some((p) => p.name === 'Kessel'), 'the chronology was published in 2025');
  assert.equal((await drawnCounts()).places, late.places.length);
});

test('the event panel says who did what to whom', { skip }, async () => {
  await ui.open('#/timeline?type=CONSULT&since=2026');
  await page.locator('svg.timeline .event-dot').first().click();
  const facts = await page.textContent('.evidence dl.facts');
  assert.match(facts, /Who → whom\s*United Kingdom → Libya/);
  assert.match(facts, /Where\s*Tripoli/);
  assert.ok(await page.$('.evidence blockquote'));
});

test('network: edges from shared sentences, the story legible, labels never overlap', { skip }, async () => {
  await ui.open('#/graph');
  const labels = await texts('svg.graph .labels text');
  for (const name of STORY) assert.ok(labels.includes(name), `${name} is labelled`);
  const overlaps = await page.$$eval('svg.graph .labels text', (els: Element[]) => {
    const boxes = els.map((e) => e.getBoundingClientRect());
    const out: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b, j) => {
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          out.push(`${els[i]!.textContent} / ${els[i + 1 + j]!.textContent}`);
      }),
    );
    return out;
  });
  assert.deepEqual(overlaps, []);
  const edges = await texts('svg.graph line.edge title');
  assert.ok(
    edges.some((t) => /^(Helen Marsh — Khalid al-Mansouri|Khalid al-Mansouri — Helen Marsh): 2 sentences/.test(t)),
  );
  assert.ok(!edges.some((t) => t.includes('Red Crescent') && t.includes('Edmund Hartley')), 'no edge for a co-mention');
  await ui.shot('views-graph');
});

test('network: find a node, focus it and its neighbours, zoom, open its page', { skip }, async () => {
  await ui.open('#/graph');
  await page.fill('.graph-find input', 'mansouri');
  await page.press('.graph-find input', 'Enter');
  assert.equal((await page.textContent('.graph-panel h2')).trim(), 'Khalid al-Mansouri');
  const links = await texts('.graph-panel .links li');
  assert.ok(
    links.some((l) => /Helen Marsh · 2 sentences/.test(l)),
    links.join(' | '),
  );
  assert.ok(await page.$('svg.graph.focused'));
  const opacity = (name: string) =>
    page.$eval(`svg.graph .node[aria-label^="${name}:"]`, (el: Element) => Number(getComputedStyle(el).opacity));
  assert.ok((await opacity('Red Crescent')) < 0.5, 'a stranger is dimmed');
  assert.equal(await opacity('Helen Marsh'), 1, 'a neighbour is not');
  assert.ok(Number(await page.getAttribute('svg.graph', 'data-zoom')) >= 2, 'found: zoomed in on it');
  await ui.shot('views-graph-focus');
  const labelHeight = () => page.$eval('svg.graph .labels text', (e: Element) => e.getBoundingClientRect().height);
  const before = await labelHeight();
  await page.click('.graph-tools button[aria-label="Zoom in"]');
  await page.waitForTimeout(50);
  assert.ok(Math.abs((await labelHeight()) - before) < 2, 'labels keep their size when zoomed');
  await page.click('.graph-panel .links button >> text=Helen Marsh');
  assert.equal((await page.textContent('.graph-panel h2')).trim(), 'Helen Marsh');
  await page.click('.graph-panel button >> text=Show all');
  assert.equal(await page.$('svg.graph.focused'), null);
  await page.fill('.graph-find input', 'nobody at all');
  await page.press('.graph-find input', 'Enter');
  assert.match(await page.textContent('.graph-tools [role=status]'), /No node is named/);
  await page.click(`svg.graph .node[aria-label^="Helen Marsh:"]`);
  await page.click('.graph-panel a.open-entity');
  await page.waitForURL(/#\/entity\/person-helen-marsh/);
});

test('keyboard: one Tab stop per drawing, arrows move through events, details follow focus', { skip }, async () => {
  await ui.open('#/timeline');
  assert.equal((await page.$$('svg.timeline [tabindex="0"]')).length, 1);
  await page.focus('svg.timeline [tabindex="0"]');
  const first = await page.textContent('.evidence h2');
  assert.match(first, /^PROTEST.* · 1963/, 'the earliest event first');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.evidence h2'), /^THREATEN.* · 1971-03/);
  await page.keyboard.press('End');
  assert.match(await page.textContent('.evidence h2'), /2026/);
  await ui.open('#/graph');
  await page.focus(`svg.graph .node[aria-label^="Edmund Hartley:"]`);
  await page.keyboard.press('Enter');
  assert.equal((await page.textContent('.graph-panel h2')).trim(), 'Edmund Hartley');
});

test('390 px touch screen: the navigation fits, bars stay small, taps show details', { skip }, async () => {
  const ctx = await ui.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const phone = await ctx.newPage();
  const open = async (hash: string) => {
    await phone.goto('about:blank');
    await phone.goto(`${ui.srv.url}/${hash}`);
    await phone.waitForFunction(
      () => document.body?.dataset.ready && !document.getElementById('main')!.hasAttribute('aria-busy'),
    );
  };
  try {
    await open('#/');
    const nav = await phone.$$eval('header.top nav a', (els: Element[]) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent, left: r.left, right: r.right };
      }),
    );
    assert.ok(nav.length >= 5);
    for (const a of nav) assert.ok(a.left >= 0 && a.right <= 390, `${a.text} fits: ${a.left}–${a.right}`);
    assert.equal(
      await phone.evaluate(() => document.documentElement.scrollWidth),
      390,
      'nothing wider than the screen',
    );
    /** Height of what stays on screen when the page scrolls. */
    const stuck = () =>
      phone.evaluate(() => {
        window.scrollTo(0, 600);
        let h = 0;
        for (const el of document.querySelectorAll('header, .layers, .filters')) {
          const pos = getComputedStyle(el).position;
          if (pos === 'sticky' || pos === 'fixed') h += Math.max(0, el.getBoundingClientRect().bottom);
        }
        return h;
      });
    await open(`#/article/${stored[1]}`);
    assert.ok((await stuck()) < 844 / 4, `sticky bars cover ${await stuck()} px of 844`);
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: join(SHOTS, 'views-390-article.png') });

    await open('#/timeline');
    assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth), 390);
    await phone.locator('svg.map .event-cluster, svg.map .event-dot').first().tap();
    await phone.waitForSelector('.evidence .pick-list, .evidence dl.facts, svg.map[data-zoom="2.00"]');
    await phone.locator('svg.timeline .event-dot').first().tap();
    await phone.waitForSelector('.evidence dl.facts');
    await phone.screenshot({ path: join(SHOTS, 'views-390-timeline.png'), fullPage: true });

    await open('#/graph');
    await phone.locator(`svg.graph .node[aria-label^="Helen Marsh:"]`).tap();
    assert.equal((await phone.textContent('.graph-panel h2')).trim(), 'Helen Marsh');
    const fontPx = await phone.$eval('svg.graph .labels text', (e: Element) => e.getBoundingClientRect().height);
    assert.ok(fontPx >= 10, `labels readable at 390 px (${fontPx} px)`);
    await phone.screenshot({ path: join(SHOTS, 'views-390-graph.png'), fullPage: true });
  } finally {
    await ctx.close();
  }
});
