// The extraction stages' fast paths (round 2) give what the plain code gave: shapes, memos,
// prefilters before costly patterns, and the skeleton index read from the gazetteer's lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../src/model/doc.ts';
import { Pipeline } from '../src/pipeline.ts';
import {
  findReportingVerbs,
  asciiLowerHash,
  anonymousSourceEnd,
  ANONYMOUS_SOURCE_END,
  peopleOfBodyEnd,
  PEOPLE_OF_BODY_END,
} from '../src/extract/attribution.ts';
import { tokenize, WORD } from '../src/extract/events/tokens.ts';
import { findCounts } from '../src/extract/events/args.ts';
import { matchTriggers, parseLexicon } from '../src/extract/events/lexicon.ts';
import { isIdiom, isIdiomReference } from '../src/extract/events.ts';

test('reporting verbs: found from the per-text list of verb forms, never from inherited object keys', () => {
  const text =
    'The constructor said the toString plan was late. Officials believe the hasOwnProperty claim, aides added.';
  const said = findReportingVerbs(text, 0, text.indexOf('.'));
  assert.deepEqual(
    said.map((v) => [v.text, v.lemma]),
    [['said', 'say']],
  );
  const claims = findReportingVerbs(text, 0, text.length, true);
  assert.deepEqual(
    claims.map((v) => v.text),
    ['said', 'believe', 'claim', 'added'],
  );
  assert.ok(claims.every((v) => typeof v.lemma === 'string'));
  // a range that ends inside a word stops before it; one that starts inside a word scans from there
  assert.deepEqual(
    findReportingVerbs(text, 0, text.indexOf('said') + 2).map((v) => v.text),
    [],
  );
  assert.deepEqual(
    findReportingVerbs(text, text.indexOf('said') + 1, text.length).map((v) => v.text),
    ['claim', 'added'],
  );
});

test('tokens: possessives split off only where a word ends in an apostrophe and s', () => {
  const toks = tokenize("Velora's mayor met the Tamsk’s envoy; its bosses' says", 0, 54);
  assert.deepEqual(
    toks.map((t) => t.text),
    ['Velora', "'s", 'mayor', 'met', 'the', 'Tamsk', '’s', 'envoy', ';', 'its', 'bosses', "'", 'says'],
  );
  assert.equal(toks[6].lower, "'s");
});

test('counts: asked again for the same sentence, the same answer', () => {
  const s = 'Gunmen killed nine villagers and wounded 14 others near Dorvan on Sunday.';
  const a = findCounts(s);
  assert.deepEqual(a, { dead: 9, injured: 14 });
  assert.deepEqual(findCounts('Protesters marched peacefully through Dorvan.'), {});
  assert.deepEqual(findCounts(s), { dead: 9, injured: 14 });
});

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

// ---------------------------------------------------------------------------------------------
// Round 3: hand-read word patterns and prefilters, each against its reference form.

/** Strings over an alphabet of the characters the fast paths treat apart (surrogates, marks, spaces, quotes). */
function nastyStrings(count: number, seed = 7): string[] {
  const alphabet = [
    'A',
    'b',
    'S',
    's',
    'T',
    'h',
    'e',
    '.',
    ',',
    '1',
    '2',
    '3',
    '-',
    "'",
    '’',
    '‘',
    ' ',
    '\n',
    'É',
    'é',
    '𝐀',
    '\ud800',
    '\udc00',
    '٣',
    '\u00a0',
    'ß',
    'ſ',
    '\u212a',
    'İ',
    '$',
    'x',
  ];
  let x = seed;
  const rnd = (n: number): number => (x = (x * 1103515245 + 12345) % 2147483648) % n;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let t = '';
    for (let i = rnd(16); i > 0; i--) t += alphabet[rnd(alphabet.length)];
    out.push(t);
  }
  return out;
}

