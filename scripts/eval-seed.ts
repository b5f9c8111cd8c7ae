/**
 * `npm run eval:seed`: analyse the seed article and print every check of its analyst gold
 * (`../shared/seed/gold.json`), section by section.
 */
import { readFileSync } from 'node:fs';
import { Pipeline } from '../src/pipeline.ts';
import { scoreGold } from '../src/eval/gold.ts';
import { sharedPathOrExit } from './lib.ts';

const SECTIONS = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const goldPath = sharedPathOrExit('seed/gold.json');
const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
const articlePath = sharedPathOrExit(`seed/${gold.article}`);
const analysis = new Pipeline().analyze({
  id: gold.article,
  source: { path: articlePath, published: gold.published, publisher: gold.publisher },
  text: readFileSync(articlePath, 'utf8'),
});
const checks = SECTIONS.length
  ? scoreGold(analysis, gold, SECTIONS)
  : scoreGold(analysis, gold, ['removed', 'entities', 'quotes', 'claims', 'times', 'geo', 'relations', 'events']);
const bySection = new Map<string, typeof checks>();
for (const c of checks) bySection.set(c.section, [...(bySection.get(c.section) ?? []), c]);
let failed = 0;
for (const [section, list] of bySection) {
  const ok = list.filter((c) => c.ok).length;
  console.log(`\n${section}: ${ok}/${list.length}`);
  for (const c of list) {
    if (!c.ok && !c.optional) failed++;
    console.log(`  ${c.ok ? 'ok  ' : c.optional ? 'opt ' : 'FAIL'} ${c.item}${c.detail ? `  — ${c.detail}` : ''}`);
  }
}
console.log(`\n${checks.length - failed} of ${checks.length} checks pass`);
