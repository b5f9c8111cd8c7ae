/**
 * `npm run eval:ner:pipeline`: CoNLL-2003 dev scored THROUGH `sitrep analyze`, the way a held-out
 * set is scored: each document becomes plain text as a user writes it (one sentence a line, no
 * space before punctuation: `naturalLayout`; `--joined` lays tokens out joined by spaces instead,
 * and the default run reports that layout beside),
 * the full pipeline runs on it (our own cleaning, sentences, tokens, recogniser, entity stage and
 * geo re-typing), and the output entity mentions are mapped back onto the CoNLL tokens by their
 * character offsets in the analysis text, each with its own type (a demonym mention of a country
 * is NORP). Each token is found in order in the clean text; a token the cleaner removed, such as a
 * dateline taken for debris, counts as untagged. sitrep types fold back to CoNLL's: PERSON → PER,
 * ORG → ORG, GPE/LOC → LOC, NORP/MISC → MISC. Unlike `eval:ner`, which scores the tagger on CoNLL's
 * own tokens, this measures what a user of `sitrep analyze` gets.
 *
 * Each figure is given for all documents and for each half (documents alternately), the halves
 * rules are written on and checked on.
 *
 *   node --import tsx scripts/eval-ner-pipeline.ts [--file dev.txt] [--limit N] [--joined]
 *        [--raw] [--skip STAGE] [--skip-rules r1,r2]     ablations
 *        [--ablate-rules]                                 overall F1 with each refine rule left out
 *        [--stages [--errors N]]                          F1 after each step, and what each step
 *                                                         lost or gained (N examples per step)
 */
import { readConll, toIob2, ConllScorer, formatScores, type ConllDocument } from '../src/nlp/ner/conll.ts';
import { Pipeline } from '../src/pipeline.ts';
import { cleanArticle } from '../src/clean/clean.ts';
import { defaultRecognizer, sentenceRanges, tagConll } from '../src/nlp/ner/recognizer.ts';
import { refineTags, REFINE_RULES, type RefineRule } from '../src/nlp/ner/refine.ts';
import type { Doc } from '../src/model/doc.ts';
import type { EntityType } from '../src/model/analysis.ts';
import { halvesLine, optionValue, sharedPathOrExit } from './lib.ts';

const TYPES = ['PER', 'LOC', 'ORG', 'MISC'];
/** How far ahead in the clean text a token may be found (past a removed block it is not found). */
const ALIGN_WINDOW = 200;
const TO_CONLL: Record<EntityType, string> = {
  PERSON: 'PER',
  ORG: 'ORG',
  GPE: 'LOC',
  LOC: 'LOC',
  NORP: 'MISC',
  MISC: 'MISC',
};

const file = sharedPathOrExit(`data/conll2003/${optionValue('file') ?? 'dev.txt'}`);
const docs = readConll(file).slice(0, Number(optionValue('limit') ?? Infinity));
const skipRules = new Set((optionValue('skip-rules') ?? '').split(',').filter(Boolean) as RefineRule[]);

interface CharSpan {
  start: number;
  end: number;
  type: string;
}

/** The document laid out as text, one sentence a line: its tokens joined by spaces. */
function joinedLayout(doc: ConllDocument): string {
  return doc.map((s) => s.tokens.join(' ')).join('\n') + '\n';
}

