/**
 * `npm run build`, also the `prepare` script (so `npm ci` and `npm pack` run it): the compiled build
 * that the `sitrep` command and the library run.
 *
 *   1. tsc (tsconfig.build.json) compiles src/ to dist/: JavaScript and type declarations in the same
 *      folder layout, so code that finds data/ or schema/ relative to its own file finds them from
 *      dist/ as from src/;
 *   2. compiled files this build did not write (their source is gone) are removed;
 *   3. the web UI is bundled into dist/ui/ (src/ui/build.ts), so an installed package serves it;
 *   4. dist/build.json records when compiling started: bin/build-state.mjs tells a build that holds
 *      the code of src/ from a stale one by it (bin/sitrep.mjs runs the sources through tsx then).
 *
 * The record is removed first, so while it builds, `sitrep` runs the sources rather than half a build.
 * A type error fails the build (tsc's report is printed).
 */
import { mkdirSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BUILD_INFO } from '../bin/build-state.mjs';
import { buildUi, UI_FILES, UI_OUT } from '../src/ui/build.ts';
import { REPO_ROOT } from './lib.ts';

const DIST = join(REPO_ROOT, 'dist');

/** Compiled output: JavaScript, declarations and their maps. */
const COMPILED = /\.(js|d\.ts)(\.map)?$/;

/** Remove compiled files this build did not write (their source is gone), and folders left empty; the UI stays. */
function prune(dir: string, since: number): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      prune(p, since);
      if (readdirSync(p).length === 0) rmdirSync(p);
    } else if (COMPILED.test(name) && st.mtimeMs < since && !(dir === UI_OUT && UI_FILES.includes(name))) {
      rmSync(p);
    }
  }
}

const t0 = performance.now();
rmSync(join(REPO_ROOT, BUILD_INFO), { force: true });
const started = Date.now();
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(REPO_ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`build: tsc failed (exit ${r.status ?? r.signal}); dist/ is not marked as built`);
  process.exit(1);
}
mkdirSync(DIST, { recursive: true });
prune(DIST, started);
await buildUi();
writeFileSync(join(REPO_ROOT, BUILD_INFO), JSON.stringify({ started }) + '\n');
console.log(
  `build: dist/ compiled from src/ and the web UI bundled in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
