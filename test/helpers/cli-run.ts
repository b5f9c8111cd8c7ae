/** Run the sitrep CLI as a child process (the way users and CI do), for crash and fault tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { SITREP_BIN, REPO } from './corpus-backends.ts';
import { openDb } from '../../src/corpus/db.ts';

export interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(args: string[]): { child: ChildProcess; done: Promise<Done> } {
  const child = spawn(process.execPath, [SITREP_BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Done>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runCli(args: string[]): Promise<Done> {
  return startCli(args).done;
}

/** Count rows with a short-lived connection; 0 while the database or table does not exist yet. */
export async function countRows(spec: string, sql: string): Promise<number> {
  try {
    const db = await openDb(spec);
    try {
      return Number((await db.get<{ n: number }>(sql))?.n ?? 0);
    } finally {
      await db.close();
    }
  } catch {
    return 0;
  }
}

/** Wait until `check` holds, polling; fails after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
