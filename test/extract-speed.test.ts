// The extraction stages' fast paths (round 2) give what the plain code gave: shapes, memos,
// prefilters before costly patterns, and the skeleton index read from the gazetteer's lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../src/model/doc.ts';
import { Pipeline } from '../src/pipeline.ts';
import { Gazetteer } from '../src/extract/geo/gazetteer.ts';
import { skeletonKey } from '../src/extract/geo/normalize.ts';
import { toGeo } from '../src/extract/geo/resolve.ts';
import {
  findReportingVerbs,
  asciiLowerHash,
  anonymousSourceEnd,
  ANONYMOUS_SOURCE_END,
  peopleOfBodyEnd,
  PEOPLE_OF_BODY_END,
} from '../src/extract/attribution.ts';
import { titleDescriptions } from '../src/lexicon/roles.ts';
import { spotToponyms, wordsOf, WORD as SPOT_WORD } from '../src/extract/geo/spot.ts';
import { companyByStem, StemIndex, type RawMention, type Work } from '../src/extract/entities.ts';
import { roleBefore, roleBeforeReference } from '../src/lexicon/roles.ts';
import type { EntityType } from '../src/model/analysis.ts';

// A made-up gazetteer: kind, name, -, country, region, population, lat, lon, id, feature, abbreviations, demonyms, keys.
const TSV = [
  'C\tVeloria\t\tVL\t\t900000\t10\t20\t1\t\tVL\tVelorian|Velorians\tveloria',
  'A\tNorth Tamsk\t\tVL\tVL.01\t300000\t11\t21\t2\tADM1\t\t\tnorth tamsk',
  'P\tAs-Suwaydan\t\tVL\tVL.01\t50000\t11.5\t21.5\t3\tPPLA\t\t\tas-suwaydan|suwaydan',
  'P\tSuwaidan\t\tVL\tVL.01\t4000\t11.6\t21.6\t\tPPL\t\t\tsuwaidan',
  'P\tŞuwaydān Bay\t\tVL\t\t2000\t11.7\t21.7\t5\tPPL\t\t\tsuwaydan bay',
  'P\tOther Town\t\tQX\t\t8000\t1\t2\t6\tPPL\t\t\tother town',
].join('\n');

test('skeleton look-ups read the lines of the asked countries only, in file order', () => {
  const gaz = new Gazetteer(TSV);
  const hits = gaz.lookupSkeleton('Sweidan', ['VL']);
  assert.deepEqual(
    hits.map((p) => p.name),
    ['As-Suwaydan', 'Suwaidan'],
  );
  assert.equal(hits[0].geonameId, 3);
  assert.equal(hits[1].geonameId, undefined, 'a line without an id gives no id');
  assert.deepEqual(gaz.lookupSkeleton('Sweidan', ['QX']), []);
  assert.deepEqual(
    gaz.lookupSkeleton('Other Town', ['QX', 'VL']).map((p) => p.cc),
    ['QX'],
  );
  // asked twice: the same places (made once)
  assert.equal(gaz.lookupSkeleton('Sweidan', ['VL'])[0], hits[0]);
});

test('skeleton keys: the ASCII path agrees with the accent-folding one', () => {
  assert.equal(skeletonKey('Suwaydan'), skeletonKey('Şuwaydān'));
  assert.equal(skeletonKey('As-Suwayda'), skeletonKey('Sweida'));
  assert.equal(skeletonKey('  Al-Hasakah '), skeletonKey('Hasakah'));
  assert.notEqual(skeletonKey('Tamsk'), skeletonKey('Tomsky Bay'));
});

test('a geo object always has the same fields; JSON leaves out the empty ones', () => {
  const gaz = new Gazetteer(TSV);
  const town = gaz.lookup('Suwaidan')[0];
  const g = toGeo(gaz, town);
  assert.deepEqual(Object.keys(g), ['lat', 'lon', 'country', 'geonameId', 'admin1']);
  assert.equal(JSON.stringify(g), '{"lat":11.6,"lon":21.6,"country":"VL","admin1":"North Tamsk"}');
  const bay = toGeo(gaz, gaz.lookup('Suwaydan Bay')[0]);
  assert.equal(JSON.stringify(bay), '{"lat":11.7,"lon":21.7,"country":"VL","geonameId":5}');
});

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

