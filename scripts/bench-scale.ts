/**
 * `npm run bench:scale`: how analysis time and memory grow with the size of ONE input.
 *
 *   - one text of 0.1, 0.5, 1, 2, 4 and 8 MB (synthetic news articles joined, scripts/synth.ts);
 *   - nested HTML (`<div>` inside `<div>` … around one paragraph) of depth 1,000 to 100,000,
 *     extracted (`sitrep extract`'s path) and analysed.
 *
 * Each case runs in a child process of its own (so peak memory is that case's), with a time limit
 * (`--limit S`, default 300 s). Prints a table: seconds, seconds per MB, peak RSS. Options:
 * `--sizes 0.1,0.5,1`, `--depths 1000,10000`, `--limit S`.
 */
import { spawnSync } from 'node:child_process';
import { Pipeline } from '../src/pipeline.ts';
import { extractHtml } from '../src/ingest/html.ts';
import { synthCorpus } from './synth.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Synthetic articles joined to `bytes` characters, cut at a paragraph break. */
function textOf(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (const a of synthCorpus(Math.ceil(bytes / 3000) + 10, 600)) {
    parts.push(a.text);
    n += a.text.length + 2;
    if (n >= bytes) break;
  }
  return parts.join('\n\n').slice(0, bytes);
}

function nestedHtml(depth: number): string {
  const p = '<p>Finance Minister Ingrid Sandvik said on Monday in Oslo that the budget would break every promise.</p>';
  return `<html><body>${'<div>'.repeat(depth)}${p}${'</div>'.repeat(depth)}</body></html>`;
}

/** Child mode: run one case and print `seconds bytes peakRss` as JSON. */
function child(kind: string, size: number): void {
  const pipeline = new Pipeline();
  pipeline.analyze({ id: 'warm', source: {}, text: 'Anna Berg said in Oslo on Monday that talks would go on.' });
  const input = kind === 'text' ? textOf(Math.round(size * 1048576)) : nestedHtml(size);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  timer.unref();
  const t0 = performance.now();
  let note = '';
  try {
    if (kind === 'text') pipeline.analyze({ id: 'big', source: { published: '2026-05-15' }, text: input });
    else {
      const page = extractHtml(input, {});
      note = page.found ? `${page.text.length} chars kept` : 'no article found';
      if (page.found) pipeline.analyze({ id: 'nested', source: {}, text: page.text });
    }
  } catch (err) {
    note = `error: ${(err as Error).message.slice(0, 80)}`;
  }
  const seconds = (performance.now() - t0) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ seconds, bytes: input.length, peak, note }));
}

function run(kind: string, size: number, limit: number) {
  const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--child', kind, String(size)], {
    encoding: 'utf8',
    timeout: limit * 1000,
    maxBuffer: 1 << 20,
  });
  if (r.error || r.status !== 0) {
    return { failed: r.error ? `over ${limit} s` : `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop()}` };
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    seconds: number;
    bytes: number;
    peak: number;
    note: string;
  };
}

if (process.argv.includes('--child')) {
  const i = process.argv.indexOf('--child');
  child(process.argv[i + 1], Number(process.argv[i + 2]));
} else {
  const limit = Number(arg('--limit', '300'));
  const sizes = arg('--sizes', '0.1,0.5,1,2,4,8').split(',').map(Number);
  const depths = arg('--depths', '1000,3000,10000,30000,100000').split(',').map(Number);
  const mb = (n: number) => (n / 1048576).toFixed(0).padStart(6);
  console.log('one text (synthetic news articles joined)');
  console.log('    MB   seconds   s per MB   peak RSS MB');
  for (const size of sizes) {
    const r = run('text', size, limit);
    if ('failed' in r) console.log(`${size.toFixed(1).padStart(6)}   ${r.failed}`);
    else {
      const perMb = r.seconds / (r.bytes / 1048576);
      console.log(
        `${size.toFixed(1).padStart(6)} ${r.seconds.toFixed(2).padStart(9)} ${perMb.toFixed(2).padStart(10)} ${mb(r.peak)}` +
          (r.note ? `   ${r.note}` : ''),
      );
    }
  }
  console.log('\nnested HTML around one paragraph (extract, then analyse what is kept)');
  console.log('   depth     KB   seconds   peak RSS MB   result');
  for (const depth of depths) {
    const r = run('html', depth, limit);
    if ('failed' in r) console.log(`${String(depth).padStart(8)}   ${r.failed}`);
    else {
      console.log(
        `${String(depth).padStart(8)} ${String(Math.round(r.bytes / 1024)).padStart(6)} ${r.seconds.toFixed(2).padStart(9)} ` +
          `${mb(r.peak)}        ${r.note}`,
      );
    }
  }
}
