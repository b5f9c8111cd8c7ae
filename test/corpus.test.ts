/**
 * The corpus on both backends (SQLite always; PostgreSQL when SITREP_TEST_PG is set): idempotent
 * re-ingest and revisions, syndicated copies grouped into one story, people merged across articles
 * but never on a shared surname alone, one real-world event reported three times made one corpus
 * event, the listings and search over it, and a worker draining the job queue.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pipeline } from '../src/pipeline.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import { runWorker } from '../src/corpus/ingest.ts';
import { graph } from '../src/server/queries.ts';
import type { Analysis } from '../src/model/analysis.ts';
import { backends, ORPHAN_QUERIES, REPO } from './helpers/corpus-backends.ts';

const pipeline = new Pipeline();
const analyse = (id: string, text: string, published: string, extra: Record<string, string> = {}): Analysis =>
  pipeline.analyze({ id, source: { published, ...extra }, text });

const example = (name: string) => readFileSync(join(REPO, 'examples/articles', name), 'utf8');
const fixture = (name: string) => readFileSync(join(REPO, 'test/fixtures/corpus', name), 'utf8');

/** A syndicated copy as another site runs it: new headline, a paragraph cut, boilerplate added. */
function syndicate(text: string, headline: string, site: string): string {
  const paras = text.trim().split(/\n\s*\n/);
  const kept = [headline, ...paras.slice(1, -2), paras[paras.length - 1]]; // second-to-last paragraph cut
  return [
    `${site} | Home | World | Business | Sign in`,
    ...kept,
    `This story was first published by a partner agency. Copyright ${site} 2026. All rights reserved.`,
    `Share this article: Facebook, X, Email. Source link`,
  ].join('\n\n');
}

const MARTA_1 = `Port chief promises faster customs checks in Gdynia

Marta Kowalczyk, the head of the Gdynia port authority, said on Monday that new scanners would halve the time lorries wait at the customs gate.

"We lose whole days to paperwork," Kowalczyk told reporters at the container terminal. The scanners are due to arrive in June.`;

const MARTA_2 = `Dockworkers threaten strike over shift patterns

Dockworkers at Gdynia voted on Wednesday to strike next month unless the port authority drops a plan to lengthen night shifts.

Marta Kowalczyk, who runs the authority, said she would meet union leaders on Friday. "Nobody wants the cranes to stop," Ms Kowalczyk said.`;

const MARTA_3 = `Baltic ports sign data-sharing pact

Ports in Gdynia, Klaipeda and Riga signed an agreement in Riga on Thursday to share cargo data, a move officials said would cut smuggling.

Marta Kowalczyk signed for the Polish side. Officials from Lithuania and Latvia said the system would be running by the autumn.`;

const PIOTR = `Apple growers count the cost of late frost

Fruit farmers in the Grojec district said on Tuesday that a late frost had destroyed up to half of this year's apple blossom.

Piotr Kowalczyk, who grows apples on forty hectares near Grojec, said he had never seen damage like it. "The trees look alive but there will be no fruit," Mr Kowalczyk said.`;

