/**
 * sitrep as a library: `import { analyze, extract, Corpus } from 'sitrep'`.
 *
 *   analyze(text | { text | html, published, title, publisher, url, id }, options) → Promise<Analysis>
 *   extract(html, url?) → Promise<ExtractedArticle>
 *   Corpus.open(path | postgres://url) → ingest, search, entity, events, claims, quotes, ...
 *
 * `Analysis` is the JSON contract of schema/analysis.schema.json (src/model/analysis.ts). Nothing is
 * loaded until it is used: the models on the first analysis, the database drivers when a corpus opens.
 * The package is the compiled build of this file (dist/index.js, with dist/index.d.ts).
 */
export { analyze, extract } from './lib/article.ts';
export type { AnalyzeOptions, ArticleInput, ExtractedArticle } from './lib/article.ts';
export { Corpus } from './lib/corpus.ts';
export type {
  ArticleRow,
  ClaimFilters,
  ClaimReport,
  CorpusClaim,
  CorpusEventRow,
  CorpusGraph,
  CorpusQuote,
  EntityReport,
  EventFilters,
  IngestEvent,
  IngestOptions,
  IngestResult,
  IngestTally,
  OpenOptions,
  SearchFilters,
  SearchHit,
} from './lib/corpus.ts';
export type * from './model/analysis.ts';
export { VERSION as version } from './version.ts';
