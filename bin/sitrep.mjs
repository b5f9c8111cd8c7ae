#!/usr/bin/env node
// Entry point of the `sitrep` command: runs the TypeScript CLI through tsx, so the command works
// right after `npm ci` with no separate build step.
import { register } from 'tsx/esm/api';
register();
// A closed pipe (`sitrep analyze ... | head`) ends the run quietly, as it does for other Unix tools.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
