import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { extractHtml } from '../src/ingest/html.ts';
import { InputError } from '../src/ingest/errors.ts';
import { decodeText, detectKind, maybeGunzip, MAX_INPUT_BYTES } from '../src/ingest/detect.ts';
import { dateFromUrl, normaliseDate } from '../src/ingest/html/meta.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const fixture = (name: string) => fs.readFileSync(path.join(here, 'fixtures/web', name), 'utf8');

test('news page: share bar, related links, newsletter box, byline and dateline are dropped', () => {
  const page = extractHtml(fixture('news-share.html'));
  assert.equal(page.found, true);
  assert.match(page.body, /^Planners have approved a £1\.2bn tidal barrage/);
  assert.match(page.body, /seek a judicial review of the decision\.$/);
  // The figure before the body (Readability leaves it out) comes back as a caption.
  assert.deepEqual(
    page.blocks.filter((b) => b.kind === 'caption').map((b) => b.text),
    ['The mudflats at Kessford at low tide, where the barrage would stand. Photo: Lena Marsh'],
  );
  for (const junk of [
    /Share on/,
    /Copy link/,
    /Fishermen march on county hall/,
    /Sign up for our free newsletter/,
    /By Imogen Tarrant/,
    /07:30 BST/,
    /Most read/,
    /All rights reserved/,
    /Energy prices: what changes/,
  ]) {
    assert.doesNotMatch(page.text, junk);
  }
  assert.deepEqual(
    page.blocks.filter((b) => b.kind === 'heading').map((b) => b.text),
    ['What happens next'],
  );
  assert.equal(page.blocks.filter((b) => b.kind === 'paragraph').length, 6);
});

test('news page: metadata from JSON-LD, Open Graph, canonical link and <html lang>', () => {
  const { meta } = extractHtml(fixture('news-share.html'), { url: 'https://herald.example.org/amp/x' });
  assert.equal(meta.title, 'Tidal barrage approved for Kessford estuary');
  assert.deepEqual(meta.authors, ['Imogen Tarrant', 'Dev Okafor']);
  assert.equal(meta.published, '2025-04-09');
  assert.equal(meta.publishedTime, '2025-04-09T07:30:00+01:00');
  assert.equal(meta.publisher, 'The Coastline Herald');
  assert.equal(meta.url, 'https://herald.example.org/news/2025/04/09/kessford-barrage-approved');
  assert.equal(meta.language, 'en');
  assert.match(meta.description ?? '', /£1\.2bn scheme/);
});

test('figure captions become caption blocks and stay out of the article body', () => {
  const html = `<html><body><article><h1>Wildfire forces evacuation of hill villages</h1>
    <p>Firefighters battled a wildfire above the villages of Arnos and Petra through Tuesday night, as winds of up to 60km/h pushed the flames downhill towards homes.</p>
    <figure><img src="a.jpg"><figcaption>Smoke rises over Arnos on Tuesday evening. (Photo: Nikos Vale/Reuters)</figcaption></figure>
    <p>About 1,400 residents were moved to a sports hall in the nearby town, the regional civil protection agency said, and three roads were closed to traffic.</p>
    <p>No injuries had been reported by Wednesday morning, though officials warned that the fire front remained unstable and that more villages could be evacuated.</p>
    <p>A water-bombing aircraft from a neighbouring region joined the effort at dawn, while volunteers cut firebreaks along the ridge above Petra.</p>
    </article></body></html>`;
  const page = extractHtml(html);
  const captions = page.blocks.filter((b) => b.kind === 'caption');
  assert.equal(captions.length, 1);
  assert.match(captions[0]!.text, /^Smoke rises over Arnos/);
  assert.match(page.text, /Smoke rises over Arnos/);
  assert.doesNotMatch(page.body, /Smoke rises over Arnos/);
  assert.match(page.body, /^Firefighters battled/);
});

test('a loose paragraph ending in a photo credit is typed as a caption', () => {
  const para = (s: string) =>
    `<p>${s} The council said the work would take most of the summer, with traffic lights in place on the main road through the town centre.</p>`;
  const html = `<html><body><div class="story-body">${para('Roadworks begin on Monday.')}<p>Workers repair the bridge on Friday (Image: Getty)</p>${para('Residents were warned of delays.')}${para('Buses will be diverted.')}</div></body></html>`;
  const page = extractHtml(html);
  assert.deepEqual(
    page.blocks.map((b) => b.kind),
    ['paragraph', 'caption', 'paragraph', 'paragraph'],
  );
});

