import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  detokenise,
  splitSentences,
  synthCorpus,
  synthSource,
  type SynthArticle,
  type SynthOptions,
} from '../scripts/synth.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = resolve(resolve(repoRoot, '../shared'), 'data');
const hasShared = existsSync(sharedData);
const SKIP_SHARED = hasShared ? false : 'needs ../shared/data (absent here)';

const body = (a: SynthArticle) => a.text.split('\n\n').slice(1).join('\n\n');
const words = (s: string) => (s.match(/\S+/g) ?? []).length;
function shingles(s: string): Set<string> {
  const w = s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 5 <= w.length; i++) out.add(w.slice(i, i + 5).join(' '));
  return out;
}
function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}
/** Share of pairs among the first `n` originals whose 5-shingle Jaccard is 0.5 or more. */
function nearIdenticalShare(corpus: SynthArticle[], n = 200): number {
  const sets = corpus
    .filter((a) => !a.copyOf)
    .slice(0, n)
    .map((a) => shingles(body(a)));
  let pairs = 0;
  let near = 0;
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      pairs++;
      if (jaccard(sets[i], sets[j]) >= 0.5) near++;
    }
  }
  return near / pairs;
}

const sources: Array<[string, SynthOptions, string | false]> = [
  ['examples', { source: 'examples' }, false],
  ['shared data', { source: 'shared' }, SKIP_SHARED],
];

for (const [name, options, skip] of sources) {
  test(`${name}: the same arguments give the same corpus, another seed another one`, { skip }, () => {
    const a = synthCorpus(150, 300, 3, options);
    const b = synthCorpus(150, 300, 3, options);
    assert.deepEqual(a, b);
    const c = synthCorpus(150, 300, 4, options);
    assert.notDeepEqual(
      a.map((x) => x.text),
      c.map((x) => x.text),
    );
  });

  test(`${name}: count, length near the target, headline first, fields filled`, { skip }, () => {
    for (const target of [150, 600]) {
      const corpus = synthCorpus(400, target, 7, options);
      assert.equal(corpus.length, 400);
      const mean = corpus.reduce((n, a) => n + words(body(a)), 0) / corpus.length;
      assert.ok(mean > 0.7 * target && mean < 1.3 * target, `mean ${mean} words for a target of ${target}`);
      for (const a of corpus) {
        assert.equal(a.text.split('\n\n')[0], a.title);
        assert.ok(words(a.title) >= 1 && words(a.title) <= 16, `headline "${a.title}"`);
        assert.match(a.published, /^202[4-6]-\d\d-\d\d$/);
        assert.ok(a.publisher && a.url.startsWith('https://'));
      }
      assert.equal(new Set(corpus.map((a) => a.id)).size, corpus.length);
    }
    const spread = synthCorpus(400, 150, 7, options)
      .map((a) => a.published)
      .sort();
    assert.ok(
      Date.parse(spread[spread.length - 1]) - Date.parse(spread[0]) > 365 * 86_400_000,
      'dates spread over more than a year',
    );
    assert.ok(new Set(synthCorpus(400, 150, 7, options).map((a) => a.publisher)).size >= 15);
  });

  test(`${name}: about the asked share of syndicated copies, each a copy of an earlier original`, { skip }, () => {
    const corpus = synthCorpus(2000, 150, 11, options);
    const byId = new Map(corpus.map((a, i) => [a.id, { a, i }]));
    const copies = corpus.filter((a) => a.copyOf);
    assert.ok(copies.length > 0.05 * 2000 && copies.length < 0.11 * 2000, `${copies.length} copies of 2000`);
    for (const c of copies) {
      const o = byId.get(c.copyOf!)!;
      assert.ok(o.i < byId.get(c.id)!.i && !o.a.copyOf, 'copies an earlier original');
      assert.notEqual(c.publisher, o.a.publisher);
      assert.notEqual(c.title, o.a.title);
      const days = (Date.parse(c.published) - Date.parse(o.a.published)) / 86_400_000;
      assert.ok(days >= 0 && days <= 2, `${days} days later`);
      // Same paragraphs (one may be cut), boilerplate appended.
      const orig = new Set(body(o.a).split('\n\n'));
      const paras = body(c).split('\n\n');
      assert.ok(paras.slice(0, -1).every((p) => orig.has(p)));
      assert.ok(paras.length - 1 >= orig.size - 1);
    }
    assert.equal(synthCorpus(300, 150, 11, { ...options, copyShare: 0 }).filter((a) => a.copyOf).length, 0);
  });
}

