import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import type { TimeExpression } from '../src/model/analysis.ts';
import { RULES, findCandidates, findQuoteSpans, needsMet, timeStage } from '../src/nlp/times.ts';
import { isoWeekMonday, isoWeekString, isoWeekday, dayNumber } from '../src/nlp/times/calendar.ts';
import { Pipeline } from '../src/pipeline.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');

/** Publication day used by most tests: Sunday 20 July 2025. */
const SUNDAY = '2025-07-20';

/** `published` null: an article without a publication day. */
function times(text: string, published: string | null = SUNDAY): TimeExpression[] {
  const doc = new Doc({ id: 't', source: published ? { published } : {}, text });
  timeStage.run(doc);
  return doc.times;
}

/** The single expression whose text is `phrase` (asserts there is one). */
function one(text: string, phrase: string, published: string | null = SUNDAY): TimeExpression {
  const found = times(text, published).filter((t) => t.text === phrase);
  assert.equal(found.length, 1, `expected "${phrase}" in ${JSON.stringify(times(text, published).map((t) => t.text))}`);
  return found[0];
}

test('calendar: ISO weeks', () => {
  assert.equal(isoWeekString(dayNumber(2025, 7, 20)), '2025-W29');
  assert.equal(isoWeekString(dayNumber(2021, 1, 3)), '2020-W53');
  // and back: the Monday of a week, in the week-year that may start in December
  assert.equal(isoWeekMonday(2020, 53), dayNumber(2020, 12, 28));
  assert.equal(isoWeekMonday(2026, 1), dayNumber(2025, 12, 29));
  assert.equal(isoWeekday(isoWeekMonday(2025, 29)), 1);
  assert.equal(isoWeekString(isoWeekMonday(2025, 29)), '2025-W29');
});

test('anaphoric dates count from the date in focus, not from the publication day', () => {
  const career = 'On May 22, 1995, Farkas was made a general, and the following year he was posted to Vienna.';
  assert.equal(one(career, 'the following year').value, '1996');
  const raid =
    'The raid came on Monday, 7 April 2025. Two days later, the army withdrew. Later that month it returned.';
  assert.equal(one(raid, 'Two days later').value, '2025-04-09');
  assert.equal(one(raid, 'Later that month').value, '2025-04');
  assert.equal(one('He fled in June 1998 and came back later that year.', 'later that year').value, '1998');
  // with nothing in focus, the publication day is the anchor
  assert.equal(one('The ministers met. The next day, talks collapsed.', 'The next day').value, '2025-07-21');
  // "after the attack" counts from an event, not a date: only the duration is marked
  assert.deepEqual(
    times('Two days after the attack, the road reopened.').map((t) => [t.text, t.value]),
    [['Two days', 'P2D']],
  );
});

test('earnings quarters: the quarter reported and the one it is compared with', () => {
  const text =
    'Acme said third-quarter net income rose to $5 million from $4 million in the year-earlier quarter. ' +
    'Sales in the quarter rose 8% from a year earlier, and 9% from a year ago.';
  const found = times(text, '1989-11-02').map((t) => [t.text, t.value]);
  assert.deepEqual(found, [
    ['third-quarter', '1989-Q3'],
    ['the year-earlier quarter', '1988-Q3'],
    ['the quarter', '1989-Q3'],
    ['a year earlier', '1988-Q3'],
    ['a year ago', '1988-Q3'],
  ]);
  assert.equal(one('Profit fell in the 1988 third quarter.', 'the 1988 third quarter').value, '1988-Q3');
});

test('a month with this, last or next year; a weekday after its subject is a date', () => {
  assert.equal(one('Prices rose in June last year and in January this year.', 'June last year').value, '2024-06');
  assert.equal(one('Prices rose in June last year and in January this year.', 'January this year').value, '2025-01');
  assert.equal(one('President Okafor Saturday vowed to rebuild the bridge.', 'Saturday').value, '2025-07-19');
  assert.equal(one('Two bombs exploded in Lagos Friday, killing six.', 'Friday').value, '2025-07-18');
  assert.equal(times('Crowds marked Super Tuesday and Black Friday.').length, 0);
  assert.equal(
    one('It ruled on Saturday, April 25: the case is closed.', 'Saturday, April 25', '1998-04-24').value,
    '1998-04-25',
  );
});

