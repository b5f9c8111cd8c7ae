/**
 * `npm run build:gazetteer-index`: writes `data/gazetteer/gazetteer.idx`, the index of
 * `data/gazetteer/gazetteer.tsv` that `src/extract/geo/gazetteer.ts` loads with it (see
 * `src/extract/geo/gazetteer-index.ts`). `npm run build:gazetteer` writes it too; run this after
 * changing the tsv by other means or the index format. Deterministic: the same tsv gives the same
 * bytes; `test/geo-index.test.ts` fails while the index is not current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildIndex } from '../src/extract/geo/gazetteer-index.ts';
import { REPO_ROOT } from './lib.ts';

const tsv = path.join(REPO_ROOT, 'data/gazetteer/gazetteer.tsv');
const index = buildIndex(fs.readFileSync(tsv));
fs.writeFileSync(tsv.replace(/\.tsv$/, '.idx'), index);
console.log(`wrote data/gazetteer/gazetteer.idx: ${(index.length / 1e6).toFixed(2)} MB`);