test('shared data: no two originals are near-identical (5-shingle Jaccard under 0.5)', { skip: SKIP_SHARED }, () => {
  for (const target of [150, 600])
    assert.equal(nearIdenticalShare(synthCorpus(1000, target, 5, { source: 'shared' })), 0);
  assert.match(synthSource(), /^shared data \(\d+ documents/);
});

test('examples: near-identical originals stay rare even with a 1,000-word pool', () => {
  const share = nearIdenticalShare(synthCorpus(1000, 150, 5, { source: 'examples' }));
  assert.ok(share < 0.01, `${(100 * share).toFixed(2)}% of pairs near-identical`);
  assert.match(synthSource({ source: 'examples' }), /^team examples/);
});

test('an absent data folder falls back to the examples, unless shared data is required', () => {
  const missing = join(tmpdir(), 'sitrep-synth-no-such-folder');
  assert.match(synthSource({ dataDir: missing }), /^team examples/);
  assert.throws(() => synthCorpus(5, 100, 7, { source: 'shared', dataDir: missing }), /absent/);
});

test('splitSentences and detokenise', () => {
  assert.deepEqual(
    splitSentences('Mr. Okoro arrived in St. Louis at 9 a.m. on Friday. The talks began. "We are hopeful," he said.'),
    ['Mr. Okoro arrived in St. Louis at 9 a.m. on Friday.', 'The talks began.', '"We are hopeful," he said.'],
  );
  const { text, offsets } = detokenise([
    'The',
    'mayor',
    '(',
    'an',
    'engineer',
    ')',
    'said',
    '"',
    'no',
    '"',
    ',',
    'and',
    'it',
    "'s",
    'final',
    '.',
  ]);
  assert.equal(text, 'The mayor (an engineer) said "no", and it\'s final.');
  assert.equal(text.slice(offsets[4], offsets[4] + 'engineer'.length), 'engineer');
});

test('varies names, places, weekdays and numbers of a source, skips score tables, reads CoNLL tags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-synth-'));
  try {
    mkdirSync(join(dir, 'article-extraction'));
    mkdirSync(join(dir, 'conll2003'));
    const bodies = {
      a: 'Flood barriers gave way in Antofagasta on Tuesday, forcing 1,240 residents from their homes.\n\nMayor Sarah Lindgren said the river had risen faster than forecast. "We moved everyone we could," Lindgren told reporters on Tuesday evening.\n\nEngineers from Chile\'s water agency said 38 pumps were running and more were on the way from the capital.',
      b: 'Talks on a fishing agreement between Iceland and Norway resumed on Thursday after a two-week pause, officials said.\n\nDavid Haraldsson, who leads the Icelandic team, said both sides wanted a deal before the season opens in March. Haraldsson added that quotas for 27 vessels were still in dispute.\n\nNorwegian officials declined to comment on the record.',
    };
    writeFileSync(
      join(dir, 'article-extraction/ground-truth.json'),
      JSON.stringify(
        Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, { url: 'https://x.example', articleBody: v }])),
      ),
    );
    const conll = (rows: string[][]) =>
      rows.map((s) => s.map((t) => (t.includes('/') ? t.replace('/', ' X X ') : `${t} X X O`)).join('\n')).join('\n\n');
    writeFileSync(
      join(dir, 'conll2003/train.txt'),
      [
        '-DOCSTART- -X- -X- O',
        conll([
          ['Ferry/B-MISC', 'strike', 'ends', 'in', 'Lisbon/B-LOC'],
          ['LISBON/B-LOC', '2027-04-02'],
          [
            'Union',
            'leader',
            'Rui/B-PER',
            'Falcao/I-PER',
            'said',
            'on',
            'Friday',
            'that',
            'crews',
            'would',
            'return',
            'to',
            'work',
            'after',
            'a',
            'pay',
            'deal',
            'covering',
            '412',
            'workers',
            '.',
          ],
          [
            'Falcao/B-PER',
            'told',
            'reporters',
            'in',
            'Lisbon/B-LOC',
            'that',
            'the',
            'agreement',
            '(',
            'the',
            'first',
            'since',
            '2019',
            ')',
            'would',
            'be',
            'signed',
            'next',
            'week',
            '.',
          ],
        ]),
        '-DOCSTART- -X- -X- O',
        conll([
          ['SOCCER', '-', 'RESULTS'],
          ['Rivertown', '2', 'Hillside', '1'],
          ['Lakeside', '0', 'Portvale', '3'],
          ['Northgate', '4', 'Southbank', '4'],
        ]),
      ].join('\n') + '\n',
    );
    const opts: SynthOptions = { source: 'shared', dataDir: dir };
    assert.match(synthSource(opts), /shared data \(3 documents/, 'the score table is skipped');
    const corpus = synthCorpus(60, 80, 9, opts);
    const all = corpus.map((a) => a.text).join('\n');
    assert.ok(
      !/Lindgren|Haraldsson|Falcao|Antofagasta|Chile|Lisbon|LISBON/.test(all),
      'person and place names replaced',
    );
    assert.ok(!/Rivertown/.test(all));
    assert.ok(/\(the first since 2019\)/.test(all), 'detokenised brackets, year kept');
    const texts = corpus.filter((a) => a.bases[0] === 'conll2003/train#0').map((a) => a.text);
    assert.ok(texts.length > 0);
    let checked = 0;
    for (const t of texts) {
      // Surname-only mentions follow the full name's replacement within an article.
      const m = /Union leader (\S+) (\S+) said/.exec(t);
      if (!m || !/told reporters in/.test(t)) continue;
      assert.match(t, new RegExp(`\\b${m[2]} told reporters in`));
      checked++;
    }
    assert.ok(checked > 0);
    const weekdays = new Set(
      [...all.matchAll(/\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g)].map((m) => m[1]),
    );
    assert.ok(weekdays.size >= 4, `weekdays varied: ${[...weekdays]}`);
    const residents = new Set([...all.matchAll(/forcing ([\d,]+) residents/g)].map((m) => m[1]));
    assert.ok(residents.size >= 3, `numbers jittered: ${[...residents]}`);
    assert.ok(
      [...residents].every((r) => /^\d{1,3}(,\d{3})*$/.test(r)),
      'thousands separators kept',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
