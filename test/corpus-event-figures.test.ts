/**
 * Dead and injured of corpus events, and the date filter's overlaps, on both backends (SQLite
 * always; PostgreSQL when SITREP_TEST_PG is set): the injured an analysis reads are stored and
 * listed beside the dead (API rows, CSV); an event reported again carries its latest report's
 * figures whatever order the reports are stored in; a corpus from before (schema 6) is given them
 * on open; and an event dated only to a month stays in a `since` range that starts inside it.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../src/pipeline.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import { eventsToCsv, EVENT_CSV_COLUMNS } from '../src/corpus/export.ts';
import { SCHEMA_VERSION } from '../src/corpus/schema.ts';
import type { Analysis } from '../src/model/analysis.ts';
import { backends } from './helpers/corpus-backends.ts';

const pipeline = new Pipeline();
const analyse = (id: string, text: string, published: string): Analysis =>
  pipeline.analyze({ id, source: { published }, text });

/** The first report: 3 dead, 12 injured (shelling on Monday 2026-04-06). */
const FIRST = analyse(
  'first',
  'Report from Kordofan\n\nArtillery fire by the Rapid Support Forces killed three civilians and wounded 12 ' +
    'others in El Obeid on Monday, local officials said.',
  '2026-04-07',
);
/** A later report of the same shelling (another outlet, two days on): 9 dead, 20 injured. */
const LATER = analyse(
  'later',
  'El Obeid toll rises\n\nArtillery fire by the Rapid Support Forces killed nine civilians and wounded 20 ' +
    'others in El Obeid on Monday, hospital staff said on Thursday.',
  '2026-04-09',
);

/** The fields of one CSV line (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
    m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!,
  );
}

/** The one event with casualty figures in the corpus. */
async function shelling(corpus: Corpus) {
  const withFigures = (await corpus.events({ limit: 100 })).filter((e) => e.dead !== null || e.injured !== null);
  assert.equal(withFigures.length, 1, `one event with figures: ${JSON.stringify(withFigures.map((e) => e.id))}`);
  return withFigures[0]!;
}

for (const backend of backends()) {
  describe(`event figures and date overlaps (${backend.name})`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    test('the injured are stored beside the dead, and exported', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await corpus.add(FIRST, 'first');
        const e = await shelling(corpus);
        assert.equal(e.dead, '3');
        assert.equal(e.injured, '12');
        const [head, line] = eventsToCsv([e]).trim().split('\n');
        assert.ok(head!.split(',').includes('injured'), 'the CSV has an injured column');
        const fields = csvFields(line!);
        assert.equal(fields.length, EVENT_CSV_COLUMNS.length);
        assert.equal(fields[EVENT_CSV_COLUMNS.indexOf('injured')], '12');
        assert.equal(fields[EVENT_CSV_COLUMNS.indexOf('fatalities')], '3');
        const byInjured = await corpus.events({ sort: 'injured', order: 'desc', limit: 1 });
        assert.equal(byInjured[0]!.id, e.id, 'sorted by injured, the one with some comes first');
      } finally {
        await corpus.close();
      }
    });

    for (const [order, reports] of [
      ['in publication order', [FIRST, LATER]],
      ['the later report first', [LATER, FIRST]],
    ] as const) {
      test(`a merged event carries its latest report's dead and injured (${order})`, async () => {
        const corpus = await Corpus.open(await backend.fresh());
        try {
          for (const a of reports) await corpus.add(a, a.id);
          const e = await shelling(corpus);
          assert.equal(e.sources, 2, 'both reports are of one event');
          assert.equal(e.dead, '9', 'the dead of the report published last');
          assert.equal(e.injured, '20', 'the injured of the report published last');
        } finally {
          await corpus.close();
        }
      });
    }

    test('a corpus from schema 6 is given its reports’ figures and the injured on open', async () => {
      const spec = await backend.fresh();
      let corpus = await Corpus.open(spec);
      await corpus.add(FIRST, 'first');
      await corpus.add(LATER, 'later');
      // Back to schema 6 as it was: no injured, figures of the first report only.
      const db = corpus.db;
      await db.run('UPDATE events SET dead = ? WHERE dead IS NOT NULL', ['3']);
      await db.exec(`DROP INDEX events_date;
        ALTER TABLE events DROP COLUMN injured;
        ALTER TABLE event_mentions DROP COLUMN dead;
        ALTER TABLE event_mentions DROP COLUMN injured;`);
      await db.run("UPDATE sitrep_meta SET value = '6' WHERE key = 'schema_version'");
      await corpus.close();

      corpus = await Corpus.open(spec);
      try {
        const v = await corpus.db.get<{ value: string }>("SELECT value FROM sitrep_meta WHERE key = 'schema_version'");
        assert.equal(Number(v!.value), SCHEMA_VERSION);
        const e = await shelling(corpus);
        assert.equal(e.dead, '9');
        assert.equal(e.injured, '20');
      } finally {
        await corpus.close();
      }
    });

    test('an event dated to a month stays in a range that starts inside that month', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        const march = structuredClone(FIRST);
        for (const ev of march.events) ev.when = '2025-03';
        march.source.published = '2025-04-02';
        await corpus.add(march, 'march');
        const all = await corpus.events({ limit: 100 });
        assert.ok(all.length && all.every((e) => e.date === '2025-03'), JSON.stringify(all.map((e) => e.date)));
        const ids = (es: Array<{ id: number }>) => es.map((e) => e.id).sort();
        for (const since of ['2025', '2025-03', '2025-03-10', '2025-03-31']) {
          assert.deepEqual(ids(await corpus.events({ since, limit: 100 })), ids(all), `since ${since}`);
          assert.equal(await corpus.eventCount({ since }), all.length, `counted since ${since}`);
        }
        for (const until of ['2025-03-01', '2025-03', '2025']) {
          assert.deepEqual(ids(await corpus.events({ until, limit: 100 })), ids(all), `until ${until}`);
        }
        assert.deepEqual(
          await corpus.events({ since: '2025-03-10', until: '2025-03-12', limit: 100 }).then(ids),
          ids(all),
        );
        assert.equal(await corpus.eventCount({ since: '2025-04-01' }), 0, 'a range after the month');
        assert.equal(await corpus.eventCount({ since: '2026' }), 0, 'a later year');
        assert.equal(await corpus.eventCount({ until: '2025-02-28' }), 0, 'a range before the month');
      } finally {
        await corpus.close();
      }
    });
  });
}
