/**
 * eval:published — how well the publication day is read from the text when none is given.
 *
 *   node --import tsx scripts/eval-published.ts [--errors]
 *
 * Each document's known day is hidden (MEANTIME's creation time, TempEval-3's <DCT>, PolNeAR's
 * metadata.tsv), the times stage runs without it, and what it infers (`publishedInferred`) is
 * compared with the known day. Prints, per source: documents, coverage (share with a day
 * inferred), and of those inferred the share right to the day and within one day.
 *
 * The rules of nlp/times/published.ts were written looking at PolNeAR train and TBAQ part A
 * (alternate documents, as eval:times splits them); `--errors` lists the wrong ones of those only.
 * MEANTIME, TBAQ part B and PolNeAR dev are untouched.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Doc } from '../src/model/doc.ts';
import { timeStage } from '../src/nlp/times.ts';
import { parseIsoDay } from '../src/nlp/times/calendar.ts';
import { SHARED, pct, sentencesAndTokens } from './lib.ts';
import { listFiles, loadMeantime, loadTimeml } from './time-corpora.ts';

interface Dated {
  name: string;
  /** The known publication day, hidden from the stage. */
  day: string;
  doc: Doc;
}

/** A Doc with the sentences the loader gives and no publication day. */
function undated(name: string, text: string, sentences: { start: number; end: number }[]): Doc {
  const doc = new Doc({ id: name, source: {}, text });
  doc.sentences = sentences.map((s) => ({ ...s }));
  return doc;
}

function meantime(): Dated[] {
  const dir = path.join(SHARED, 'data/meantime');
  if (!existsSync(dir)) return [];
  return listFiles(dir, '.xml')
    .map(loadMeantime)
    .filter((d) => d.dct)
    .map((d) => ({ name: d.name, day: d.dct, doc: undated(d.name, d.text, d.sentences) }));
}

function tbaq(part: 0 | 1): Dated[] {
  const dir = path.join(SHARED, 'data/tempeval3/TBAQ-cleaned');
  if (!existsSync(dir)) return [];
  return listFiles(dir, '.tml')
    .filter((_, i) => i % 2 === part)
    .map(loadTimeml)
    .map((d) => ({ name: d.name, day: d.dct, doc: undated(d.name, d.text, d.sentences) }));
}

function polnear(split: 'train' | 'dev'): Dated[] {
  const root = path.join(SHARED, 'data/attribution/polnear');
  if (!existsSync(path.join(root, 'metadata.tsv'))) return [];
  const days = new Map<string, string>();
  for (const line of readFileSync(path.join(root, 'metadata.tsv'), 'utf8').split('\n').slice(1)) {
    const f = line.split('\t');
    if (f[0] === split && /^\d{4}-\d\d-\d\d$/.test(f[5] ?? '')) days.set(f[1], f[5]);
  }
  const dir = path.join(root, split, 'text');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && days.has(f.slice(0, -4)))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      return { name, day: days.get(name)!, doc: sentencesAndTokens(readFileSync(path.join(dir, f), 'utf8'), name) };
    });
}

interface Tally {
  docs: number;
  inferred: number;
  exact: number;
  withinDay: number;
  wrong: string[];
}

function score(docs: Dated[]): Tally {
  const t: Tally = { docs: docs.length, inferred: 0, exact: 0, withinDay: 0, wrong: [] };
  for (const d of docs) {
    timeStage.run(d.doc);
    const got = d.doc.publishedInferred;
    if (!got) continue;
    t.inferred++;
    const off = Math.abs(parseIsoDay(got.value)! - parseIsoDay(d.day)!);
    if (off === 0) t.exact++;
    if (off <= 1) t.withinDay++;
    else
      t.wrong.push(
        `${d.name.slice(0, 40)}  known ${d.day} · inferred ${got.value} (${got.confidence}) from ` +
          got.evidence.map((e) => JSON.stringify(e.text)).join(', '),
      );
  }
  return t;
}

function line(name: string, t: Tally): string {
  const share = (n: number, of: number) => (of ? pct(n / of) : '  -');
  return (
    `${name.padEnd(28)} ${String(t.docs).padStart(5)} docs  coverage ${share(t.inferred, t.docs).padStart(5)}%` +
    `  exact ${share(t.exact, t.inferred).padStart(5)}%  within a day ${share(t.withinDay, t.inferred).padStart(5)}%` +
    `  (${t.inferred} inferred)`
  );
}

function main(): void {
  const sources: [string, Dated[], boolean][] = [
    ['PolNeAR train (tuning)', polnear('train'), true],
    ['TBAQ part A (tuning)', tbaq(0), true],
    ['PolNeAR dev', polnear('dev'), false],
    ['TBAQ part B', tbaq(1), false],
    ['MEANTIME', meantime(), false],
  ];
  if (sources.every(([, docs]) => docs.length === 0)) {
    console.log(`skipped: no evaluation data under ${SHARED}/data (MEANTIME, TempEval-3, PolNeAR)`);
    return;
  }
  const all: Tally = { docs: 0, inferred: 0, exact: 0, withinDay: 0, wrong: [] };
  const untouched: Tally = { docs: 0, inferred: 0, exact: 0, withinDay: 0, wrong: [] };
  const errors: string[] = [];
  for (const [name, docs, tuning] of sources) {
    if (docs.length === 0) continue;
    const t = score(docs);
    console.log(line(name, t));
    for (const into of tuning ? [all] : [all, untouched]) {
      into.docs += t.docs;
      into.inferred += t.inferred;
      into.exact += t.exact;
      into.withinDay += t.withinDay;
    }
    if (tuning) errors.push(...t.wrong);
  }
  console.log(line('untouched sources', untouched));
  console.log(line('all', all));
  if (process.argv.includes('--errors')) for (const e of errors) console.log(e);
}

main();
