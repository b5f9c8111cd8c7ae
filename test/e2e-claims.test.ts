/**
 * The claims page and the claim badges in a real browser: a claim two outlets make, disputed by a
 * third, with its sources counted and the dispute linked from the claims page and the article page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip as skip, startUiOverCorpus, type UiOverCorpus } from './helpers/browser.ts';

const ARTICLES = [
  {
    text: `Ceasefire holds in Marwan province\n\nThe ceasefire in Marwan province was holding on Tuesday, officials in Tessaly said. Aid convoys reached the town of Brel.`,
    publisher: 'Gazette',
  },
  {
    text: `Truce in Marwan holds, diplomats say\n\nTwo Western diplomats said the Marwan ceasefire was still holding on Tuesday.`,
    publisher: 'Herald',
  },
  {
    text: `Ministry rejects truce reports\n\nThe Defence Ministry of Tessaly denied that the ceasefire in Marwan province was holding.`,
    publisher: 'Courier',
  },
];

let ui: UiOverCorpus;
const stored: number[] = [];

before(async () => {
  if (skip) return;
  ui = await startUiOverCorpus('e2e-claims');
  for (const a of ARTICLES) stored.push(await ui.ingest({ ...a, published: '2026-03-04' }));
});

after(() => ui?.close());

test('the claims page counts independent sources and links the dispute', { skip }, async () => {
  await ui.open('#/claims');
  const truce = ui.page.locator('.claims > li', { hasText: 'ceasefire' }).first();
  await truce.waitFor();
  assert.match(await truce.locator('.sources-badge').textContent(), /2 independent sources/);
  const disputed = truce.locator('.disputed-badge');
  assert.match(await disputed.textContent(), /disputed by The Defence Ministry of Tessaly/);
  assert.match(await truce.textContent(), /Gazette/);
  await ui.shot('claims');
  await disputed.click();
  await ui.page.waitForURL(new RegExp(`#/article/${stored[2]}\\?at=\\d+`));
});

test('the disputed-only filter and the article page badges', { skip }, async () => {
  await ui.open('#/claims?disputed=1');
  assert.equal(await ui.page.locator('.claims > li').count(), 1);
  await ui.open(`#/article/${stored[1]}`);
  const panel = ui.page.locator('.panel', { hasText: 'Claims' });
  await panel.locator('.sources-badge').waitFor();
  assert.match(await panel.textContent(), /disputed by/);
  await ui.shot('article-claim-badges');
});
