/**
 * Acceptance on the seed article: the analysis meets the analyst's gold (`../shared/seed/gold.json`)
 * for the sections of `sitrep analyze`. Skips when the shared folder is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pipeline } from '../src/pipeline.ts';
import { scoreGold, CORE_SECTIONS } from '../src/eval/gold.ts';

const SEED = resolve(import.meta.dirname, '../../shared/seed');
const goldPath = resolve(SEED, 'gold.json');
const skip = existsSync(goldPath) ? false : 'the shared seed folder (../shared/seed) is absent';

test('seed article meets the analyst gold: removed, entities, quotes, claims, times', { skip }, () => {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
  const analysis = new Pipeline().analyze({
    id: gold.article,
    source: { published: gold.published, publisher: gold.publisher },
    text: readFileSync(resolve(SEED, gold.article), 'utf8'),
  });
  const failures = scoreGold(analysis, gold, CORE_SECTIONS).filter((c) => !c.ok && !c.optional);
  assert.deepEqual(
    failures.map((c) => `${c.section}: ${c.item}${c.detail ? ' — ' + c.detail : ''}`),
    [],
  );
});
