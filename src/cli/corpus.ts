/**
 * Corpus commands: `ingest`, `worker`, and the listings `articles`, `stories`, `entity`, `events`,
 * `claims`, `search`, `quotes`, `graph`. Each opens the database named by `--db` (default ./sitrep.db). The
 * corpus, the pipeline and the exports are imported when a command runs (`sitrep --help` loads none).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { dateFilterArg, dayArg, limitArg } from './args.ts';
import type { Corpus, CorpusClaim, CorpusEventRow, SearchFilters } from '../corpus/corpus.ts';
import type { IngestEvent, IngestTally } from '../corpus/ingest.ts';
import { Progress } from './progress.ts';

export const DEFAULT_DB = './sitrep.db';

const dbOption = () => new Option('--db <path|url>', 'SQLite file or postgres:// URL').default(DEFAULT_DB);

/**
 * Open the corpus (created or upgraded if need be), run `fn`, always close; resolves to the exit
 * code.
 */
async function withCorpus(
  db: string,
  fn: (c: Corpus) => Promise<number | void>,
  options: { readOnly?: boolean } = {},
): Promise<number> {
  const { Corpus } = await import('../corpus/corpus.ts');
  const corpus = await Corpus.open(db, options);
  try {
    return (await fn(corpus)) ?? 0;
  } finally {
    await corpus.close();
  }
}

/** withCorpus for the listings: an existing corpus, opened read-only, never created, upgraded or written. */
const withReader = (db: string, fn: (c: Corpus) => Promise<number | void>) => withCorpus(db, fn, { readOnly: true });

function print(json: boolean, data: unknown, text: () => string): void {
  process.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : text());
}

function tallyLine(t: IngestTally): string {
  const parts = [`${t.added} added`, `${t.duplicate} already stored`, `${t.revision} revised`, `${t.failed} failed`];
  if (t.queued) parts.push(`${t.queued} queued`);
  return parts.join(', ');
}

function reporter(progress: Progress) {
  return (e: IngestEvent, t: IngestTally) => {
    if (e.kind === 'failed') {
      progress.clear();
      process.stderr.write(`sitrep: ${e.id}: ${e.error}\n`);
    } else if (e.kind === 'waiting') {
      progress.clear();
      process.stderr.write(`sitrep: worker: ${e.message}\n`);
    }
    progress.tick(t.added + t.duplicate + t.revision + t.queued, t.failed);
  };
}

