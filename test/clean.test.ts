import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanArticle, cleanBlocks, debrisScore, textToBlocks } from '../src/clean/clean.ts';
import { normalizeSpace } from '../src/clean/blocks.ts';
import type { Doc } from '../src/model/doc.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');

/** The text of every block, with its kind. */
function blocksOf(doc: Doc): [string, string][] {
  return doc.blocks.map((b) => [b.kind, doc.text.slice(b.start, b.end)]);
}

/** Blocks must tile the clean text exactly, joined by blank lines. */
function assertOffsets(doc: Doc): void {
  assert.equal(doc.blocks.map((b) => doc.text.slice(b.start, b.end)).join('\n\n'), doc.text);
  for (let i = 1; i < doc.blocks.length; i++) assert.equal(doc.blocks[i].start, doc.blocks[i - 1].end + 2);
}

// A fictional article as an aggregator scrapes it: furniture at the head and tail, two photo
// captions that repeat body paragraphs, and a short but real closing paragraph.
const SCRAPED = `Home | News | World

By Maria Olsen

Advertisement

Flooding forced 4,000 people from their homes in the river town of Bellmoor on Tuesday, after two days of rain burst the banks of the Arle.

Mayor Tomas Brenner said the town had not seen water this high since 1953.  The army has sent   two boats.

Engineers from the regional water board worked through the night to shore up the flood wall near the old mill, officials said.

Read more: Storm warnings issued for the north coast

Mayor Tomas Brenner (pictured on Tuesday) said the town had not seen water this high since 1953

‘We are doing everything we can, but people must stay away from the river,’ Mr Brenner told reporters.

Engineers from the regional water board worked through the night to shore up the flood wall near the old mill, officials said. Pictured: Volunteers fill sandbags outside the town hall in Bellmoor

Pictured: A flooded street in the lower town on Tuesday morning

A man who was pulled from the water on Monday is in a stable condition.

The clean-up continues.

Share this article

Sign up for our newsletter to get the morning headlines in your inbox

Photo: Getty Images

© 2025 Northern Daily Media. All rights reserved.

Comments

Exit mobile version`;

test('textToBlocks splits at blank lines, normalises spacing and keeps every other character', () => {
  const blocks = textToBlocks('First  para\u00a0here.\r\n\r\n  Second\tpara ‘quoted’.\n\n\n\nThird.');
  assert.deepEqual(
    blocks.map((b) => b.text),
    ['First para here.', 'Second para ‘quoted’.', 'Third.'],
  );
  assert.ok(blocks.every((b) => b.kind === 'paragraph'));
});

test('textToBlocks splits at single line breaks when there are no blank lines', () => {
  assert.deepEqual(
    textToBlocks('One line.\nTwo line.\nThree').map((b) => b.text),
    ['One line.', 'Two line.', 'Three'],
  );
});

test('textToBlocks joins hard-wrapped prose but splits short debris lines', () => {
  const text =
    'The council voted on Thursday to close the old library and\nmove its books to the school.\n\nShare.\nExit mobile version';
  assert.deepEqual(
    textToBlocks(text).map((b) => b.text),
    [
      'The council voted on Thursday to close the old library and move its books to the school.',
      'Share.',
      'Exit mobile version',
    ],
  );
});

test('cleanArticle removes debris at head and tail and keeps the real closing line', () => {
  const doc = cleanArticle({ id: 'flood', source: { title: 'Floods force thousands from Bellmoor' }, text: SCRAPED });
  assertOffsets(doc);
  const removed = doc.removed.map((r) => r.text);
  for (const debris of [
    'Home | News | World',
    'By Maria Olsen',
    'Advertisement',
    'Read more: Storm warnings issued for the north coast',
    'Share this article',
    'Sign up for our newsletter to get the morning headlines in your inbox',
    'Photo: Getty Images',
    '© 2025 Northern Daily Media. All rights reserved.',
    'Comments',
    'Exit mobile version',
  ]) {
    assert.ok(removed.includes(debris), `expected removed: ${debris}`);
    assert.ok(!doc.text.includes(debris), `still in text: ${debris}`);
  }
  for (const r of doc.removed) assert.match(r.reason, /^boilerplate: \w/);
  const blocks = blocksOf(doc);
  assert.deepEqual(blocks[0], ['title', 'Floods force thousands from Bellmoor']);
  // The short last paragraph of the story is kept, as a paragraph, before the captions.
  const lastBody = blocks.filter(([k]) => k === 'paragraph').at(-1);
  assert.deepEqual(lastBody, ['paragraph', 'The clean-up continues.']);
  // Whitespace inside a paragraph is normalised, nothing else.
  assert.ok(doc.text.includes('since 1953. The army has sent two boats.'));
});