test('absolute dates', () => {
  assert.equal(one('Protesters reached the capital on July 19.', 'July 19').value, '2025-07-19');
  assert.equal(one('The treaty was signed on 19 July 2024 in Geneva.', '19 July 2024').value, '2024-07-19');
  assert.equal(one('The talks began on March 3rd, 2023.', 'March 3rd, 2023').value, '2023-03-03');
  assert.equal(one('Inflation peaked in October 2022.', 'October 2022').value, '2022-10');
  assert.equal(one('The plant closed in 2019 after a strike.', '2019').value, '2019');
  assert.equal(one('Relations soured in the 1990s.', 'the 1990s').value, '199');
  const mid = one('Elections are due by mid-2026, officials said.', 'mid-2026');
  assert.equal(mid.value, '2026');
  assert.equal(mid.kind, 'date');
  assert.equal(one('Sales rose in the third quarter of 2024.', 'the third quarter of 2024').value, '2024-Q3');
});

test('a month-day without a year lands in the past, or near the publication day', () => {
  // Published 10 January 2025: "December 28" in past-tense text is last December.
  assert.equal(one('The ferry sank on December 28, killing nine.', 'December 28', '2025-01-10').value, '2024-12-28');
  // A date a few weeks ahead in future-tense text stays in the publication year.
  assert.equal(one('The court will rule on February 2.', 'February 2', '2025-01-10').value, '2025-02-02');
  // A lone month after a cue word: "in May" (past), never the modal "may".
  assert.equal(one('The mayor resigned in May over the scandal.', 'May').value, '2025-05');
  assert.equal(one('The vote will take place in September.', 'September').value, '2025-09');
  assert.equal(one('The minister was appointed last September.', 'last September').value, '2024-09');
});

test('weekdays follow the tense of their sentence', () => {
  assert.equal(one('Fighting resumed last Sunday near the border.', 'last Sunday').value, '2025-07-13');
  assert.equal(one('A truce was announced on Wednesday.', 'Wednesday').value, '2025-07-16');
  assert.equal(one('The two leaders will meet on Wednesday in Ankara.', 'Wednesday').value, '2025-07-23');
  assert.equal(one('The strike began on Friday night.', 'Friday night').value, '2025-07-18TNI');
  assert.equal(one('The strike began on Friday night.', 'Friday night').kind, 'time');
});

test('relative days, weeks, months and years', () => {
  assert.equal(one('Police arrested two men yesterday.', 'yesterday').value, '2025-07-19');
  assert.equal(one('Yesterday the ministry confirmed the figures.', 'Yesterday').value, '2025-07-19');
  assert.equal(one('The results are expected tomorrow.', 'tomorrow').value, '2025-07-21');
  assert.equal(one('The paper reveals today that the deal collapsed.', 'today').value, '2025-07-20');
  assert.equal(one('Crowds gathered tonight outside parliament.', 'tonight').value, '2025-07-20TNI');
  assert.equal(one('Talks resumed this week in Doha.', 'this week').value, '2025-W29');
  assert.equal(one('The ceasefire collapsed last week.', 'last week').value, '2025-W28');
  assert.equal(one('While in Cairo earlier this month, she met the president.', 'earlier this month').value, '2025-07');
  assert.equal(one('The raid took place last month.', 'last month').value, '2025-06');
  assert.equal(one('Exports fell last year.', 'last year').value, '2024');
  assert.equal(one('The law takes effect next year.', 'next year').value, '2026');
  assert.equal(one('Growth slowed this year.', 'this year').value, '2025');
  assert.equal(one('The bridge collapsed three years ago.', 'three years ago').value, '2022');
  assert.equal(one('The group was founded last summer.', 'last summer').value, '2024-SU');
});

