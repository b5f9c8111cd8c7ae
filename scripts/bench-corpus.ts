/**
 * `npm run bench:corpus`: the corpus at scale. Ingests synthetic articles (scripts/synth.ts: real
 * news from ../shared/data, or the team's examples without it, with varied names, places, dates
 * and numbers, and a share of syndicated copies) and prints:
 *   - articles/s into SQLite, analysis included, one process, through `sitrep ingest`'s own path
 *     (batched commits), and the storing share; pin it to one core with `taskset -c 0`; and the
 *     process's CPU time per article in all its threads (articles per CPU-second);
 *   - articles/s into PostgreSQL through the job queue with one and with two `sitrep worker`
 *     processes (the speed-up of two over one);
 *   - search latency p50/p95 over queries of 1–3 words of one article;
 *   - bytes stored per article.
 * Run it as `npm run bench:corpus`, which gives V8 the young generation that `sitrep` itself runs
 * with (see bin/sitrep.mjs).
 * Options: --count N (default 10000), --words N (default 600), --queries N (default 200),
 * --pg URL (default $SITREP_TEST_PG; PostgreSQL is skipped with a note when neither is set),
 * --source auto|shared|examples (default auto: ../shared/data when present), --keep (leave the databases behind),
 * --only sqlite|postgres (run one half).
 * Before the PostgreSQL runs it prints how much faster this machine runs two copies of a small
 * CPU- and memory-bound loop than one: the most any two processes can gain here (on a shared VM it
 * can be well under 2, and it drifts).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { Pipeline } from '../src/pipeline.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import { ingestDirect } from '../src/corpus/ingest.ts';
import type { InputResult } from '../src/ingest/inputs.ts';
import { wordsOf } from '../src/text/words.ts';
import { synthCorpus, synthSource, type SynthArticle } from './synth.ts';
import { REPO_ROOT } from './lib.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const count = Number(arg('--count') ?? 10_000);
const wordsPer = Number(arg('--words') ?? 600);
const queries = Number(arg('--queries') ?? 200);
const pgUrl = arg('--pg') ?? process.env.SITREP_TEST_PG;
const keep = process.argv.includes('--keep');
const source = (arg('--source') ?? 'auto') as 'auto' | 'shared' | 'examples';
const only = arg('--only');
if (only && only !== 'sqlite' && only !== 'postgres') {
  console.error(`bench:corpus: --only takes sqlite or postgres, not ${only}`);
  process.exit(2);
}
/** Words shorter than this make poor queries (stop words, numbers). */
const MIN_QUERY_WORD = 4;

const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-corpus-'));
const articles = synthCorpus(count, wordsPer, undefined, { source });
const jsonl = join(work, 'articles.jsonl');
writeFileSync(jsonl, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
const avgWords = Math.round(articles.reduce((n, a) => n + a.text.split(/\s+/).length, 0) / count);
console.log(
  `corpus: ${count} synthetic articles, ${avgWords} words each on average; source: ${synthSource({ source })}`,
);

const raw = (a: SynthArticle) => ({
  id: a.id,
  source: { published: a.published, publisher: a.publisher, url: a.url },
  text: a.text,
});
const rate = (n: number, ms: number) => ((1000 * n) / ms).toFixed(1);
const pctl = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/**
 * Queries of 1–3 words as a reader would type them: words of one article (so they occur together
 * somewhere), drawn from the first 500 articles; seeded, so runs are comparable.
 */
function makeQueries(n: number): string[] {
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pool = articles
    .slice(0, 500)
    .map((a) => [...new Set(wordsOf(a.text).filter((w) => w.length >= MIN_QUERY_WORD && !/\d/.test(w)))]);
  return Array.from({ length: n }, () => {
    const vocab = pool[Math.floor(rnd() * pool.length)];
    return Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => vocab[Math.floor(rnd() * vocab.length)]).join(' ');
  });
}

async function searchLatency(corpus: Corpus, label: string): Promise<void> {
  const qs = makeQueries(queries);
  for (const q of qs.slice(0, 10)) await corpus.search(q); // warm caches
  const ms: number[] = [];
  let hits = 0;
  for (const q of qs) {
    const t = performance.now();
    hits += (await corpus.search(q)).results.length;
    ms.push(performance.now() - t);
  }
  console.log(
    `${label} search: p50 ${pctl(ms, 50).toFixed(1)} ms, p95 ${pctl(ms, 95).toFixed(1)} ms (${queries} queries of 1-3 words from one article, top 20 shown; ${(hits / queries).toFixed(1)} results each on average)`,
  );
}

/**
 * Seconds for one copy of a loop that builds maps of strings (CPU and memory, like analysis), run
 * `copies` at once; the mean over the copies.
 */
async function loopSeconds(copies: number): Promise<number> {
  const code = `const t = performance.now(); const w = Array.from({ length: 200000 }, (_, i) => 'w' + i);
    for (let r = 0; r < 40; r++) { const m = new Map(); for (const s of w) m.set(s + r, s.length); }
    process.stdout.write(String((performance.now() - t) / 1000));`;
  const one = () =>
    new Promise<number>((ok, fail) => {
      const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', (c) => (c === 0 ? ok(Number(out)) : fail(new Error(`calibration loop exited ${c}`))));
    });
  const times = await Promise.all(Array.from({ length: copies }, one));
  return times.reduce((a, b) => a + b, 0) / copies;
}