test('captions repeating a body paragraph are kept apart after the body', () => {
  const doc = cleanArticle({ id: 'flood', source: {}, text: SCRAPED });
  const blocks = blocksOf(doc);
  const captions = blocks.filter(([k]) => k === 'caption').map(([, t]) => t);
  const inserted = 'Mayor Tomas Brenner (pictured on Tuesday) said the town had not seen water this high since 1953';
  const appended =
    'Engineers from the regional water board worked through the night to shore up the flood wall near the old mill, officials said. Pictured: Volunteers fill sandbags outside the town hall in Bellmoor';
  assert.ok(captions.includes(inserted));
  assert.ok(captions.includes(appended));
  // Both repeated captions come after every body paragraph.
  const firstMoved = blocks.findIndex(([, t]) => t === inserted || t === appended);
  const lastParagraph = blocks.map(([k]) => k).lastIndexOf('paragraph');
  assert.ok(firstMoved > lastParagraph);
  // The body keeps each of its sentences exactly once.
  const body = blocks
    .filter(([k]) => k === 'paragraph')
    .map(([, t]) => t)
    .join('\n');
  assert.equal(body.split('shore up the flood wall').length - 1, 1);
  assert.equal(body.split('water this high since 1953').length - 1, 1);
  // A "Pictured:" line that repeats nothing stays in place, marked as a caption.
  const stay = blocks.findIndex(([, t]) => t === 'Pictured: A flooded street in the lower town on Tuesday morning');
  assert.equal(blocks[stay][0], 'caption');
  assert.ok(stay < lastParagraph);
  // Notes say what happened.
  assert.ok(doc.messages.some((m) => m.stage === 'clean' && /caption repeating paragraph \d+/.test(m.text)));
});

test('a body paragraph quoting someone is not taken for a caption', () => {
  const text = [
    '‘We will rebuild the bridge before the winter comes,’ the mayor said on Monday.',
    'Asked about the delay, Ms Hart repeated her promise: ‘We will rebuild the bridge before the winter comes.’',
    'Councillor Jo Hart (left) and the mayor visited the site on Friday with engineers from the county.',
    'The work will cost £2.4m.',
  ].join('\n\n');
  const doc = cleanArticle({ id: 'bridge', source: {}, text });
  assert.deepEqual(doc.removed, []);
  assert.deepEqual(
    blocksOf(doc).map(([k]) => k),
    ['paragraph', 'paragraph', 'paragraph', 'paragraph'],
  );
});

test('a paragraph scraped twice is removed once, with the paragraph it repeats', () => {
  const p = 'Police in Harwick arrested three men on Sunday after a warehouse fire that destroyed a fleet of buses.';
  const doc = cleanArticle({ id: 'dup', source: {}, text: `${p}\n\nThe men are due in court on Tuesday.\n\n${p}` });
  assert.equal(doc.removed.length, 1);
  assert.equal(doc.removed[0].reason, 'duplicate of paragraph 1');
  assert.equal(doc.text.split(p).length - 1, 1);
});

test('a headline on the first line becomes the title; a repeated title is dropped', () => {
  const doc = cleanArticle({
    id: 'h',
    source: {},
    text: 'Storm closes ferry routes across the strait\n\nAll ferries between the islands were cancelled on Friday as winds reached 90mph.',
  });
  assert.deepEqual(blocksOf(doc)[0], ['title', 'Storm closes ferry routes across the strait']);
  const res = cleanBlocks(
    [
      { kind: 'title', text: 'Storm closes ferry routes' },
      { kind: 'paragraph', text: 'All ferries were cancelled on Friday as winds reached 90mph.' },
    ],
    { title: 'Storm  closes ferry routes' },
  );
  assert.equal(res.blocks.length, 2);
  assert.equal(res.text, 'Storm closes ferry routes\n\nAll ferries were cancelled on Friday as winds reached 90mph.');
});

test('short subheadings inside the body become headings, not debris', () => {
  const text = [
    'The government announced a review of rail fares on Wednesday, promising lower prices for commuters.',
    'What happens next',
    'Ministers will report back to parliament in the autumn, officials said.',
  ].join('\n\n');
  const doc = cleanArticle({ id: 'sub', source: { title: 'Rail fares review' }, text });
  assert.deepEqual(blocksOf(doc)[2], ['heading', 'What happens next']);
});

test('debris score: labels score high, closing sentences low', () => {
  for (const s of ['Exit mobile version', 'Most Popular', 'Home | World', 'Source link']) {
    assert.ok(debrisScore(s) >= 3, s);
  }
  for (const s of ['The trial continues.', 'He denies the charges.', 'More to follow.']) {
    assert.ok(debrisScore(s) < 3, s);
  }
});

