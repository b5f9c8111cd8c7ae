/**
 * Scores the entity tagger on CoNLL-2003 dev with conlleval (precision, recall, F1 per type and
 * overall) and, in the same run on the same texts, the JavaScript peer compromise (its people(),
 * places() and organizations() mapped to PER, LOC and ORG; it has no MISC), plus tokens per second
 * for both (one core, after a warm-up run). Speed is reported against both wall time and the
 * process's own CPU time: on a shared machine the CPU figure is the stable one.
 *
 *   node --import tsx scripts/eval-ner.ts [--model path/to/model.bin] [--no-peer] [--file dev.txt]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { readConll, toIob2, ConllScorer, formatScores, type ConllDocument } from '../src/nlp/ner/conll.ts';
import { loadGazetteer } from '../src/nlp/ner/gazetteer.ts';
import { loadModel } from '../src/nlp/ner/model.ts';
import { defaultModelPath, tagConll } from '../src/nlp/ner/recognizer.ts';
import { Tagger } from '../src/nlp/ner/tagger.ts';
import { halvesLine, optionValue } from './lib.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const TYPES = ['PER', 'LOC', 'ORG', 'MISC'];
/** Timed repetitions of the tagger over the whole set (the best is reported: least noise from other load). */
const TAGGER_RUNS = 3;

/** CPU milliseconds (user + system) this process spent since `since`. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

function countTokens(docs: ConllDocument[]): number {
  return docs.reduce((a, d) => a + d.reduce((b, s) => b + s.tokens.length, 0), 0);
}

function evalTagger(docs: ConllDocument[], tagger: Tagger) {
  const sentences = docs.map((d) => d.map((s) => s.tokens));
  // warm-up (JIT), then timed runs
  sentences.forEach((d) => tagConll(d, tagger));
  let best = Infinity;
  let bestCpu = Infinity;
  let preds: string[][][] = [];
  for (let r = 0; r < TAGGER_RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    preds = sentences.map((d) => tagConll(d, tagger));
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    bestCpu = Math.min(bestCpu, cpuMs(c0));
  }
  // all documents, then each half (documents alternately: the halves rules are checked on)
  const scorers = [new ConllScorer(), new ConllScorer(), new ConllScorer()];
  docs.forEach((d, i) =>
    d.forEach((s, j) => {
      scorers[0].add(toIob2(s.tags), preds[i][j]);
      scorers[1 + (i % 2)].add(toIob2(s.tags), preds[i][j]);
    }),
  );
  const [scores, halfA, halfB] = scorers.map((sc) => sc.scores(TYPES));
  return { scores, halves: [halfA, halfB], ms: best, cpuMs: bestCpu };
}

/** compromise over the same tokens: the document's sentences joined by spaces and newlines. */
function evalCompromise(docs: ConllDocument[]) {
  const scorer = new ConllScorer();
  let ms = 0;
  let cpu = 0;
  for (const d of docs) {
    let text = '';
    const starts: number[][] = [];
    for (const s of d) {
      starts.push(
        s.tokens.map((t, k) => {
          const at = text.length;
          text += t + (k + 1 < s.tokens.length ? ' ' : '');
          return at;
        }),
      );
      text += '\n';
    }
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const doc = nlp(text);
    const found: [string, { start: number; length: number }][] = [];
    for (const [type, view] of [
      ['PER', doc.people()],
      ['LOC', doc.places()],
      ['ORG', doc.organizations()],
    ] as const) {
      for (const m of view.json({ offset: true }) as { offset: { start: number; length: number } }[])
        found.push([type, m.offset]);
    }
    ms += Number(process.hrtime.bigint() - t0) / 1e6;
    cpu += cpuMs(c0);
    const tags = d.map((s) => s.tokens.map(() => 'O'));
    for (const [type, off] of found) {
      const a = off.start;
      const b = off.start + off.length;
      d.forEach((s, si) => {
        let first = true;
        s.tokens.forEach((t, k) => {
          const ts = starts[si][k];
          if (ts < a || ts + t.length > b || !/[\p{L}\p{N}]/u.test(t)) return;
          if (tags[si][k] !== 'O') return;
          tags[si][k] = (first ? 'B-' : 'I-') + type;
          first = false;
        });
      });
    }
    d.forEach((s, si) => scorer.add(toIob2(s.tags), tags[si]));
  }
  return { scores: scorer.scores(TYPES), ms, cpuMs: cpu };
}

function speed(nTok: number, r: { ms: number; cpuMs: number }): string {
  const f = (ms: number) => Math.round((nTok / ms) * 1000).toLocaleString('en');
  return `${f(r.cpuMs)} tokens/s by CPU time (${r.cpuMs.toFixed(0)} ms), ${f(r.ms)} tokens/s by wall time (${r.ms.toFixed(0)} ms)`;
}

function main(): void {
  const file = optionValue('file') ?? path.resolve(repoRoot, '../shared/data/conll2003/dev.txt');
  const modelPath = optionValue('model') ?? defaultModelPath();
  const t0 = Date.now();
  const tagger = new Tagger(loadModel(modelPath), loadGazetteer());
  const loadMs = Date.now() - t0;
  const docs = readConll(file);
  const nTok = countTokens(docs);
  console.log(
    `${path.basename(file)}: ${docs.length} documents, ${nTok} tokens; model ${path.relative(process.cwd(), modelPath)} loaded in ${loadMs} ms`,
  );
  const ours = evalTagger(docs, tagger);
  console.log(formatScores('sitrep tagger (conlleval)', ours.scores));
  console.log(halvesLine(ours.halves[0].overall.f1, ours.halves[1].overall.f1));
  console.log(`  speed: ${speed(nTok, ours)}; best of ${TAGGER_RUNS} runs`);
  if (process.argv.includes('--no-peer')) return;
  const peer = evalCompromise(docs);
  console.log(formatScores('compromise 14 peer (conlleval; no MISC)', peer.scores));
  console.log(`  speed: ${speed(nTok, peer)}`);
  console.log(
    `speed ratio: ${(peer.cpuMs / ours.cpuMs).toFixed(1)}x compromise by CPU time, ${(peer.ms / ours.ms).toFixed(1)}x by wall time`,
  );
}

main();
