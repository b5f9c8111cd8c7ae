/**
 * `sitrep serve`: the HTTP API and the web UI over a corpus, from one process. The server and the
 * corpus are imported when the command runs (`sitrep --help` loads neither).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_HOST, DEFAULT_PORT } from '../server/defaults.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the API (/api, documented at /api/openapi.json) and the web UI over a corpus')
    .option('--db <path|url>', 'SQLite file or postgres:// URL', './sitrep.db')
    .option('--port <n>', 'port to listen on', String(DEFAULT_PORT))
    .option('--host <address>', 'address to bind (anything but loopback needs --token or --insecure)', DEFAULT_HOST)
    .option('--token <secret>', 'require "Authorization: Bearer <secret>" on every API call')
    .option('--insecure', 'allow a non-loopback bind without a token')
    .option(
      '--allow-private-urls',
      'let POST /api/analyze {url} fetch loopback and private-network addresses (refused by default)',
    )
    .option('--threads <n>', 'analysis threads (each holds its own models; default: cores - 1, at most 2)')
    .option('--analysis-timeout <seconds>', 'longest one analysis may run before it is refused with 503', '60')
    .option('--quiet', 'do not log requests')
    .action(
      async (o: {
        db: string;
        port: string;
        host: string;
        token?: string;
        insecure?: boolean;
        allowPrivateUrls?: boolean;
        threads?: string;
        analysisTimeout: string;
        quiet?: boolean;
      }) => {
        const port = Number(o.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new Error(`--port: "${o.port}" is not a port number`);
        const threads = o.threads === undefined ? undefined : Number(o.threads);
        if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64))
          throw new Error(`--threads: "${o.threads}" is not a number of threads from 1 to 64`);
        const timeout = Number(o.analysisTimeout);
        if (!(timeout > 0 && timeout <= 3600))
          throw new Error(`--analysis-timeout: "${o.analysisTimeout}" is not a number of seconds from 1 to 3600`);
        const token = o.token ?? process.env.SITREP_TOKEN;
        // A typo in --db would otherwise serve an empty corpus without a word: say that one is made.
        if (!/^postgres(ql)?:\/\//i.test(o.db) && !existsSync(o.db)) {
          process.stderr.write(`sitrep: no database at ${o.db}; serving a new, empty corpus there\n`);
        }
        const [{ Corpus }, { startServer }, { ensureUi }] = await Promise.all([
          import('../corpus/corpus.ts'),
          import('../server/server.ts'),
          import('../ui/build.ts'),
        ]);
        const corpus = await Corpus.open(o.db);
        let fetchPage;
        try {
          const { fetchUrl } = await import('../ingest/fetch.ts');
          // API callers name the URLs: keep them to the public internet unless told otherwise.
          fetchPage = (url: string) => fetchUrl(url, { publicOnly: !o.allowPrivateUrls });
        } catch {
          fetchPage = undefined;
        }
        const uiDir = await ensureUi();
        const running = await startServer({
          corpus,
          host: o.host,
          port,
          token,
          insecure: o.insecure,
          uiDir,
          fetchPage,
          analysis: { size: threads, timeoutMs: timeout * 1000 },
          log: o.quiet ? undefined : (line) => process.stderr.write(line + '\n'),
        });
        process.stderr.write(
          `sitrep: serving ${o.db} at ${running.url}/ (API: ${running.url}/api/openapi.json)` +
            `${token ? ', bearer token required' : ''}\n`,
        );
        await new Promise<void>((done) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void running
              .close()
              .then(() => corpus.close())
              .then(done);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
}
