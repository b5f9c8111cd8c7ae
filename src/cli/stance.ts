/**
 * `sitrep stance`: the stance of articles towards claims. Reads JSON lines of
 * `{ "id", "claim", "text" }` and prints, per record, whether the text agrees with the claim,
 * disagrees with it (denies, refutes, corrects it), discusses it without taking a side, or is
 * unrelated to it, with the model's confidence and the sentences that decided it. A bad record
 * (malformed JSON, a missing or empty field, a text over the limit) is one line on standard error
 * naming it; the rest are still judged, and the exit status is 1. The model is loaded when the
 * command runs (`sitrep --help` loads none of it).
 */
import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { JsonWriter } from './output.ts';
import { quoteNumericIds } from '../ingest/json-ids.ts';
import type { StanceVerdict } from '../extract/stance/model.ts';

interface StanceOptions {
  json?: boolean;
  jsonl?: boolean;
}

/** The longest claim judged: a claim is a sentence or two, a headline. */
export const MAX_CLAIM_CHARS = 5_000;
/** The longest article judged (news articles are rarely a tenth of it). */
export const MAX_TEXT_CHARS = 2_000_000;
/** The longest line read: longer ones are skipped as they stream past, never held whole. */
const MAX_LINE_CHARS = 2 * MAX_TEXT_CHARS + 2 * MAX_CLAIM_CHARS;

export function registerStance(program: Command): void {
  program
    .command('stance')
    .description('does an article agree with a claim, disagree with it (deny, refute), discuss it, or not speak of it?')
    .argument('<input...>', 'JSON lines files of {id, claim, text} records, - for standard input')
    .option('--jsonl', 'one result per line, in input order')
    .option('--json', 'one JSON array of the results')
    .addHelpText(
      'after',
      `
Each record gives one result:
  {"id", "stance": "agree"|"disagree"|"discuss"|"unrelated", "confidence", "evidence": [{"start", "end", "text"}]}
"evidence" holds the sentences of "text" that decided it (UTF-16 offsets); an unrelated text has none.
Claims over ${MAX_CLAIM_CHARS} characters and texts over ${MAX_TEXT_CHARS} are refused.

Examples:
  sitrep stance pairs.jsonl --jsonl
  echo '{"id":1,"claim":"The mayor resigned","text":"The mayor denied she resigned."}' | sitrep stance - --jsonl

Exit status is 1 when any record failed; the others are still judged and written.
The model is trained by npm run train:stance (card: data/models/stance/README.md).`,
    )
    .action(async (inputs: string[], opts: StanceOptions) => {
      process.exitCode = await runStance(inputs, opts);
    });
}

/** One record of the input, or why it cannot be judged (`id` then names the line and the record's id). */
export type StanceRecord =
  { ok: true; id: string; claim: string; text: string } | { ok: false; id: string; error: string };

/** A line of JSON as a record; `where` (FILE:LINE) names it when it has no id. */
export function parseStanceRecord(line: string, where: string): StanceRecord {
  let rec: unknown;
  try {
    rec = JSON.parse(quoteNumericIds(line));
  } catch (err) {
    return { ok: false, id: where, error: `malformed JSON line (${(err as Error).message})` };
  }
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
    return { ok: false, id: where, error: 'record is not a JSON object' };
  }
  const r = rec as Record<string, unknown>;
  const hasId = typeof r.id === 'string' || typeof r.id === 'number';
  const id = hasId ? String(r.id) : where;
  const at = hasId ? `${where} (id ${id})` : where;
  for (const field of ['claim', 'text'] as const) {
    const v = r[field];
    if (typeof v !== 'string') return { ok: false, id: at, error: `record has no "${field}" string` };
    if (v.trim() === '') return { ok: false, id: at, error: `"${field}" is empty` };
  }
  const claim = r.claim as string;
  const text = r.text as string;
  if (claim.length > MAX_CLAIM_CHARS) {
    return { ok: false, id: at, error: `"claim" is over ${MAX_CLAIM_CHARS} characters (a claim is a sentence or two)` };
  }
  if (text.length > MAX_TEXT_CHARS) return { ok: false, id: at, error: `"text" is over ${MAX_TEXT_CHARS} characters` };
  return { ok: true, id, claim, text };
}

