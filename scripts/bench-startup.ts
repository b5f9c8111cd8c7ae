/**
 * Start-up benchmark of `npm run bench` (scripts/bench.ts; `npm run bench -- --startup` runs it alone):
 * the whole-process time of `sitrep --help` and of analysing a one-line text, each the median of five
 * runs after one unmeasured run (which warms the file cache), beside the figures before the compiled
 * build and the targets of issue 23, and beside `node -e 0`, the floor of any Node process on the
 * machine. CPU time (user + system, all threads of the process) is printed too: on a busy machine wall
 * time counts the waits for a core as well.
 *
 * The figures before are the issue's (commit 76d9ad1, where the command ran the TypeScript sources
 * through tsx and loaded every module at start). `--before PATH` measures such a checkout's
 * bin/sitrep.mjs instead, in turns with this one (run by run), which is the fair comparison on a
 * machine whose speed drifts; `--bin PATH` times another checkout's command as "now".
 *
 * It runs bin/sitrep.mjs as a user's shell does (its `#!` line passes node's flags); that runs dist/
 * when it is current, so the figures say which code they are of. `npx sitrep` adds npm's own start
 * in front (some tenths of a second).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildState } from '../bin/build-state.mjs';
import { REPO_ROOT } from './lib.ts';

const RUNS = 5;
const ONE_LINE = 'The foreign minister said on Tuesday that talks with Russia would resume in Geneva next week.\n';

/** Issue 23's figures for the command before the compiled build (whole process, median of 5). */
export const BEFORE = { help: 1.4, analyze: 2.0 };
/** The acceptance of issue 23. */
export const TARGET = { help: 0.3, analyze: 0.8 };

/** CPU seconds of this process's finished children (Linux: /proc/self/stat cutime + cstime), if known. */
function childCpu(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state) of proc(5): cutime and cstime are fields 16 and 17, in clock ticks
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Timing {
  wall: number;
  cpu: number | undefined;
}

/** One run of `cmd args`: wall and CPU seconds. */
function once(cmd: string, args: string[]): { wall: number; cpu: number | undefined } {
  const cpu0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = childCpu();
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error}`);
  return { wall, cpu: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}

/**
 * Median wall and CPU seconds of RUNS runs of each command (after one warm-up run of each), the
 * commands taking turns run by run.
 */
function time(commands: Array<[string, string[]]>): Timing[] {
  const runs = commands.map(() => [] as Array<{ wall: number; cpu: number | undefined }>);
  for (let i = 0; i <= RUNS; i++) {
    commands.forEach(([cmd, args], k) => {
      const r = once(cmd, args);
      if (i > 0) runs[k].push(r);
    });
  }
  return runs.map((rs) => {
    const cpus = rs.flatMap((r) => (r.cpu === undefined ? [] : [r.cpu]));
    return { wall: median(rs.map((r) => r.wall)), cpu: cpus.length === rs.length ? median(cpus) : undefined };
  });
}

/** What a checkout's bin/sitrep.mjs runs. */
function runs(bin: string): string {
  const state = buildState(resolve(dirname(bin), '..'));
  return state === 'current' || state === 'installed'
    ? 'the compiled build (dist/)'
    : `the TypeScript sources through tsx (its build is ${state})`;
}

/** Measure and print the start-up table (see the head of this file for `bin` and `beforeBin`). */
export function benchStartup(bin = join(REPO_ROOT, 'bin/sitrep.mjs'), beforeBin?: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-startup-'));
  const file = join(dir, 'one-line.txt');
  writeFileSync(file, ONE_LINE);
  const analyzeArgs = ['analyze', file, '--published', '2026-05-15'];
  try {
    const commands: Array<[string, string[]]> = [
      [process.execPath, ['-e', '0']],
      [bin, ['--help']],
      [bin, analyzeArgs],
    ];
    if (beforeBin) commands.push([beforeBin, ['--help']], [beforeBin, analyzeArgs]);
    const [node, help, analyze, helpBefore, analyzeBefore] = time(commands);
    const before = beforeBin ? { help: helpBefore.wall, analyze: analyzeBefore.wall } : BEFORE;
    const s = (x: number) => `${x.toFixed(2)} s`;
    const row = (name: string, was: number | undefined, t: Timing, target?: number) =>
      `  ${name.padEnd(22)} ${(was === undefined ? '' : s(was)).padStart(7)}  ${s(t.wall).padStart(7)}` +
      `  ${(t.cpu === undefined ? '' : s(t.cpu)).padStart(7)}` +
      (target === undefined ? '' : `  ${`≤ ${s(target)}`.padStart(8)}  ${t.wall <= target ? 'met' : 'NOT met'}`);
    console.log(`start-up, whole process, median of ${RUNS}: ${bin} runs ${runs(bin)}`);
    console.log(
      beforeBin
        ? `  before: ${beforeBin} (${runs(beforeBin)}), measured in turns with it`
        : `  before: issue 23's figures (--before PATH measures a checkout of 76d9ad1 beside)`,
    );
    console.log(`  ${''.padEnd(22)} ${'before'.padStart(7)}  ${'now'.padStart(7)}  ${'now CPU'.padStart(7)}  target`);
    console.log(row('node -e 0 (the floor)', undefined, node));
    console.log(row('sitrep --help', before.help, help, TARGET.help));
    console.log(row('analyse one line', before.analyze, analyze, TARGET.analyze));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
