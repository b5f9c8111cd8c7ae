/**
 * The attribution model (src/nlp/attribution/): reading PolNeAR, mapping offsets, the scorer of
 * eval:attribution, the shipped model on plain news sentences, the decoding heuristics, hostile
 * input, and deterministic training (on a few PolNeAR articles, skipped when the data is absent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import { Pipeline, buildStages } from '../src/pipeline.ts';
import { cleanArticle } from '../src/clean/clean.ts';
import { offsetMap, parseAnnotation, readPolnear, type PolnearDoc } from '../src/nlp/attribution/polnear.ts';
import { TokenView } from '../src/nlp/attribution/features.ts';
import { attributedAfter, rolesFromLabels, wholeQuotations } from '../src/nlp/attribution/decode.ts';
import { ROLE } from '../src/nlp/attribution/model.ts';
import { attributionsOf, defaultModel } from '../src/nlp/attribution/index.ts';
import { train, toExample } from '../src/nlp/attribution/train.ts';
import { scoreDoc, summary, type Item } from '../scripts/attribution-score.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POLNEAR_TRAIN = path.resolve(repoRoot, '../shared/data/attribution/polnear/train');

/** The stages the model reads from, then the model: attributions as [cue, source, content] words. */
function attributionWords(text: string): Array<[string, string | null, string | null]> {
  const doc = cleanArticle({ id: 't', source: {}, text });
  for (const s of buildStages().filter((x) => ['sentences', 'tokens', 'ner'].includes(x.name))) s.run(doc);
  const span = (s: { start: number; end: number } | null) => (s ? doc.span(s.start, s.end) : null);
  return attributionsOf(doc).map((a) => [doc.span(a.cue.start, a.cue.end), span(a.source), span(a.content)]);
}

test('brat annotation: spans in pieces, attributions with and without a source', () => {
  const ann = [
    'T1\tSource 0 9\tOfficials',
    'T2\tCue 10 14\tsaid',
    'T3\tContent 15 25;30 35\tthe talks … ended',
    'T4\tAttribution 10 14\tsaid',
    'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
    'T5\tCue 40 48\tappeared',
    'T6\tContent 49 60\tto collapse',
    'E2\tAttribution-no-source:T5 Content:T6 Cue:T5',
    'garbage line',
  ].join('\n');
  const list = parseAnnotation(ann);
  assert.equal(list.length, 2);
  assert.deepEqual(list[0].source, { start: 0, end: 9, pieces: [[0, 9]] });
  assert.deepEqual(list[0].content?.pieces, [
    [15, 25],
    [30, 35],
  ]);
  assert.equal(list[0].content?.end, 35);
  assert.equal(list[1].source, undefined);
  assert.equal(list[1].cue?.start, 40);
});

test('offsets of an article map into its cleaned text across re-spacing and dropped lines', () => {
  const original = 'Talks  resumed\u00a0today.\nPHOTO: REUTERS\nOfficials said the talks had failed.';
  const cleaned = 'Talks resumed today.\nOfficials said the talks had failed.';
  const map = offsetMap(original, cleaned);
  const at = original.indexOf('Officials');
  assert.equal(map.start(at), cleaned.indexOf('Officials'));
  assert.equal(map.end(at + 'Officials'.length), cleaned.indexOf('Officials') + 'Officials'.length);
  assert.equal(map.start(original.indexOf('resumed')), cleaned.indexOf('resumed'));
  // A word cleaning dropped maps to where the next kept word starts.
  assert.equal(map.start(original.indexOf('REUTERS')), cleaned.indexOf('Officials'));
});

test('the scorer: half the words in common both ways, sources share a content word, pronouns left out', () => {
  const text = 'Officials said the talks had failed after three days. He said nothing more would be agreed.';
  const span = (s: string) => {
    const i = text.indexOf(s);
    return { start: i, end: i + s.length, pieces: [[i, i + s.length]] as Array<[number, number]> };
  };
  const doc: PolnearDoc = {
    name: 't',
    text,
    attributions: [
      { source: span('Officials'), cue: span('said'), content: span('the talks had failed after three days') },
      { source: span('He'), cue: span('said nothing'), content: span('nothing more would be agreed') },
    ],
  };
  const item = (content: string, source: string): Item => ({
    ...span(content),
    kind: 'claim',
    source,
    text: content,
    detail: 'claim',
  });
  // Five of seven words of the first, with a source word in common; all of the second (pronoun gold source).
  const found = scoreDoc(doc, [
    item('the talks had failed', 'senior officials'),
    item('nothing more would be agreed', 'Mr Ortiz'),
    item('three days', 'x'),
  ]);
  const s = summary(found.tally);
  assert.equal(s.recall, 1);
  assert.equal(s.speechRecall, 1);
  assert.equal(found.tally.items, 3);
  assert.equal(found.tally.itemsMatched, 2, '"three days" holds too few of the gold words');
  assert.equal(found.tally.sourceChecked, 1, 'the pronoun source is left out');
  assert.equal(s.sourceAccuracy, 1);
  // Too short a match: two of seven words.
  assert.equal(scoreDoc(doc, [item('the talks', 'officials')]).tally.found, 0);
});