/** How many times one copy's throughput two copies at once give: one, two, one again (the drift cancels). */
async function machineSpeedUp(): Promise<number> {
  const a = await loopSeconds(1);
  const pair = await loopSeconds(2);
  const b = await loopSeconds(1);
  return (2 * ((a + b) / 2)) / pair;
}

// ---- SQLite, in process: analyse + store, through the same path as `sitrep ingest` ---------------
if (only !== 'postgres') {
  const path = join(work, 'bench.db');
  const pipeline = new Pipeline();
  for (const a of articles.slice(0, 10)) pipeline.analyze(raw(a)); // load models, warm up
  // Time spent analysing, so the rest of the run is storing (ingestDirect batches the commits).
  let analysisMs = 0;
  const analyze = pipeline.analyze.bind(pipeline);
  pipeline.analyze = (r) => {
    const t = performance.now();
    try {
      return analyze(r);
    } finally {
      analysisMs += performance.now() - t;
    }
  };
  async function* inputs(): AsyncIterable<InputResult> {
    for (const a of articles) yield { ok: true, article: raw(a) };
  }
  const corpus = await Corpus.open(path);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const tally = await ingestDirect(corpus, inputs(), undefined, pipeline);
  const cpu = process.cpuUsage(cpu0);
  const total = performance.now() - t0;
  const storeMs = total - analysisMs;
  // CPU time of the whole process (every thread: V8's compiler and garbage collector too): how many
  // articles one core sustains, whatever else the machine is doing; pinning with taskset measures it by wall time.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `sqlite ingest: ${rate(count, total)} articles/s including analysis (one process, as sitrep ingest does it); storing ${(storeMs / count).toFixed(1)} ms/article (${rate(count, storeMs)} articles/s), analysis ${(analysisMs / count).toFixed(1)} ms/article; ${tally.added} added, ${tally.duplicate} duplicates, ${tally.failed} failed`,
  );
  console.log(
    `sqlite ingest CPU: ${(cpuMs / count).toFixed(2)} ms per article in all threads = ${rate(count, cpuMs)} articles per CPU-second (what one core sustains)`,
  );
  const c = await corpus.counts();
  console.log(
    `sqlite corpus: ${c.articles} articles, ${c.stories} stories, ${c.entities} entities, ${c.events} events`,
  );
  await searchLatency(corpus, 'sqlite');
  await corpus.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  await corpus.close();
  const bytes = statSync(path).size + (existsSync(path + '-wal') ? statSync(path + '-wal').size : 0);
  console.log(
    `sqlite storage: ${Math.round(bytes / count).toLocaleString('en')} bytes per article (${(bytes / 1048576).toFixed(1)} MB in all)`,
  );
}

// ---- PostgreSQL: queue, then one and two worker processes ---------------------------------------
if (only === 'sqlite') {
  // PostgreSQL not asked for
} else if (!pgUrl) {
  console.log('postgres: skipped (pass --pg URL or set SITREP_TEST_PG; scripts/ci-postgres.sh starts a local server)');
} else {
  console.log(
    `machine: two copies of a CPU- and memory-bound loop run ${(await machineSpeedUp()).toFixed(2)}x as fast as one (the most two processes can gain here)`,
  );
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const dbUrl = (name: string) => {
    const u = new URL(pgUrl);
    u.pathname = '/' + name;
    return u.toString();
  };
  const worker = (url: string, name: string) =>
    new Promise<void>((resolveRun, reject) => {
      // the young-generation size this benchmark runs with (npm run bench:corpus passes the one bin/sitrep.mjs uses)
      const heapFlags = process.execArgv.filter((a) => a.startsWith('--max-semi-space-size'));
      const child = spawn(
        process.execPath,
        [...heapFlags, resolve(REPO_ROOT, 'bin/sitrep.mjs'), 'worker', '--drain', '--name', name, '--db', url],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) =>
        code === 0 ? resolveRun() : reject(new Error(`worker ${name} exited ${code}: ${err.trim()}`)),
      );
    });
  const results: number[] = [];
  for (const workers of [1, 2]) {
    const name = `sitrep_bench_${process.pid}_${workers}`;
    await admin(`DROP DATABASE IF EXISTS ${name}`);
    await admin(`CREATE DATABASE ${name}`);
    const url = dbUrl(name);
    const corpus = await Corpus.open(url);
    const tq = performance.now();
    await corpus.db.transaction(async (tx) => {
      for (const a of articles) {
        await tx.run('INSERT INTO jobs (input, status, created_at) VALUES (?, ?, ?)', [
          JSON.stringify(raw(a)),
          'queued',
          new Date().toISOString(),
        ]);
      }
    });
    const queueMs = performance.now() - tq;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: workers }, (_, i) => worker(url, `w${i + 1}`)));
    const ms = performance.now() - t0;
    results.push((1000 * count) / ms);
    const c = await corpus.counts();
    console.log(
      `postgres ${workers} worker${workers > 1 ? 's' : ''}: ${rate(count, ms)} articles/s (analysis included, process start included; ${c.articles} articles stored; queueing took ${(queueMs / 1000).toFixed(1)} s)`,
    );
    if (workers === 2) {
      await searchLatency(corpus, 'postgres');
      const size = Number((await corpus.db.get<{ n: number }>('SELECT pg_database_size(current_database()) AS n'))!.n);
      console.log(
        `postgres storage: ${Math.round(size / count).toLocaleString('en')} bytes per article (database size, jobs table included)`,
      );
    }
    await corpus.close();
    if (!keep) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  console.log(`postgres speed-up of two workers over one: ${(results[1] / results[0]).toFixed(2)}x`);
}

if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept: ${work}`);
