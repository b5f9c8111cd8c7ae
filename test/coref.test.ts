// The one coreference module (src/extract/coref.ts): who a speaker's description or pronoun
// refers to, in the order `speakerEntity` and `pronounAntecedent` document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../src/model/doc.ts';
import { Pipeline } from '../src/pipeline.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { tokenStage } from '../src/nlp/tokens.ts';
import { pronounAntecedent, speakerEntity } from '../src/extract/coref.ts';
import type { EntityType } from '../src/model/analysis.ts';

test('descriptions resolve with the memoised comparison ("the minister" → the minister named before)', () => {
  const text = 'Defence Minister Lena Varga visited the border on Tuesday. The minister said the army would stay.';
  const doc = new Pipeline().process({ id: 'desc', source: { published: '2024-05-07' }, text });
  const varga = doc.entities.find((e) => /Varga/.test(e.name));
  assert.ok(varga);
  const claim = doc.claims.find((c) => /army would stay/.test(c.text));
  assert.ok(claim, 'the claim is found');
  assert.equal(claim!.source.entity, varga!.id);
  const empty = new Doc({ id: 'e', source: {}, text: '' });
  assert.deepEqual(empty.entities, []);
});

/** A Doc with sentences and tokens whose entities are given as [name, type, other surface forms, roles]. */
function docWith(text: string, ents: [string, EntityType, string[]?, string[]?][]): Doc {
  const doc = new Doc({ id: 't', source: {}, text });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  ents.forEach(([name, type, forms = [], roles = []], i) => {
    const mentions: { start: number; end: number; text: string }[] = [];
    for (const f of [name, ...forms]) {
      for (let at = text.indexOf(f); at >= 0; at = text.indexOf(f, at + 1))
        if (!mentions.some((m) => m.start <= at && m.end >= at + f.length))
          mentions.push({ start: at, end: at + f.length, text: f });
    }
    mentions.sort((a, b) => a.start - b.start);
    doc.entities.push({ id: `e${i}`, name, type, mentions, roles, aliases: forms });
  });
  return doc;
}

test('speaker descriptions: a surname, a title after an unnamed antecedent, a definite role or body', () => {
  const text =
    'Jane Ortiz met Brightwater Capital on Monday. The minister said yes. Ms Ortiz spoke first. ' +
    'The company said nothing. One legal expert doubted it. The expert said no.';
  const doc = docWith(text, [
    ['Jane Ortiz', 'PERSON'],
    ['Brightwater Capital', 'ORG'],
  ]);
  const at = (phrase: string) => {
    const start = text.indexOf(phrase);
    return speakerEntity(doc, start, start + phrase.length);
  };
  assert.equal(at('Ms Ortiz'), 'e0', 'the surname of a person named before');
  assert.equal(at('The expert'), null, '"the expert" repeats the unnamed "one legal expert"');
  assert.equal(at('The minister'), 'e0', 'a definite person description: the person mentioned last');
  assert.equal(at('The company'), null, 'no organisation in this sentence or the two before');
});

test('speaker pronouns: the pronoun lexicon first, then the latest subject of a fitting type', () => {
  const text = 'Brightwater Capital cut its forecast. Jane Ortiz said it was late. It said the plan held.';
  const doc = docWith(text, [
    ['Jane Ortiz', 'PERSON'],
    ['Brightwater Capital', 'ORG'],
  ]);
  assert.equal(pronounAntecedent(doc, text.indexOf('It said'), 'It'), 'e1');
  assert.equal(pronounAntecedent(doc, text.indexOf('it was'), 'she'), 'e0');
});