test('the pipeline gives entities and mentions one shape, and the same JSON as before', () => {
  const text = [
    'Velorian Foreign Minister Ana Petrov said on Monday that the United Nations Relief Agency (UNRA) would open offices in Tamsk.',
    '"We will not wait," Petrov told reporters in Tamsk, the capital of Veloria.',
    'Officials familiar with the talks said the minister had met Tomas Reyes, the chief executive of Harbourline Logistics.',
    'Harbourline said the company would hire 200 people. The UNRA declined to comment, aides said.',
  ].join('\n\n');
  const doc = new Pipeline().process({
    id: 'shape',
    source: { published: '2024-05-06', publisher: 'The Daily Example' },
    text,
  });
  const entityKeys = new Set(doc.entities.map((e) => Object.keys(e).join(',')));
  assert.deepEqual([...entityKeys], ['id,name,type,mentions,roles,aliases,geo']);
  const mentionKeys = new Set(doc.entities.flatMap((e) => e.mentions.map((m) => Object.keys(m).join(','))));
  assert.deepEqual([...mentionKeys], ['start,end,text,type']);
  const json = JSON.parse(JSON.stringify(doc.toJSON()));
  for (const e of json.entities) {
    assert.ok(!('geo' in e) || e.geo, 'no empty geo in the JSON');
    for (const m of e.mentions) assert.ok(!('type' in m) || m.type, 'no empty mention type in the JSON');
  }
  const petrov = doc.entities.find((e) => e.name === 'Ana Petrov');
  assert.ok(petrov, 'the person is found');
  assert.ok(
    doc.quotes.some((q) => q.speaker === petrov!.id),
    'the quotation is hers',
  );
  assert.ok(
    doc.relations.some(
      (r) => r.subject === petrov!.id && r.predicate === 'role' && /Foreign Minister/.test(r.objectText ?? ''),
    ),
    'her title before her name is read',
  );
  assert.ok(
    doc.claims.some((c) => c.source.kind !== undefined && /familiar/.test(c.source.text ?? '')),
    'the anonymous source is found',
  );
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

test('title descriptions: sentences without "the" and a capital right after are skipped, the rest found', () => {
  assert.deepEqual(
    titleDescriptions('the Foreign Secretary said', 10).map((d) => [d.role, d.start]),
    [['Foreign Secretary', 10]],
  );
  assert.deepEqual(
    titleDescriptions('THE Prime Minister left').map((d) => d.role),
    ['Prime Minister'],
  );
  assert.deepEqual(
    titleDescriptions('Hours later the\u00a0Prime Minister left').map((d) => d.role),
    ['Prime Minister'],
  );
  assert.deepEqual(titleDescriptions('they bathe Prime Minister'), []);
  assert.deepEqual(titleDescriptions('the  Prime Minister'), [], 'two spaces part the title from "the"');
  assert.deepEqual(titleDescriptions('no title here, the minister said'), []);
});

test('toponyms of several words: the key-tail check keeps every name the gazetteer knows', () => {
  const gaz = new Gazetteer(
    [
      'C\tVeloria\t\tVL\t\t900000\t10\t20\t1\t\tVL\tVelorian\tveloria',
      'A\tNorth Tamsk\t\tVL\tVL.01\t300000\t11\t21\t2\tADM1\t\t\tnorth tamsk',
      'P\tPort Saint Oren\t\tVL\tVL.01\t50000\t11.5\t21.5\t3\tPPLA\t\t\tport saint oren',
      'P\tBel-Arvo Heights\t\tVL\tVL.01\t40000\t11.6\t21.6\t4\tPPL\t\t\tbel arvo heights',
      'C\tDemocratic Republic of Lume\t\tDL\t\t800000\t1\t2\t5\t\tDR Lume\t\tdemocratic republic of lume',
    ].join('\n'),
  );
  // "St.Oren" keys as "saint oren": the last word's key is cut after its last space too
  const text =
    'Troops left North Tamsk’s border for Port St.Oren and Bel-Arvo Heights, then the Democratic Republic of Lume (the DR Lume).';
  assert.deepEqual(
    spotToponyms(gaz, text).map((s) => s.text),
    ['North Tamsk', 'Port St.Oren', 'Bel-Arvo Heights', 'Democratic Republic of Lume', 'DR Lume'],
  );
  assert.deepEqual(
    spotToponyms(gaz, 'They reached Tamsk Valley and Arvo Heights.'),
    [],
    'no name of the gazetteer: nothing found',
  );
});

test('toponym words: the hand-read WORD gives what the WORD pattern gives', () => {
  for (const t of [
    ...NEWS,
    ...nastyStrings(20_000, 5),
    'Bosnia-Herzegovina. U.S. St.Oren Dar’a e\u0301clair \u0301x 𝐀𝐁.',
  ]) {
    const ref: [number, number][] = [];
    SPOT_WORD.lastIndex = 0;
    for (let m = SPOT_WORD.exec(t); m; m = SPOT_WORD.exec(t)) ref.push([m.index, m.index + m[0].length]);
    assert.deepEqual(
      wordsOf(t).map((w): [number, number] => [w.start, w.end]),
      ref,
      JSON.stringify(t),
    );
  }
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

// ---------------------------------------------------------------------------------------------
// Round 3, entities / events / relations (NAME=ent): each fast path against its reference form.

test('company stems: the stem index merges short names as the all-pairs search did', () => {
  const mention = (text: string, type: EntityType, start: number): RawMention => ({
    start,
    end: start + text.length,
    text,
    type,
    honorific: undefined,
    rank: undefined,
    honorificStart: undefined,
    country: undefined,
    demonym: undefined,
    entity: undefined,
  });
  const work = (type: EntityType, ...texts: string[]): Work => ({
    type,
    mentions: texts.map((t, i) => mention(t, type, i * 10)),
    roles: [],
    aliases: [],
    country: undefined,
    gender: undefined,
    key: texts[0].toLowerCase(),
  });
  const build = (): Work[] => [
    work('ORG', 'Harbourline'),
    work('ORG', 'Harbourline Logistics', 'HARBOURLINE LOGISTICS'),
    work('ORG', 'Castell Freight'),
    work('ORG', 'Castell Shipping Group'),
    work('ORG', 'Castell'),
    work('GPE', 'Dorran Holdings'),
    work('ORG', 'Dorran'),
    work('ORG', 'Velk Energy Holdings'),
    work('ORG', 'Velk Energy'),
    work('ORG', 'Velk'),
    work('ORG', 'Mira', 'Mira Bank'),
    work('ORG', 'Mira Bank Group'),
  ];
  const summary = (ws: Work[]) => ws.map((w) => w.mentions.map((m) => m.text).join('|'));
  const ref = build();
  for (const w of ref) {
    if (w.type !== 'ORG' || w.mentions.length === 0) continue;
    const target = companyByStem(
      ref.filter((x) => x !== w && x.mentions.length > 0),
      w.mentions[0].text,
    );
    if (target && w.mentions.every((m) => m.text.toLowerCase() === w.mentions[0].text.toLowerCase())) {
      target.mentions.push(...w.mentions);
      w.mentions = [];
    }
  }
  const fast = build();
  const stems = new StemIndex(fast);
  for (const w of fast) {
    if (w.type !== 'ORG' || w.mentions.length === 0) continue;
    const target = stems.companyByStem(w, w.mentions[0].text);
    if (target && w.mentions.every((m) => m.text.toLowerCase() === w.mentions[0].text.toLowerCase())) {
      for (const m of w.mentions) {
        target.mentions.push(m);
        stems.note(target, m);
      }
      w.mentions = [];
    }
  }
  assert.deepEqual(summary(fast), summary(ref));
  // the short name joins its full name; a stem two companies share stays apart; a place is no company
  assert.deepEqual(summary(ref).slice(0, 7), [
    '',
    'Harbourline Logistics|HARBOURLINE LOGISTICS|Harbourline',
    'Castell Freight',
    'Castell Shipping Group',
    'Castell',
    'Dorran Holdings',
    'Dorran',
  ]);
});

test('roles before a name: the last-word test never hides a role the word split finds', () => {
  const lead = [
    '',
    'Yesterday ',
    'On Monday, the ',
    'Velorian ',
    'the club’s ',
    'Ex-',
    '9-11 ',
    'said the former ',
    'a (',
    'ſ ',
    'U.S. ',
  ];
  const tails = [
    'Foreign Minister',
    'foreign minister',
    'Deputy Prime Minister',
    'Minister for Women and Equalities',
    'chief executive',
    'Chief Executive',
    'President',
    'president-elect',
    'spokesman',
    'Secretary of State',
    'Interior Ministry',
    'MINISTER',
    'Brigadier',
    'local Foreign Office',
    'farmer',
    'lawyer’s',
    'senior advisor',
    'Ministerin',
    'mayor9',
    'O’Neill',
    'of',
    'Ministers',
    'Attorney General',
    'attorney-general',
    'Élysée',
    'the',
    'Prime',
    'Speaker',
    'Governor',
    'treasurer',
  ];
  const ends = [' ', '  ', '\u00a0', '\n', '', ' , '];
  let n = 0;
  for (const l of lead)
    for (const t of tails)
      for (const e of ends) {
        const text = `${l}${t}${e}`;
        assert.deepEqual(roleBefore(text, 7), roleBeforeReference(text, 7), JSON.stringify(text));
        if (roleBeforeReference(text, 7)) n++;
      }
  assert.ok(n > 50, `roles found: ${n}`); // the cases hold many roles, not only misses
});

// Round 4 (ent): the first-word shape table, tidy's edge checks, word counts, appositive roles.

import { asciiAlnumEdges, hasLetter, nameWordCount, nameWordsReference } from '../src/extract/entities.ts';
import { roleAppositiveBefore, roleAppositiveBeforeReference } from '../src/lexicon/roles.ts';

test('tidy: ASCII letters or digits at both edges mean nothing to trim; the letter scan agrees with \\p{L}', () => {
  const lead = /^[\s"“”‘’'()[\]{},.;:!?\u2013\u2014-]+/u;
  const edge = /^[\s"“”‘’'()[\]{},.;:!?\u2013\u2014-]+|[\s"“”‘’'()[\]{},;:!?\u2013\u2014-]+$/gu;
  const letter = /\p{L}/u;
  let edgesSeen = 0;
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    for (const t of [`${ch}`, `A${ch}`, `${ch}9`, `7 ${ch} b`, `${ch}ab`, `--${ch}`]) {
      assert.equal(hasLetter(t), letter.test(t), `U+${c.toString(16)} in ${JSON.stringify(t)}`);
      if (asciiAlnumEdges(t)) {
        edgesSeen++;
        assert.equal(lead.test(t), false, t);
        assert.equal(t.replace(edge, ''), t, t);
      }
    }
  }
  assert.ok(edgesSeen > 0x10000);
  for (const t of ['', 'Starmer.', '"Acme', 'Acme Corp', '(L)', 'Lammy’s'])
    assert.equal(asciiAlnumEdges(t), t.length > 0 && /^[A-Za-z0-9]/.test(t) && /[A-Za-z0-9]$/.test(t), t);
});

test('name words: the count agrees with the split, whatever the white space', () => {
  for (const t of [
    '',
    ' ',
    'Keir',
    'Keir Starmer',
    '  Keir   Starmer ',
    'Ahmed\u00a0al-Sharaa',
    'a\tb\nc',
    'x\u2003y\u3000z\ufeff',
    'United Nations Relief Agency',
  ]) {
    assert.equal(nameWordCount(t), nameWordsReference(t).length, JSON.stringify(t));
  }
});

test('roles before a name after a comma: the last-word test never hides a role the word split finds', () => {
  const texts = [
    'The Foreign Secretary, ',
    'Acme’s chief executive,',
    'the club treasurer, ',
    'In Paris on Monday, ',
    'Dr Anna Weiss, a former minister, ',
    'the Prime Minister’s National Security Adviser, ',
    'said the spokesman,  ',
    'Minister for Women and Equalities,',
    'the minister 5,',
    'the ministers,',
    ', ',
    '',
    'Brigadier-General, ',
    'its MINISTER,',
    'the Interior Ministry’s spokeswoman,',
    'the Ministér,',
  ];
  let found = 0;
  for (const t of texts) {
    assert.deepEqual(roleAppositiveBefore(t, 40), roleAppositiveBeforeReference(t, 40), t);
    if (roleAppositiveBeforeReference(t, 40)) found++;
  }
  assert.ok(found >= 4 && found < texts.length, `roles found: ${found}`);
});

// ---------------------------------------------------------------------------------------------
// Round 3, geocoding, quotes and claims (geo): the gazetteer's look-up memo and the memo of
// speakers before a verb give what their reference forms give.

import { subjectBefore, subjectBeforeUncached, sentencesOf } from '../src/extract/attribution.ts';
import { quoteStage } from '../src/extract/quotes.ts';
import { claimStage } from '../src/extract/claims.ts';

test('gazetteer look-ups: the memo gives the places the name index gives, in any case, and misses alike', () => {
  const gaz = new Gazetteer(TSV);
  const names = [
    'Veloria',
    'VELORIA',
    'veloria',
    'North Tamsk',
    'north  tamsk',
    'Suwaydan',
    'As-Suwaydan',
    'Nowhere',
    'Other Town',
    '',
    'The Veloria',
  ];
  for (let round = 0; round < 2; round++) {
    for (const n of names) {
      const got = gaz.lookup(n);
      const want = gaz.lookupUncached(n);
      assert.equal(got.length, want.length, n);
      got.forEach((p, i) => assert.equal(p, want[i], `${n}: the same place objects`));
    }
  }
  assert.equal(gaz.lookup('Veloria'), gaz.lookup('Veloria'), 'asked again: the kept array');
  // past the memo's size it starts afresh and still answers from the index
  for (let i = 0; i < 20_050; i++) gaz.lookup(`Nowhere ${i}`);
  assert.equal(gaz.lookup('North Tamsk')[0]?.admin1, 'VL.01');
  assert.equal(gaz.lookup('Nowhere 3').length, 0);
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

import { capitalisedWords, CAPITALISED_WORD, spotVariants, spotWords } from '../src/extract/geo/spot.ts';

test('capitalised words: the hand-read scan gives what CAPITALISED_WORD gives, in any script', () => {
  for (const text of [
    ...NEWS,
    ...nastyStrings(3_000, 17),
    'Dar’a and Al-Bab, ÉLYSÉE, Ǆemal ǅuro, 𝐀bc, Ab\u0301c, A- A’ Ü',
  ]) {
    const want = [...text.matchAll(CAPITALISED_WORD)].flatMap((m) => [m.index, m.index + m[0].length]);
    assert.deepEqual(capitalisedWords(text), want, JSON.stringify(text));
  }
});

test('transliteration variants: found after a locative or before a place word, and again where repeated (not inside another word)', () => {
  const gaz = new Gazetteer(
    [
      'C\tVeloria\t\tVL\t\t900000\t10\t20\t1\t\tVL\tVelorian\tveloria',
      'P\tAs-Suwaydan\t\tVL\tVL.01\t70000\t11\t21\t2\tPPLA\t\t\tas suwaydan',
    ].join('\n'),
  );
  const text =
    'Fighting spread to Sweidan on Monday.\n\nIn Veloria, (Sweidan) and Sweidan province were quiet; Sweidan’s mayor fled.';
  const spots = spotVariants(gaz, text, ['VL']);
  assert.deepEqual(
    spots.map((s) => [s.text, s.start, s.locative]),
    [
      ['Sweidan', text.indexOf('Sweidan'), true],
      ['Sweidan', text.indexOf('(Sweidan') + 1, false],
      ['Sweidan', text.indexOf('Sweidan province'), true],
    ],
  );
  assert.deepEqual(
    spotVariants(gaz, 'Fighting spread to(Sweidan) on Monday.', ['VL']),
    [],
    'no white space before: not a candidate',
  );
});

test('toponyms of one word: short words and stop words are skipped before the look-up, as after it', () => {
  const gaz = new Gazetteer(
    [
      'C\tVeloria\t\tVL\t\t900000\t10\t20\t1\t\tVL\tVelorian\tveloria',
      'P\tMay\t\tVL\tVL.01\t5000\t11\t21\t2\tPPL\t\t\tmay',
      'P\tIo\t\tVL\tVL.01\t5000\t11\t21\t3\tPPL\t\t\tio',
      'P\tVictoria\t\tVL\tVL.01\t500000\t11\t21\t4\tPPL\t\t\tvictoria',
    ].join('\n'),
  );
  const text = 'In May, Io met Victoria. They flew to Victoria, then to Veloria and the VL.';
  assert.deepEqual(
    spotToponyms(gaz, text).map((s) => [s.text, s.start]),
    [
      ['Victoria', text.lastIndexOf('Victoria')],
      ['Veloria', text.indexOf('Veloria')],
      ['VL', text.indexOf('VL')],
    ],
  );
});

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

test('toponym words: the spotter’s words are WORD’s, with the text of every capitalised or short word', () => {
  for (const text of [...NEWS, ...nastyStrings(3_000, 23)]) {
    const want = wordsOf(text);
    const got = spotWords(text);
    assert.deepEqual(
      got.map((w) => [w.start, w.end]),
      want.map((w) => [w.start, w.end]),
      JSON.stringify(text),
    );
    got.forEach((w, k) => {
      if (w.text !== want[k].text)
        assert.ok(
          w.text === '' && want[k].text.length > 4 && !/^\p{Lu}/u.test(want[k].text),
          JSON.stringify(want[k].text),
        );
    });
  }
});
