/**
 * An article in a request body, and how it becomes the pipeline's input. Shared by the API (which
 * validates bodies) and the analysis threads (which extract HTML and analyse).
 */
import { createHash } from 'node:crypto';
import type { RawArticle } from '../ingest/types.ts';
import { extractHtml } from '../ingest/html.ts';
import { HttpError } from './http.ts';

/** The fields of an article in a request body. */
export interface ArticleBody {
  id?: string;
  text?: string;
  html?: string;
  url?: string;
  published?: string;
  title?: string;
  publisher?: string;
}

/** Turn a validated body into the pipeline's input (HTML is extracted to text blocks here). */
export function toRaw(b: ArticleBody, html?: string, pageUrl?: string): RawArticle {
  const source = {
    ...(b.title ? { title: b.title } : {}),
    ...(b.publisher ? { publisher: b.publisher } : {}),
    ...(b.published ? { published: b.published } : {}),
    ...((pageUrl ?? b.url) ? { url: pageUrl ?? b.url } : {}),
  };
  const markup = html ?? b.html;
  let text = b.text;
  if (markup !== undefined) {
    const page = extractHtml(markup, { url: pageUrl ?? b.url });
    if (!page.found || !page.text.trim()) throw new HttpError(422, 'no article text found in the HTML');
    text = page.meta.title && !source.title ? `${page.meta.title}\n\n${page.text}` : page.text;
    if (!source.title && page.meta.title) Object.assign(source, { title: page.meta.title });
    if (!source.published && page.meta.published) Object.assign(source, { published: page.meta.published });
    if (!source.publisher && page.meta.publisher) Object.assign(source, { publisher: page.meta.publisher });
  }
  return { id: articleKey(b.id, source.url, text ?? ''), source, text };
}

/** The corpus key of an article from the API: its id, else its URL, else a hash of its text. */
export function articleKey(id: string | undefined, url: string | undefined, text: string): string {
  return id ?? url ?? `api:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/** One piece of analysis work: a body, and for a fetched page its markup or text and final URL. */
export interface AnalysisJob {
  body: ArticleBody;
  /** Markup of a fetched page (HTML is extracted in the analysing thread: it can be slow). */
  html?: string;
  pageUrl?: string;
}

/** The pipeline input of a job (may throw HttpError 422 when HTML holds no article). */
export function jobToRaw(job: AnalysisJob): RawArticle {
  return toRaw(job.body, job.html, job.pageUrl);
}