test('durations', () => {
  assert.deepEqual(
    times(
      'He was the first envoy to visit in 14 years, after a decade of war, three months of talks, 48 hours of shelling and two weeks of silence.',
    ).map((t) => [t.text, t.value, t.kind]),
    [
      ['14 years', 'P14Y', 'duration'],
      ['a decade', 'P10Y', 'duration'],
      ['three months', 'P3M', 'duration'],
      ['48 hours', 'PT48H', 'duration'],
      ['two weeks', 'P2W', 'duration'],
    ],
  );
  assert.equal(one('Attacks have doubled over the past decade.', 'the past decade').value, 'P10Y');
  assert.equal(one('The project took almost two and a half years.', 'almost two and a half years').value, 'P2.5Y');
  assert.equal(one('Output will grow from 2026 to 2029, the agency said.', 'from 2026 to 2029').value, 'P3Y');
  // Ages are not durations.
  assert.deepEqual(
    times('A 27-year-old man was arrested.').map((t) => t.text),
    [],
  );
});

test('sets and clock times', () => {
  const every = one('Protesters gather every Monday in the square.', 'every Monday');
  assert.deepEqual([every.value, every.kind], ['XXXX-WXX-1', 'set']);
  const weekly = one('The council holds weekly briefings.', 'weekly');
  assert.deepEqual([weekly.value, weekly.kind], ['P1W', 'set']);
  assert.equal(one('The ministry pays £40 a day to each family.', 'a day').kind, 'set');
  const clock = one('The blast happened at 3pm on Saturday.', '3pm');
  assert.deepEqual([clock.value, clock.kind], ['2025-07-19T15:00', 'time']);
  assert.equal(one('The launch is set for 10:30 GMT.', '10:30 GMT').value, '2025-07-20T10:30Z');
  assert.equal(one('Doors open at 7.30pm.', '7.30pm', null).value, 'T19:30');
});

test('no noise: modal "may", "a march", newspaper names, counts; "now" is the present, with no date', () => {
  const text =
    'The country is now safer, officials may say. Thousands joined a march in the city. ' +
    'The Sunday Times and The Mail on Sunday reported that some 2000 troops were deployed. ' +
    'Fans of Bloody Sunday memorials met Theresa May.';
  assert.deepEqual(
    times(text).map((t) => [t.text, t.value]),
    [['now', 'PRESENT_REF']],
  );
});

test('without a publication day, relative values stay open (TimeML XXXX)', () => {
  assert.equal(one('Police arrested two men yesterday.', 'yesterday', null).value, 'XXXX-XX-XX');
  assert.equal(one('A truce was announced on Wednesday.', 'Wednesday', null).value, 'XXXX-WXX-3');
  assert.equal(one('Protesters reached the capital on July 19.', 'July 19', null).value, 'XXXX-07-19');
  assert.equal(one('The treaty was signed on 19 July 2024.', '19 July 2024', null).value, '2024-07-19');
  assert.equal(one('The war lasted 14 years.', '14 years', null).value, 'P14Y');
});

test('a relative date inside a quotation resolves against the day the narrative says it was spoken', () => {
  const text = [
    'The port city was shelled again on Friday, and the aid minister flew in on Friday to see the damage.',
    'Later that day, writing on social media, the minister said: “I met the mayor yesterday to agree on emergency aid.”',
    'Residents said the water supply had been cut.',
    'Aid lorries queued at the crossing.',
    'A nurse told reporters: “We have had no power since yesterday.”',
  ].join('\n\n');
  const found = times(text).filter((t) => t.text === 'yesterday');
  assert.equal(found.length, 2);
  // The minister wrote on Friday 18 July, so his "yesterday" is Thursday 17 July.
  assert.equal(found[0].value, '2025-07-17');
  // The nurse's quotation is three paragraphs after the last narrative date: publication day − 1.
  assert.equal(found[1].value, '2025-07-19');
});

