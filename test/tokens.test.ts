import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, tokenStage } from '../src/nlp/tokens.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { Doc } from '../src/model/doc.ts';

function toks(text: string): string[] {
  return tokenize(text).map((t) => text.slice(t.start, t.end));
}

test('words, numbers and punctuation', () => {
  assert.deepEqual(toks('On 2025-07-19, 1,000 people paid $3.5m (12:30 GMT).'), [
    'On',
    '2025-07-19',
    ',',
    '1,000',
    'people',
    'paid',
    '$',
    '3.5m',
    '(',
    '12:30',
    'GMT',
    ')',
    '.',
  ]);
  assert.deepEqual(toks('Wait... what?! 40%'), ['Wait', '...', 'what', '?', '!', '40', '%']);
});

test('hyphenated and apostrophised names stay whole', () => {
  assert.deepEqual(toks("Al-Sharaa met al-Jazrawi, Druze-linked fighters, O'Neill and D’Souza."), [
    'Al-Sharaa',
    'met',
    'al-Jazrawi',
    ',',
    'Druze-linked',
    'fighters',
    ',',
    "O'Neill",
    'and',
    'D’Souza',
    '.',
  ]);
});

test('possessive and contraction clitics split off, also with a space before a curly mark', () => {
  assert.deepEqual(toks("Starmer’s aide, Starmer‘s aide, Starmer ‘s aide, Hale's car, O’Neill’s son"), [
    'Starmer',
    '’s',
    'aide',
    ',',
    'Starmer',
    '‘s',
    'aide',
    ',',
    'Starmer',
    '‘s',
    'aide',
    ',',
    'Hale',
    "'s",
    'car',
    ',',
    'O’Neill',
    '’s',
    'son',
  ]);
  assert.deepEqual(toks('I’ve said we don’t know.'), ['I', '’ve', 'said', 'we', 'do', 'n’t', 'know', '.']);
  // An opening quote after a word is punctuation, not a clitic.
  assert.deepEqual(toks('he said ‘so be it’'), ['he', 'said', '‘', 'so', 'be', 'it', '’']);
});

test('abbreviations keep their full stops; sentence stops are split', () => {
  assert.deepEqual(
    toks('Mr. Hale of the U.S. and Acme Inc. met J. K. Rowling at No. 10, e.g. today. Plan A. The end.'),
    [
      'Mr.',
      'Hale',
      'of',
      'the',
      'U.S.',
      'and',
      'Acme',
      'Inc.',
      'met',
      'J.',
      'K.',
      'Rowling',
      'at',
      'No.',
      '10',
      ',',
      'e.g.',
      'today',
      '.',
      'Plan',
      'A',
      '.',
      'The',
      'end',
      '.',
    ],
  );
});

test('URLs and e-mail addresses stay whole', () => {
  assert.deepEqual(toks('See https://example.org/news/a-b?id=7, or www.example.com. Mail desk.news@example.co.uk!'), [
    'See',
    'https://example.org/news/a-b?id=7',
    ',',
    'or',
    'www.example.com',
    '.',
    'Mail',
    'desk.news@example.co.uk',
    '!',
  ]);
});

test('start/end limit the range; offsets point into the whole text', () => {
  const text = 'Skip this. Take Al-Sharaa’s words.';
  const t = tokenize(text, 11, text.length);
  assert.deepEqual(
    t.map((k) => text.slice(k.start, k.end)),
    ['Take', 'Al-Sharaa', '’s', 'words', '.'],
  );
  assert.equal(t[0].start, 11);
});

test('tokenStage fills tokens in order without crossing sentence boundaries', () => {
  const text = 'Troops left the U.S. base.‘We go,’ he said.\n\nNew block here';
  const doc = new Doc({
    id: 'x',
    source: {},
    text,
    blocks: [
      { kind: 'paragraph', start: 0, end: 43 },
      { kind: 'paragraph', start: 45, end: text.length },
    ],
  });
  doc.sentences = [
    { start: 0, end: 26 },
    { start: 26, end: 43 },
    { start: 45, end: text.length },
  ];
  tokenStage.run(doc);
  for (let i = 1; i < doc.tokens.length; i++) assert.ok(doc.tokens[i].start >= doc.tokens[i - 1].end);
  for (const tok of doc.tokens) {
    const s = doc.sentences[doc.sentenceIndexAt(tok.start)];
    assert.ok(tok.end <= s.end, `token ${doc.text.slice(tok.start, tok.end)} crosses a sentence`);
  }
  assert.deepEqual(
    doc.tokens.map((t) => text.slice(t.start, t.end)),
    [
      'Troops',
      'left',
      'the',
      'U.S.',
      'base',
      '.',
      '‘',
      'We',
      'go',
      ',',
      '’',
      'he',
      'said',
      '.',
      'New',
      'block',
      'here',
    ],
  );
});

test('sentences then tokens on a Doc', () => {
  const text = 'Mr Lammy said: ‘A ceasefire is vital.’ Talks resume on Monday.';
  const doc = new Doc({ id: 'y', source: {}, text });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  assert.equal(doc.sentences.length, 2);
  assert.equal(doc.tokenText(doc.tokens.length - 1), '.');
  assert.equal(doc.tokens.filter((t) => t.start < doc.sentences[0].end).length, 11);
});

test('a long text (2.8 MB) tokenizes the same way as its parts', () => {
  const para =
    'Mr. Hale said the U.S. would send $1,000 in aid to Al-Sharaa’s government on ' +
    '2025-07-19. ‘It is vital,’ he said (see https://example.org). ';
  const one = tokenize(para).length;
  assert.equal(tokenize(para.repeat(20000)).length, one * 20000);
});
