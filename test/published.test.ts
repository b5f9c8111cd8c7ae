import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import { timeStage } from '../src/nlp/times.ts';
import { Pipeline } from '../src/pipeline.ts';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared');
const seedPath = path.join(shared, 'seed/000_706619d9f3362164.txt');

/** The times stage over a text with no publication day. */
function undated(text: string): Doc {
  const doc = new Doc({ id: 't', source: {}, text });
  timeStage.run(doc);
  return doc;
}

test('a dateline gives the publication day; relative dates rest on it, marked', () => {
  const doc = undated('KAMPALA, March 3, 2024 — Flood waters rose yesterday along the Nile, officials said.');
  assert.equal(doc.publishedInferred?.value, '2024-03-03');
  assert.deepEqual(
    doc.publishedInferred?.evidence.map((e) => e.text),
    ['March 3, 2024'],
  );
  const yesterday = doc.times.find((t) => t.text === 'yesterday')!;
  assert.deepEqual([yesterday.value, yesterday.inferred], ['2024-03-02', true]);
  // the dateline's own date was no relative date: not marked
  assert.equal(doc.times.find((t) => t.text === 'March 3, 2024')?.inferred, undefined);
});

test('a relative day beside a calendar date, and a Sunday paper speaking of today, fix the day and its year', () => {
  const doc = undated(
    'Residents fled Korat on June 14. Yesterday, the army retook the bridge, as The Mail on Sunday reports today.',
  );
  // 15 June fell on a Sunday in 2025; "yesterday" is the 14th
  assert.equal(doc.publishedInferred?.value, '2025-06-15');
  assert.equal(doc.times.find((t) => t.text === 'Yesterday')?.value, '2025-06-14');
});

test('no clue, no day: "today" beside a date of history is no evidence', () => {
  for (const text of [
    'The minister resigned yesterday after weeks of protests.',
    'Airports are safer today than after the attacks of Sept. 11, 2001, the senator said.',
  ]) {
    const doc = undated(text);
    assert.equal(doc.publishedInferred, undefined, text);
    assert.ok(doc.messages.some((m) => /no publication day/.test(m.text)));
  }
  // a given day is never second-guessed
  const given = new Doc({ id: 'g', source: { published: '2024-05-01' }, text: 'KAMPALA, March 3, 2024 — Rain.' });
  timeStage.run(given);
  assert.equal(given.publishedInferred, undefined);
});

test(
  'the seed, with no publication day, is read as published on Sunday 20 July 2025',
  { skip: !existsSync(seedPath) && 'no ../shared/seed here' },
  () => {
    const doc = new Pipeline().process({ id: 'seed', source: {}, text: readFileSync(seedPath, 'utf8') });
    assert.equal(doc.publishedInferred?.value, '2025-07-20');
    const yesterday = doc.times.filter((t) => /^yesterday$/i.test(t.text) && t.inferred);
    assert.ok(
      yesterday.some((t) => t.value === '2025-07-19'),
      JSON.stringify(yesterday),
    );
    assert.equal(doc.toJSON().publishedInferred?.value, '2025-07-20');
  },
);