export function registerCorpus(program: Command): void {
  program
    .command('ingest')
    .description('analyse articles and store them in the corpus (idempotent: the same article twice is stored once)')
    .argument('<input...>', 'files, - for standard input, or .json/.jsonl record files')
    .addOption(dbOption())
    .option('--published <date>', 'publication day (YYYY-MM-DD) for inputs that do not give one', dayArg)
    .option('--publisher <name>', 'publisher for inputs that do not give one')
    .option('--queue', 'only enqueue the inputs as jobs for `sitrep worker` processes')
    .action(async (inputs: string[], o: { db: string; published?: string; publisher?: string; queue?: boolean }) => {
      const [{ enqueue, ingestDirect }, { readInputs }] = await Promise.all([
        import('../corpus/ingest.ts'),
        import('../ingest/inputs.ts'),
      ]);
      process.exitCode = await withCorpus(o.db, async (corpus) => {
        const progress = new Progress(o.queue ? 'queued' : 'stored');
        const source = readInputs(inputs, { published: o.published, publisher: o.publisher });
        const t = o.queue
          ? await enqueue(corpus, source, reporter(progress))
          : await ingestDirect(corpus, source, reporter(progress));
        progress.done(t.added + t.duplicate + t.revision + t.queued, t.failed);
        process.stderr.write(`sitrep: ${tallyLine(t)} (${o.db})\n`);
        return t.failed ? 1 : 0;
      });
    });

  program
    .command('worker')
    .description('process queued ingest jobs; run as many as you like, on any machine that reaches the database')
    .addOption(dbOption())
    .option(
      '--drain',
      "exit when the queue is empty instead of waiting for more (a killed worker's job goes back to the queue)",
    )
    .option('--name <name>', 'worker name recorded with each job')
    .action(async (o: { db: string; drain?: boolean; name?: string }) => {
      const { runWorker } = await import('../corpus/ingest.ts');
      process.exitCode = await withCorpus(o.db, async (corpus) => {
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
        const progress = new Progress('processed');
        const t = await runWorker(corpus, { drain: o.drain, name: o.name, signal: stop.signal }, reporter(progress));
        progress.done(t.added + t.duplicate + t.revision, t.failed);
        process.stderr.write(`sitrep: worker: ${tallyLine(t)}\n`);
        return 0;
      });
    });

  program
    .command('articles')
    .description('list stored articles, newest first')
    .addOption(dbOption())
    .option('--limit <n>', 'how many', limitArg, 100)
    .option('--json', 'JSON: [{id, title, published, story}]')
    .action(async (o: { db: string; limit: number; json?: boolean }) => {
      process.exitCode = await withReader(o.db, async (c) => {
        const rows = await c.articles(o.limit);
        print(
          !!o.json,
          rows.map((r) => ({
            id: r.id,
            title: r.title,
            published: r.published,
            story: r.story,
            publisher: r.publisher,
            key: r.key,
          })),
          () =>
            rows
              .map(
                (r) =>
                  `${String(r.id).padStart(6)}  ${r.published ?? '          '}  ` +
                  `story ${String(r.story).padEnd(5)} ${r.title ?? r.key}\n`,
              )
              .join(''),
        );
      });
    });

  program
    .command('stories')
    .description('list stories: syndicated copies and light rewrites grouped, with their original')
    .addOption(dbOption())
    .option('--json', 'JSON: [{id, original, articles: [ids]}]')
    .action(async (o: { db: string; json?: boolean }) => {
      process.exitCode = await withReader(o.db, async (c) => {
        const rows = await c.stories();
        print(!!o.json, rows, () =>
          rows
            .map(
              (s) =>
                `story ${s.id}: original ${s.original}, ${s.articles.length} article(s): ${s.articles.join(', ')}\n`,
            )
            .join(''),
        );
      });
    });

  program
    .command('entity')
    .description(
      'one entity across the corpus: aliases, roles over time, mentions per day, quotes, claims, events, ' +
        'related entities',
    )
    .argument('<name-or-id>')
    .addOption(dbOption())
    .option('--json', 'JSON: {id, name, type, aliases, roles, quotes, claims, events, related}')
    .action(async (name: string, o: { db: string; json?: boolean }) => {
      process.exitCode = await withReader(o.db, async (c) => {
        const r = await c.entityReport(name);
        if (!r) {
          process.stderr.write(`sitrep: no entity named or with id "${name}"\n`);
          return 1;
        }
        print(
          !!o.json,
          r,
          () =>
            [
              `${r.name} (${r.type}) — ${r.id}`,
              r.aliases.length ? `aka: ${r.aliases.join(', ')}` : '',
              r.roles.length
                ? `roles: ${r.roles.map((x) => `${x.role}${x.since ? ` (since ${x.since})` : ''}`).join('; ')}`
                : '',
              `articles: ${r.articles.length}; mentions per day: ${Object.entries(r.mentionsPerDay)
                .map(([d, n]) => `${d} ${n}`)
                .join(', ')}`,
              ...r.quotes.slice(0, 20).map((q) => `  “${q.text}” (article ${q.article})`),
              ...r.claims.slice(0, 10).map((q) => `  claim: ${q.text} (article ${q.article})`),
              ...r.events.slice(0, 10).map((e) => `  event ${e.id}: ${e.type} ${e.date ?? ''} (${e.sources} sources)`),
              r.related.length ? `related: ${r.related.map((x) => `${x.name} (${x.articles})`).join(', ')}` : '',
              '',
            ]
              .filter((l) => l !== '')
              .join('\n') + '\n',
        );
      });
    });

  program
    .command('events')
    .description('corpus events: mentions of one real-world event merged, with their independent sources')
    .addOption(dbOption())
    .option('--type <PLOVER type>', 'e.g. ASSAULT')
    .option('--entity <name>', 'events with this actor, target or place')
    .option('--place <name>', 'events at this place')
    .option('--since <date>', 'events on or after this day (YYYY-MM-DD, or YYYY-MM)', dateFilterArg)
    .option('--until <date>', 'events on or before this day (YYYY-MM-DD, or YYYY-MM)', dateFilterArg)
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'geojson']).default('table'),
    )
    .option('--json', 'same as --format json')
    .action(
      async (o: {
        db: string;
        type?: string;
        entity?: string;
        place?: string;
        since?: string;
        until?: string;
        format: string;
        json?: boolean;
      }) => {
        const { eventsToCsv, eventsToGeoJson } = await import('../corpus/export.ts');
        process.exitCode = await withReader(o.db, async (c) => {
          const rows = await c.events(o);
          const format = o.json ? 'json' : o.format;
          if (format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
          else if (format === 'csv') process.stdout.write(eventsToCsv(rows));
          else if (format === 'geojson') process.stdout.write(JSON.stringify(eventsToGeoJson(rows), null, 2) + '\n');
          else process.stdout.write(rows.map(eventLine).join(''));
        });
      },
    );

  program
    .command('claims')
    .description(
      'claims merged across articles: their reports, how many independent sources make them, and the reports ' +
        'that dispute them',
    )
    .addOption(dbOption())
    .option('--entity <name>', 'claims this entity makes or disputes')
    .option('--disputed', 'only claims some report disputes')
    .option('--since <date>', 'reports published on or after this day (YYYY-MM-DD, or YYYY-MM)', dateFilterArg)
    .option('--until <date>', 'reports published on or before this day (YYYY-MM-DD, or YYYY-MM)', dateFilterArg)
    .option('--limit <n>', 'at most this many claims (200)', limitArg)
    .option('--json', 'JSON instead of a table')
    .action(
      async (o: {
        db: string;
        entity?: string;
        disputed?: boolean;
        since?: string;
        until?: string;
        limit?: number;
        json?: boolean;
      }) => {
        process.exitCode = await withReader(o.db, async (c) => {
          const claims = await c.claims(o);
          if (o.json) process.stdout.write(JSON.stringify(claims, null, 2) + '\n');
          else process.stdout.write(claims.map(claimLines).join(''));
        });
      },
    );

  program
    .command('search')
    .description('full-text search of the corpus, ranked, with snippets')
    .argument('<query>')
    .addOption(dbOption())
    .option('--entity <name>', 'only articles mentioning this entity')
    .option('--type <entity type>', 'only articles mentioning an entity of this type (PERSON, ORG, GPE, ...)')
    .option('--since <date>', 'only articles published on or after this day (YYYY-MM-DD)', dateFilterArg)
    .option('--until <date>', 'only articles published on or before this day (YYYY-MM-DD)', dateFilterArg)
    .option('--place <name>', 'only articles mentioning this place')
    .option('--limit <n>', 'how many results', limitArg, 20)
    .option('--json', 'JSON: {results: [{article, score, snippet}]}')
    .action(async (query: string, o: { db: string; json?: boolean } & Record<string, string | number | undefined>) => {
      process.exitCode = await withReader(o.db, async (c) => {
        const r = await c.search(query, o as SearchFilters);
        print(
          !!o.json,
          r,
          () =>
            r.results
              .map(
                (h) =>
                  `${String(h.article).padStart(6)}  ${h.published ?? ''}  ${h.title ?? ''}\n` +
                  `        ${h.snippet.replace(/\s+/g, ' ')}\n`,
              )
              .join('') || 'no results\n',
        );
      });
    });

  program
    .command('quotes')
    .description('quotes in the corpus, optionally by one speaker')
    .addOption(dbOption())
    .option('--speaker <name>', 'only this speaker')
    .option('--json', 'JSON output')
    .action(async (o: { db: string; speaker?: string; json?: boolean }) => {
      process.exitCode = await withReader(o.db, async (c) => {
        const rows = await c.quotes(o.speaker);
        print(!!o.json, rows, () =>
          rows
            .map((q) => `${q.speaker ?? q.speakerText ?? 'unattributed'}: “${q.text}” (article ${q.article})\n`)
            .join(''),
        );
      });
    });

  program
    .command('graph')
    .description('the entity network: entities as nodes, co-occurrence and relations as weighted edges')
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'gexf', 'graphml']).default('json'))
    .option('--min-weight <n>', 'drop co-occurrence edges seen in fewer articles', (v) => parseInt(v, 10), 1)
    .action(async (o: { db: string; format: string; minWeight: number }) => {
      const { graphToGexf, graphToGraphml } = await import('../corpus/export.ts');
      process.exitCode = await withReader(o.db, async (c) => {
        const g = await c.graph(o.minWeight);
        process.stdout.write(
          o.format === 'gexf'
            ? graphToGexf(g)
            : o.format === 'graphml'
              ? graphToGraphml(g)
              : JSON.stringify(g, null, 2) + '\n',
        );
      });
    });
}

