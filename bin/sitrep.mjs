#!/usr/bin/env -S node --max-semi-space-size=64
// Entry point of the `sitrep` command. It runs the compiled build in dist/ (`npm run build`, which
// `npm ci` runs through the `prepare` script, and which an installed package ships). In a checkout
// whose src/ changed since that build (or that was never built), it runs the TypeScript sources
// through tsx instead, so the command always runs the code that is there; `npm run build` makes it
// fast again. `SITREP_DEBUG=1` says which it runs.
//
// --max-semi-space-size=64 (MB) lets V8's young generation grow past its 16 MB default. Analysing
// an article allocates about 2.5 MB of short-lived objects; with the default, a batch ingest
// collects the young generation every few articles, and each collection costs about as much
// however little survives. With room for a few dozen articles it collects a quarter as often:
// about 6% more articles per second on one core (`npm run bench:corpus`). Memory grows only
// when the work allocates that fast. `npm run sitrep` and `npm run bench:corpus` pass the same flag.
import { fileURLToPath } from 'node:url';
import { buildState } from './build-state.mjs';

const root = new URL('../', import.meta.url);
const state = buildState(fileURLToPath(root));
let entry = new URL('dist/cli/main.js', root);
if (state === 'stale' || state === 'missing') {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    entry = new URL('src/cli/main.ts', root);
  } catch {
    // no tsx (production dependencies only): the build that is there, if any
    if (state === 'missing') {
      process.stderr.write('sitrep: not built, and tsx is not installed to run the sources: run npm ci\n');
      process.exit(1);
    }
    process.stderr.write('sitrep: dist/ is older than src/ (run npm run build)\n');
  }
}
if (process.env.SITREP_DEBUG) process.stderr.write(`sitrep: build ${state}, running ${fileURLToPath(entry)}\n`);
// A closed pipe (`sitrep analyze ... | head`) ends the run quietly, as it does for other Unix tools.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
