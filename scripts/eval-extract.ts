/**
 * eval:extract — score article-body extraction on ../shared/data/article-extraction with the
 * article-extraction-benchmark's own metric, for sitrep and (same run, same pages) Readability alone.
 *
 *   node --import tsx scripts/eval-extract.ts [--data DIR] [--only sitrep|readability] [--verbose]
 *
 * sitrep is scored on `body` (paragraphs and headings): the benchmark's articleBody leaves
 * photo captions out. Metric (the benchmark's): tokens are runs of /[\p{L}\p{N}_]+/u; each text is a multiset of
 * overlapping 4-token shingles (1–3 tokens: one shingle; empty: none); per page tp/fp/fn;
 * precision averaged over pages with output, recall over pages with ground truth; F1 is the
 * harmonic mean of the two means; accuracy is the share of pages with identical token lists.
 * Speed: pages per second of wall time and of this process's CPU time (parse + extract, no
 * process start; the CPU figure is steadier on a shared machine).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractHtml } from '../src/ingest/html.ts';
import { decodeText, maybeGunzip } from '../src/ingest/detect.ts';

const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function shingles(toks: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const n = Math.max(1, toks.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    const s = toks.slice(i, i + SHINGLE).join(' ');
    if (s) out.set(s, (out.get(s) ?? 0) + 1);
  }
  return out;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  exact: boolean;
  hasOutput: boolean;
  hasTruth: boolean;
}

/** The benchmark's per-page shingle matching. */
export function scorePage(truth: string, pred: string): PageScore {
  const tt = tokens(truth);
  const pt = tokens(pred);
  const a = shingles(tt);
  const b = shingles(pt);
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const t = a.get(key) ?? 0;
    const p = b.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const s = tp + fp + fn;
  if (s > 0) {
    tp /= s;
    fp /= s;
    fn /= s;
  }
  const both = fp === 0 && fn === 0;
  const precision = both ? 1 : tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = both ? 1 : tp + fn > 0 ? tp / (tp + fn) : 0;
  return {
    tp,
    fp,
    fn,
    precision,
    recall,
    exact: tt.length === pt.length && tt.every((t, i) => t === pt[i]),
    hasOutput: pt.length > 0,
    hasTruth: tt.length > 0,
  };
}

export function corpusScores(pages: PageScore[]) {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((x, y) => x + y, 0) / xs.length : 0);
  const precision = mean(pages.filter((p) => p.hasOutput).map((p) => p.precision));
  const recall = mean(pages.filter((p) => p.hasTruth).map((p) => p.recall));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = pages.filter((p) => p.exact).length / (pages.length || 1);
  return { f1, precision, recall, accuracy };
}

function readabilityText(html: string, url: string): string {
  const { document } = parseHTML(html);
  try {
    Object.defineProperty(document, 'documentURI', { value: url });
  } catch {
    /* ignore */
  }
  const art = new Readability(document as unknown as Document).parse();
  return art?.textContent ?? '';
}

function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = path.resolve(arg('--data') ?? path.resolve(here, '../../shared/data/article-extraction'));
  const only = arg('--only');
  const verbose = args.includes('--verbose');
  if (!fs.existsSync(path.join(dir, 'ground-truth.json'))) {
    console.error(`eval:extract: no data at ${dir} (ground-truth.json missing)`);
    process.exit(2);
  }
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string; articleBody: string }
  >;
  const ids = Object.keys(truth).sort();
  const pages = ids.map((id) => {
    const bytes = maybeGunzip(fs.readFileSync(path.join(dir, 'html', `${id}.html.gz`)));
    return { id, url: truth[id]!.url, html: decodeText(bytes), body: truth[id]!.articleBody };
  });

  const systems: [string, (html: string, url: string) => string][] = [
    ['sitrep', (html, url) => extractHtml(html, { url }).body],
    ['readability', readabilityText],
  ];
  console.log(`eval:extract on ${pages.length} pages from ${dir}`);
  console.log('system        F1     precision  recall  accuracy  pages/s(wall) pages/s(cpu)');
  for (const [name, run] of systems) {
    if (only && only !== name) continue;
    // Warm the JIT on a few pages so the timing measures steady-state extraction.
    for (const p of pages.slice(0, 3)) run(p.html, p.url);
    const scores: PageScore[] = [];
    let ms = 0;
    let cpuUs = 0;
    for (const p of pages) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const out = run(p.html, p.url);
      const c1 = process.cpuUsage(c0);
      ms += performance.now() - t0;
      cpuUs += c1.user + c1.system;
      const s = scorePage(p.body, out);
      scores.push(s);
      if (verbose && name === 'sitrep') {
        console.log(`  ${p.id.slice(0, 10)} P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} ${p.url}`);
      }
    }
    const c = corpusScores(scores);
    const pps = pages.length / (ms / 1000);
    const cpuPps = pages.length / (cpuUs / 1e6);
    console.log(
      `${name.padEnd(12)}  ${c.f1.toFixed(3)}  ${c.precision.toFixed(3)}      ${c.recall.toFixed(3)}   ${c.accuracy.toFixed(3)}     ${pps.toFixed(1).padStart(5)}       ${cpuPps.toFixed(1).padStart(5)}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