test('a quotation with a known speaker only takes a date from a sentence about that speaker', () => {
  const text = 'Rebels shelled the town on Thursday.\n\nGeneral Amar said: “We withdrew yesterday.”';
  const doc = new Doc({ id: 'q', source: { published: SUNDAY }, text });
  const qStart = text.indexOf('“');
  doc.entities = [
    {
      id: 'e1',
      name: 'Amar',
      type: 'PERSON',
      mentions: [{ start: text.indexOf('General'), end: text.indexOf(' said'), text: 'General Amar' }],
      roles: [],
      aliases: [],
    },
  ];
  doc.quotes = [
    {
      text: text.slice(qStart),
      start: qStart,
      end: text.length,
      kind: 'direct',
      speaker: 'e1',
      speakerText: 'General Amar',
      cue: 'said',
    },
  ];
  timeStage.run(doc);
  assert.equal(doc.times.find((t) => t.text === 'yesterday')?.value, '2025-07-19');
  // Without the speaker, the narrative's Thursday is taken as the day of the statement.
  assert.equal(times(text).find((t) => t.text === 'yesterday')?.value, '2025-07-16');
});

test('quotation marks are found when no quote stage has run', () => {
  const text = 'He said: ‘I’ve seen Assad’s prisons,’ and left.\nShe wrote: “The talks failed. We go home';
  const paragraphs = [
    { start: 0, end: text.indexOf('\n') },
    { start: text.indexOf('\n') + 1, end: text.length },
  ];
  const spans = findQuoteSpans(text, paragraphs).map((q) => text.slice(q.start, q.end));
  // Apostrophes inside words do not close a quotation; an open quotation runs to its paragraph's end.
  assert.deepEqual(spans, ['‘I’ve seen Assad’s prisons,’', '“The talks failed. We go home']);
});

const seedPath = path.join(shared, 'seed/000_706619d9f3362164.txt');
test(
  'seed article: the analyst gold times, through the full pipeline',
  { skip: !existsSync(seedPath) && 'no ../shared/seed here' },
  () => {
    const gold = JSON.parse(readFileSync(path.join(shared, 'seed/gold.json'), 'utf8')) as {
      times: { text: string; value: string; kind?: string }[];
    };
    const text = readFileSync(seedPath, 'utf8');
    const doc = new Pipeline().process({ id: 'seed', source: { published: '2025-07-20' }, text });
    const found = doc.times.map((t) => ({ ...t, bare: t.text.replace(/^(?:on|in|the|a)\s+/i, '') }));
    const used = new Set<number>();
    for (const g of gold.times) {
      const bare = g.text.replace(/^(?:on|in|the|a)\s+/i, '');
      const i = found.findIndex(
        (t, j) => !used.has(j) && (t.text === g.text || t.bare === bare) && t.value === g.value,
      );
      assert.ok(
        i >= 0,
        `gold "${g.text}" = ${g.value} not found; got ${JSON.stringify(doc.times.map((t) => [t.text, t.value]))}`,
      );
      used.add(i);
      if (g.kind) assert.equal(found[i].kind, g.kind);
    }
    // No noise from the newspaper's name; "now" is the present, with no date to put on a timeline.
    assert.ok(
      !doc.times.some((t) => /Sunday$/.test(t.text) && t.text !== 'last Sunday'),
      JSON.stringify(doc.times.map((t) => t.text)),
    );
    for (const t of doc.times) if (/^now$/i.test(t.text)) assert.equal(t.value, 'PRESENT_REF');
  },
);

// ---------------------------------------------------------------------------------------------
// The rule prefilter (`Rule.needs`, `needsMet`) against running every rule.

/** `needsMet` by its definition: a rule could match when it has no `needs` or the text includes one. */
function needsMetReference(text: string): Uint8Array {
  let lower: string | undefined;
  return Uint8Array.from(RULES, (rule) => {
    if (!rule.needs) return 1;
    const hay = rule.re.ignoreCase ? (lower ??= text.toLowerCase()) : text;
    return rule.needs.some((s) => hay.includes(s)) ? 1 : 0;
  });
}

