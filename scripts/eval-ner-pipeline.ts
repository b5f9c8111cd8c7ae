/**
 * `npm run eval:ner:pipeline`: CoNLL-2003 dev scored THROUGH `sitrep analyze`, the way a held-out
 * set is scored: each document becomes plain text (tokens joined by spaces, one sentence a line),
 * the full pipeline runs on it (our own cleaning, sentences, tokens, recogniser, entity stage and
 * geo re-typing), and the output entity mentions are mapped back onto the CoNLL tokens by their
 * character offsets in the analysis text, each with its own type (a demonym mention of a country is NORP) (each token found in order in the clean text; a token the
 * cleaner removed, such as a dateline taken for debris, counts as untagged). sitrep types fold back to CoNLL's: PERSON → PER, ORG → ORG, GPE/LOC → LOC,
 * NORP/MISC → MISC. Unlike `eval:ner`, which scores the tagger on CoNLL's own tokens, this measures
 * what a user of `sitrep analyze` gets.
 *
 *   node --import tsx scripts/eval-ner-pipeline.ts [--file dev.txt] [--limit N] [--raw] [--skip STAGE]
 */
import { readConll, toIob2, ConllScorer, formatScores } from '../src/nlp/ner/conll.ts';
import { Pipeline } from '../src/pipeline.ts';
import { defaultRecognizer } from '../src/nlp/ner/recognizer.ts';
import type { EntityType } from '../src/model/analysis.ts';
import { sharedPathOrExit } from './lib.ts';

const TYPES = ['PER', 'LOC', 'ORG', 'MISC'];
/** How far ahead in the clean text a token may be found (past a removed block it is not found). */
const ALIGN_WINDOW = 200;
const TO_CONLL: Record<EntityType, string> = { PERSON: 'PER', ORG: 'ORG', GPE: 'LOC', LOC: 'LOC', NORP: 'MISC', MISC: 'MISC' };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = sharedPathOrExit(`data/conll2003/${arg('file') ?? 'dev.txt'}`);
const docs = readConll(file).slice(0, Number(arg('limit') ?? Infinity));
// Ablations, to see what each layer after the tagger costs or gains: --raw (tagger without its
// correction layer), --skip STAGE (e.g. --skip geo).
const pipeline = new Pipeline(process.argv.includes('--raw') ? { recognizer: defaultRecognizer(undefined, { raw: true }) } : {});
const skip = arg('skip');
if (skip) pipeline.stages.splice(pipeline.stages.findIndex((st) => st.name === skip), 1);
const scorer = new ConllScorer();
let tokens = 0;
const t0 = process.hrtime.bigint();

for (let d = 0; d < docs.length; d++) {
  const doc = docs[d];
  // Lay the tokens out as text, one sentence a line.
  const text = doc.map((s) => s.tokens.join(' ')).join('\n') + '\n';
  tokens += doc.reduce((n, s) => n + s.tokens.length, 0);
  const a = pipeline.analyze({ id: `dev-${d}`, source: {}, text });
  // Find each token in the clean text, in order.
  let cursor = 0;
  const starts = doc.map((s) =>
    s.tokens.map((tok) => {
      const at = a.text.indexOf(tok, cursor);
      if (at < 0 || at - cursor > ALIGN_WINDOW) return -1;
      cursor = at + tok.length;
      return at;
    }),
  );
  // Output mentions as token labels: a token takes the type of the mention covering it.
  const spans = a.entities
    .flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, type: TO_CONLL[m.type ?? e.type] })))
    .sort((x, y) => x.start - y.start || y.end - x.end);
  doc.forEach((s, si) => {
    const pred: string[] = [];
    let prev: (typeof spans)[number] | undefined;
    s.tokens.forEach((tok, ti) => {
      const at = starts[si][ti];
      const span = at < 0 ? undefined : spans.find((m) => m.start <= at && at + tok.length <= m.end);
      pred.push(span ? `${span === prev ? 'I' : 'B'}-${span.type}` : 'O');
      prev = span;
    });
    scorer.add(toIob2(s.tags), pred);
  });
}

const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`CoNLL-2003 ${arg('file') ?? 'dev.txt'} through the sitrep pipeline: ${docs.length} documents, ${tokens} tokens`);
console.log(formatScores('sitrep analyze', scorer.scores(TYPES)));
console.log(`  ${Math.round(tokens / secs).toLocaleString('en')} tokens/s for the whole pipeline (${secs.toFixed(1)} s)`);
