/**
 * `sitrep analyze`: analyse articles and print a report, JSON or JSON lines. The pipeline, the input
 * readers and the exports are imported when the command runs, so `sitrep --help` loads none of them.
 */
import { isCalendarDay } from '../model/dates.ts';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Analysis } from '../model/analysis.ts';
import { renderReport } from './report.ts';
import { Progress } from './progress.ts';
import { JsonWriter } from './output.ts';
import type { GeoJsonFeature } from '../export/events.ts';

type Format = 'report' | 'json' | 'jsonl' | 'csv' | 'geojson';

interface AnalyzeOptions {
  published?: string;
  title?: string;
  publisher?: string;
  json?: boolean;
  jsonl?: boolean;
  format?: Format;
  color?: boolean;
  timeout?: number;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('analyse news articles: entities, roles, quotes, claims, dates (and a readable report)')
    .argument(
      '<input...>',
      'text or HTML files (.txt, .html, .gz), feeds, folders (links to files followed, to folders not), ' +
        'http(s) URLs, - for standard input, ' +
        'or .json/.jsonl files of {id, text|html, published?, title?, url?, publisher?} records',
    )
    .option('--timeout <seconds>', 'give up on a URL after this long', (v) => Number(v), 20)
    .option('--published <date>', 'publication day (YYYY-MM-DD) that relative dates resolve against')
    .option('--title <title>', 'article title (one input)')
    .option('--publisher <name>', 'publisher, e.g. "The Daily Ledger"')
    .option('--json', 'one JSON document (an array for several inputs)')
    .option('--jsonl', 'one analysis per line, in input order')
    .addOption(
      new Option(
        '--format <format>',
        'output format: csv is the events with ACLED-like columns, geojson the places and events',
      ).choices(['report', 'json', 'jsonl', 'csv', 'geojson']),
    )
    .option('--no-color', 'plain report without terminal colours')
    .addHelpText(
      'after',
      `
Examples:
  sitrep analyze examples/articles/wire-report.txt --published 2026-03-14
  cat article.txt | sitrep analyze - --json
  sitrep analyze records.jsonl --jsonl > analyses.jsonl
  sitrep analyze report.html --format csv > events.csv

Exit status is 1 when any input failed; the others are still analysed and written.`,
    )
    .action(async (inputs: string[], opts: AnalyzeOptions) => {
      process.exitCode = await runAnalyze(inputs, opts);
    });
}

export async function runAnalyze(inputs: string[], opts: AnalyzeOptions): Promise<number> {
  const format: Format = opts.format ?? (opts.jsonl ? 'jsonl' : opts.json ? 'json' : 'report');
  if (opts.published !== undefined && !isCalendarDay(opts.published)) {
    process.stderr.write(`sitrep: --published "${opts.published}" is not a calendar day in the form YYYY-MM-DD\n`);
    return 2;
  }
  const [{ Pipeline }, { readInputs, userMessage }, { analysisToGeoJson, eventsToCsv }] = await Promise.all([
    import('../pipeline.ts'),
    import('../ingest/inputs.ts'),
    import('../export/events.ts'),
  ]);
  const pipeline = new Pipeline();
  const out = process.stdout;
  // Record files give an array even when they hold one record; other inputs give an object when
  // they yield one analysis.
  const recordFiles = inputs.some((i) => /\.(json|jsonl|ndjson)$/i.test(i));
  const json = new JsonWriter(out, format === 'jsonl');
  const features: GeoJsonFeature[] = [];
  const color = opts.color !== false && format === 'report' && out.isTTY === true;
  const progress = new Progress('analysed');
  let failed = 0;
  let written = 0;

  for await (const input of readInputs(inputs, { ...opts, fetch: { timeoutMs: (opts.timeout ?? 20) * 1000 } })) {
    if (!input.ok) {
      failed++;
      progress.clear();
      process.stderr.write(`sitrep: ${input.id}: ${input.error}\n`);
      continue;
    }
    let analysis: Analysis;
    try {
      analysis = pipeline.analyze(input.article);
    } catch (err) {
      failed++;
      progress.clear();
      process.stderr.write(`sitrep: ${input.article.id}: analysis failed: ${userMessage(err)}\n`);
      if (process.env.SITREP_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
      continue;
    }
    if (format === 'report') out.write((written ? '\n' : '') + renderReport(analysis, { color }));
    else if (format === 'csv')
      out.write(written ? eventsToCsv(analysis).replace(/^.*\r\n/, '') : eventsToCsv(analysis));
    else if (format === 'geojson') features.push(...analysisToGeoJson(analysis).features);
    else json.write(analysis);
    written++;
    progress.tick(written, failed);
  }
  if (format === 'json' || format === 'jsonl') json.end(recordFiles);
  if (format === 'geojson') out.write(JSON.stringify({ type: 'FeatureCollection', features }, null, 2) + '\n');
  progress.done(written, failed);
  return failed > 0 ? 1 : 0;
}
