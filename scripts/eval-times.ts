/**
 * Evaluate the time stage on MEANTIME (NewsReader CAT XML, TIMEX3 annotation of WikiNews) or on
 * TimeML news (TempEval-3's TBAQ-cleaned: TimeBank and AQUAINT, inline TIMEX3 tags).
 *
 *   node --import tsx scripts/eval-times.ts [--split dev] [--data ../shared/data/meantime] [--errors]
 *   node --import tsx scripts/eval-times.ts --data ../shared/data/tempeval3/TBAQ-cleaned [--errors]
 *
 * The format is told by the files: `.xml` is MEANTIME, `.tml` is TimeML.
 *
 * TimeML: the text is the document's <TEXT> with every tag removed, the creation time is the
 * TIMEX3 inside <DCT>, and every TIMEX3 of <TEXT> is gold. The documents are split in two by
 * document (alternately, in file order): rules were written and tuned on part A only, part B is
 * untouched and is the figure to report. Both are printed, with the gap between them.
 *
 * Per document: the text is rebuilt from the tokens (detokenised, one line for the title, one for
 * the dateline, then the body), the stage runs with the document creation time (the TIMEX3 with
 * functionInDocument="CREATION_TIME", else the dateline's TIMEX3) as publication day, and only the
 * annotated part counts: the sentences up to the last one holding any markable, minus the dateline
 * itself. Empty TIMEX3 (no tokens) are implicit and not scored.
 *
 * Prints relaxed (overlap) and strict span P/R/F1, value accuracy on relaxed matches, value F1
 * (TempEval-3 style: a match with the right value is a true positive), per-type counts and
 * throughput. The shipped files are the dev split; held-out halves are scored the same way.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import { resolveTimes } from '../src/nlp/times.ts';
import { listFiles, loadMeantime, loadTimeml, type EvalDoc } from './time-corpora.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  split: string;
  data: string;
  errors: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { split: 'dev', data: path.resolve(repoRoot, '../shared/data/meantime'), errors: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--split') args.split = argv[++i];
    else if (argv[i] === '--data') args.data = path.resolve(argv[++i]);
    else if (argv[i] === '--errors') args.errors = true;
  }
  return args;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** What the stage found against the gold, for a set of documents. */
interface Score {
  gold: number;
  predicted: number;
  relaxed: number;
  strict: number;
  valueOk: number;
  typeGold: Record<string, number>;
  typePred: Record<string, number>;
  typeMatched: Record<string, number>;
  typeValueOk: Record<string, number>;
  errors: string[];
}

function runStage(d: EvalDoc) {
  const doc = new Doc({ id: d.name, source: { published: d.dct }, text: d.text });
  doc.sentences = d.sentences;
  return resolveTimes(doc);
}

/** The sentence holding an offset, on one line (for the error list). */
function sentenceAround(d: EvalDoc, offset: number): string {
  const s = d.sentences.find((x) => x.start <= offset && offset < x.end);
  return s ? d.text.slice(s.start, s.end).replace(/\s+/g, ' ') : '';
}

function score(docs: EvalDoc[]): Score {
  const sc: Score = {
    gold: 0,
    predicted: 0,
    relaxed: 0,
    strict: 0,
    valueOk: 0,
    typeGold: {},
    typePred: {},
    typeMatched: {},
    typeValueOk: {},
    errors: [],
  };
  const count = (r: Record<string, number>, k: string) => (r[k] = (r[k] ?? 0) + 1);
  for (const d of docs) {
    const preds = runStage(d).filter(
      (t) =>
        d.scored.some((s) => t.start >= s.start && t.start < s.end) &&
        !(d.exclude && t.start < d.exclude.end && d.exclude.start < t.end),
    );
    sc.gold += d.gold.length;
    sc.predicted += preds.length;
    for (const p of preds) count(sc.typePred, p.kind);
    const used = new Set<number>();
    for (const g of d.gold) {
      count(sc.typeGold, g.type);
      let best = -1;
      let bestOverlap = 0;
      preds.forEach((p, i) => {
        if (used.has(i)) return;
        const ov = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        if (ov > bestOverlap) {
          bestOverlap = ov;
          best = i;
        }
      });
      if (best < 0) {
        sc.errors.push(
          `MISS  ${d.name.slice(0, 30)}  "${g.text}" ${g.type} ${g.value}\n        ${sentenceAround(d, g.start)}`,
        );
        continue;
      }
      used.add(best);
      const p = preds[best];
      sc.relaxed++;
      count(sc.typeMatched, g.type);
      if (p.start === g.start && p.end === g.end) sc.strict++;
      else sc.errors.push(`SPAN  ${d.name.slice(0, 30)}  gold "${g.text}" · "${p.text}"`);
      if (p.value === g.value) {
        sc.valueOk++;
        count(sc.typeValueOk, g.type);
      } else
        sc.errors.push(
          `VALUE ${d.name.slice(0, 30)}  "${g.text}" gold ${g.value} · "${p.text}" ${p.value} (dct ${d.dct})` +
            `\n        ${sentenceAround(d, g.start)}`,
        );
    }
    preds.forEach((p, i) => {
      if (!used.has(i)) sc.errors.push(`EXTRA ${d.name.slice(0, 30)}  "${p.text}" ${p.kind} ${p.value}`);
    });
  }
  return sc;
}

