/**
 * `npm run bench`: the start-up of the `sitrep` command (scripts/bench-startup.ts; `-- --startup` for
 * that alone, `--before PATH` to measure an older checkout's command beside it), then articles and
 * tokens per second of the full `analyze` pipeline over a corpus of 1,000 synthetic articles of about
 * 600 words (scripts/synth.ts), excluding process start and model loading, plus peak memory. Options:
 * --count N, --words N. The pipeline runs on one thread; V8 adds compiler and GC threads, so to
 * measure one core run it pinned: `taskset -c 0 npm run bench`.
 */
import { Pipeline } from '../src/pipeline.ts';
import { synthCorpus, synthSource } from './synth.ts';
import { benchStartup } from './bench-startup.ts';
import { optionValue } from './lib.ts';

// Start-up first (scripts/bench-startup.ts): whole processes of `sitrep --help` and a one-line analyse.
benchStartup(optionValue('bin'), optionValue('before'));
if (process.argv.includes('--startup')) process.exit(0);
console.log();

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const count = arg('--count', 1000);
const corpus = synthCorpus(count, arg('--words', 600));
const pipeline = new Pipeline();
// Warm up: loads models and gazetteers and lets V8 compile the hot paths (excluded, like process start).
const WARMUP = 100;
for (const a of corpus.slice(0, WARMUP))
  pipeline.analyze({ id: a.id, source: { published: a.published }, text: a.text });

const words = corpus.reduce((n, a) => n + a.text.split(/\s+/).length, 0);
let tokens = 0;
let peakRss = process.memoryUsage().rss;
const stageMs = new Map<string, number>();
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (const a of corpus) {
  const doc = pipeline.process({ id: a.id, source: { published: a.published, publisher: a.publisher }, text: a.text });
  tokens += doc.tokens.length;
  if ((tokens & 0xff) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
// CPU seconds of this process: on a busy machine the honest measure of one core's throughput.
const cpuSecs = (cpu.user + cpu.system) / 1e6;
peakRss = Math.max(peakRss, process.memoryUsage().rss);

// A second, instrumented pass over a sample: where the time goes, stage by stage.
for (const a of corpus.slice(0, 200)) {
  for (const [name, ms] of pipeline.timeStages({ id: a.id, source: { published: a.published }, text: a.text })) {
    stageMs.set(name, (stageMs.get(name) ?? 0) + ms);
  }
}

console.log(
  `corpus: ${count} synthetic articles, ${Math.round(words / count)} words each on average, ${tokens} tokens; source: ${synthSource()}`,
);
console.log(
  `analyze: ${(count / secs).toFixed(1)} articles/s, ${Math.round(tokens / secs).toLocaleString('en')} tokens/s by wall time (${secs.toFixed(2)} s)`,
);
console.log(
  `         ${(count / cpuSecs).toFixed(1)} articles/s, ${Math.round(tokens / cpuSecs).toLocaleString('en')} tokens/s by CPU time (${cpuSecs.toFixed(2)} s, V8's compiler and GC threads included)`,
);
console.log(`peak memory (RSS): ${(peakRss / 1048576).toFixed(0)} MB`);
const total = [...stageMs.values()].reduce((x, y) => x + y, 0);
console.log('time by stage (sample of 200):');
for (const [name, ms] of stageMs)
  console.log(
    `  ${name.padEnd(10)} ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${(ms / 200).toFixed(2)} ms/article`,
  );