test('paywall teaser: the free paragraphs are kept, the subscription prompt is not', () => {
  const page = extractHtml(fixture('paywall.html'));
  assert.equal(page.blocks.length, 2);
  assert.match(page.text, /^Wheat futures rose/);
  assert.doesNotMatch(page.text, /subscri|Sign in|unlimited access/i);
  assert.equal(page.meta.published, '2025-08-18');
  assert.deepEqual(page.meta.authors, ['Tomas Redgrave']);
  assert.equal(page.meta.publisher, 'Prairie Business Review');
});

test('a section index with no article: found is false and no text comes out', () => {
  const page = extractHtml(fixture('no-article.html'));
  assert.equal(page.found, false);
  assert.equal(page.text, '');
  assert.ok(page.removed.length > 0);
});

test('fallback: text outside any article markup is still found', () => {
  const html = `<html><body><table><tr><td><a href="/">Home</a></td></tr><tr><td>
    The district court in Halvard ruled on Thursday that the city's parking fines had been issued without legal authority since 2019.<br><br>
    Lawyers for the drivers said refunds could reach several million crowns, while the city said it would appeal the ruling within three weeks.
    </td></tr></table></body></html>`;
  const page = extractHtml(html);
  assert.equal(page.found, true);
  assert.equal(page.blocks.length, 2);
  assert.match(page.text, /^The district court in Halvard/);
});

test('broken HTML still gives its paragraphs', () => {
  const page = extractHtml(fixture('broken.html'));
  assert.equal(page.found, true);
  assert.match(page.text, /ferry port at Wexham Bay was closed/);
  assert.match(page.text, /gangway collapsed during the storm, and all crossings/);
  assert.match(page.text, /Port managers said engineers/);
  assert.equal(page.meta.title, 'Storm closes ferry port');
});

test('a page over 30 MB is refused with the limit named', () => {
  const big = '<html><body><p>' + 'x'.repeat(MAX_INPUT_BYTES + 10) + '</p></body></html>';
  assert.throws(
    () => extractHtml(big),
    (err: unknown) => err instanceof InputError && /30 MB limit/.test(err.message) && !err.message.includes('\n'),
  );
});

test('Windows-1252 bytes decode with curly quotes and accents, from meta charset or by fallback', () => {
  const body = '<p>\x93We will not close the caf\xe9,\x94 the owner said \x96 for now.</p>';
  const declared = Buffer.from(`<html><head><meta charset="windows-1252"></head><body>${body}</body></html>`, 'latin1');
  const undeclared = Buffer.from(`<html><body>${body}</body></html>`, 'latin1');
  const expected = '\u201cWe will not close the caf\u00e9,\u201d the owner said \u2013 for now.';
  for (const bytes of [declared, undeclared]) {
    const text = decodeText(bytes);
    assert.ok(text.includes(expected), text);
  }
  // A latin-1 label means windows-1252 on the web.
  assert.ok(decodeText(undeclared, 'text/html; charset=ISO-8859-1').includes(expected));
  // UTF-8 stays UTF-8, and a BOM wins over a wrong header.
  assert.equal(decodeText(Buffer.from('caf\u00e9 \u2014 ok', 'utf8')), 'caf\u00e9 \u2014 ok');
  assert.equal(
    decodeText(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\u00fcber', 'utf8')]),
      'text/html; charset=windows-1252',
    ),
    '\u00fcber',
  );
});

test('detectKind sniffs content, not names, and gunzips first', () => {
  const html = Buffer.from('<!DOCTYPE html><html><body><p>Hi</p></body></html>');
  assert.equal(detectKind(html, 'page.txt'), 'html');
  assert.equal(detectKind(gzipSync(html), 'page.html.gz'), 'html');
  assert.equal(detectKind(gzipSync(html), 'mystery.bin'), 'html');
  assert.equal(detectKind(Buffer.from(fixture('feed-rss.xml')), 'feed.html'), 'feed');
  assert.equal(detectKind(Buffer.from(fixture('feed-atom.xml'))), 'feed');
  assert.equal(detectKind(Buffer.from(fixture('feed-rdf.rdf'))), 'feed');
  assert.equal(detectKind(Buffer.from(fixture('feed-json.json'))), 'jsonfeed');
  assert.equal(detectKind(Buffer.from('{"id":"a","text":"x"}\n{"id":"b","text":"y"}\n')), 'jsonl');
  assert.equal(detectKind(Buffer.from('{\n  "id": "a",\n  "text": "x"\n}\n')), 'json');
  assert.equal(detectKind(Buffer.from('The mayor said on Monday that the bridge would reopen.\n')), 'text');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  assert.equal(detectKind(png, 'photo.html'), 'binary');
  assert.equal(detectKind(Buffer.from([1, 2, 3, 0, 200, 17, 4, 5])), 'binary');
  assert.equal(maybeGunzip(gzipSync(html)).toString(), html.toString());
});

