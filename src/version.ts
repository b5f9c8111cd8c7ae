/** sitrep's version: the one in package.json, read beside the code (src/ in a checkout, dist/ when built). */
import { readFileSync } from 'node:fs';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
