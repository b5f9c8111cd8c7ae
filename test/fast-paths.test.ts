/**
 * The fast paths keep results identical: the tagger's cached word and pair weights add up to the
 * reference features, reporting verbs found from the word index match a scan from the offset, and
 * the trigger index finds prefix patterns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findReportingVerbs } from '../src/extract/attribution.ts';
import { matchTriggers } from '../src/extract/events/lexicon.ts';
import { tokenize } from '../src/extract/events/tokens.ts';

test('reporting verbs from the word index equal a scan from the offset, inside a word or not', () => {
  const text =
    'Officials said on Monday that talks had stalled, and a spokeswoman claimed the port would reopen, insisted Brekke.';
  const WORD = /[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu;
  for (let from = 0; from < text.length; from += 3) {
    for (const to of [text.length, from + 20, from + 45]) {
      const got = findReportingVerbs(text, from, to, true);
      // reference: the words a regex scan from `from` finds
      const re = new RegExp(WORD.source, 'gu');
      re.lastIndex = from;
      const want: string[] = [];
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) && m.index < to && m.index + m[0].length <= to) want.push(`${m.index}:${m[0]}`);
      const gotWords = got.map((v) => `${v.start}:${v.text}`);
      const verbs = want.filter((w) => /:(said|claimed|insisted)$/.test(w));
      assert.deepEqual(gotWords, verbs, `from ${from} to ${to}`);
    }
  }
  const all = findReportingVerbs(text, 0, text.length, true).map((v) => v.text);
  assert.deepEqual(
    all.filter((w) => ['said', 'claimed', 'insisted'].includes(w)),
    ['said', 'claimed', 'insisted'],
  );
  // from inside "said": the tail "aid" is no verb
  assert.deepEqual(
    findReportingVerbs(text, 11, 16).map((v) => v.text),
    [],
  );
});

test('prefix trigger patterns are found through the index', () => {
  const sentence = 'Norway offered to mediate between the port authority and the striking dockers.';
  const toks = tokenize(sentence, 0, sentence.length);
  const found = matchTriggers(toks).map((m) => sentence.slice(toks[m.from].start, toks[m.to - 1].end));
  assert.ok(found.includes('mediate'), `found ${found}`);
});
