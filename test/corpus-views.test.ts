/**
 * What the timeline and the map read, on both backends: the tallies of every matching event (per
 * type, dated, placed, per type and month) beside light rows of the latest, one event with its
 * evidence, and the places named in the matching articles under each filter.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Corpus } from '../src/corpus/corpus.ts';
import { Pipeline } from '../src/pipeline.ts';
import { mapPlaces, timeline, timelineEvent } from '../src/server/api-map.ts';
import { backends, REPO } from './helpers/corpus-backends.ts';

const pipeline = new Pipeline();
const fixture = (name: string, published: string) =>
  pipeline.analyze({
    id: name,
    source: { published },
    text: readFileSync(join(REPO, 'test/fixtures/ui', name), 'utf8'),
  });
const CHRONOLOGY = fixture('chronology.txt', '2025-02-01');
const ENVOY = fixture('envoy.txt', '2026-05-14');

for (const backend of backends()) {
  describe(`the timeline and the map on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    test('tallies count every matching event; rows are the latest; one event has its evidence', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await corpus.add(CHRONOLOGY, 'chronology');
        await corpus.add(ENVOY, 'envoy');
        const all = await timeline(corpus, {}, 1000);
        assert.equal(all.total, await corpus.eventCount({}));
        assert.equal(all.events.length, all.total);
        assert.equal(all.periods.length, 0, 'nothing to shade when every event is listed');
        assert.ok(all.types.length > 8);
        const few = await timeline(corpus, {}, 3);
        assert.deepEqual(few.types, all.types);
        assert.deepEqual(
          few.events.map((e) => e.date),
          all.events.slice(0, 3).map((e) => e.date),
        );
        assert.ok(few.events[0]!.date! >= few.events[1]!.date!, 'latest first');
        assert.equal(
          few.periods.reduce((n, p) => n + p[2], 0),
          all.dated,
        );
        assert.ok(few.periods.some(([type, period]) => type === 'THREATEN' && period === '1971-03'));
        assert.ok(few.periods.some(([type, period]) => type === 'PROTEST' && period === '1963'));
        const kessel = all.events.filter((e) => e.place?.name === 'Kessel');
        assert.equal(kessel.length, 4);
        assert.ok(kessel.every((e) => typeof e.place!.lat === 'number'));
        const visit = all.events.find((e) => e.type === 'CONSULT' && e.place?.name === 'Tripoli')!;
        assert.deepEqual(
          [visit.actors.map((a) => a.name), visit.targets.map((a) => a.name)],
          [['United Kingdom'], ['Libya']],
        );
        const full = (await timelineEvent(corpus.db, visit.id))!;
        assert.match(full.mentions[0]!.text, /Helen Marsh met Khalid al-Mansouri/);
        assert.equal(full.sources, 1);
        assert.equal(await timelineEvent(corpus.db, 999_999), undefined);
        const consult = await timeline(corpus, { type: 'CONSULT', since: '2026' }, 100);
        assert.deepEqual([consult.total, consult.events[0]!.id], [1, visit.id]);
        assert.equal((await timeline(corpus, { entity: 'Nobody Atall' }, 10)).total, 0);
      } finally {
        await corpus.close();
      }
    });

    test('the places of the map follow the entity, place, type and date filters', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await corpus.add(CHRONOLOGY, 'chronology');
        await corpus.add(ENVOY, 'envoy');
        const names = async (f: Omit<Parameters<typeof mapPlaces>[1], 'limit'>) =>
          (await mapPlaces(corpus.db, { ...f, limit: 100 })).map((p) => p.name);
        const all = await names({});
        assert.ok(all.includes('Kessel') && all.includes('Tripoli'));
        const marsh = (await corpus.findEntity('Helen Marsh'))!.id;
        const withMarsh = await names({ entity: marsh });
        assert.ok(withMarsh.includes('Tripoli') && !withMarsh.includes('Kessel'), `${withMarsh}`);
        const kessel = (await corpus.findEntity('Kessel'))!.id;
        assert.ok(!(await names({ place: kessel })).includes('Tripoli'));
        assert.ok(!(await names({ type: 'ASSAULT' })).includes('Tripoli'), 'only the chronology reports an attack');
        assert.deepEqual((await names({ since: '2026' })).sort(), [...withMarsh].sort(), 'the envoy story alone');
        assert.ok(!(await names({ since: '2026' })).includes('Kessel'));
        const places = await mapPlaces(corpus.db, { limit: 100 });
        assert.ok(places.every((p) => p.articles >= 1 && Number.isFinite(p.geo.lat)));
      } finally {
        await corpus.close();
      }
    });
  });
}
