/** Every analysis the pipeline writes validates against the documented JSON Schema, and its spans are sound. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { Pipeline } from '../src/pipeline.ts';
import type { Analysis } from '../src/model/analysis.ts';

const ROOT = resolve(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(resolve(ROOT, 'schema/analysis.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
const manifest: Array<{ id: string; file: string; published: string }> = JSON.parse(
  readFileSync(resolve(ROOT, 'examples/articles.json'), 'utf8'),
);
const pipeline = new Pipeline();

/** Every span of every layer lies inside the text, and the quoted texts are the text at their span. */
function checkSpans(a: Analysis): void {
  const inText = (s: { start: number; end: number }, what: string) =>
    assert.ok(
      s.start >= 0 && s.start <= s.end && s.end <= a.text.length,
      `${what} [${s.start}, ${s.end}) outside the text`,
    );
  for (const b of a.blocks) inText(b, 'block');
  for (const s of a.sentences) inText(s, 'sentence');
  for (const e of a.entities)
    for (const m of e.mentions) {
      inText(m, 'mention');
      assert.equal(a.text.slice(m.start, m.end), m.text, `mention text of ${e.name}`);
    }
  for (const t of a.times) {
    inText(t, 'time');
    assert.equal(a.text.slice(t.start, t.end), t.text);
  }
  for (const q of a.quotes) inText(q, 'quote');
  for (const c of a.claims) inText(c, 'claim');
  for (const r of a.relations) inText(r, 'relation');
  for (const ev of a.events) inText(ev, 'event');
  const ids = new Set(a.entities.map((e) => e.id));
  assert.equal(ids.size, a.entities.length, 'entity ids are unique');
  for (const q of a.quotes) if (q.speaker) assert.ok(ids.has(q.speaker), 'quote speaker is an entity id');
  for (let i = 1; i < a.sentences.length; i++)
    assert.ok(a.sentences[i].start >= a.sentences[i - 1].end, 'sentences in order, no overlap');
}

for (const m of manifest) {
  test(`analysis of ${m.id} validates against schema/analysis.schema.json`, () => {
    const a = pipeline.analyze({
      id: m.id,
      source: { path: m.file, published: m.published },
      text: readFileSync(resolve(ROOT, 'examples', m.file), 'utf8'),
    });
    const json = JSON.parse(JSON.stringify(a));
    assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    checkSpans(a);
  });
}

test('the schema rejects an analysis with a misspelled layer kind', () => {
  const a = JSON.parse(
    JSON.stringify(pipeline.analyze({ id: 'x', source: {}, text: 'Rain fell in Bergen on Monday.' })),
  );
  a.blocks[0].kind = 'paragraf';
  assert.equal(validate(a), false);
});
