import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, sentenceStage } from '../src/nlp/sentences.ts';
import { Doc } from '../src/model/doc.ts';

function split(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

test('titles, initials and number abbreviations do not end a sentence', () => {
  assert.deepEqual(
    split(
      'Mr. Hale met Dr Ames and Gen. Lt. Col. Price at No. 10 on Jan. 6. ' +
        'J. K. Rowling was not there. St. Ives is quiet.',
    ),
    [
      'Mr. Hale met Dr Ames and Gen. Lt. Col. Price at No. 10 on Jan. 6.',
      'J. K. Rowling was not there.',
      'St. Ives is quiet.',
    ],
  );
});

test('acronyms and company suffixes end a sentence only before a sentence opener', () => {
  assert.deepEqual(
    split(
      'The U.S. Senate and the U.K. Treasury agreed. Talks were held in the U.S. They ended ' +
        'early. Acme Corp. Chief Executive Ann Lee left Acme Inc. The firm fell.',
    ),
    [
      'The U.S. Senate and the U.K. Treasury agreed.',
      'Talks were held in the U.S.',
      'They ended early.',
      'Acme Corp. Chief Executive Ann Lee left Acme Inc.',
      'The firm fell.',
    ],
  );
  assert.deepEqual(split('Some towns, e.g. Harwick, i.e. the port, flooded. It rained.'), [
    'Some towns, e.g. Harwick, i.e. the port, flooded.',
    'It rained.',
  ]);
});

test('decimals, ellipses, ?! and brackets', () => {
  assert.deepEqual(
    split(
      'Prices rose 3.5 per cent. Is that all? No! It was worse... Much ' +
        'worse. (Shares fell 2.1 per cent.) Trading resumed.',
    ),
    [
      'Prices rose 3.5 per cent.',
      'Is that all?',
      'No!',
      'It was worse...',
      'Much worse.',
      '(Shares fell 2.1 per cent.)',
      'Trading resumed.',
    ],
  );
  assert.deepEqual(split('He paused … and then went on. It was 10 a.m. Police arrived.'), [
    'He paused … and then went on.',
    'It was 10 a.m.',
    'Police arrived.',
  ]);
});

test('sentences ending inside closing quotes', () => {
  assert.deepEqual(
    split(
      'She said: ‘The wall is vital. We will finish it.’ Work began in May. “Is it ' +
        'safe?” he asked. ‘No,’ she said. “Build it.” The crowd cheered.',
    ),
    [
      'She said: ‘The wall is vital.',
      'We will finish it.’',
      'Work began in May.',
      '“Is it safe?” he asked.',
      '‘No,’ she said.',
      '“Build it.”',
      'The crowd cheered.',
    ],
  );
});

test('spans are trimmed and never cross a block boundary', () => {
  const text = 'Headline without a stop\n\n  First body sentence. Second one  \n\nA last block.';
  const doc = new Doc({
    id: 'x',
    source: {},
    text,
    blocks: [
      { kind: 'title', start: 0, end: 23 },
      { kind: 'paragraph', start: 25, end: 59 },
      { kind: 'paragraph', start: 61, end: text.length },
    ],
  });
  sentenceStage.run(doc);
  assert.deepEqual(
    doc.sentences.map((s) => text.slice(s.start, s.end)),
    ['Headline without a stop', 'First body sentence.', 'Second one', 'A last block.'],
  );
  for (const s of doc.sentences) {
    const b = doc.blocks[doc.blockIndexAt(s.start)];
    assert.ok(s.end <= b.end);
  }
});

test('a long text (2.6 MB) splits the same way as its parts', () => {
  const para =
    'Mr. Hale said the U.S. would send aid. ‘It is vital,’ he said. Prices rose ' +
    '3.5 per cent on Jan. 6, officials said. Is that all? No! ';
  assert.equal(splitSentences(para).length, 5);
  assert.equal(splitSentences(para.repeat(20000)).length, 20000 * 5);
});
