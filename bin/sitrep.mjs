#!/usr/bin/env node
// Entry point of the `sitrep` command: runs the TypeScript CLI through tsx, so the command works
// right after `npm ci` with no separate build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