/** Fictional news text dense in time expressions of every rule, in several casings. */
const TEXTS = [
  'On Saturday, July 19, 2025, the council met. It met again on Monday 21 July and in August 2025.',
  'Sept. 5 2024 was the day; the 19th of July 2025 followed. Last March and next June were quiet, in May too.',
  "The report, dated 2025-07-19, covers the 1990s, the '90s and the 20th century, the twenty-first century.",
  "FY2025 and fiscal 2024 results: the third quarter of 2024 and the first half of the year, Q3 2024, H1 '25.",
  'Last winter and this spring, summer 2024, in the autumn, the fall of the city. Next Fall, Winter 2023.',
  'Yesterday morning the minister spoke; the day before yesterday, Today, tomorrow and tonight. Last night, this evening.',
  'This week, last month, next year, this weekend, last decade, the end of the month, the beginning of the year.',
  'Last Sunday, next Friday, Monday night, on Wednesday, the Sunday Times, Bloody Sunday, The Mail on Sunday.',
  'Three years ago, a week ago, YEARS AGO, Decades Ago, two and a half months ago.',
  "Christmas Day, New Year's Eve, Easter Monday, Good Friday, Halloween, Valentine's Day, Boxing Day 2024, Thanksgiving.",
  'The Fourth of July, Bastille Day, Labor Day and Memorial Day; at 3pm, 10.30am, 3:15 p.m. EST, 18:00 UTC, at 14:45.',
  'At noon, midday or midnight; every Monday, each year, every two weeks, every other day, Each morning, on Mondays.',
  'Twice a week, $5 a day, per year, hourly, daily, nightly, weekly, fortnightly, monthly, quarterly, annual, annually, yearly.',
  '14 years, a decade, 48 hours, two and a half years, the past decade, the next four years, a 12-hour shift, several years.',
  'Over the years, in recent years, the past few months, The last few weeks; recently, in the past, in the future, Recently.',
  'No dates here at all: the minister said the plan was sound and the opposition disagreed.',
  'ÉTÉ 2024 à Paris: the İstanbul talks ran from 2009 to 2011, between 2014 and 2016, 2009-2011.',
];

test("time rules: every match contains one of its rule's `needs`", () => {
  let checked = 0;
  for (const rule of RULES) {
    if (!rule.needs) continue;
    for (const text of TEXTS) {
      for (const m of text.matchAll(new RegExp(rule.re.source, rule.re.flags))) {
        const s = rule.re.ignoreCase ? m[0].toLowerCase() : m[0];
        assert.ok(
          rule.needs.some((n) => s.includes(n)),
          `${rule.name}: "${m[0]}" has none of its needs`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked > 60, `only ${checked} matches checked`);
});

test('time rules: the prefilter finds what running every rule finds', () => {
  for (const text of [...TEXTS, TEXTS.join('\n\n')]) {
    assert.deepEqual(findCandidates(text), findCandidates(text, new Uint8Array(RULES.length).fill(1)), text);
  }
});

test('time rules: a rule skipped by the prefilter is one that cannot match', () => {
  const text = TEXTS[15];
  const skipped = RULES.filter(
    (r) => r.needs && !r.needs.some((n) => (r.re.ignoreCase ? text.toLowerCase() : text).includes(n)),
  );
  assert.ok(skipped.length > 10, 'most rules are skipped on a text without time words');
  for (const r of skipped) assert.equal(new RegExp(r.re.source, r.re.flags).test(text), false, r.name);
});

test('time rules: the one-scan needle search agrees with one `includes` per need', () => {
  const texts = [
    ...TEXTS,
    TEXTS.join(' '),
    '',
    'a',
    'Q',
    'FY',
    'ago',
    'AGO',
    'Ago.',
    'fiscal',
    'a few',
    'ver the',
    'ecently',
    // needles at the very start and end, split by non-ASCII, in other cases
    'Monday',
    'x Sunday',
    'SUNDAY monday',
    'Jan',
    'jan',
    'Dé́cember',
    'Q4',
    'H1 ',
    'every',
    'Every',
    'EVERY',
    'midnight',
    'Mid­night',
    'noon',
    'No⁠on',
    'The İstanbul talks lasted 3 years ago.',
  ];
  for (const t of texts) assert.deepEqual(needsMet(t), needsMetReference(t), JSON.stringify(t));
  assert.ok(
    needsMet(TEXTS[15]).some((m) => m === 0),
    'a text without time words fails some rules',
  );
});