/** Tokens written with no space before them ("," "." "'s" "n't" ")"). */
const CLOSING = /^(?:[.,;:!?)\]}%]|'[a-z]{1,2}|n't|')$/i;
/** Tokens written with no space after them. */
const OPENING = /^[([{$]$/;

/**
 * The document laid out as natural text, as a user's text is: one sentence a line, no space
 * before punctuation and clitics or after an opening bracket, straight quotes closed on the word
 * before them ("He said "yes" ." → He said "yes".).
 */
function naturalLayout(doc: ConllDocument): string {
  const lines = doc.map((s) => {
    let out = '';
    let inQuote = false;
    s.tokens.forEach((t, i) => {
      let space = i > 0 && !CLOSING.test(t) && !OPENING.test(s.tokens[i - 1]);
      if (t === '"') {
        if (inQuote) space = false;
        inQuote = !inQuote;
      } else if (i > 0 && s.tokens[i - 1] === '"' && inQuote) space = false;
      out += (space ? ' ' : '') + t;
    });
    return out;
  });
  return lines.join('\n') + '\n';
}

/** How documents are laid out as text: natural text unless `--joined` asks for tokens joined by spaces. */
let layout = process.argv.includes('--joined') ? joinedLayout : naturalLayout;

/** Character offset of each CoNLL token in the clean text (-1 where the cleaner removed it). */
function align(doc: ConllDocument, text: string): number[][] {
  let cursor = 0;
  return doc.map((s) =>
    s.tokens.map((tok) => {
      const at = text.indexOf(tok, cursor);
      if (at < 0 || at - cursor > ALIGN_WINDOW) return -1;
      cursor = at + tok.length;
      return at;
    }),
  );
}

/** CoNLL labels of the document's tokens: a token takes the type of the span covering it. */
function toLabels(doc: ConllDocument, starts: number[][], spans: CharSpan[]): string[][] {
  spans = spans.slice().sort((x, y) => x.start - y.start || y.end - x.end);
  return doc.map((s, si) => {
    const pred: string[] = [];
    let prev: CharSpan | undefined;
    s.tokens.forEach((tok, ti) => {
      const at = starts[si][ti];
      const span = at < 0 ? undefined : spans.find((m) => m.start <= at && at + tok.length <= m.end);
      pred.push(span ? `${span === prev ? 'I' : 'B'}-${span.type}` : 'O');
      prev = span;
    });
    return pred;
  });
}

/** Entity mentions of the analysis, each with its own type. */
function mentionSpans(doc: Doc): CharSpan[] {
  return doc.entities.flatMap((e) =>
    e.mentions.map((m) => ({ start: m.start, end: m.end, type: TO_CONLL[m.type ?? e.type] })),
  );
}

/** The recogniser's token labels as character spans. */
function tagSpans(doc: Doc): CharSpan[] {
  const out: CharSpan[] = [];
  const tags = doc.tokenTags;
  for (let i = 0; i < tags.length;) {
    if (tags[i] === 'O') {
      i++;
      continue;
    }
    const type = tags[i].slice(2);
    let j = i + 1;
    while (j < tags.length && tags[j] === `I-${type}`) j++;
    out.push({ start: doc.tokens[i].start, end: doc.tokens[j - 1].end, type: TO_CONLL[type as EntityType] });
    i = j;
  }
  return out;
}

/** The full pipeline's labels for every document (the score a user gets). */
function runPipeline(pipeline: Pipeline): string[][][] {
  return docs.map((doc, d) => {
    const a = pipeline.process({ id: `dev-${d}`, source: {}, text: layout(doc) });
    return toLabels(doc, align(doc, a.text), mentionSpans(a));
  });
}

function score(preds: string[][][], half?: 0 | 1) {
  const scorer = new ConllScorer();
  docs.forEach((doc, d) => {
    if (half === undefined || d % 2 === half) doc.forEach((s, si) => scorer.add(toIob2(s.tags), preds[d][si]));
  });
  return scorer.scores(TYPES);
}

/** The overall F1 of each half of the documents (alternately), and the gap between them. */
function halves(preds: string[][][]): string {
  return halvesLine(score(preds, 0).overall.f1, score(preds, 1).overall.f1);
}

/** Entity chunks of a sentence's labels as "type start end" keys. */
function chunkKeys(tags: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const iob = toIob2(tags);
  for (let i = 0; i < iob.length;) {
    if (iob[i] === 'O') {
      i++;
      continue;
    }
    const type = iob[i].slice(2);
    let j = i + 1;
    while (j < iob.length && iob[j] === `I-${type}`) j++;
    out.set(`${i}:${j}`, type);
    i = j;
  }
  return out;
}

/**
 * Labels after each step, for one run: the tagger on CoNLL's own tokens (the `eval:ner` setting),
 * the tagger inside the pipeline (our text, sentences, tokens), after the correction layer, after
 * the entity stage, and after geo (the final output).
 */
function runStages(): { names: string[]; preds: string[][][][] } {
  const names = ['conll-tokens', 'tagger', 'refine', 'entities', 'geo'];
  const pipeline = new Pipeline({ recognizer: defaultRecognizer(undefined, { raw: true }) });
  const preds: string[][][][] = names.map(() => []);
  docs.forEach((doc, d) => {
    preds[0].push(tagConll(doc.map((s) => s.tokens)).map((l) => toIob2(l)));
    const a = cleanArticle({ id: `dev-${d}`, source: {}, text: layout(doc) });
    const starts = align(doc, a.text);
    for (const stage of pipeline.stages) {
      stage.run(a);
      if (stage.name === 'ner') {
        preds[1].push(toLabels(doc, starts, tagSpans(a)));
        refineTags(a, sentenceRanges(a), { skip: skipRules });
        preds[2].push(toLabels(doc, starts, tagSpans(a)));
      } else if (stage.name === 'entities') preds[3].push(toLabels(doc, starts, mentionSpans(a)));
      else if (stage.name === 'geo') preds[4].push(toLabels(doc, starts, mentionSpans(a)));
    }
  });
  return { names, preds };
}

/** What step `b` got wrong that step `a` had right (lost) and the reverse (gained), by kind. */
function diffSteps(
  a: string[][][],
  b: string[][][],
  examples: number,
): { lost: number; gained: number; lines: string[] } {
  let lost = 0;
  let gained = 0;
  const kinds = new Map<string, { n: number; ex: string[] }>();
  const note = (kind: string, ex: string) => {
    let k = kinds.get(kind);
    if (!k) kinds.set(kind, (k = { n: 0, ex: [] }));
    k.n++;
    if (k.ex.length < examples) k.ex.push(ex);
  };
  const show = (toks: string[], ch: Map<string, string>) =>
    [...ch]
      .map(([k, t]) => `${toks.slice(...(k.split(':').map(Number) as [number, number])).join(' ')}/${t}`)
      .join(' | ') || '-';
  docs.forEach((doc, d) =>
    doc.forEach((s, si) => {
      const gold = chunkKeys(s.tags);
      const pa = chunkKeys(a[d][si]);
      const pb = chunkKeys(b[d][si]);
      for (const [k, t] of gold) {
        const okA = pa.get(k) === t;
        const okB = pb.get(k) === t;
        if (okA === okB) continue;
        const [i, j] = k.split(':').map(Number);
        const name = s.tokens.slice(i, j).join(' ');
        // what the wrong side predicted over the gold span
        const wrong = okA ? b[d][si] : a[d][si];
        const over = new Map(
          [...(okA ? pb : pa)].filter(([kk]) => {
            const [x, y] = kk.split(':').map(Number);
            return x < j && y > i;
          }),
        );
        const what = over.size === 0 ? 'missed' : [...over].some(([kk, tt]) => kk === k && tt !== t) ? 'type' : 'span';
        void wrong;
        if (okA) lost++;
        else gained++;
        note(
          `${okA ? 'lost' : 'gained'} ${t} ${what}`,
          `${name}/${t} -> ${show(s.tokens, over)}   «${s.tokens.join(' ').slice(0, 100)}»`,
        );
      }
      // spurious entities the step added or removed (no gold entity overlaps)
      for (const [k, t] of pb) {
        if (pa.get(k) === t || gold.get(k) === t) continue;
        const [i, j] = k.split(':').map(Number);
        const overlapsGold = [...gold.keys()].some((kk) => {
          const [x, y] = kk.split(':').map(Number);
          return x < j && y > i;
        });
        if (!overlapsGold)
          note(`added spurious ${t}`, `${s.tokens.slice(i, j).join(' ')}/${t}   «${s.tokens.join(' ').slice(0, 100)}»`);
      }
      for (const [k, t] of pa) {
        if (pb.get(k) === t || gold.get(k) === t) continue;
        const [i, j] = k.split(':').map(Number);
        const overlapsGold = [...gold.keys()].some((kk) => {
          const [x, y] = kk.split(':').map(Number);
          return x < j && y > i;
        });
        if (!overlapsGold) note(`removed spurious ${t}`, `${s.tokens.slice(i, j).join(' ')}/${t}`);
      }
    }),
  );
  const lines: string[] = [];
  for (const [kind, { n, ex }] of [...kinds].sort((x, y) => y[1].n - x[1].n)) {
    lines.push(`    ${String(n).padStart(4)}  ${kind}`);
    for (const e of ex) lines.push(`            ${e}`);
  }
  return { lost, gained, lines };
}

const t0 = process.hrtime.bigint();
const tokens = docs.reduce((n, doc) => n + doc.reduce((m, s) => m + s.tokens.length, 0), 0);
console.log(
  `CoNLL-2003 ${optionValue('file') ?? 'dev.txt'} through the sitrep pipeline: ${docs.length} documents, ${tokens} tokens`,
);

if (process.argv.includes('--stages')) {
  const examples = Number(optionValue('errors') ?? 0);
  const { names, preds } = runStages();
  names.forEach((n, k) => {
    const s = score(preds[k]);
    console.log(
      `  ${n.padEnd(14)} F1 ${s.overall.f1.toFixed(2)}  ${TYPES.map((t) => `${t} ${s[t].f1.toFixed(2)}`).join('  ')}`,
    );
  });
  for (let k = 1; k < names.length; k++) {
    const diff = diffSteps(preds[k - 1], preds[k], examples);
    console.log(`\n  ${names[k - 1]} -> ${names[k]}: ${diff.lost} gold entities lost, ${diff.gained} gained`);
    if (examples > 0) console.log(diff.lines.join('\n'));
  }
} else if (process.argv.includes('--ablate-rules')) {
  const base = score(runPipeline(new Pipeline())).overall.f1;
  console.log(`  all rules            F1 ${base.toFixed(2)}`);
  for (const r of REFINE_RULES) {
    const f = score(
      runPipeline(new Pipeline({ recognizer: defaultRecognizer(undefined, { skipRules: new Set([r]) }) })),
    ).overall.f1;
    console.log(
      `  without ${r.padEnd(16)} F1 ${f.toFixed(2)}  (${(f - base >= 0 ? '+' : '') + (f - base).toFixed(2)})`,
    );
  }
} else {
  // Ablations, to see what each layer after the tagger costs or gains: --raw (tagger without its
  // correction layer), --skip STAGE (e.g. --skip geo), --skip-rules (named correction rules).
  const pipeline = new Pipeline({
    recognizer: defaultRecognizer(undefined, { raw: process.argv.includes('--raw'), skipRules }),
  });
  const skip = optionValue('skip');
  if (skip)
    pipeline.stages.splice(
      pipeline.stages.findIndex((st) => st.name === skip),
      1,
    );
  const natural = runPipeline(pipeline);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(formatScores('sitrep analyze, natural text', score(natural)));
  console.log(halves(natural));
  console.log(
    `  ${Math.round(tokens / secs).toLocaleString('en')} tokens/s for the whole pipeline (${secs.toFixed(1)} s)`,
  );
  if (!process.argv.includes('--joined')) {
    layout = joinedLayout;
    const joined = runPipeline(pipeline);
    console.log(`  beside it, tokens joined by spaces: F1 ${score(joined).overall.f1.toFixed(2)}`);
    console.log(halves(joined));
  }
}