test('the shipped model reads plain news attributions: cue, source and content', () => {
  const got = attributionWords(
    'Officials in Damascus said the ceasefire was holding. ' +
      '"We will not sign anything today," the minister told reporters on Tuesday. ' +
      'According to two diplomats, the deal could be signed next week.',
  );
  const said = got.find(([cue]) => cue === 'said');
  assert.deepEqual(said, ['said', 'Officials in Damascus', 'the ceasefire was holding']);
  const told = got.find(([cue]) => cue === 'told');
  assert.equal(told?.[1], 'the minister');
  assert.match(told?.[2] ?? '', /^"We will not sign anything today,"$/);
  const according = got.find(([cue]) => cue === 'According to');
  assert.equal(according?.[1], 'two diplomats');
  assert.match(according?.[2] ?? '', /^the deal could be signed next week/);
});

test('a trailing attribution reports the clause before it, not the subordinate clause after', () => {
  const got = attributionWords(
    'Talks between the two sides ended without agreement on Friday, Swiss mediators said, after the delegations failed to settle the matter.',
  );
  const said = got.find(([cue]) => cue === 'said');
  assert.equal(said?.[1], 'Swiss mediators');
  assert.equal(said?.[2], 'Talks between the two sides ended without agreement on Friday');
});

test('decoding heuristics: whole quotations, and a quotation with an attribution of its own', () => {
  const doc = new Doc({ id: 't', source: {}, text: 'She said “we will win the vote,” Mr Ortiz said later.' });
  new Pipeline().stages.slice(0, 3).forEach((s) => s.run(doc));
  const v = new TokenView(doc);
  const tok = (w: string) => doc.tokens.findIndex((t) => doc.span(t.start, t.end) === w);
  const cue = { start: tok('said'), end: tok('said') + 1 };
  // A content cut inside the quotation is widened to its marks.
  const widened = wholeQuotations(v, cue, { start: tok('we'), end: tok('win') + 1 });
  assert.equal(doc.tokenText(widened.start), '“');
  assert.equal(doc.tokenText(widened.end - 1), '”');
  // After the quotation, "Mr Ortiz said" is its own attribution.
  const flags = new Uint8Array(v.n);
  flags[tok('later') - 1] = 1; // the second "said"
  assert.equal(attributedAfter(v, flags, widened.end), true);
  assert.equal(attributedAfter(v, new Uint8Array(v.n), widened.end), false);
});

test('content runs either side of a cue join only where the attribution is set off by punctuation', () => {
  const read = (text: string, cueWord: string) => {
    const doc = new Doc({ id: 't', source: {}, text });
    new Pipeline().stages.slice(0, 3).forEach((s) => s.run(doc));
    const v = new TokenView(doc);
    const at = doc.tokens.findIndex((t) => doc.span(t.start, t.end) === cueWord);
    const cue = { start: at, end: at + 1 };
    // the labels a model might give: source right before the cue, content every other word
    const labels = new Uint8Array(v.n).fill(ROLE.C);
    labels[at] = ROLE.O;
    labels[at - 1] = ROLE.S;
    const c = rolesFromLabels(cue, labels, 0, undefined, undefined, v.cls).content;
    return c ? doc.span(doc.tokens[c.start].start, doc.tokens[c.end - 1].end) : null;
  };
  // ", she said, " is an aside: one content either side of it
  const aside = 'The new bridge, she said, would open to traffic next spring.';
  assert.equal(read(aside, 'said'), aside);
  // "he said of the claim …" goes on about something else: the quotation alone
  const quoted = '“She just made it all up,” he said of the claim during a radio call.';
  assert.equal(read(quoted, 'said'), '“She just made it all up,”');
});

test('hostile input: empty, marks only, no words, and a long text give well-formed attributions', () => {
  const pipeline = new Pipeline();
  for (const text of ['', '“”“”«»', '... --- ,,,', `${'He said "yes". '.repeat(3000)}`]) {
    const doc = pipeline.process({ id: 'h', source: {}, text });
    for (const a of doc.attributions) {
      for (const s of [a.cue, a.source, a.content]) {
        if (!s) continue;
        assert.ok(s.start >= 0 && s.start < s.end && s.end <= doc.text.length);
      }
    }
  }
  assert.equal(defaultModel().header.bits, 17);
});

test(
  'training is deterministic and learns from PolNeAR',
  { skip: !existsSync(POLNEAR_TRAIN) && 'PolNeAR is absent (../shared/data)' },
  () => {
    const stages = buildStages().filter((s) => ['sentences', 'tokens', 'ner'].includes(s.name));
    const examples = readPolnear(POLNEAR_TRAIN, 12).map((d) => {
      const doc = cleanArticle({ id: d.name, source: {}, text: d.text });
      for (const s of stages) s.run(doc);
      return toExample(d, doc);
    });
    assert.ok(examples.reduce((n, e) => n + e.attributions.length, 0) > 100);
    const options = { bits: 12, windowSentences: 2, epochs: 2, seed: 7, cueThresholds: { verb: 0, other: 0 } };
    const a = train(examples, options, 'test');
    const b = train(examples, options, 'test');
    assert.deepEqual(a.cue, b.cue);
    assert.deepEqual(a.role, b.role);
    assert.ok(
      a.cue.some((w) => w !== 0),
      'the cue scorer learned something',
    );
  },
);
