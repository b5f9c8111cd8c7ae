/**
 * `sitrep extract`: the article text and metadata of pages, feeds, folders and URLs, without analysis.
 * The readers are imported when the command runs (`sitrep --help` loads none of them).
 */
import { dayArg } from './args.ts';
import type { Command } from 'commander';
import { JsonWriter } from './output.ts';

interface ExtractOptions {
  json?: boolean;
  jsonl?: boolean;
  published?: string;
  timeout: number;
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract article text, blocks and metadata from HTML pages, feeds, folders and URLs')
    .argument(
      '<input...>',
      'HTML pages (.html, .htm, .gz), RSS/Atom/JSON feeds, folders (recursively; links to files followed, ' +
        'to folders not), http(s) URLs, text or JSONL files, ' +
        '- for standard input',
    )
    .option('--json', 'one JSON document (an array for several records)')
    .option('--jsonl', 'one record per line, in input order')
    .option('--timeout <seconds>', 'give up on a URL after this long', (v) => Number(v), 20)
    .option('--published <date>', 'publication day (YYYY-MM-DD) overriding the page', dayArg)
    .addHelpText(
      'after',
      '\nRecords: {id, text, blocks, removed, title, authors, published, publisher, url, language}.' +
        '\nExit status is 1 when any input failed; the others are still written.',
    )
    .action(async (inputs: string[], o: ExtractOptions) => {
      const [{ cleanArticle }, { readInputs, userMessage }, { extractedRecord }] = await Promise.all([
        import('../clean/clean.ts'),
        import('../ingest/inputs.ts'),
        import('../lib/article.ts'),
      ]);
      let failed = 0;
      const format = o.jsonl ? 'jsonl' : o.json ? 'json' : 'text';
      const json = new JsonWriter(process.stdout, format === 'jsonl');
      let n = 0;
      for await (const input of readInputs(inputs, {
        published: o.published,
        fetch: { timeoutMs: o.timeout * 1000 },
      })) {
        if (!input.ok) {
          failed++;
          process.stderr.write(`sitrep: ${input.id}: ${input.error}\n`);
          continue;
        }
        try {
          const record = extractedRecord(cleanArticle(input.article));
          if (format === 'text') {
            process.stdout.write(
              `${n++ ? '\n' : ''}== ${record.id}\n` +
                `${[record.title, record.published, record.publisher, record.url].filter(Boolean).join(' · ')}\n\n` +
                `${record.text}\n`,
            );
          } else json.write(record);
        } catch (err) {
          failed++;
          process.stderr.write(`sitrep: ${input.article.id}: ${userMessage(err)}\n`);
        }
      }
      if (format !== 'text') json.end();
      process.exitCode = failed ? 1 : 0;
    });
}
