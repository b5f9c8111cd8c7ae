/**
 * Build the browser UI: bundle `src/ui/main.ts` with esbuild (installed with tsx) into
 * `dist/ui/app.js`, copy `app.css` beside it, and write `index.html` naming each of them with its
 * version (`/app.js?v=HASH`, `assetVersion`), which the server lets browsers keep without asking
 * again: a page load fetches nothing but the page before the script runs. `npm run build` (run by
 * `npm ci`) builds it, and the server calls `ensureUi()` at start, which rebuilds it when its
 * sources changed. An installed package has no sources: it serves the UI it was packed with.
 *
 *   node --import tsx src/ui/build.ts      # build now
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This file's folder: src/ui, or dist/ui when it runs compiled. */
const HERE = dirname(fileURLToPath(import.meta.url));
export const UI_SRC = resolve(HERE, '../../src/ui');
/** Where the built UI goes (git-ignored). */
export const UI_OUT = resolve(HERE, '../../dist/ui');
/** Files copied as they are. */
const STATIC_FILES = ['app.css'];
/** Files the page names, with their version (`assetVersion`) in the address. */
const VERSIONED = ['app.js', 'app.css'];
/** The files of a built UI. */
export const UI_FILES = ['app.js', 'index.html', ...STATIC_FILES];

/** The version of a file's content: a hash, also its ETag in the server (compress.ts). */
export function assetVersion(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

/** Newest modification time of the files under a folder (recursive). */
function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

/** True when the built UI is missing or older than any of its sources. */
export function uiIsStale(out = UI_OUT): boolean {
  const files = UI_FILES.map((f) => join(out, f));
  if (!files.every(existsSync)) return true;
  if (!existsSync(UI_SRC)) return false;
  const built = Math.min(...files.map((f) => statSync(f).mtimeMs));
  return newest(UI_SRC) > built;
}

/** Bundle and copy the UI into `out`; returns the folder. */
export async function buildUi(out = UI_OUT): Promise<string> {
  if (!existsSync(join(UI_SRC, 'main.ts')))
    throw new Error(`the web UI is not built (${out}) and its sources are missing`);
  const esbuild = await import('esbuild');
  mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [join(UI_SRC, 'main.ts')],
    outfile: join(out, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const f of STATIC_FILES) copyFileSync(join(UI_SRC, f), join(out, f));
  let html = readFileSync(join(UI_SRC, 'index.html'), 'utf8');
  for (const f of VERSIONED) html = html.replace(`"/${f}"`, `"/${f}?v=${assetVersion(readFileSync(join(out, f)))}"`);
  writeFileSync(join(out, 'index.html'), html);
  return out;
}

/** Build the UI when it is missing or stale; returns its folder. */
export async function ensureUi(out = UI_OUT): Promise<string> {
  if (uiIsStale(out)) await buildUi(out);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const out = await buildUi();
  console.log(`built ${out} in ${(performance.now() - t0).toFixed(0)} ms`);
}
