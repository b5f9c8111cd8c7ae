/**
 * The `sitrep` command line: a thin shell over the library. Each command lives in its own module
 * and registers itself here.
 */
import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './analyze.ts';
import { registerCorpus } from './corpus.ts';
import { registerExtract } from './extract.ts';
import { registerServe } from './serve.ts';
import { registerStance } from './stance.ts';
import { VERSION } from '../version.ts';

export { VERSION };

export function buildProgram(): Command {
  const program = new Command()
    .name('sitrep')
    .description(
      'Read news the way an analyst does: entities, quotes, claims, dates and events, each traced to its text.',
    )
    .version(VERSION, '-V, --version', 'print the version of sitrep')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAnalyze(program);
  registerExtract(program);
  registerCorpus(program);
  registerServe(program);
  registerStance(program);
  return program;
}

/** Run the CLI; resolves to the process exit code. User errors print one line, never a stack. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed.
      return err.exitCode;
    }
    process.stderr.write(`sitrep: ${(err as Error).message}\n`);
    if (process.env.SITREP_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}
