/**
 * Word clusters for the entity tagger (src/nlp/ner/word-clusters.ts): the exchange algorithm on a
 * small text the team wrote, the shipped file's form, and how a word finds its classes.
 */
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { clustersOf, exchangeClusters, readClusters, CLUSTERS_FILE } from '../src/nlp/ner/word-clusters.ts';

/** Sentences of ids over a small vocabulary; the last two ids are the unknown word and the boundary. */
function corpus(sentences: string[]): { input: Parameters<typeof exchangeClusters>[0]; words: string[] } {
  const words = [...new Set(sentences.flatMap((s) => s.split(' ')))];
  const id = new Map(words.map((w, i) => [w, i]));
  return {
    words,
    input: {
      sentences: sentences.map((s) => Int32Array.from(s.split(' '), (w) => id.get(w) as number)),
      movable: words.length,
      vocab: words.length + 2,
    },
  };
}

test('the exchange algorithm puts words of the same company in one class, the same way every run', () => {
  const text: string[] = [];
  for (const who of ['Ortiz', 'Lammy', 'Okafor'])
    for (const verb of ['said', 'told', 'added'])
      for (const day of ['Monday', 'Friday', 'Sunday']) text.push(`${who} ${verb} on ${day}`);
  const { input, words } = corpus(text);
  const cls = exchangeClusters(input, 4, 20);
  const of = (w: string) => cls[words.indexOf(w)];
  assert.equal(of('Ortiz'), of('Lammy'));
  assert.equal(of('Lammy'), of('Okafor'));
  assert.equal(of('Monday'), of('Friday'));
  assert.equal(of('said'), of('told'));
  assert.notEqual(of('Ortiz'), of('Monday'));
  assert.notEqual(of('said'), of('Friday'));
  assert.deepEqual([...exchangeClusters(input, 4, 20)], [...cls]);
});

test('the shipped clusters: a word and three classes a line; capitals and lower case fall back', () => {
  const clusters = readClusters(CLUSTERS_FILE);
  assert.ok(clusters.size > 10_000);
  const lines = readFileSync(CLUSTERS_FILE, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(lines.length, clusters.size);
  let previous = '';
  for (const line of lines) {
    const [w, ...c] = line.split('\t');
    assert.ok(w > previous, `sorted by word: ${previous} before ${w}`);
    previous = w;
    assert.equal(c.length, 3);
    assert.ok(c.every((x) => /^\d+$/.test(x)));
  }
  // every word is found by the search, with its own classes
  for (const line of lines.filter((_, i) => i % 97 === 0)) {
    const [w, ...c] = line.split('\t');
    assert.deepEqual(clusters.get(w), c.map(Number));
  }
  assert.ok(clustersOf('Tuesday', clusters));
  assert.equal(clustersOf('Qzxwvplk', clusters), undefined);
  // a headline's capitals read as the capitalised word, then as lower case
  const small = new Map([
    ['Germany', [1, 2, 3]],
    ['talks', [4, 5, 6]],
  ]);
  assert.deepEqual(clustersOf('GERMANY', small), [1, 2, 3]);
  assert.deepEqual(clustersOf('Talks', small), [4, 5, 6]);
  assert.equal(clustersOf('germany', small), undefined);
  // days of the week share a fine class
  assert.equal(clustersOf('Tuesday', clusters)?.[2], clustersOf('Thursday', clusters)?.[2]);
});
