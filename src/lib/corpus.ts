/**
 * The library's corpus (`Corpus` of src/index.ts): the command line's corpus commands as methods.
 * `ingest` is `sitrep ingest`; `search`, `entity`, `events`, `claims`, `quotes`, `articles`, `stories`
 * and `graph` are the listings, with the same filters and the JSON they print.
 */
import type {
  ArticleRow,
  ClaimFilters,
  ClaimReport,
  Corpus as Store,
  CorpusClaim,
  CorpusEventRow,
  EventFilters,
  SearchFilters,
  SearchHit,
} from '../corpus/corpus.ts';
import type { IngestEvent, IngestTally } from '../corpus/ingest.ts';
import type { InputResult } from '../ingest/inputs.ts';
import { isCalendarDay, isDateFilter } from '../model/dates.ts';
import { sharedPipeline, toRawArticle, type ArticleInput } from './article.ts';

export type {
  ArticleRow,
  ClaimFilters,
  ClaimReport,
  CorpusClaim,
  CorpusEventRow,
  EventFilters,
  SearchFilters,
  SearchHit,
  IngestEvent,
  IngestTally,
};

export interface OpenOptions {
  /** An existing corpus only, never created, upgraded or written (what the CLI's listings open). */
  readOnly?: boolean;
}

export interface IngestOptions {
  /** Publication day (YYYY-MM-DD) of inputs that do not give one. */
  published?: string;
  /** Publisher of inputs that do not give one. */
  publisher?: string;
  /** Called as each input is stored, or fails. */
  onEvent?: (event: IngestEvent, tally: IngestTally) => void;
}

/** What an ingest did: counts by outcome, and each input that failed with the reason. */
export interface IngestResult extends IngestTally {
  failures: Array<{ id: string; error: string }>;
}

/** One entity across the corpus, as `sitrep entity --json` prints it. */
export type EntityReport = NonNullable<Awaited<ReturnType<Store['entityReport']>>>;
/** A stored quote, with its speaker as the corpus knows them. */
export type CorpusQuote = Awaited<ReturnType<Store['quotes']>>[number];
/** The entity network (`sitrep graph --format json`). */
export type CorpusGraph = Awaited<ReturnType<Store['graph']>>;

/** Check the date filters as the command line does, so a wrong date is refused and never compared. */
function checkDates(f: { since?: string; until?: string }): void {
  for (const k of ['since', 'until'] as const) {
    const v = f[k];
    if (v !== undefined && !isDateFilter(v))
      throw new RangeError(`${k}: "${v}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  }
}

export class Corpus {
  private constructor(private readonly store: Store) {}

  /**
   * Open the corpus in a SQLite file (created if need be) or a PostgreSQL database (`postgres://...`);
   * with `readOnly`, only an existing corpus, never written.
   */
  static async open(pathOrUrl: string, options: OpenOptions = {}): Promise<Corpus> {
    const { Corpus: StoreClass } = await import('../corpus/corpus.ts');
    return new Corpus(await StoreClass.open(pathOrUrl, options));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /**
   * Analyse and store articles, idempotently (an article stored already is counted as a duplicate).
   * Each input is a file, folder, feed or http(s) URL as `sitrep ingest` reads them, or an article
   * `{ text | html, published, title, publisher, url, id }`. Inputs that cannot be read or analysed
   * are recorded and listed in `failures`; the rest are stored.
   */
  async ingest(
    inputs: string | ArticleInput | Array<string | ArticleInput>,
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    const [{ ingestDirect }, { readInputs }] = await Promise.all([
      import('../corpus/ingest.ts'),
      import('../ingest/inputs.ts'),
    ]);
    if (options.published !== undefined && !isCalendarDay(options.published))
      throw new RangeError(`published: "${options.published}" is not a calendar day in the form YYYY-MM-DD`);
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const overrides = { published: options.published, publisher: options.publisher };
    async function* read(): AsyncGenerator<InputResult> {
      for (const [i, input] of list.entries()) {
        if (typeof input === 'string') {
          yield* readInputs([input], overrides);
          continue;
        }
        try {
          const raw = toRawArticle(input);
          if (options.published && !raw.source.published) raw.source.published = options.published;
          if (options.publisher && !raw.source.publisher) raw.source.publisher = options.publisher;
          yield { ok: true, article: raw };
        } catch (err) {
          yield { ok: false, id: input?.id ?? `article ${i + 1}`, error: (err as Error).message };
        }
      }
    }
    const failures: IngestResult['failures'] = [];
    const tally = await ingestDirect(
      this.store,
      read(),
      (e, t) => {
        if (e.kind === 'failed') failures.push({ id: e.id, error: e.error });
        options.onEvent?.(e, t);
      },
      await sharedPipeline(),
    );
    return { ...tally, failures };
  }

  /** Ranked full-text search with snippets (`sitrep search`). */
  async search(query: string, filters: SearchFilters = {}): Promise<{ results: SearchHit[] }> {
    checkDates(filters);
    return this.store.search(query, filters);
  }

  /** One entity, by id or by a name or alias: aliases, roles, mentions per day, quotes, claims, events, related. */
  async entity(nameOrId: string): Promise<EntityReport | undefined> {
    return this.store.entityReport(nameOrId);
  }

  /** Corpus events with their independent sources, newest first (`sitrep events`). */
  async events(filters: EventFilters = {}): Promise<CorpusEventRow[]> {
    checkDates(filters);
    return this.store.events(filters);
  }

  /**
   * Claims merged across articles (`sitrep claims`): each with its reports, its independent sources
   * and the reports that dispute it; `entity` (by id, name or alias) keeps the claims it makes,
   * disputes or is named in (none for an unknown entity).
   */
  async claims(filters: ClaimFilters = {}): Promise<CorpusClaim[]> {
    checkDates(filters);
    return this.store.claims(filters);
  }

  /** Quotes, of one speaker or all (`sitrep quotes`). */
  async quotes(speaker?: string): Promise<CorpusQuote[]> {
    return this.store.quotes(speaker);
  }

  /** Stored articles, newest first (`sitrep articles`). */
  async articles(limit = 100): Promise<ArticleRow[]> {
    return this.store.articles(limit);
  }

  /** Stories: syndicated copies and light rewrites grouped, with their original (`sitrep stories`). */
  async stories(): Promise<Array<{ id: number; original: number | null; articles: number[] }>> {
    return this.store.stories();
  }

  /** One stored article's analysis, with its story. */
  async article(id: number) {
    return this.store.article(id);
  }

  /** The entity network (`sitrep graph`): entities as nodes, co-occurrence and relations as edges. */
  async graph(minWeight = 1): Promise<CorpusGraph> {
    return this.store.graph(minWeight);
  }
}
