/** Shared helpers of the evaluation, training and benchmark commands. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { tokenStage } from '../src/nlp/tokens.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The shared folder beside the repository: evaluation data and the seed article. */
export const SHARED = resolve(REPO_ROOT, '../shared');

/** Path of a shared file, or exit with a one-line reason when the shared data is absent. */
export function sharedPathOrExit(rel: string): string {
  const p = resolve(SHARED, rel);
  if (!existsSync(p)) {
    console.error(`skipped: ${p} is absent (evaluation data lives in ../shared, beside the repository)`);
    process.exit(0);
  }
  return p;
}

/** The value after `--name` on the command line, if given. */
export function optionValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A line with the F1 of each half of the documents (alternately) and the gap between them. */
export function halvesLine(a: number, b: number): string {
  return `  halves (documents alternately): A ${a.toFixed(2)}, B ${b.toFixed(2)}, gap ${Math.abs(a - b).toFixed(2)}`;
}

export function pct(x: number): string {
  return (100 * x).toFixed(1);
}

/** A text as a Doc with the layers every stage is given first: sentences and tokens. */
export function sentencesAndTokens(text: string, id = 'text'): Doc {
  const doc = new Doc({ id, source: {}, text });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  return doc;
}
