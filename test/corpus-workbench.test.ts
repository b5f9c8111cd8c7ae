/**
 * What the analyst's workbench reads from the corpus, on both backends (SQLite always; PostgreSQL
 * when SITREP_TEST_PG is set): search with its total, publishers and prefix words (`syri*`), events
 * counted, paged and sorted with the offset of each evidence sentence, and a stored article's title
 * and day kept when a version without them is stored.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pipeline } from '../src/pipeline.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import type { Analysis } from '../src/model/analysis.ts';
import { backends, REPO } from './helpers/corpus-backends.ts';

const pipeline = new Pipeline();
const analyse = (id: string, text: string, source: Record<string, string>): Analysis =>
  pipeline.analyze({ id, source, text });

const SYRIA = `Talks on Syria resume in Geneva

Envoys met in Geneva on Monday to restart talks on the future of Syria, the United Nations said.

Officials in Damascus said they would send a delegation to the talks next week.`;

const CONFLICT = readFileSync(join(REPO, 'examples/articles/conflict-report.txt'), 'utf8');
const WIRE = readFileSync(join(REPO, 'examples/articles/wire-report.txt'), 'utf8');

for (const backend of backends()) {
  describe(`workbench reads (${backend.name})`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    test('search counts its matches, names publishers, pages, and takes prefix words', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await corpus.add(analyse('s1', SYRIA, { published: '2026-04-06', publisher: 'Geneva Post' }), 's1');
        await corpus.add(analyse('c1', CONFLICT, { published: '2026-04-07', publisher: 'Field Wire' }), 'c1');
        await corpus.add(analyse('w1', WIRE, { published: '2026-04-08', publisher: 'Field Wire' }), 'w1');
        const syria = await corpus.search('syri*');
        assert.equal(syria.total, 1, 'syri* finds Syria');
        assert.equal(syria.results[0]!.publisher, 'Geneva Post');
        assert.equal(syria.results[0]!.published, '2026-04-06');
        assert.match(syria.results[0]!.snippet, /\[Syria\]/);
        assert.equal((await corpus.search('syri')).total, 0, 'without the star, a word is whole');
        assert.equal((await corpus.search('Kordo* market')).total, 1, 'a prefix beside a whole word');
        const said = await corpus.search('said', { limit: 1 });
        assert.ok(said.total >= 2, `"said" is in several articles (${said.total})`);
        assert.equal(said.results.length, 1, 'the page is the limit; the total counts them all');
        const second = await corpus.search('said', { limit: 1, offset: 1 });
        assert.equal(second.total, said.total);
        assert.notEqual(second.results[0]!.article, said.results[0]!.article, 'offset moves to the next hit');
        assert.equal((await corpus.search('"unbalanced (quote* AND')).total, 0, 'user syntax never errors');
      } finally {
        await corpus.close();
      }
    });

    test('events are counted, paged and sorted; each evidence sentence has its offset in the article', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await corpus.add(analyse('c1', CONFLICT, { published: '2026-04-07' }), 'c1');
        await corpus.add(analyse('w1', WIRE, { published: '2026-04-08' }), 'w1');
        const all = await corpus.events({ limit: 1000 });
        assert.ok(all.length >= 3, `some events (${all.length})`);
        assert.equal(await corpus.eventCount(), all.length);
        const type = all[0]!.type;
        assert.equal(await corpus.eventCount({ type }), all.filter((e) => e.type === type).length);
        assert.equal(await corpus.eventCount({ entity: 'Nobody Atall' }), 0);
        const pages = [
          ...(await corpus.events({ limit: 2, offset: 0 })),
          ...(await corpus.events({ limit: 2, offset: 2 })),
          ...(await corpus.events({ limit: 1000, offset: 4 })),
        ];
        assert.deepEqual(
          pages.map((e) => e.id),
          all.map((e) => e.id),
          'pages put together are the whole list',
        );
        const byType = (await corpus.events({ sort: 'type', order: 'asc', limit: 1000 })).map((e) => e.type);
        assert.deepEqual(byType, [...byType].sort());
        const bySources = (await corpus.events({ sort: 'sources', order: 'desc', limit: 1000 })).map((e) => e.sources);
        assert.deepEqual(
          bySources,
          [...bySources].sort((a, b) => b - a),
        );
        const dated = (await corpus.events({ sort: 'date', order: 'asc', limit: 1000 })).map((e) => e.date);
        const firstUndated = dated.indexOf(null);
        assert.ok(firstUndated === -1 || dated.slice(firstUndated).every((d) => d === null), 'undated last');
        for (const e of all)
          for (const m of e.mentions) {
            const article = await corpus.article(m.article);
            const at = article!.text.indexOf(m.text);
            assert.ok(at >= 0 && m.start >= at && m.start < at + m.text.length, `offset ${m.start} in its sentence`);
          }
      } finally {
        await corpus.close();
      }
    });

    test('a version stored without a title or a day keeps the stored ones', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        const first = await corpus.add(
          analyse('k', 'Rail strike spreads.\n\nTrain drivers in Oslo stopped work on Thursday.', {
            title: 'Rail strike',
            published: '2026-04-09',
          }),
          'key-1',
        );
        const second = await corpus.add(
          analyse('k', 'Train drivers in Oslo and Bergen stopped work on Thursday, their union said.', {}),
          'key-1',
        );
        assert.equal(second.status, 'revision');
        const [row] = await corpus.articles();
        assert.equal(row!.id, second.articleId);
        assert.notEqual(row!.id, first.articleId);
        assert.equal(row!.title, 'Rail strike', 'the title stays');
        assert.equal(row!.published, '2026-04-09', 'the day stays');
        assert.equal((await corpus.search('Rail')).total, 1, 'and is searchable in the new version');
      } finally {
        await corpus.close();
      }
    });
  });
}
