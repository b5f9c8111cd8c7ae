// The shared attribution helpers (src/extract/attribution/): reporting verbs read from the token
// layer, the source patterns and the cheap checks before them, and the memo of speakers before a
// verb, each against its reference form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../src/model/doc.ts';
import { Pipeline } from '../src/pipeline.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { tokenStage } from '../src/nlp/tokens.ts';
import { REPORTING_VERBS, findReportingVerbs } from '../src/extract/attribution/verbs.ts';
import {
  ANONYMOUS_SOURCE_END,
  anonymousSourceEnd,
  PEOPLE_OF_BODY_END,
  peopleOfBodyEnd,
} from '../src/extract/attribution/sources.ts';
import { subjectBefore, type SpeakerMatch } from '../src/extract/attribution/speakers.ts';
import { quoteStage } from '../src/extract/quotes.ts';
import { claimStage } from '../src/extract/claims.ts';
import { NEWS, nastyStrings } from './helpers/hostile-strings.ts';

/** A Doc of `text` with its sentence and token layers (what `findReportingVerbs` reads). */
function tokenized(text: string): Doc {
  const doc = new Doc({ id: 't', source: {}, text });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  return doc;
}

/** Every form of every reporting verb, lower case. */
const VERB_FORMS = new Set(REPORTING_VERBS.keys());

/**
 * The reference form of `findReportingVerbs`: the words the pattern WORD finds in the
 * text, those lying in `[from, to)` whose lower case is a verb form.
 */
function verbsByPattern(text: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu)) {
    if (m.index >= from && m.index + m[0].length <= to && VERB_FORMS.has(m[0].toLowerCase()))
      out.push(`${m.index}:${m[0]}`);
  }
  return out;
}

test('reporting verbs: found from the verb forms of the token layer, never from inherited object keys', () => {
  const text =
    'The constructor said the toString plan was late. Officials believe the hasOwnProperty claim, aides added.';
  const doc = tokenized(text);
  const said = findReportingVerbs(doc, 0, text.indexOf('.'));
  assert.deepEqual(
    said.map((v) => [v.text, v.lemma]),
    [['said', 'say']],
  );
  const claims = findReportingVerbs(doc, 0, text.length);
  assert.deepEqual(
    claims.map((v) => v.text),
    ['said', 'claim', 'added'],
  );
  assert.ok(claims.every((v) => typeof v.lemma === 'string'));
  // a range that ends or starts inside a word leaves that word out
  assert.deepEqual(
    findReportingVerbs(doc, 0, text.indexOf('said') + 2).map((v) => v.text),
    [],
  );
  assert.deepEqual(
    findReportingVerbs(doc, text.indexOf('said') + 1, text.length).map((v) => v.text),
    ['claim', 'added'],
  );
});

test('reporting verbs: the tokens standing alone are the words of the pattern scan, in any case and script', () => {
  for (const body of [...NEWS, ...nastyStrings(3_000, 11).map((s) => `${s} said ${s} told`)]) {
    const text = `Zz ${body}`;
    const got = findReportingVerbs(tokenized(text), 0, text.length).map((v) => `${v.start}:${v.text}`);
    assert.deepEqual(got, verbsByPattern(text, 0, text.length), JSON.stringify(body));
  }
  const text = NEWS[3];
  // "said’s", "re-stated", "x-said" are words of their own; "İnsisted" lower-cases to a dotted i
  assert.deepEqual(
    findReportingVerbs(tokenized(text), 0, text.length).map((v) => v.text),
    ['SAID', 'Insisted', 'STATED', 'warned', 'claimed', 'denied'],
  );
});

test('reporting verbs: found in any case; a word with the first letter and length of a verb is none', () => {
  for (const v of ['said', 'SAID', 'Said', 'sAiD', 'told', 'Warned', 'claimed']) {
    const text = `Zz ${v} zz`;
    assert.deepEqual(
      findReportingVerbs(tokenized(text), 0, text.length).map((h) => h.text),
      [v],
    );
  }
  assert.deepEqual(findReportingVerbs(tokenized('Zz sand tale zz'), 0, 15), []);
});

test('reporting verbs: listed once per token layer, and again when the layer is replaced', () => {
  const doc = tokenized('Zz The minister said on Monday that talks had failed, aides told reporters.');
  const first = findReportingVerbs(doc, 0, doc.text.length);
  assert.deepEqual(
    first.map((v) => v.text),
    ['said', 'told'],
  );
  doc.tokens = doc.tokens.filter((t) => doc.text.slice(t.start, t.end) !== 'told');
  assert.deepEqual(
    findReportingVerbs(doc, 0, doc.text.length).map((v) => v.text),
    ['said'],
  );
});

test('reporting verbs in a range are the whole words of the pattern scan lying in it', () => {
  const text =
    'Officials said on Monday that talks had stalled, and a spokeswoman claimed the port would reopen, insisted Brekke.';
  const doc = tokenized(text);
  for (let from = 0; from < text.length; from += 3) {
    for (const to of [text.length, from + 20, from + 45]) {
      const got = findReportingVerbs(doc, from, to).map((v) => `${v.start}:${v.text}`);
      assert.deepEqual(got, verbsByPattern(text, from, to), `from ${from} to ${to}`);
    }
  }
  // from inside "said": the tail "aid" is no word
  assert.deepEqual(
    findReportingVerbs(doc, 11, 16).map((v) => v.text),
    [],
  );
});

