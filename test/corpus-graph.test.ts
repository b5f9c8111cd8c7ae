/**
 * The entity graph links what articles put together (a shared sentence or event), weighted by how
 * often, not every two names in an article; corpora stored before the pairs were kept gain them on
 * open. On both backends, over a team-written article in the style of the seed's story (a
 * minister's visit, a president, a security adviser and the charity he founded, two countries).
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Corpus } from '../src/corpus/corpus.ts';
import { entityPairs } from '../src/corpus/graph.ts';
import { graph } from '../src/server/queries.ts';
import { Pipeline } from '../src/pipeline.ts';
import { backends, REPO } from './helpers/corpus-backends.ts';

const ENVOY = readFileSync(join(REPO, 'test/fixtures/ui/envoy.txt'), 'utf8');
const pipeline = new Pipeline();
const analysis = pipeline.analyze({ id: 'envoy', source: { published: '2026-05-14' }, text: ENVOY });

type G = Awaited<ReturnType<typeof graph>>;
function edge(g: G, a: string, b: string) {
  const id = (name: string) => g.nodes.find((n) => n.label === name)?.id;
  const [x, y] = [id(a), id(b)];
  assert.ok(x && y, `${a} and ${b} are nodes`);
  return g.edges.find(
    (e) => e.kind === 'co-occurrence' && ((e.source === x && e.target === y) || (e.source === y && e.target === x)),
  );
}

test('pairs come from sentences and events, each counted', () => {
  const ids = new Map(analysis.entities.map((e) => [e.id, `c-${e.name}`]));
  const pairs = entityPairs(analysis, ids);
  const pair = (a: string, b: string) =>
    pairs.find((p) => [p.a, p.b].sort().join() === [`c-${a}`, `c-${b}`].sort().join());
  // "Foreign Secretary Helen Marsh met Khalid al-Mansouri …"; "Mr al-Mansouri thanked Helen Marsh …"
  assert.equal(pair('Helen Marsh', 'Khalid al-Mansouri')?.sentences, 2);
  assert.ok(pair('United Kingdom', 'Libya')!.events >= 1, 'the UK and Libya are parties of one event');
  assert.equal(pair('Red Crescent', 'Edmund Hartley'), undefined, 'one article, never one sentence');
  for (const p of pairs) assert.ok(p.a < p.b);
});

for (const backend of backends()) {
  describe(`the entity graph on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    test('edges join entities that share a sentence or an event, weighted by how many', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await corpus.add(analysis, 'envoy');
        const g = await graph(corpus.db, { limit: 100, minWeight: 1 });
        const story = ['Helen Marsh', 'Khalid al-Mansouri', 'Edmund Hartley', 'Bridgewater Mediation', 'Libya'];
        for (const name of story)
          assert.ok(
            g.nodes.some((n) => n.label === name),
            name,
          );
        const visit = edge(g, 'Helen Marsh', 'Khalid al-Mansouri')!;
        assert.deepEqual([visit.sentences, visit.articles], [2, 1]);
        assert.equal(visit.weight, visit.sentences! + visit.events!);
        assert.ok(edge(g, 'Edmund Hartley', 'Bridgewater Mediation'), 'the adviser and his charity');
        assert.ok(edge(g, 'Bridgewater Mediation', 'Khalid al-Mansouri'), 'the charity and the presidency');
        assert.equal(edge(g, 'Red Crescent', 'Edmund Hartley'), undefined, 'no edge for a mere co-mention');
        assert.equal(edge(g, 'Benghazi', 'Helen Marsh'), undefined);
        // the old graph tied all 10 entities of the article to each other (45 edges)
        const co = g.edges.filter((e) => e.kind === 'co-occurrence');
        assert.ok(co.length < 25, `${co.length} edges`);
        const n = g.nodes.length;
        assert.ok(co.length < (n * (n - 1)) / 2);
        // a second article with the same pair adds to the weight and the article count
        const more = pipeline.analyze({
          id: 'more',
          source: { published: '2026-05-20' },
          text: 'Marsh returns\n\nHelen Marsh spoke to Khalid al-Mansouri by telephone on Monday.',
        });
        await corpus.add(more, 'more');
        const g2 = await graph(corpus.db, { limit: 100, minWeight: 1 });
        const again = edge(g2, 'Helen Marsh', 'Khalid al-Mansouri')!;
        assert.deepEqual([again.sentences, again.articles], [3, 2]);
        assert.equal(edge(await graph(corpus.db, { limit: 100, minWeight: 2 }), 'Helen Marsh', 'Libya'), undefined);
        const late = await graph(corpus.db, { limit: 100, minWeight: 1, since: '2026-05-15' });
        assert.equal(edge(late, 'Helen Marsh', 'Khalid al-Mansouri')!.articles, 1, 'the date window applies');
      } finally {
        await corpus.close();
      }
    });

    test('a corpus stored before entity pairs were kept gains them on open', async () => {
      const spec = await backend.fresh();
      let corpus = await Corpus.open(spec);
      const read = () =>
        corpus.db.all('SELECT article_id, entity_a, entity_b, sentences, events FROM entity_pairs ORDER BY 2, 3');
      let before: unknown[];
      try {
        await corpus.add(analysis, 'envoy');
        before = await read();
        assert.ok(before.length > 5);
        // Back to schema 5: without entity pairs (6) nor the figures of event reports (7).
        await corpus.db.exec(`DROP TABLE entity_pairs;
          DROP INDEX events_date;
          ALTER TABLE events DROP COLUMN injured;
          ALTER TABLE event_mentions DROP COLUMN dead;
          ALTER TABLE event_mentions DROP COLUMN injured;`);
        await corpus.db.run("UPDATE sitrep_meta SET value = '5' WHERE key = 'schema_version'");
      } finally {
        await corpus.close();
      }
      corpus = await Corpus.open(spec);
      try {
        assert.deepEqual(await read(), before);
      } finally {
        await corpus.close();
      }
    });
  });
}
