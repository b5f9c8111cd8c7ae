/**
 * The library's analysis and extraction (`analyze`, `extract` of src/index.ts): an article given as
 * text or HTML with its provenance, read the way the command line reads a file. The pipeline and the
 * HTML reader are imported on first use, so importing the library loads neither.
 */
import { createHash } from 'node:crypto';
import type { Analysis, Block, Removed, Source } from '../model/analysis.ts';
import { isCalendarDay } from '../model/dates.ts';
import type { RawArticle } from '../ingest/types.ts';
import type { Pipeline } from '../pipeline.ts';

/** An article: its text or its HTML page, and what is known of it. */
export interface ArticleInput {
  /** Plain text: paragraphs separated by blank lines (or single line breaks). */
  text?: string;
  /** An HTML page: the article is extracted from it (its title, date and publisher too). */
  html?: string;
  /** Publication day, YYYY-MM-DD: relative dates ("on Tuesday") resolve against it. */
  published?: string;
  title?: string;
  publisher?: string;
  url?: string;
  /** How the article is named in the output (default: the URL, or a hash of the content). */
  id?: string;
}

/** What `analyze` may add to (or override in) the article it is given. */
export type AnalyzeOptions = Pick<ArticleInput, 'published' | 'title' | 'publisher' | 'url' | 'id'>;

/** An article extracted from a page: the record `sitrep extract --json` writes. */
export interface ExtractedArticle extends Source {
  id: string;
  /** The clean text, blocks joined by blank lines. */
  text: string;
  blocks: Block[];
  /** What was taken out (page debris, repeated captions), with the reason. */
  removed: Removed[];
}

/** The most characters of text or HTML one article may have (the command line's input limit). */
const MAX_CHARS = 30 * 1024 * 1024;

/** The pipeline's input for an article; throws TypeError or RangeError naming what is wrong. */
export function toRawArticle(input: string | ArticleInput, options: AnalyzeOptions = {}): RawArticle {
  if (typeof input !== 'string' && (input === null || typeof input !== 'object'))
    throw new TypeError('an article is a string or an object {text | html, published, title, url, ...}');
  const a: ArticleInput = typeof input === 'string' ? { text: input } : { ...input };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) Object.assign(a, { [k]: v });
  if (typeof a.text !== 'string' && typeof a.html !== 'string')
    throw new TypeError('an article needs its text or its html (a string)');
  const content = a.html ?? a.text ?? '';
  if (content.length > MAX_CHARS)
    throw new RangeError(`the article is ${(content.length / 1048576).toFixed(1)} M characters, over the 30 M limit`);
  if (a.published !== undefined && !isCalendarDay(a.published))
    throw new RangeError(`published: "${a.published}" is not a calendar day in the form YYYY-MM-DD`);
  const source: Source = {};
  for (const k of ['title', 'publisher', 'published', 'url'] as const) {
    const v = a[k];
    if (v !== undefined && typeof v !== 'string') throw new TypeError(`${k} must be a string`);
    if (v) source[k] = v;
  }
  const id = a.id ?? a.url ?? `sha256:${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
  return a.html !== undefined ? { id, source, html: a.html } : { id, source, text: a.text };
}

let pipeline: Promise<Pipeline> | undefined;

/** The pipeline this process shares (models load on its first analysis). */
export function sharedPipeline(): Promise<Pipeline> {
  pipeline ??= import('../pipeline.ts').then(({ Pipeline }) => new Pipeline());
  return pipeline;
}

/**
 * Analyse one article: a text, or `{ text | html, published, title, publisher, url, id }`. Resolves to
 * the analysis (the JSON contract of schema/analysis.schema.json).
 */
export async function analyze(input: string | ArticleInput, options: AnalyzeOptions = {}): Promise<Analysis> {
  const raw = toRawArticle(input, options);
  return (await sharedPipeline()).analyze(raw);
}

/** The text, blocks and metadata of an HTML page, as `sitrep extract` gives them; throws when it holds no article. */
export async function extract(html: string, url?: string): Promise<ExtractedArticle> {
  if (typeof html !== 'string') throw new TypeError('extract takes the HTML of a page (a string)');
  const { cleanArticle } = await import('../clean/clean.ts');
  return extractedRecord(cleanArticle(toRawArticle({ html, url })));
}

/** The record of an extracted article (a Doc after cleaning); throws when the page held no article text. */
export function extractedRecord(doc: {
  id: string;
  text: string;
  blocks: Block[];
  removed: Removed[];
  source: Source;
}): ExtractedArticle {
  if (!doc.blocks.some((b) => b.kind !== 'title')) throw new Error('no article text found on the page');
  return { id: doc.id, text: doc.text, blocks: doc.blocks, removed: doc.removed, ...doc.source };
}
