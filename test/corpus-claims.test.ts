/**
 * Claims across the corpus (src/corpus/claims.ts), on team-written articles: one claim reported by
 * two publishers in different words, a syndicated copy, two denials, and a different claim about the
 * same people.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../src/pipeline.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import { backends } from './helpers/corpus-backends.ts';

const pipeline = new Pipeline();
const add = (corpus: Corpus, id: string, text: string, publisher: string, published = '2026-03-04') =>
  corpus.add(pipeline.analyze({ id, source: { published, publisher }, text }), `https://${publisher}/${id}`);

const GAZETTE = `Ceasefire holds in Marwan province

The ceasefire in Marwan province was holding on Tuesday, officials in Tessaly said. Aid convoys reached the town of Brel for the first time in a month, and the main road to the coast reopened.

Shops in Brel opened their shutters in the morning. Farmers returned to fields near the river that they had left in January.`;

const HERALD = `Truce in Marwan holds, diplomats say

Two Western diplomats said the Marwan ceasefire was still holding on Tuesday. The United Nations said it would send more observers to the province next week.`;

/** The Gazette's story as a partner site runs it: new headline, boilerplate. */
const PARTNER = `Coastal Times | Home | World | Sign in

Marwan truce holding, say officials

The ceasefire in Marwan province was holding on Tuesday, officials in Tessaly said. Aid convoys reached the town of Brel for the first time in a month, and the main road to the coast reopened.

Shops in Brel opened their shutters in the morning. Farmers returned to fields near the river that they had left in January.

This story was first published by a partner agency. Copyright Coastal Times 2026.`;

const COURIER = `Ministry rejects truce reports

The Defence Ministry of Tessaly denied that the ceasefire in Marwan province was holding, saying rebels had shelled Brel overnight.`;

const FRONT = `Rebels call truce a sham

Rebel commanders said reports that the Marwan ceasefire was holding were a hoax.`;

const OBSERVER = `Marwan governor resigns

The governor of Marwan province resigned on Tuesday, officials in Tessaly said. He gave no reason for leaving the post after six years.`;

for (const backend of backends()) {
  describe(`claims across the corpus on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    test('one claim in other words from two publishers, a copy, two denials, and a claim apart', async () => {
      const corpus = await Corpus.open(await backend.fresh());
      try {
        await add(corpus, 'gazette', GAZETTE, 'gazette.example');
        await add(corpus, 'herald', HERALD, 'herald.example');
        const copy = await add(corpus, 'partner', PARTNER, 'coastal.example', '2026-03-05');
        assert.equal(copy.status, 'added');
        await add(corpus, 'courier', COURIER, 'courier.example');
        await add(corpus, 'observer', OBSERVER, 'observer.example');
        await add(corpus, 'front', FRONT, 'front.example');

        // for badges: at once, nothing while the merge runs, then what claims() answers
        assert.equal(await corpus.claimsIfReady(), undefined);
        const claims = await corpus.claims();
        assert.deepEqual(await corpus.claimsIfReady(), claims);
        const truce = claims.find((c) => /ceasefire/i.test(c.text));
        assert.ok(truce, JSON.stringify(claims.map((c) => c.text)));
        const publishers = truce.reports.map((r) => r.publisher).sort();
        assert.deepEqual(publishers, ['coastal.example', 'gazette.example', 'herald.example']);
        // the partner's copy is the Gazette's story: a report, not a source
        assert.equal(truce.independentSources, 2);
        // a denial by its cue ("denied that …") and one in its own words ("… were a hoax")
        assert.deepEqual(truce.disputes.map((d) => d.publisher).sort(), ['courier.example', 'front.example']);
        const dispute = truce.disputes.find((d) => d.publisher === 'courier.example')!;
        assert.match(dispute.text, /ceasefire/);
        // a different claim about the same place and sources stays apart
        const governor = claims.find((c) => /governor/i.test(c.text));
        assert.ok(governor && governor !== truce);
        assert.equal(governor.reports.length, 1);
        assert.deepEqual(
          (await corpus.claims({ disputed: true })).map((c) => c.id),
          [truce.id],
        );
        const ministry = await corpus.claims({ entity: 'Defence Ministry of Tessaly' });
        assert.deepEqual(
          ministry.map((c) => c.id).sort(),
          [truce.id, ...claims.filter((c) => /shelled/.test(c.text)).map((c) => c.id)].sort(),
        );
        assert.deepEqual(await corpus.claims({ entity: 'Nobody At All' }), []);
        assert.equal((await corpus.claims({ since: '2026-03-05' })).length, 1);
      } finally {
        await corpus.close();
      }
    });
  });
}
