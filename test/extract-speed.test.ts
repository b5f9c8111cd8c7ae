// The extraction stages' fast paths (round 2) give what the plain code gave: shapes, memos,
// prefilters before costly patterns, and the skeleton index read from the gazetteer's lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../src/pipeline.ts';
import { tokenize, WORD } from '../src/extract/events/tokens.ts';
import { findCounts } from '../src/extract/events/args.ts';
import { matchTriggers, parseLexicon } from '../src/extract/events/lexicon.ts';
import { isIdiom, isIdiomReference } from '../src/extract/events.ts';

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
// Round 4, geocoding, quotes and claims (geo): capitalised words read by hand, single-word
// rejections before the look-up, the word index's offsets in scratch arrays.