const NEWS = [
  'The U.S. and U.K.’s envoys met on 12 March; 1,250,000.75 people (12,34 or 1234,567) were counted by Kovač’s team.',
  'Starmer ‘s aide said the rock’n’roll-era deal was “off”, analysts at Brightwater Capital said on Tuesday.',
  'Officials familiar with the talks told reporters that a spokesman for the ministry had resigned. Ω.Σ. 𝐀.𝐁. ١٢٣ 𝟙𝟚',
  'SAID Insisted re-stated STATED said’s İnsisted \u212aelvin warned—claimed, “denied” x-said saidx',
];

test('event tokens: the hand-read WORD gives what the WORD pattern gives', () => {
  // the reference: tokenize as written with the WORD pattern (possessives split, "‘s" merged)
  const POSSESSIVE = /^(.*[\p{L}\p{N}])(['’‘]s)$/u;
  const reference = (text: string, from: number, to: number): [number, number][] => {
    const slice = text.slice(from, to);
    const out: [number, number][] = [];
    WORD.lastIndex = 0;
    for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
      const s = from + m.index;
      const poss = POSSESSIVE.exec(m[0]);
      if (poss) out.push([s, s + poss[1].length], [s + poss[1].length, s + m[0].length]);
      else out.push([s, s + m[0].length]);
    }
    for (let i = 0; i + 1 < out.length; i++) {
      if (
        /^['’‘]$/.test(text.slice(out[i][0], out[i][1])) &&
        text.slice(out[i + 1][0], out[i + 1][1]).toLowerCase() === 's' &&
        out[i + 1][0] === out[i][1]
      ) {
        out.splice(i, 2, [out[i][0], out[i + 1][1]]);
      }
    }
    return out;
  };
  for (const t of [...NEWS, ...nastyStrings(20_000)]) {
    assert.deepEqual(
      tokenize(t, 0, t.length).map((k): [number, number] => [k.start, k.end]),
      reference(t, 0, t.length),
      JSON.stringify(t),
    );
    const from = Math.floor(t.length / 3);
    assert.deepEqual(
      tokenize(t, from, t.length - 1).map((k): [number, number] => [k.start, k.end]),
      reference(t, from, t.length - 1),
      JSON.stringify(t),
    );
  }
  const text = NEWS[0];
  assert.deepEqual(
    tokenize(text, 0, text.length)
      .map((t) => t.text)
      .slice(0, 6),
    ['The', 'U.S.', 'and', 'U.K.', '’s', 'envoys'],
  );
  assert.ok(tokenize(text, 0, text.length).some((t) => t.text === '1,250,000.75'));
  assert.ok(
    tokenize(text, 0, text.length).some((t) => t.text === '1234'),
    'four digits before a comma are no digit group',
  );
});

test('reporting verbs: the indexed words agree with the pattern scan, in any case and script', () => {
  for (const body of [...NEWS, ...nastyStrings(3_000, 11).map((s) => `${s} said ${s} told`)]) {
    const text = `Zz ${body}`;
    // from 1 cuts "Zz": the pattern scan; from 3 lies between words: the per-text index
    const scan = findReportingVerbs(text, 1, text.length, true);
    const indexed = findReportingVerbs(text, 3, text.length, true);
    assert.deepEqual(indexed, scan, JSON.stringify(body));
  }
  const text = NEWS[3];
  // "said’s", "re-stated", "x-said" are words of their own; "İnsisted" lower-cases to a dotted i
  assert.deepEqual(
    findReportingVerbs(text, 0, text.length).map((v) => v.text),
    ['SAID', 'Insisted', 'STATED', 'warned', 'claimed', 'denied'],
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

test('relations: texts with a long s or Kelvin sign keep the /iu patterns (the fast /i forms match alike elsewhere)', () => {
  const p = new Pipeline();
  const roles = (word: string) => {
    const a = p.analyze({
      id: 'r',
      source: { published: '2024-03-05' },
      text: `Egypt's economy grew under the ${word} of Ahmed Farouk, officials in Cairo said on Monday. The company, led by Maria Okafor, expanded.`,
    });
    return a.relations
      .filter((r) => r.predicate === 'role')
      .map((r) => a.entities.find((e) => e.id === r.subject)?.name);
  };
  assert.deepEqual(roles('PRESIDENCY'), ['Ahmed Farouk']);
  // "preſidency" matches /presidency/iu (ſ folds to s), not /presidency/i: the text takes the /iu form
  assert.deepEqual(roles('preſidency'), ['Ahmed Farouk']);
  assert.deepEqual(roles('pres-idency'), []);
});

test('trigger cues: the two-letter check before the prefix index keeps every prefix pattern, ASCII or not', () => {
  const entries = parseLexicon(
    ['negotiat*\tV\tCONSULT', 'évacu*\tV\tCOERCE', 'ab*\tN\tX', 'walk+ out\tV\tPROTEST'].join('\n'),
  );
  const toks = tokenize(
    'They Negotiated, then ‘évacuèrent’ the abbey; NEGOTIATORS walked out. Ne negotia évac ÉVACUATION.',
    0,
    97,
  );
  const found = matchTriggers(toks, entries).map(
    (m) =>
      `${m.entry.type}:${toks
        .slice(m.from, m.to)
        .map((t) => t.text)
        .join(' ')}`,
  );
  assert.deepEqual(found, [
    'CONSULT:Negotiated',
    'COERCE:évacuèrent',
    'X:abbey',
    'CONSULT:NEGOTIATORS',
    'PROTEST:walked out',
    'COERCE:ÉVACUATION',
  ]);
});

test('reporting verbs: the lower-case hash rules out no verb form in any case, and a non-ASCII word is always read', () => {
  for (const v of ['said', 'SAID', 'Said', 'sAiD', 'told', 'Warned', 'claimed']) {
    const text = `Zz ${v} zz`;
    assert.deepEqual(
      findReportingVerbs(text, 3, text.length, true).map((h) => h.text),
      [v],
    );
  }
  // a word with the same first letter and length but another lower case is no verb
  assert.deepEqual(findReportingVerbs('Zz sand tale zz', 3, 15, true), []);
  assert.equal(asciiLowerHash('SaId x', 0, 4), asciiLowerHash('said', 0, 4));
  assert.equal(asciiLowerHash('saïd', 0, 4), -1);
});

test('counts: the keyword check before each count pattern never hides its match, in any case', () => {
  const cases: [string, Record<string, number | string>][] = [
    ['The shelling KILLED twelve civilians near the depot.', { dead: 12 }],
    ['At least 40 people were Slain in the raid, officials claimed.', { dead: 'At least 40' }],
    ['The death toll rose on Sunday to 85.', { dead: 85 }],
    ['The blast wounded three guards.', { injured: 3 }],
    ['Some 200 protesters were HURT as police charged, a doctor claimed.', { injured: 'Some 200' }],
    ['Thousands of villagers fled the fighting, an aid agency claimed.', { displaced: 'Thousands' }],
    ['The floods displaced 5,000 residents.', { displaced: 5000 }],
    ['Police Rounded Up 60 students overnight.', { arrested: 60 }],
    ['Nine activists were detained at the border, the group claimed.', { arrested: 9 }],
    ['The minister claimed the talks were over.', {}],
  ];
  for (const [sentence, want] of cases) assert.deepEqual({ ...findCounts(sentence) }, want, sentence);
});

// ---------------------------------------------------------------------------------------------
// Round 3, entities / events / relations (NAME=ent): each fast path against its reference form.

test('idioms: the needed-word check before each idiom pattern never hides a match, in any case or folding', () => {
  const texts = [
    'the mayor struck a conciliatory tone',
    'STRIKES A BALANCE',
    'a charm offensive abroad',
    'the price war deepened',
    'ran attack ads',
    'shares hit a record high',
    'came under fire',
    'fired up the crowd',
    'a shot at the title',
    'killed off the plan',
    'a battle for votes',
    'FIGHT AGAINST SURVIVAL',
    'ſtruck a different note',
    'striKe a pose', // long s, Kelvin sign
    'troops struck the base',
    'warplanes hit the depot',
    'rebels opened fire on the convoy',
    'they killed two guards',
    'the fight for the city',
    'Mr Shot said',
    'CHARM OFFENSIVE',
    'Trade Wars',
    'hitting new multi-year lows',
  ];
  let n = 0;
  for (const t of texts) {
    assert.equal(isIdiom(t), isIdiomReference(t), t);
    if (isIdiomReference(t)) n++;
  }
  assert.ok(n >= 14 && n < texts.length, `idioms: ${n}`);
});

test('trigger cues: prefix heads read by number find what the head substring found; no match or one needs no choosing', () => {
  const entries = parseLexicon(
    [
      'negotiat*\tV\tCONSULT',
      'évacu*\tV\tCOERCE',
      'ab*\tN\tX',
      'pro*\tV\tPROTEST',
      'protest+\tV\tPROTEST2',
      'walk+ out\tV\tDEMO',
    ].join('\n'),
  );
  const text = 'Protesters protested; ÉVACUÉS negotiate, prO abbot walked out and walked in. Nothing here.';
  const toks = tokenize(text, 0, text.length);
  const found = matchTriggers(toks, entries).map(
    (m) =>
      `${m.entry.type}:${toks
        .slice(m.from, m.to)
        .map((t) => t.text)
        .join(' ')}`,
  );
  assert.deepEqual(found, [
    'PROTEST:Protesters',
    'PROTEST:protested',
    'COERCE:ÉVACUÉS',
    'CONSULT:negotiate',
    'PROTEST:prO',
    'X:abbot',
    'DEMO:walked out',
  ]);
  assert.deepEqual(matchTriggers(tokenize('Nothing here.', 0, 13), entries), []);
  assert.equal(matchTriggers(tokenize('They walked out.', 0, 16), entries).length, 1);
});

// Round 4 (ent): the first-word shape table, tidy's edge checks, word counts, appositive roles.

import { mentionsIn, mentionsInReference, overlapsMention, type MentionRef } from '../src/extract/events/resolve.ts';
import type { Entity } from '../src/model/analysis.ts';

test('trigger cues: the first-word shape table never hides a word the index holds, at any length or script', () => {
  const long31 = 'a'.repeat(29) + 'zz'; // 31 characters
  const long35 = 'q'.repeat(33) + 'xy'; // lengths past 31 share one bit
  const entries = parseLexicon(
    [
      `x\tN\tONE`,
      `ex\tN\tTWO`,
      'strike+\tV\tFIGHT',
      `${long31}\tN\tL31`,
      `${long35}\tN\tL35`,
      'éclat\tN\tACC',
      'st\tN\tST',
    ].join('\n'),
  );
  const text = `X ex exe strikes striking str st stx ${long31} ${long31}a ${long35} ${'q'.repeat(34)}xy ÉCLAT éclats`;
  const toks = tokenize(text, 0, text.length);
  const found = matchTriggers(toks, entries).map((m) => `${m.entry.type}:${toks[m.from].text}`);
  assert.deepEqual(found, [
    'ONE:X',
    'TWO:ex',
    'FIGHT:strikes',
    'FIGHT:striking',
    'ST:st',
    `L31:${long31}`,
    `L35:${long35}`,
    'ACC:ÉCLAT',
  ]);
});

test('mentions in a span: the sorted prefix gives what the full filter gives, overlaps and nesting included', () => {
  const entity = { id: 'e1', name: 'X', type: 'ORG', mentions: [], roles: [], aliases: [] } as unknown as Entity;
  // spans that nest, touch and overlap, sorted as mentionIndex sorts them (start, then the longer first)
  const spans: Array<[number, number]> = [
    [0, 4],
    [3, 9],
    [5, 30],
    [5, 6],
    [12, 15],
    [12, 13],
    [15, 20],
    [31, 33],
    [40, 41],
  ];
  const idx: MentionRef[] = spans
    .map(([start, end]) => ({ start, end, entity }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let hits = 0;
  for (let start = -1; start <= 42; start++)
    for (let end = start; end <= 43; end++) {
      const want = mentionsInReference(idx, start, end);
      assert.deepEqual(mentionsIn(idx, start, end), want, `${start}-${end}`);
      assert.equal(overlapsMention(idx, start, end), want.length > 0, `${start}-${end}`);
      if (want.length > 1) hits++;
    }
  assert.ok(hits > 100);
  assert.deepEqual(mentionsIn([], 0, 5), []);
});

// ---------------------------------------------------------------------------------------------
// Round 3, geocoding, quotes and claims (geo): the gazetteer's look-up memo and the memo of
// speakers before a verb give what their reference forms give.

import { subjectBefore, subjectBeforeUncached, sentencesOf } from '../src/extract/attribution.ts';
import { quoteStage } from '../src/extract/quotes.ts';
import { claimStage } from '../src/extract/claims.ts';

const SPEAKER_ARTICLE = [
  'Harlow Transit chief executive Mirela Voss said the new tram line would open in March.',
  'The company said ticket prices would stay the same, according to a spokesman.',
  'Ms Voss, who joined the firm in 2019, told reporters that the budget was balanced.',
  'Officials at the city council said the works had been delayed by rain.',
  '“We are on schedule,” she said.',
  'Council leader Tobias Renn, the former mayor, warned that costs could still rise.',
  'He added that residents would be consulted, and later said the plans were final.',
].join('\n\n');

test('speakers before a verb: the memo gives what the search gives, a fresh object each time, and follows entity changes', () => {
  const p = new Pipeline();
  const doc = p.process({
    id: 'speakers',
    source: { published: '2025-02-03', publisher: 'Harlow Courier' },
    text: SPEAKER_ARTICLE,
  });
  const calls: [number, number][] = [];
  for (const s of sentencesOf(doc))
    for (const v of findReportingVerbs(doc.text, s.start, s.end, true)) calls.push([v.start, s.start]);
  assert.ok(calls.length >= 8, 'the article has reporting verbs');
  let found = 0;
  for (const [pos, lo] of calls) {
    const want = subjectBeforeUncached(doc, pos, lo);
    assert.deepEqual(subjectBefore(doc, pos, lo), want);
    const again = subjectBefore(doc, pos, lo);
    assert.deepEqual(again, want, 'asked twice: the same answer');
    if (again) {
      found++;
      again.entity = 'changed by a caller';
      assert.deepEqual(subjectBefore(doc, pos, lo), want, 'a caller changing its copy changes no later answer');
    }
  }
  assert.ok(found >= 5, 'speakers found');
  // The entity layer changes (a person re-typed, a mention dropped): the answers follow it.
  const voss = doc.entities.find((e) => e.type === 'PERSON' && /Voss/.test(e.name));
  assert.ok(voss, 'Mirela Voss is a person');
  const answers = () => calls.map(([pos, lo]) => JSON.stringify(subjectBefore(doc, pos, lo)));
  const before = answers();
  voss.type = 'ORG';
  for (const [pos, lo] of calls)
    assert.deepEqual(subjectBefore(doc, pos, lo), subjectBeforeUncached(doc, pos, lo), 'after re-typing');
  const retyped = answers();
  assert.ok(
    retyped.some((a, i) => a !== before[i]),
    'the re-typing changes some answer',
  );
  voss.mentions.pop();
  for (const [pos, lo] of calls)
    assert.deepEqual(subjectBefore(doc, pos, lo), subjectBeforeUncached(doc, pos, lo), 'after dropping a mention');
  assert.ok(
    answers().some((a, i) => a !== retyped[i]),
    'dropping the mention changes some answer',
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

// ---------------------------------------------------------------------------------------------
// Round 4, geocoding, quotes and claims (geo): capitalised words read by hand, single-word
// rejections before the look-up, the word index's offsets in scratch arrays.

test('reporting verbs: the word index agrees with the pattern scan for long texts and after them (scratch arrays)', () => {
  const short = 'Zz The minister said on Monday that talks had failed, aides told reporters.';
  const long = `Zz ${'The board said no. '.repeat(30_000)}Officials warned.`; // more words than the kept scratch arrays hold
  for (const text of [short, long, short, `${short} She added more.`, long]) {
    const scan = findReportingVerbs(text, 1, text.length);
    const indexed = findReportingVerbs(text, 3, text.length);
    assert.deepEqual(indexed, scan);
    assert.ok(indexed.length >= 2);
  }
});
