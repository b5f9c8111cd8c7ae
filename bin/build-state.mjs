// Whether the compiled build in dist/ holds the code of src/. `npm run build` (scripts/build.ts, run by
// `npm ci` through the `prepare` script) records in dist/build.json the moment it started compiling; a
// source file changed after that moment makes the build stale. An installed package has no src/: its
// build is the code. bin/sitrep.mjs, `npm run bench` and the package test read it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The record of the last build, relative to the package root. */
export const BUILD_INFO = 'dist/build.json';
/** Files besides src/ whose change makes a build stale. */
const INPUTS = ['tsconfig.json', 'tsconfig.build.json'];

/**
 * 'installed' (no src/: a package), 'current' (dist/ built from the src/ that is there), 'stale' (src/
 * changed since) or 'missing' (never built).
 * @param {string} root the package root
 * @returns {'installed' | 'current' | 'stale' | 'missing'}
 */
export function buildState(root) {
  const src = join(root, 'src');
  if (!existsSync(src)) return 'installed';
  let started;
  try {
    started = JSON.parse(readFileSync(join(root, BUILD_INFO), 'utf8')).started;
  } catch {
    return 'missing';
  }
  if (typeof started !== 'number') return 'missing';
  let files;
  try {
    files = [...INPUTS.map((f) => join(root, f)), ...readdirSync(src, { recursive: true }).map((f) => join(src, f))];
  } catch {
    return 'current'; // sources this user cannot list could not run either: the build is what there is
  }
  for (const file of files) {
    try {
      if (statSync(file).mtimeMs > started) return 'stale';
    } catch {
      // a file removed while we looked: what is left decides
    }
  }
  return 'current';
}
