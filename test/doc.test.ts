import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc, wordShape } from '../src/model/doc.ts';
import type { Entity } from '../src/model/analysis.ts';
import { tokenStage } from '../src/nlp/tokens.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';

test('token layer: lower case, shape, sentence of a token, tokens of a sentence', () => {
  const doc = new Doc({
    id: 't',
    source: {},
    text: 'Foreign Secretary David Lammy arrived. He met Al-Sharaa in 2025.',
  });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  const words = doc.tokens.map((_, i) => doc.tokenText(i));
  const he = words.indexOf('He');
  assert.equal(doc.lower(he), 'he');
  assert.equal(doc.shape(words.indexOf('Al-Sharaa')), 'Xx-Xx');
  assert.equal(doc.shape(words.indexOf('2025')), 'd');
  assert.equal(doc.sentenceOfToken(0), 0);
  assert.equal(doc.sentenceOfToken(he), 1);
  const [from, to] = doc.sentenceTokens(1);
  assert.equal(from, he);
  assert.equal(doc.tokenText(to - 1), '.');
  assert.equal(doc.isWord(to - 1), false);
  assert.equal(wordShape('U.S.'), 'X.X.');
  // replacing the tokens forgets what was computed of the old ones
  doc.tokens = doc.tokens.slice(he);
  assert.equal(doc.lower(0), 'he');
  assert.equal(doc.sentenceOfToken(0), 1);
});

function entity(id: string, spans: Array<[number, number]>, text: string): Entity {
  return {
    id,
    type: 'PERSON',
    name: id,
    mentions: spans.map(([start, end]) => ({ start, end, text: text.slice(start, end) })),
    aliases: [],
    roles: [],
  };
}

test('mention index: mentions by position, mentions in a span, the entity covering a span', () => {
  const text = 'Foreign Secretary David Lammy met Ahmed al-Sharaa. Lammy said the talks went well.';
  const doc = new Doc({ id: 't', source: {}, text });
  const lammy = entity(
    'lammy',
    [
      [18, 29],
      [51, 56],
    ],
    text,
  );
  const sharaa = entity('sharaa', [[34, 49]], text);
  const title = entity('title', [[0, 29]], text);
  doc.entities = [lammy, sharaa, title];
  assert.deepEqual(
    doc.mentions().map((m) => [m.entity.id, m.start]),
    [
      ['title', 0],
      ['lammy', 18],
      ['sharaa', 34],
      ['lammy', 51],
    ],
  );
  assert.deepEqual(
    doc.mentionsIn(10, 50).map((m) => m.entity.id),
    ['lammy', 'sharaa'],
  );
  // covered by two mentions: the entity listed first wins, as before the index
  assert.equal(doc.entityAt(23, 29)?.id, 'lammy');
  assert.equal(doc.entityAt(0, 10)?.id, 'title');
  assert.equal(doc.entityAt(29, 33), undefined);
  // a new entity is seen; a mention added in place is seen after entitiesChanged()
  doc.entities.push(entity('talks', [[66, 71]], text));
  assert.equal(doc.entityAt(66, 71)?.id, 'talks');
  sharaa.mentions.push({ start: 77, end: 81, text: 'well' });
  doc.entitiesChanged();
  assert.equal(doc.entityAt(77, 81)?.id, 'sharaa');
});
