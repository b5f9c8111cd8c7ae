/**
 * build:clusters — learns the entity tagger's word clusters from unlabelled news text and writes
 * `data/models/ner/clusters.tsv` (`src/nlp/ner/word-clusters.ts` says what they are and how).
 *
 *   npm run build:clusters -- [--classes 64,256,1024] [--iterations 12] [--min-count 3] [--out FILE]
 *
 * The text, read from ../shared/data (never copied into the repository; only word forms and class
 * numbers are written): CoNLL-2003 `train.txt` (its tokens), PolNeAR `train/` articles, the FNC-1
 * article bodies and the NGEC synthetic event stories. Sets used to measure anything (CoNLL dev,
 * PolNeAR dev, TempEval, MEANTIME, GeoVirus, the article-extraction pages) are left out. Raw text
 * is split by sitrep's own sentence and token stages; every form is normalised as the tagger
 * normalises it. Deterministic: same data and options, same file byte for byte.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readConll } from '../src/nlp/ner/conll.ts';
import { normalizeToken } from '../src/nlp/ner/shapes.ts';
import { CLUSTERS_FILE, exchangeClusters } from '../src/nlp/ner/word-clusters.ts';
import { Doc } from '../src/model/doc.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { tokenStage } from '../src/nlp/tokens.ts';
import { csvRecords } from '../src/text/csv.ts';
import { optionValue, sharedPathOrExit } from './lib.ts';

if (process.argv.includes('--help')) {
  console.log(
    'usage: npm run build:clusters -- [--classes 64,256,1024] [--iterations 12] [--min-count 3] [--out FILE]',
  );
  process.exit(0);
}
const classes = (optionValue('classes') ?? '64,256,1024').split(',').map(Number);
const iterations = Number(optionValue('iterations') ?? 12);
const minCount = Number(optionValue('min-count') ?? 3);
const out = path.resolve(optionValue('out') ?? CLUSTERS_FILE);
if (classes.some((c) => !Number.isInteger(c) || c < 2) || !(iterations > 0) || !(minCount > 0)) {
  console.error('build:clusters: --classes takes whole numbers from 2, --iterations and --min-count positive numbers');
  process.exit(2);
}

const t0 = performance.now();
/** Every sentence read, as normalised word forms. */
const sentences: string[][] = [];

/** Sentences of raw text, split by sitrep's stages. */
function addText(text: string): void {
  const doc = new Doc({ id: 'c', source: {}, text });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  for (const s of doc.sentences) {
    const words: string[] = [];
    for (let i = 0; i < doc.tokens.length; i++) {
      const t = doc.tokens[i];
      if (t.start >= s.start && t.end <= s.end) words.push(normalizeToken(doc.span(t.start, t.end)));
    }
    if (words.length) sentences.push(words);
  }
}

const conll = sharedPathOrExit('data/conll2003/train.txt');
for (const d of readConll(conll)) for (const s of d) sentences.push(s.tokens.map(normalizeToken));
const polnear = sharedPathOrExit('data/attribution/polnear/train/text');
for (const f of readdirSync(polnear).sort()) addText(readFileSync(path.join(polnear, f), 'utf8'));
const bodies = sharedPathOrExit('data/stance/fnc1/bodies.csv');
for (const r of csvRecords(readFileSync(bodies, 'utf8'))) addText(r.articleBody ?? '');
const stories = sharedPathOrExit('data/events/ngec-synthetic-stories.csv');
for (const r of csvRecords(readFileSync(stories, 'utf8'))) addText(r.text ?? '');
const nTokens = sentences.reduce((n, s) => n + s.length, 0);
console.log(
  `build:clusters: ${sentences.length} sentences, ${nTokens} tokens read in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// Words seen at least minCount times, most frequent first (ties by form); the rest are one
// unknown word, and a sentence boundary pseudo-word ends the ids.
const freq = new Map<string, number>();
for (const s of sentences) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
const words = [...freq]
  .filter(([, n]) => n >= minCount)
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  .map(([w]) => w);
const id = new Map(words.map((w, i) => [w, i]));
const UNKNOWN = words.length;
const input = {
  sentences: sentences.map((s) => Int32Array.from(s, (w) => id.get(w) ?? UNKNOWN)),
  movable: words.length,
  vocab: words.length + 2,
};
console.log(`  ${words.length} words seen at least ${minCount} times are clustered`);

const columns: Int32Array[] = [];
for (const c of classes) {
  const t = performance.now();
  columns.push(exchangeClusters(input, c, iterations, (line) => console.log(line)));
  console.log(`  ${c} classes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const lines = [
  `# word clusters for the entity tagger (npm run build:clusters): word, then its class among ${classes.join(', ')}`,
];
// sorted by word (as JavaScript compares strings): the reader searches the lines by halves
const order = words.map((_, i) => i).sort((a, b) => (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0));
for (const i of order) lines.push([words[i], ...columns.map((col) => col[i])].join('\t'));
if (!existsSync(path.dirname(out))) mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${out} (${words.length} words) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