function eventLine(e: CorpusEventRow): string {
  const who = e.actors.map((a) => a.name).join(', ') || '?';
  const whom = e.targets.map((a) => a.name).join(', ');
  const type = `${e.type}${e.mode ? '/' + e.mode : ''}`;
  const parties = `${who}${whom ? ' → ' + whom : ''}${e.place ? ' @ ' + e.place.name : ''}`;
  const sources = `[${e.sources} source${e.sources === 1 ? '' : 's'}]`;
  const head = `${String(e.id).padStart(5)}  ${(e.date ?? '').padEnd(10)}  ${type}  ${parties}  ${sources}`;
  return (
    head +
    '\n' +
    e.mentions
      .map((m) => `         ${m.published ?? ''} article ${m.article}: ${m.text.replace(/\s+/g, ' ')}\n`)
      .join('')
  );
}

/** One corpus claim as text: its words and sources, then each report and dispute with its article. */
function claimLines(c: CorpusClaim): string {
  const who = (r: CorpusClaim['reports'][number]) =>
    `${r.published ?? ''} article ${r.article} ${r.publisher ?? ''} — ${r.source.text ?? r.source.kind}`;
  const head = `${c.id}  [${c.independentSources} independent source${c.independentSources === 1 ? '' : 's'}]`;
  return [
    `${head}  ${c.text.replace(/\s+/g, ' ')}\n`,
    ...c.reports.map((r) => `         ${who(r)}: ${r.text.replace(/\s+/g, ' ')}\n`),
    ...c.disputes.map((r) => `         DISPUTED ${who(r)}: ${r.text.replace(/\s+/g, ' ')}\n`),
  ].join('');
}
