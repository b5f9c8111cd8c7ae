/**
 * eval:noise — what a corpus of real web pages shows first. Ingests the article-extraction pages
 * (`../shared/data/article-extraction/html`: 91 real news pages of many sites, as a user would
 * ingest them) into a fresh SQLite corpus in a temporary folder, then prints the most-mentioned
 * entities (as the home page and the graph list them: by articles, then mentions) with their type
 * and place, for a person to read: a common word ("Image", "CEO"), a wrong type (a company as a
 * place) or one entity split by case ("FRANCE" beside France) is noise an analyst sees first.
 *
 *   node --import tsx scripts/eval-noise.ts [--top N] [--dir PATH]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Corpus } from '../src/corpus/corpus.ts';
import { ingestDirect } from '../src/corpus/ingest.ts';
import { readInputs } from '../src/ingest/inputs.ts';
import { listEntities } from '../src/server/queries.ts';
import { optionValue, sharedPathOrExit } from './lib.ts';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log('usage: npm run eval:noise -- [--top N] [--dir PATH]   (default: the 50 most-mentioned entities)');
  process.exit(0);
}
const top = Number(optionValue('top') ?? 50);
if (!Number.isInteger(top) || top < 1) {
  console.error('eval:noise: --top takes a whole number from 1');
  process.exit(2);
}
const dir = optionValue('dir') ?? sharedPathOrExit('data/article-extraction/html');
const work = mkdtempSync(path.join(tmpdir(), 'sitrep-noise-'));
try {
  const corpus = await Corpus.open(path.join(work, 'corpus.sqlite'));
  const t0 = performance.now();
  const tally = await ingestDirect(corpus, readInputs([dir]));
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `eval:noise: ${tally.added} pages ingested from ${dir} in ${secs.toFixed(1)} s (${tally.failed} failed); ` +
      `the ${top} most-mentioned entities:`,
  );
  console.log(`  ${'#'.padStart(3)}  ${'entity'.padEnd(34)} ${'type'.padEnd(7)} articles mentions  place`);
  const rows = await listEntities(corpus.db, { limit: top, offset: 0 });
  rows.forEach((r, i) => {
    const place = r.geo
      ? `${r.geo.lat.toFixed(2)}, ${r.geo.lon.toFixed(2)}${r.geo.country ? ` (${r.geo.country})` : ''}`
      : '';
    console.log(
      `  ${String(i + 1).padStart(3)}  ${r.name.slice(0, 34).padEnd(34)} ${r.type.padEnd(7)} ` +
        `${String(r.articles).padStart(8)} ${String(r.mentions).padStart(8)}  ${place}`,
    );
  });
  await corpus.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