/** The lines of a stream, a line longer than `max` characters given as `null` (its text dropped as it streams). */
async function* boundedLines(stream: NodeJS.ReadableStream, max: number): AsyncGenerator<string | null> {
  stream.setEncoding('utf8');
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  for await (const chunk of stream as AsyncIterable<string>) {
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', from)) {
      const piece = chunk.slice(from, nl);
      if (tooLong || length + piece.length > max) yield null;
      else yield (parts.join('') + piece).replace(/\r$/, '');
      [parts, length, tooLong, from] = [[], 0, false, nl + 1];
    }
    const rest = chunk.slice(from);
    if (!tooLong && length + rest.length > max) [parts, tooLong] = [[], true];
    if (!tooLong) parts.push(rest);
    length += rest.length;
  }
  if (tooLong) yield null;
  else if (length > 0) yield parts.join('');
}

/** The records of one input (a file or `-`), or one error naming it. */
async function* readRecords(spec: string): AsyncGenerator<StanceRecord> {
  let stream: NodeJS.ReadableStream;
  if (spec === '-') stream = process.stdin;
  else {
    try {
      if (statSync(spec).isDirectory()) {
        yield { ok: false, id: spec, error: 'is a folder: give a JSON lines file' };
        return;
      }
      stream = createReadStream(spec);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      yield { ok: false, id: spec, error: code === 'ENOENT' ? 'no such file' : (err as Error).message };
      return;
    }
  }
  const name = spec === '-' ? 'stdin' : spec;
  let n = 0;
  let records = 0;
  try {
    for await (const line of boundedLines(stream, MAX_LINE_CHARS)) {
      n++;
      if (line !== null && line.trim() === '') continue;
      records++;
      if (line === null) yield { ok: false, id: `${name}:${n}`, error: `line is over ${MAX_LINE_CHARS} characters` };
      else yield parseStanceRecord(line, `${name}:${n}`);
    }
  } catch (err) {
    yield { ok: false, id: name, error: `cannot be read (${(err as Error).message})` };
    return;
  }
  if (records === 0) yield { ok: false, id: name, error: 'no records (JSON lines of {id, claim, text} expected)' };
}

/** A result as a line of the readable listing. */
function plainLine(id: string, v: StanceVerdict): string {
  const evidence = v.evidence.map(
    (e) => `\n    ${JSON.stringify(e.text.length > 200 ? e.text.slice(0, 200) + '…' : e.text)}`,
  );
  return `${id}\t${v.stance}\t${v.confidence.toFixed(2)}${evidence.join('')}\n`;
}

export async function runStance(inputs: string[], opts: StanceOptions): Promise<number> {
  const { defaultStanceModel, judgeStance } = await import('../extract/stance/model.ts');
  let model;
  try {
    model = defaultStanceModel();
  } catch (err) {
    process.stderr.write(
      `sitrep: the stance model cannot be loaded (${(err as Error).message}); npm run train:stance\n`,
    );
    return 1;
  }
  const json = opts.jsonl || opts.json ? new JsonWriter(process.stdout, !!opts.jsonl) : undefined;
  let failed = 0;
  for (const spec of inputs) {
    for await (const rec of readRecords(spec)) {
      if (!rec.ok) {
        failed++;
        process.stderr.write(`sitrep: ${rec.id}: ${rec.error}\n`);
        continue;
      }
      let verdict: StanceVerdict;
      try {
        verdict = judgeStance(model, rec.claim, rec.text);
      } catch (err) {
        failed++;
        process.stderr.write(`sitrep: ${rec.id}: stance failed: ${(err as Error).message}\n`);
        if (process.env.SITREP_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
        continue;
      }
      const result = {
        id: rec.id,
        stance: verdict.stance,
        confidence: round(verdict.confidence),
        evidence: verdict.evidence,
      };
      if (json) json.write(result);
      else process.stdout.write(plainLine(rec.id, verdict));
    }
  }
  json?.end(true);
  return failed > 0 ? 1 : 0;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
