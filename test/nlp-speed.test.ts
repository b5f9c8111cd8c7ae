/**
 * Fast paths of the NLP stages checked against their reference forms: the time grammar's rule
 * prefilter (`Rule.needs`) against running every rule, the tagger's word table against the
 * reference tagger, the cleaner's word scanner against its pattern.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCandidates, needsMet, needsMetReference } from '../src/nlp/times.ts';
import { RULES } from '../src/nlp/times/grammar.ts';
import { wordsOf, wordsOfByPattern } from '../src/text/words.ts';

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
    assert.deepEqual(findCandidates(text), findCandidates(text, { prefilter: false }), text);
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

test('cleaner: the word scanner splits as the pattern does, in every script', () => {
  const texts = [
    ...TEXTS,
    'Café owner José Ångström (pictured, left) said: "We’re open 24/7 — 3,500 visitors."',
    'Cafe\u0301 with a combining accent, İstanbul, STRASSE and Straße, ٣ Arabic-Indic digits, 五月 and 한국어.',
    'Astral letters 𝐀𝐁𝐂 and an emoji 🎉 between words; a lone surrogate \ud800 here and \udc00 there.',
    '',
    '... — !!!',
  ];
  for (const t of texts) assert.deepEqual(wordsOf(t), wordsOfByPattern(t), t);
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