for (const backend of backends()) {
  describe(`corpus on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    test('the same article twice is stored once; an updated text with the same key is a revision', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        const first = analyse('brief', MARTA_1, '2026-04-06');
        const r1 = await corpus.add(first, 'https://example.org/gdynia-scanners');
        const r2 = await corpus.add(analyse('brief', MARTA_1, '2026-04-06'), 'https://example.org/gdynia-scanners');
        assert.equal(r1.status, 'added');
        assert.equal(r2.status, 'duplicate');
        assert.equal(r2.articleId, r1.articleId);
        const updated = MARTA_1.replace('are due to arrive in June', 'arrived two weeks early and are already in use');
        const r3 = await corpus.add(analyse('brief', updated, '2026-04-06'), 'https://example.org/gdynia-scanners');
        assert.equal(r3.status, 'revision');
        assert.notEqual(r3.articleId, r1.articleId);
        const listed = await corpus.articles();
        assert.equal(listed.length, 1, 'only the current revision is listed');
        assert.equal(listed[0].id, r3.articleId);
        assert.equal(listed[0].revision, 2);
        const all = await corpus.db.get<{ n: number }>('SELECT count(*) AS n FROM articles');
        assert.equal(Number(all!.n), 2, 'the first revision is kept');
      } finally {
        await corpus.close();
      }
    });

    test('the graph counts an article stored again as a revision once, in the CLI and the API alike', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        const key = 'https://example.org/gdynia-scanners';
        await corpus.add(analyse('brief', MARTA_1, '2026-04-06'), key);
        const updated = MARTA_1.replace('are due to arrive in June', 'arrived two weeks early and are already in use');
        assert.equal((await corpus.add(analyse('brief', updated, '2026-04-06'), key)).status, 'revision');
        const g = await corpus.graph();
        assert.ok(g.nodes.length >= 2 && g.edges.some((e) => e.kind === 'co-occurrence'));
        for (const n of g.nodes) assert.equal(n.weight, 1, `${n.label}: one current article`);
        for (const e of g.edges)
          assert.equal(e.articles ?? e.weight, 1, `${e.source} ${e.kind} ${e.target}: one current article`);
        assert.deepEqual(await graph(corpus.db, { limit: 300, minWeight: 1 }), g, 'the API runs the same query');
      } finally {
        await corpus.close();
      }
    });

    test('a worker claims each queued job once, marks it done and stores its article; an empty queue ends a draining worker', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        for (const [id, text] of [
          ['m1', MARTA_1],
          ['m2', MARTA_2],
          ['m3', MARTA_3],
        ]) {
          await corpus.db.run('INSERT INTO jobs (input, status, created_at) VALUES (?, ?, ?)', [
            JSON.stringify({ id, source: { published: '2026-04-06' }, text }),
            'queued',
            new Date().toISOString(),
          ]);
        }
        const tally = await runWorker(corpus, { drain: true, name: 'solo' }, undefined, pipeline);
        assert.equal(tally.added, 3);
        const jobs = await corpus.db.all<{ status: string; worker: string }>(
          'SELECT status, worker FROM jobs ORDER BY id',
        );
        assert.deepEqual(jobs, Array(3).fill({ status: 'done', worker: 'solo' }));
        assert.equal((await corpus.articles()).length, 3);
        assert.equal((await runWorker(corpus, { drain: true }, undefined, pipeline)).added, 0, 'nothing left to claim');
      } finally {
        await corpus.close();
      }
    });

    test('syndicated copies land in one story; different articles do not', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        const original = example('political-story.txt');
        const a = await corpus.add(analyse('orig', original, '2026-05-15', { publisher: 'Nordic Ledger' }), 'orig');
        const b = await corpus.add(
          analyse(
            'copy1',
            syndicate(original, 'Norway finance minister ready to resign over defence budget', 'Baltic Times Online'),
            '2026-05-15',
          ),
          'copy1',
        );
        const c = await corpus.add(
          analyse(
            'copy2',
            syndicate(original, 'Sandvik resignation threat rocks coalition', 'Daily Herald Network'),
            '2026-05-16',
          ),
          'copy2',
        );
        const others = [];
        for (const f of ['business-story.txt', 'conflict-report.txt', 'wire-report.txt']) {
          others.push(await corpus.add(analyse(f, example(f), '2026-05-15'), f));
        }
        assert.equal(b.storyId, a.storyId, 'first copy joins the original');
        assert.equal(c.storyId, a.storyId, 'second copy joins the original');
        const otherStories = new Set(others.map((o) => o.storyId));
        assert.equal(otherStories.size, 3, 'unrelated articles are separate stories');
        assert.ok(!otherStories.has(a.storyId));
        const stories = await corpus.stories();
        const story = stories.find((s) => s.id === a.storyId)!;
        assert.deepEqual(story.articles.sort(), [a.articleId, b.articleId, c.articleId].sort());
        assert.ok([a.articleId, b.articleId].includes(story.original!), 'the original is an earliest version');
        assert.equal(stories.length, 4);
      } finally {
        await corpus.close();
      }
    });

    test('one person across three articles is one entity; a namesake with the same surname is another', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await corpus.add(analyse('m1', MARTA_1, '2026-04-06'), 'm1');
        await corpus.add(analyse('m2', MARTA_2, '2026-04-08'), 'm2');
        await corpus.add(analyse('m3', MARTA_3, '2026-04-09'), 'm3');
        await corpus.add(analyse('p1', PIOTR, '2026-04-07'), 'p1');
        const marta = await corpus.entityReport('Marta Kowalczyk');
        const piotr = await corpus.entityReport('Piotr Kowalczyk');
        assert.ok(marta && piotr);
        assert.notEqual(marta.id, piotr.id);
        assert.equal(marta.type, 'PERSON');
        assert.equal(marta.articles.length, 3, 'Marta Kowalczyk is one entity across three articles');
        assert.equal(piotr.articles.length, 1, 'Piotr Kowalczyk is not merged into her');
        assert.ok(
          marta.quotes.some((q) => q.text.includes('paperwork')),
          'her quotes follow her',
        );
        assert.ok(!piotr.quotes.some((q) => q.text.includes('paperwork')));
        assert.ok(marta.related.some((r) => r.name === 'Gdynia'));
        // The entity id is stable: looking it up by id gives the same entity.
        assert.equal((await corpus.entityReport(marta.id))?.name, marta.name);
      } finally {
        await corpus.close();
      }
    });

    test('a name stored in capitals (a dateline) takes the mixed-case spelling a later article gives', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        const first = analyse('m1', MARTA_1, '2026-04-06');
        const port = first.entities.find((e) => e.name === 'Gdynia');
        assert.ok(port, 'Gdynia found');
        port.name = 'GDYNIA'; // as a dateline in capitals names it
        await corpus.add(first, 'm1');
        assert.equal((await corpus.findEntity('gdynia'))?.name, 'GDYNIA');
        await corpus.add(analyse('m2', MARTA_2, '2026-04-08'), 'm2');
        const merged = await corpus.entityReport('Gdynia');
        assert.equal(merged?.name, 'Gdynia');
        assert.equal(merged?.articles.length, 2, 'one entity, renamed, not a second one');
      } finally {
        await corpus.close();
      }
    });

    test('an event the text dates nowhere is stored undated, and takes the date a later report gives', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        const undated =
          'Gunmen attack police post in Goma\n\nGunmen attacked a police post in Goma, killing two officers, the army said.';
        const dated =
          'Police post attacked in Goma\n\nGunmen attacked a police post in Goma on Sunday, killing two officers, officials said.';
        await corpus.add(analyse('g1', undated, '2026-04-06'), 'g1');
        const first = (await corpus.events()).filter((e) => e.type === 'ASSAULT');
        assert.equal(first.length, 1);
        assert.equal(first[0].date, null, 'not the publication day');
        await corpus.add(analyse('g2', dated, '2026-04-06'), 'g2');
        const after = (await corpus.events()).filter((e) => e.type === 'ASSAULT');
        assert.equal(after.length, 1, 'one attack, two reports');
        assert.equal(after[0].date, '2026-04-05');
      } finally {
        await corpus.close();
      }
    });

    test('three reports of one attack make one event with three sources; the same attack in another town stays apart', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await corpus.add(analyse('a', fixture('event-a.txt'), '2026-03-10', { publisher: 'East Africa Wire' }), 'a');
        await corpus.add(analyse('b', fixture('event-b.txt'), '2026-03-11', { publisher: 'Rwenzori Daily' }), 'b');
        await corpus.add(analyse('c', fixture('event-c.txt'), '2026-03-12', { publisher: 'Kampala Evening' }), 'c');
        await corpus.add(
          analyse('d', fixture('event-other-town.txt'), '2026-03-10', { publisher: 'East Africa Wire' }),
          'd',
        );
        const kasese = await corpus.events({ type: 'ASSAULT', place: 'Kasese' });
        assert.equal(kasese.length, 1, `one attack at Kasese, got ${kasese.length}`);
        assert.equal(kasese[0].sources, 3);
        assert.equal(new Set(kasese[0].mentions.map((m) => m.article)).size, 3);
        assert.ok(
          kasese[0].mentions.some((m) => m.text.includes('attacked a police checkpoint on the outskirts of Kasese')),
          'each report lists the sentence it rests on as evidence',
        );
        const fort = await corpus.events({ type: 'ASSAULT', place: 'Fort Portal' });
        assert.equal(fort.length, 1);
        assert.equal(fort[0].sources, 1);
        assert.notEqual(fort[0].id, kasese[0].id);
        // Every ASSAULT mention of the four articles belongs to one of the two events.
        const all = await corpus.events({ type: 'ASSAULT' });
        assert.equal(all.length, 2, all.map((e) => `${e.id}@${e.place?.name}`).join(', '));
      } finally {
        await corpus.close();
      }
    });

    test('search finds, ranks and filters; listings give the documented JSON shapes; no orphans', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await corpus.add(analyse('m1', MARTA_1, '2026-04-06'), 'm1');
        await corpus.add(analyse('m2', MARTA_2, '2026-04-08'), 'm2');
        await corpus.add(analyse('p1', PIOTR, '2026-04-07'), 'p1');
        const hits = await corpus.search('dockworkers strike');
        assert.equal(hits.results.length, 1);
        assert.match(hits.results[0].snippet, /\[/, 'the snippet marks the matched words');
        assert.equal((await corpus.search('apple frost')).results.length, 1);
        assert.equal((await corpus.search('Kowalczyk')).results.length, 3);
        assert.equal((await corpus.search('Kowalczyk', { since: '2026-04-07' })).results.length, 2);
        assert.equal((await corpus.search('Kowalczyk', { until: '2026-04-06' })).results.length, 1);
        assert.equal((await corpus.search('Kowalczyk', { entity: 'Piotr Kowalczyk' })).results.length, 1);
        assert.equal((await corpus.search('nothing-like-this-anywhere')).results.length, 0);
        assert.equal((await corpus.search('"unbalanced (quote AND')).results.length, 0, 'user syntax never errors');
        const g = await corpus.graph();
        assert.ok(g.nodes.length > 0 && g.edges.length > 0);
        const quotes = await corpus.quotes('Piotr Kowalczyk');
        assert.ok(quotes.length >= 1 && quotes.every((q) => q.article > 0));
        const counts = await corpus.counts();
        assert.equal(counts.articles, 3);
        for (const [name, sql] of Object.entries(ORPHAN_QUERIES)) {
          assert.equal(Number((await corpus.db.get<{ n: number }>(sql))!.n), 0, `orphans: ${name}`);
        }
      } finally {
        await corpus.close();
      }
    });
  });
}