test('cookie, related-link and credit shapes are removed; look-alike prose is not', () => {
  const res = cleanBlocks(
    [
      {
        kind: 'paragraph',
        text: 'We use cookies to improve your experience on our site. By continuing you accept them.',
      },
      {
        kind: 'paragraph',
        text: 'The bakery sold 5,000 cookies on Saturday, using a recipe from 1890, its owner said.',
      },
      { kind: 'paragraph', text: 'Related: Bakers strike over pay' },
      { kind: 'paragraph', text: 'By Tuesday evening, the queue stretched around the block.' },
      { kind: 'paragraph', text: 'Reporting by Ana Ruiz; Editing by Paul Grey' },
    ],
    {},
  );
  assert.deepEqual(
    res.removed.map((r) => r.reason),
    ['boilerplate: cookie notice', 'boilerplate: related link', 'boilerplate: wire credit'],
  );
  assert.ok(res.text.startsWith('The bakery sold'));
  assert.ok(res.text.includes('By Tuesday evening'));
});

test('seed article: boilerplate removed and captions kept apart', (t) => {
  const seedDir = path.join(shared, 'seed');
  if (!existsSync(path.join(seedDir, 'gold.json'))) {
    t.skip('../shared/seed is absent');
    return;
  }
  const gold = JSON.parse(readFileSync(path.join(seedDir, 'gold.json'), 'utf8'));
  const text = readFileSync(path.join(seedDir, gold.article), 'utf8');
  const doc = cleanArticle({ id: 'seed', source: { publisher: gold.publisher, published: gold.published }, text });
  assertOffsets(doc);
  const kept = new Map(blocksOf(doc).map(([k, s]) => [s, k]));
  for (const line of gold.removed.boilerplate as string[]) {
    assert.ok(!kept.has(line), `boilerplate kept: ${line}`);
    assert.ok(doc.removed.some((r) => r.text === line));
  }
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const bodyText = doc.blocks.filter((b) => b.kind !== 'caption').map((b) => norm(doc.text.slice(b.start, b.end)));
  for (const caption of gold.removed.captions as string[]) {
    const kind = kept.get(norm(caption));
    assert.ok(kind === undefined || kind === 'caption', `caption in body: ${caption.slice(0, 40)}`);
    assert.ok(!bodyText.includes(norm(caption)));
  }
  // No body sentence twice: every non-caption block is distinct.
  assert.equal(new Set(bodyText).size, bodyText.length);
});

test('normalizeSpace equals the regular-expression collapse on every kind of white space', () => {
  const spaces = [' ', '  ', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u200b', '\u180e', ' \u00a0', '\r', '\v'];
  for (const a of spaces) {
    for (const b of spaces) {
      const s = `${a}Rescue teams${b}reached Valdmoor${a}on Tuesday${b}`;
      assert.equal(normalizeSpace(s), s.replace(/\s+/g, ' ').trim(), JSON.stringify(s));
    }
  }
  assert.equal(normalizeSpace('The ferry left at dawn.'), 'The ferry left at dawn.');
});

test('photo-gallery furniture goes: counters, "Caption", credits with a comma before the agency', () => {
  const text =
    'New trams for the harbour line on show in Kestrel Bay\n\nPhoto: Dana Whitlow, AP\n\nImage 1 of / 23\n\nCaption\n\n' +
    'Image 1 of 23\n\nThe city unveiled six new trams on Tuesday at the depot in Kestrel Bay.\n\n' +
    'Officials said the first would carry passengers in the spring.';
  const doc = cleanArticle({ id: 'gallery', source: {}, text });
  for (const debris of ['Photo: Dana Whitlow, AP', 'Image 1 of / 23', 'Caption', 'Image 1 of 23'])
    assert.ok(!doc.text.split('\n').includes(debris), `still in text: ${debris}`);
  assert.ok(doc.text.includes('The city unveiled six new trams on Tuesday'));
  // a sentence that counts images is no gallery counter
  const kept = cleanArticle({
    id: 'k',
    source: {},
    text: 'Image 1 of 3 shows the damaged depot roof after the storm.',
  });
  assert.ok(kept.text.includes('Image 1 of 3 shows'));
});

test('credit lines in the styles of wire and broadcaster sites go: "Image copyright …", "Name | Agency"', () => {
  const text =
    'Harbour tolls to rise in the spring\n\nImage copyright Getty Images\n\n' +
    'The port authority said on Monday that tolls would rise by a tenth from April.\n\n' +
    'Dana Whitlow | Bloomberg | Getty Images\n\nShipping firms said the rise would be passed on to customers.';
  const doc = cleanArticle({ id: 'credits', source: {}, text });
  for (const debris of ['Image copyright Getty Images', 'Dana Whitlow | Bloomberg | Getty Images'])
    assert.ok(!doc.text.includes(debris), `still in text: ${debris}`);
  assert.ok(doc.text.includes('Shipping firms said the rise'));
  // a sentence about copyright is no credit
  const kept = cleanArticle({ id: 'k', source: {}, text: 'Image copyright rules were tightened by the EU last year.' });
  assert.ok(kept.text.includes('Image copyright rules were tightened'));
});