const pct = (x: number) => (100 * x).toFixed(1);

/** Relaxed span F1, strict span F1, value F1 and value accuracy (percent). */
function figures(sc: Score) {
  const rate = (n: number) => ({ p: n / sc.predicted, r: n / sc.gold, f: f1(n / sc.predicted, n / sc.gold) });
  return {
    relaxed: rate(sc.relaxed),
    strict: rate(sc.strict),
    value: rate(sc.valueOk),
    accuracy: sc.valueOk / sc.relaxed,
  };
}

function printScore(title: string, sc: Score): void {
  const f = figures(sc);
  console.log(title);
  console.log(`relaxed span  P ${pct(f.relaxed.p)}  R ${pct(f.relaxed.r)}  F1 ${pct(f.relaxed.f)}`);
  console.log(`strict span   P ${pct(f.strict.p)}  R ${pct(f.strict.r)}  F1 ${pct(f.strict.f)}`);
  console.log(`value accuracy on relaxed matches ${pct(f.accuracy)} (${sc.valueOk}/${sc.relaxed})`);
  console.log(
    `value         P ${pct(f.value.p)}  R ${pct(f.value.r)}  F1 ${pct(f.value.f)}   (HeidelTime TempEval-3: value F1 77.6)`,
  );
  console.log('per type (gold / predicted / matched / value right):');
  for (const [gt, pk] of [
    ['DATE', 'date'],
    ['TIME', 'time'],
    ['DURATION', 'duration'],
    ['SET', 'set'],
  ]) {
    const cell = (r: Record<string, number>, k: string) => String(r[k] ?? 0).padStart(4);
    console.log(
      `  ${gt.padEnd(9)} ${cell(sc.typeGold, gt)} ${cell(sc.typePred, pk)} ${cell(sc.typeMatched, gt)} ${cell(sc.typeValueOk, gt)}`,
    );
  }
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.data)) {
    console.log(`skip: ${args.data} not found (MEANTIME lives in ../shared/data/meantime)`);
    return;
  }
  const timeml = listFiles(args.data, '.tml');
  const docs = timeml.length > 0 ? timeml.map(loadTimeml) : listFiles(args.data, '.xml').map(loadMeantime);
  const all = score(docs);
  const corpus = timeml.length > 0 ? `TimeML ${path.basename(args.data)}` : `MEANTIME ${args.split}`;
  printScore(
    `${corpus}: ${docs.length} documents, ${all.gold} gold TIMEX3 (creation times excluded), ${all.predicted} predicted`,
    all,
  );
  if (timeml.length > 0) {
    const a = score(docs.filter((_, i) => i % 2 === 0));
    const b = score(docs.filter((_, i) => i % 2 === 1));
    console.log('');
    printScore(`part A (rules tuned here): ${Math.ceil(docs.length / 2)} documents, ${a.gold} gold`, a);
    console.log('');
    printScore(`part B (untouched, the figure to report): ${Math.floor(docs.length / 2)} documents, ${b.gold} gold`, b);
    const fa = figures(a),
      fb = figures(b);
    console.log(
      `\ngap A − B: relaxed F1 ${pct(fa.relaxed.f - fb.relaxed.f)}, value F1 ${pct(fa.value.f - fb.value.f)} points`,
    );
  }

  // Throughput: the whole stage (grammar + anchoring) over the full texts.
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  const t0 = performance.now();
  let rounds = 0;
  while (performance.now() - t0 < 1000) {
    for (const d of docs) runStage(d);
    rounds++;
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `throughput ${((bytes * rounds) / 1e6 / seconds).toFixed(2)} MB/s (${(bytes / 1024).toFixed(0)} KB × ${rounds} rounds in ${seconds.toFixed(2)} s)`,
  );
  // TimeML: only part A's errors are shown, so that nothing is written from part B.
  if (args.errors)
    for (const e of timeml.length > 0 ? score(docs.filter((_, i) => i % 2 === 0)).errors : all.errors) console.log(e);
}

main();
