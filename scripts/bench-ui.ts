/**
 * `npm run bench:ui`: time to first render of the article, entity, graph, events and timeline pages
 * over a corpus of 10,000 synthetic articles (scripts/synth.ts through the full pipeline; building
 * it takes minutes and is kept between runs). Targets: under one second for the article, entity and
 * graph pages, 500 ms for the events table, 600 ms for the timeline.
 *
 * First render is counted by the page's own clock: from the start of its navigation to the end of
 * the first frame that draws the page's mark (a MutationObserver in the page notes the frame, and a
 * task queued from its animation callback runs once its layout and paint are done). The time the driver sees, which adds Playwright's round trips to Node, is printed beside
 * it ("driver"), as is the slowest load (the first, over a cold server cache).
 *
 * Options: --count N (articles, default 10000), --db PATH (default tmp/bench-ui-N.db),
 *          --runs N (loads per page, default 3; the median is reported).
 * Needs playwright-core and /usr/bin/chromium; says so and exits 0 when either is missing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Corpus } from '../src/corpus/corpus.ts';
import { Pipeline } from '../src/pipeline.ts';
import { startServer } from '../src/server/server.ts';
import { ensureUi } from '../src/ui/build.ts';
import { REPO_ROOT } from './lib.ts';
import { synthCorpus } from './synth.ts';

const CHROMIUM = '/usr/bin/chromium';
/** Time to first render we aim for, unless a page names its own. */
const TARGET_MS = 1000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const count = Number(arg('--count', '10000'));
const runs = Number(arg('--runs', '3'));
const dbPath = resolve(arg('--db', resolve(REPO_ROOT, `tmp/bench-ui-${count}.db`)));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core is optional, loaded at run time
let pw: any;
try {
  pw = createRequire(import.meta.url)('playwright-core');
} catch {
  console.error('skipped: playwright-core is not installed');
  process.exit(0);
}
if (!existsSync(CHROMIUM)) {
  console.error(`skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
  process.exit(0);
}

mkdirSync(resolve(dbPath, '..'), { recursive: true });
const corpus = await Corpus.open(dbPath);
const have = (await corpus.counts()).articles;
// A few synthetic articles repeat others and are not stored again: a note beside the corpus says
// it was built, so a later run does not analyse them again (nor need the models).
const built = `${dbPath}.built`;
if (have < count && !(existsSync(built) && readFileSync(built, 'utf8').trim() === String(count))) {
  const t0 = performance.now();
  const pipeline = new Pipeline();
  const articles = synthCorpus(count).slice(have);
  let n = have;
  for (const a of articles) {
    await corpus.add(
      pipeline.analyze({ id: a.id, source: { published: a.published, publisher: a.publisher }, text: a.text }),
      a.id,
    );
    if (++n % 500 === 0)
      process.stderr.write(`\rbuilding corpus: ${n}/${count} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  process.stderr.write(`\rbuilt corpus of ${count} articles in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  writeFileSync(built, `${count}\n`);
}
const counts = await corpus.counts();
const srv = await startServer({ corpus, port: 0, uiDir: await ensureUi() });

// Pages to time: an article from the middle, the most-mentioned entity, the default graph.
const mid = await corpus.db.get<{ id: number }>('SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET ?', [
  Math.floor(counts.articles / 2),
]);
const top = await corpus.db.get<{ id: string }>(
  'SELECT entity_id AS id FROM entity_mentions GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1',
);
const pages: Array<[name: string, hash: string, selector: string, targetMs: number]> = [
  ['article', `#/article/${mid!.id}`, '.text .blk', TARGET_MS],
  ['entity', `#/entity/${encodeURIComponent(top!.id)}`, '.entity-head h1', TARGET_MS],
  ['graph', '#/graph', 'svg.graph .node', TARGET_MS],
  ['events', '#/events', 'table.events-table tbody tr', 500],
  ['timeline', '#/timeline', 'svg.timeline', 600],
];

const browser = await pw.chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
// In every page, before its own scripts: the time (ms from the start of navigation) at which the
// first frame that has each page's mark is drawn, in window.__firstFrame[selector]. A string, not a
// function: tsx's helpers would not exist in the page.
await page.addInitScript(`(() => {
  const marks = ${JSON.stringify(pages.map((p) => p[2]))};
  const seen = (window.__firstFrame = {});
  const look = () => {
    for (const sel of marks)
      if (!(sel in seen) && document.querySelector(sel)) {
        seen[sel] = null;
        // the frame's style, layout and paint run after its animation callbacks: a task queued
        // from one runs once the frame is drawn
        requestAnimationFrame(() => setTimeout(() => (seen[sel] = performance.now())));
      }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
})()`);
console.log(`corpus: ${counts.articles} articles, ${counts.entities} entities, ${counts.events} events (${dbPath})`);
let failed = false;
try {
  for (const [name, hash, selector, target] of pages) {
    const times: number[] = [];
    const driver: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto('about:blank');
      const t0 = performance.now();
      await page.goto(`${srv.url}/${hash}`);
      // Waits for the frame the init script notes (checked in the page at every frame).
      const frame = await page.waitForFunction(
        (sel: string) => (window as Window & { __firstFrame?: Record<string, number | null> }).__firstFrame?.[sel],
        selector,
        { polling: 'raf', timeout: 30_000 },
      );
      driver.push(performance.now() - t0);
      times.push(Number(await frame.jsonValue()));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ok = median(times) <= target;
    failed ||= !ok;
    const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
    console.log(
      `${name.padEnd(8)} first render ${ms(median(times))} median of ${runs}, worst ${ms(Math.max(...times))}` +
        ` (driver ${ms(median(driver))}, worst ${ms(Math.max(...driver))}) ` +
        (ok ? `OK (target ${target} ms)` : `over the ${target} ms target`),
    );
  }
} finally {
  await browser.close();
  await srv.close();
  await corpus.close();
}
process.exitCode = failed ? 1 : 0;