test('dates: normalised to the day the page wrote, and read from URLs', () => {
  assert.deepEqual(normaliseDate('2025-07-20T23:30:00-04:00'), {
    day: '2025-07-20',
    time: '2025-07-20T23:30:00-04:00',
  });
  assert.equal(normaliseDate('Fri, 14 Mar 2025 22:00:00 -0500')?.day, '2025-03-14');
  assert.equal(normaliseDate('2025-02-30'), undefined);
  assert.equal(normaliseDate('not a date'), undefined);
  assert.equal(dateFromUrl('https://news.example.com/2025/07/20/flood-warning/'), '2025-07-20');
  assert.equal(dateFromUrl('https://news.example.com/world/flood-warning-2025-07-21.html'), '2025-07-21');
  assert.equal(dateFromUrl('https://news.example.com/world/article-123456'), undefined);
});

test('the page date falls back to <time datetime>, then to the URL', () => {
  const withTime =
    '<html><body><article><time datetime="2024-11-03T10:00:00Z">3 Nov</time><p>Text.</p></article></body></html>';
  assert.equal(extractHtml(withTime, { url: 'https://e.example/2020/01/01/x' }).meta.published, '2024-11-03');
  const bare = '<html><body><p>Text.</p></body></html>';
  assert.equal(extractHtml(bare, { url: 'https://e.example/2020/01/05/x' }).meta.published, '2020-01-05');
});

test('eval:extract corpus scores at least F1 .970 (skips without ../shared)', async (t) => {
  const dir = path.resolve(repoRoot, '../shared/data/article-extraction');
  if (!fs.existsSync(path.join(dir, 'ground-truth.json'))) {
    t.skip('../shared/data/article-extraction is absent');
    return;
  }
  const { scorePage, corpusScores } = await import('../scripts/eval-extract.ts');
  // The metric itself on a hand-made case: 5 tokens → 2 shingles; one shared.
  const s = scorePage('a b c d e', 'a b c d x');
  assert.equal(s.precision, 0.5);
  assert.equal(s.recall, 0.5);
  assert.equal(scorePage('a b', 'a b').exact, true);
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string; articleBody: string }
  >;
  const scores = Object.entries(truth).map(([id, g]) => {
    const html = decodeText(maybeGunzip(fs.readFileSync(path.join(dir, 'html', `${id}.html.gz`))));
    return scorePage(g.articleBody, extractHtml(html, { url: g.url }).body);
  });
  const c = corpusScores(scores);
  assert.ok(c.f1 >= 0.97, `F1 ${c.f1.toFixed(3)}`);
});

test('fragments, plain text and empty input do not throw', () => {
  assert.equal(extractHtml('').found, false);
  const frag = extractHtml('<p>The reservoir at Cold Fell reached 98% capacity on Friday, the water company said.</p>');
  assert.deepEqual(
    frag.blocks.map((b) => b.text),
    ['The reservoir at Cold Fell reached 98% capacity on Friday, the water company said.'],
  );
  assert.equal(extractHtml('Plain words, no markup at all, about a reservoir that is nearly full.').found, true);
});

test('gzip that inflates past 30 MB is refused, broken gzip is a one-line InputError', () => {
  const bomb = gzipSync(Buffer.alloc(MAX_INPUT_BYTES + 1024, 32));
  assert.throws(
    () => maybeGunzip(bomb, 'page.html.gz'),
    (e: unknown) => e instanceof InputError && e.message === 'page.html.gz decompresses to over the 30 MB limit',
  );
  assert.throws(
    () => detectKind(Buffer.from([0x1f, 0x8b, 1, 2, 3]), 'bad.gz'),
    (e: unknown) => e instanceof InputError && /^bad\.gz: broken gzip data/.test(e.message),
  );
});
