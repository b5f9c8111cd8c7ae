/**
 * A real browser on the web UI for the end-to-end tests: Debian's Chromium driven by
 * playwright-core, a sitrep server over a corpus, and helpers to open a hash route once it is drawn
 * and to keep a screenshot in test-output/screenshots/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Corpus } from '../../src/corpus/corpus.ts';
import { startServer, type RunningServer, type ServeOptions } from '../../src/server/server.ts';
import { ensureUi } from '../../src/ui/build.ts';

const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-output/screenshots');

/** Load playwright-core if installed (CommonJS; NODE_PATH is honoured). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core is optional, loaded at run time
function loadPlaywright(): any {
  try {
    return createRequire(import.meta.url)('playwright-core');
  } catch {
    return undefined;
  }
}

const pw = loadPlaywright();
/** Why browser tests cannot run here, or false when they can. */
export const browserSkip: string | false = !pw
  ? 'playwright-core is not installed'
  : !existsSync(CHROMIUM)
    ? `${CHROMIUM} is missing (apt-get install -y chromium)`
    : false;

export interface Ui {
  srv: RunningServer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core is optional, loaded at run time
  browser: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core is optional, loaded at run time
  page: any;
  /** Go to a hash route and wait until the router says the page is drawn. */
  open(hash: string): Promise<void>;
  /** A screenshot of the viewport, as test-output/screenshots/NAME.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** A server over `corpus` (with any other server options given) and a browser page at 1400 × 900. */
export async function startUi(corpus: Corpus, serve: Partial<ServeOptions> = {}): Promise<Ui> {
  mkdirSync(SHOTS, { recursive: true });
  const srv = await startServer({ ...serve, corpus, port: 0, uiDir: await ensureUi() });
  const browser = await pw.chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core is optional, loaded at run time
  page.on('dialog', (d: any) => d.dismiss());
  return {
    srv,
    browser,
    page,
    async open(hash: string) {
      // A fresh load each time: going to the same URL with the same hash would not re-render.
      await page.goto('about:blank');
      await page.goto(`${srv.url}/${hash}`);
      await page.waitForFunction(
        () => document.body?.dataset.ready && !document.getElementById('main')!.hasAttribute('aria-busy'),
      );
    },
    async shot(name: string) {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
    },
    async close() {
      await browser.close();
      await srv.close();
    },
  };
}

export interface UiOverCorpus extends Ui {
  corpus: Corpus;
  /** Store an article through `POST /api/ingest`; its corpus id. */
  ingest(article: Record<string, unknown>): Promise<number>;
}

/** `startUi` over a fresh SQLite corpus in a temporary folder; `close` removes it all. */
export async function startUiOverCorpus(name: string, serve: Partial<ServeOptions> = {}): Promise<UiOverCorpus> {
  const dir = mkdtempSync(join(tmpdir(), `sitrep-${name}-`));
  const corpus = await Corpus.open(join(dir, 'corpus.db'));
  const ui = await startUi(corpus, serve);
  return {
    ...ui,
    corpus,
    async ingest(article) {
      const r = await fetch(`${ui.srv.url}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(article),
      });
      assert.equal(r.status, 200);
      return (await r.json()).results[0].article;
    },
    async close() {
      await ui.close();
      await corpus.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