test('speaker patterns: the cheap checks before them never hide a match', () => {
  const stretches = [
    'He told reporters on Monday that senior intelligence sources',
    'In a statement, the ministry',
    'according to people familiar with the matter',
    'two officials, who',
    'officials briefed on the plan',
    'the minister’s aides',
    'Analysts at ',
    'a spokesman for the ',
    'a spokesman for THE  ',
    'officials in\u00a0the\n',
    'officials of the',
    'experts from',
    'the executive in',
    'investigators at bathe ',
    'officials at. ',
    'sources inthe ',
  ];
  for (const base of [...stretches, ...nastyStrings(5_000, 3)]) {
    for (const s of [base, base + ' ', `${base} officials`, `${base} spokesman at the `]) {
      assert.deepEqual(anonymousSourceEnd(s), ANONYMOUS_SOURCE_END.exec(s), JSON.stringify(s));
      assert.deepEqual(peopleOfBodyEnd(s), PEOPLE_OF_BODY_END.exec(s), JSON.stringify(s));
    }
  }
});

const SPEAKER_ARTICLE = [
  'Harlow Transit chief executive Mirela Voss said the new tram line would open in March.',
  'The company said ticket prices would stay the same, according to a spokesman.',
  'Ms Voss, who joined the firm in 2019, told reporters that the budget was balanced.',
  'Officials at the city council said the works had been delayed by rain.',
  '“We are on schedule,” she said.',
  'Council leader Tobias Renn, the former mayor, warned that costs could still rise.',
  'He added that residents would be consulted, and later said the plans were final.',
].join('\n\n');

/**
 * The reference form of `subjectBefore`: the same search on a fresh copy of the Doc, which the
 * memo (kept for the Doc last asked about) has never seen.
 */
function subjectBeforeReference(doc: Doc, pos: number, lo: number): SpeakerMatch | null {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(doc) as object) as Doc, doc);
  return subjectBefore(copy, pos, lo);
}

test('speakers before a verb: the memo gives what the search gives, a fresh object each time, and follows entity changes', () => {
  const p = new Pipeline();
  const doc = p.process({
    id: 'speakers',
    source: { published: '2025-02-03', publisher: 'Harlow Courier' },
    text: SPEAKER_ARTICLE,
  });
  const calls: [number, number][] = [];
  for (const s of doc.sentences)
    for (const v of findReportingVerbs(doc, s.start, s.end)) calls.push([v.start, s.start]);
  assert.ok(calls.length >= 8, 'the article has reporting verbs');
  const references = () => calls.map(([pos, lo]) => subjectBeforeReference(doc, pos, lo));
  // the reference answers of the three states of the entity layer, each found on a fresh copy
  const voss = doc.entities.find((e) => e.type === 'PERSON' && /Voss/.test(e.name));
  assert.ok(voss, 'Mirela Voss is a person');
  const wanted = references();
  voss.type = 'ORG';
  const wantedRetyped = references();
  // mentions changed in place: the Doc is told, as a stage that does so must tell it
  const dropped = voss.mentions.pop()!;
  doc.entitiesChanged();
  const wantedDropped = references();
  voss.mentions.push(dropped);
  doc.entitiesChanged();
  voss.type = 'PERSON';
  assert.ok(
    wantedRetyped.some((a, i) => JSON.stringify(a) !== JSON.stringify(wanted[i])),
    'the re-typing changes some answer',
  );
  assert.ok(
    wantedDropped.some((a, i) => JSON.stringify(a) !== JSON.stringify(wantedRetyped[i])),
    'dropping the mention changes some answer',
  );
  let found = 0;
  calls.forEach(([pos, lo], i) => {
    const want = wanted[i];
    assert.deepEqual(subjectBefore(doc, pos, lo), want);
    const again = subjectBefore(doc, pos, lo);
    assert.deepEqual(again, want, 'asked twice: the same answer');
    if (again) {
      found++;
      again.entity = 'changed by a caller';
      assert.deepEqual(subjectBefore(doc, pos, lo), want, 'a caller changing its copy changes no later answer');
    }
  });
  assert.ok(found >= 5, 'speakers found');
  // The entity layer changes (a person re-typed, a mention dropped): the memo's answers follow it.
  voss.type = 'ORG';
  calls.forEach(([pos, lo], i) => assert.deepEqual(subjectBefore(doc, pos, lo), wantedRetyped[i], 'after re-typing'));
  voss.mentions.pop();
  doc.entitiesChanged();
  calls.forEach(([pos, lo], i) =>
    assert.deepEqual(subjectBefore(doc, pos, lo), wantedDropped[i], 'after dropping a mention'),
  );
});

test('quotes and claims run twice on one article give the same layers (the speaker memo spans the two stages)', () => {
  const p = new Pipeline();
  const doc = p.process({
    id: 'speakers',
    source: { published: '2025-02-03', publisher: 'Harlow Courier' },
    text: SPEAKER_ARTICLE,
  });
  const quotes = JSON.stringify(doc.quotes);
  const claims = JSON.stringify(doc.claims);
  assert.ok(doc.quotes.length > 0 && doc.claims.length > 0, 'quotes and claims found');
  quoteStage.run(doc);
  claimStage.run(doc);
  assert.equal(JSON.stringify(doc.quotes), quotes);
  assert.equal(JSON.stringify(doc.claims), claims);
});
