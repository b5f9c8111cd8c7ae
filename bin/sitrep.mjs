#!/usr/bin/env -S node --max-semi-space-size=64
// Entry point of the `sitrep` command: runs the TypeScript CLI through tsx, so the command works
// right after `npm ci` with no separate build step.
//
// --max-semi-space-size=64 (MB) lets V8's young generation grow past its 16 MB default. Analysing
// an article allocates about 2.5 MB of short-lived objects; with the default, a batch ingest
// collects the young generation every few articles, and each collection costs about as much
// however little survives. With room for a few dozen articles it collects a quarter as often:
// about 6% more articles per second on one core (`npm run bench:corpus`). Memory grows only
// when the work allocates that fast. `npm run sitrep` and `npm run bench:corpus` pass the same flag.
import { register } from 'tsx/esm/api';
register();
// A closed pipe (`sitrep analyze ... | head`) ends the run quietly, as it does for other Unix tools.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
