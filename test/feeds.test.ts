import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '../src/ingest/feeds.ts';
import { InputError } from '../src/ingest/errors.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => fs.readFileSync(path.join(here, 'fixtures/web', name), 'utf8');

test('RSS 2.0: items with dates, authors, summary and full content', () => {
  const items = parseFeed(fixture('feed-rss.xml'));
  assert.equal(items.length, 2);
  const [first, second] = items;
  assert.equal(first!.title, 'Ferry strike ends after 11 days');
  assert.equal(first!.link, 'https://gazette.example.org/2025/03/14/ferry-strike-ends');
  assert.equal(first!.id, 'gazette-4411');
  assert.equal(first!.published, '2025-03-14');
  assert.deepEqual(first!.authors, ['Mara Quell']);
  assert.equal(first!.summary, 'Crews return to the Elsmere crossing on Monday & fares stay frozen.');
  assert.match(first!.contentHtml ?? '', /^<p>Crews will return/);
  assert.equal(
    first!.contentText,
    'Crews will return to the Elsmere crossing on Monday, the union said.\n\nFares stay frozen until June.',
  );
  // HTML in a description becomes plain text; no content means no contentText.
  assert.equal(second!.summary, 'Councillors asked for a new flood survey.');
  assert.equal(second!.contentText, undefined);
});

test('Atom: {value,type} text constructs become plain text, the alternate link is chosen', () => {
  const items = parseFeed(fixture('feed-atom.xml'));
  assert.equal(items.length, 2);
  assert.equal(items[0]!.title, 'Mill & bakery reopen after flood');
  assert.equal(items[0]!.link, 'https://ledger.example.net/news/mill-reopens');
  // The published day is the one in the feed's own time zone, not UTC's.
  assert.equal(items[0]!.published, '2025-05-01');
  assert.equal(items[0]!.publishedTime, '2025-05-01T21:30:00-04:00');
  assert.equal(items[0]!.summary, 'Both businesses lost stock in April.');
  assert.equal(items[0]!.contentText, 'The mill on Orchard Lane reopened on Thursday.');
  // No <published>: the updated date stands in.
  assert.equal(items[1]!.published, '2025-04-30');
});

test('JSON Feed: content_html and content_text', () => {
  const items = parseFeed(fixture('feed-json.json'));
  assert.equal(items.length, 2);
  assert.equal(items[0]!.link, 'https://courier.example.com/bridge-reopens');
  assert.equal(items[0]!.contentText, 'The bridge over the Tarrow reopened on Thursday.');
  assert.equal(items[0]!.published, '2025-06-12');
  assert.equal(items[1]!.contentText, 'Stalls open at dusk on Fridays.');
  assert.equal(items[1]!.contentHtml, undefined);
});

test('RSS 1.0 / RDF: dc:date and rdf:about', () => {
  const items = parseFeed(fixture('feed-rdf.rdf'));
  assert.deepEqual(
    items.map((i) => [i.title, i.link, i.published]),
    [['Wind farm plan goes to inquiry', 'https://weekly.example.org/wind-farm', '2025-02-20']],
  );
});

test('relative links resolve against the feed URL', () => {
  const xml =
    '<rss version="2.0"><channel><title>T</title><item><title>A</title><link>/a/1</link></item></channel></rss>';
  assert.equal(parseFeed(xml, { url: 'https://feeds.example.com/rss' })[0]!.link, 'https://feeds.example.com/a/1');
});

test('an empty feed gives no items; what is not a feed is a one-line InputError', () => {
  assert.deepEqual(parseFeed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>'), []);
  assert.deepEqual(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>'), []);
  for (const bad of [
    '',
    'Just a line of prose, not a feed.',
    '<html><body><p>A page</p></body></html>',
    '{"not": "a feed"',
    '{"title": "no version"}',
  ]) {
    assert.throws(
      () => parseFeed(bad),
      (e: unknown) => e instanceof InputError && /feed/.test(e.message) && !e.message.includes('\n'),
      JSON.stringify(bad),
    );
  }
});

test('a feed nested 100,000 elements deep is read (nesting flattened), fast and without a stack overflow', () => {
  const n = 100_000;
  const xml =
    '<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title><description>' +
    `${'<a>'.repeat(n)}Deep text${'</a>'.repeat(n)}</description></item></channel></rss>`;
  const t0 = performance.now();
  const items = parseFeed(xml);
  assert.ok(performance.now() - t0 < 5000);
  assert.equal(items.length, 1);
  assert.match(items[0]!.summary ?? '', /Deep text/);
});

test('a feed with an internal DTD subset: the subset is dropped, the items read', () => {
  const xml =
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">]><rss version="2.0"><channel>' +
    '<item><title>T</title><description>Plain words</description></item></channel></rss>';
  const items = parseFeed(xml);
  assert.equal(items[0]!.summary, 'Plain words');
});
